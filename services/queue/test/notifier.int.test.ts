import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@mpp/telemetry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpNotifier, createLogNotifier, noticeText, type Notice, type NotifyLog } from '../src/infra/notify/notifier.js';

// A pino logger is a NotifyLog.
const _pinoFits: NotifyLog = undefined as unknown as Logger;
void _pinoFits;

const PHONE = '+6281234567890';
const notice: Notice = { to: PHONE, text: 'Nomor antrian B-017 dipanggil ke loket 3.', kind: 'called', ticketNumber: 'B-017' };

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A stand-in for the city's gateway on a real socket: records each request, answers as told. */
let server: Server;
let url: string;
const received: Received[] = [];
let answer: (req: IncomingMessage, res: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`;
});

afterEach(() => {
  received.length = 0;
  // A request left unanswered holds its socket: drop it.
  server.closeAllConnections();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

/** A real pino logger writing its JSON lines into `lines`. */
function capturedLog() {
  const lines: string[] = [];
  const log = createLogger({ service: 'queue', level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return { log, lines };
}

const accept = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"msg-1"}');

describe('the HTTP notifier', () => {
  it('posts the notice as JSON with the bearer token, and logs only kind and ticket number', async () => {
    answer = accept;
    const { log, lines } = capturedLog();
    await createHttpNotifier({ url, token: 's3cret', log }).send(notice);

    expect(received).toHaveLength(1);
    const [r] = received;
    expect(r).toMatchObject({ method: 'POST', url: '/v1/messages' });
    expect(r!.headers['content-type']).toBe('application/json');
    expect(r!.headers.authorization).toBe('Bearer s3cret');
    expect(JSON.parse(r!.body)).toEqual({ to: PHONE, text: 'Nomor antrian B-017 dipanggil ke loket 3.', kind: 'called', reference: 'B-017' });

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ kind: 'called', ticketNumber: 'B-017', msg: 'notice sent' });
    expect(lines.join('')).not.toContain('81234567890');
  });

  it('sends no authorization header without a token', async () => {
    answer = (_req, res) => res.writeHead(200).end();
    await createHttpNotifier({ url }).send({ ...notice, kind: 'few-ahead', text: 'x' });
    expect(received[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(received[0]!.body)).toMatchObject({ kind: 'few-ahead', reference: 'B-017' });
  });

  it('rejects a refusal with the status and the start of the answer, never the phone number', async () => {
    // The gateway echoes the number back, in its own format too.
    const echo = JSON.stringify({ error: 'upstream failure', to: PHONE, msisdn: '0812-3456-7890', detail: 'y'.repeat(400) });
    answer = (_req, res) => res.writeHead(500, { 'content-type': 'application/json' }).end(echo);
    const { log, lines } = capturedLog();
    const error = await createHttpNotifier({ url, token: 's3cret', log })
      .send(notice)
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );

    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/called notice for B-017 not sent: the gateway answered 500 Internal Server Error: \{"error":"upstream failure"/);
    expect(error!.message).toContain('[redacted]');
    expect(error!.message).not.toMatch(/1234567890|3456-7890/);
    expect(error!.message).not.toContain('y'.repeat(201));
    expect(error!.message).not.toContain('s3cret');
    expect(lines.join('')).not.toMatch(/1234567890|3456-7890|s3cret/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', kind: 'called', ticketNumber: 'B-017' });
  });

  it('quotes at most 200 characters of the answer', async () => {
    answer = (_req, res) => res.writeHead(503).end('z'.repeat(1000));
    await expect(createHttpNotifier({ url }).send(notice)).rejects.toThrow(new RegExp(`answered 503 Service Unavailable: z{200}$`));
  });

  it('aborts a gateway that never answers after timeoutMs', async () => {
    answer = () => undefined;
    const started = performance.now();
    const error = await createHttpNotifier({ url, timeoutMs: 200 })
      .send(notice)
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    const took = performance.now() - started;

    expect(received).toHaveLength(1);
    expect(error?.message).toMatch(/not sent: the gateway did not answer within 200 ms/);
    expect(error?.message).not.toContain('1234567890');
    expect(took).toBeGreaterThanOrEqual(150);
    expect(took).toBeLessThan(2000);
  });

  it('rejects when nothing listens, without the phone number', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await createHttpNotifier({ url: `http://127.0.0.1:${port}/`, timeoutMs: 2000 })
      .send(notice)
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(error?.message).toMatch(/not sent: the gateway is unreachable/);
    expect(error?.message).not.toContain('1234567890');
  });

  it('refuses a url that is not http(s) or a timeout that is not positive', () => {
    expect(() => createHttpNotifier({ url: 'not a url' })).toThrow(/not a URL/);
    expect(() => createHttpNotifier({ url: 'ftp://gateway/' })).toThrow(/http or https/);
    expect(() => createHttpNotifier({ url, timeoutMs: 0 })).toThrow(RangeError);
  });
});

describe('the log notifier (demo mode)', () => {
  it('logs the kind and ticket number only', async () => {
    const { log, lines } = capturedLog();
    await createLogNotifier(log).send(notice);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ kind: 'called', ticketNumber: 'B-017' });
    expect(lines[0]).not.toContain('81234567890');
    expect(lines[0]).not.toContain(notice.text);
  });
});

describe('noticeText', () => {
  it('says it in short Bahasa Indonesia', () => {
    expect(noticeText('called', 'B-017', '3')).toBe('Nomor antrian B-017 dipanggil ke loket 3.');
    expect(noticeText('called', 'B-017', 'Loket 3')).toBe('Nomor antrian B-017 dipanggil ke loket 3.');
    expect(noticeText('called', 'B-017')).toBe('Nomor antrian B-017 dipanggil. Silakan menuju loket.');
    expect(noticeText('few-ahead', 'B-017', undefined, 3)).toBe('Nomor antrian B-017: 3 orang lagi sebelum giliran Anda.');
    expect(noticeText('few-ahead', 'B-017', undefined, 0)).toBe('Nomor antrian B-017: Anda berikutnya.');
    expect(noticeText('few-ahead', 'B-017')).toBe('Nomor antrian B-017: giliran Anda sebentar lagi.');
  });
});
