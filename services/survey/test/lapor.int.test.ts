import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ComplaintChannel, ComplaintKind, ComplaintSchema, ComplaintStatus } from '@mpp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpLapor } from '../src/infra/lapor.js';

// The SP4N-LAPOR! adapter against a local HTTP receiver standing in for the city's integration.
const received: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
let answer: { status: number; body: string } = { status: 200, body: '{"reference":"LAPOR-2026-0001"}' };
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/complaints`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const complaint = create(ComplaintSchema, {
  id: 'c-123456789012345678',
  mallId: 'kendari',
  agencyCode: 'samsat-sultra',
  serviceId: 'kendari:pkb-tahunan',
  channel: ComplaintChannel.WEB,
  kind: ComplaintKind.COMPLAINT,
  category: 'fee',
  text: 'Diminta biaya tambahan di loket 12.',
  contact: { name: 'Wa Ode', phone: '+6281211112222', email: '' },
  receivedAt: timestampFromDate(new Date('2026-11-23T02:00:00Z')),
  status: ComplaintStatus.RECEIVED,
});

describe('SP4N-LAPOR! over HTTP', () => {
  it('posts the complaint once per id with the token and keeps the reference it answers', async () => {
    const lapor = createHttpLapor({ url, token: 'secret-token' });
    expect(await lapor.submit(complaint)).toBe('LAPOR-2026-0001');
    const got = received.at(-1)!;
    expect(got.headers).toMatchObject({ authorization: 'Bearer secret-token', 'idempotency-key': complaint.id, 'content-type': 'application/json' });
    expect(got.body).toEqual({
      id: complaint.id, mallId: 'kendari', agencyCode: 'samsat-sultra', serviceId: 'kendari:pkb-tahunan', channel: 'web', kind: 'complaint', category: 'fee',
      text: 'Diminta biaya tambahan di loket 12.', contact: { name: 'Wa Ode', phone: '+6281211112222' }, receivedAt: '2026-11-23T02:00:00.000Z',
    });
  });

  it('rejects a refusal, a non-JSON answer or no reference — naming the status, never the text or contact', async () => {
    const lapor = createHttpLapor({ url });
    for (const [a, why] of [
      [{ status: 503, body: 'maintenance' }, /refused complaint c-123456789012345678: HTTP 503$/],
      // A receiver that echoes the complaint back: its answer is never quoted.
      [{ status: 422, body: '{"error":"duplicate","echo":{"text":"Diminta biaya tambahan di loket 12.","contact":{"name":"Wa Ode","phone":"+6281211112222"}}}' }, /HTTP 422$/],
      [{ status: 200, body: '<html>' }, /something other than JSON/],
      [{ status: 200, body: '{"reference":""}' }, /no usable reference/],
    ] as const) {
      answer = a;
      const error = (await lapor.submit(complaint).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(why);
      expect(error.message).not.toMatch(/Wa Ode|6281211112222|biaya tambahan/);
    }
    answer = { status: 200, body: '{"reference":"LAPOR-2026-0002"}' };
  });

  it('rejects when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(createHttpLapor({ url: `http://127.0.0.1:${port}/` }).submit(complaint)).rejects.toThrow(/did not answer for complaint c-123456789012345678/);
    expect(() => createHttpLapor({ url: 'ftp://lapor.example/' })).toThrow(/http or https/);
  });
});
