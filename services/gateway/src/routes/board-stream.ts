import { createHash } from 'node:crypto';
import { BoardSchema, type WatchBoardResponse } from '@mpp/contracts';
import type { CallOptions } from '@mpp/grpc';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clients } from './route.js';
import { restOf } from './route.js';

export interface BoardStreamOptions {
  readonly clients: Clients;
  /** A comment line this often keeps proxies from closing an idle stream (ms). */
  readonly heartbeatMs: number;
  /** Counts open streams (the running gateway reports it; tests see streams close). */
  readonly open: { count: number; readonly byAddress: Map<string, number> };
}

/** Open streams one client address may hold (a mall's boards often share one NAT address), and in all. */
export const STREAMS_PER_ADDRESS = 50;
export const STREAMS_IN_ALL = 2_000;

/**
 * `GET /malls/{mallId}/board/stream`: the display board as Server-Sent Events, fed by the
 * reporting service's `WatchBoard` stream. Each event is the whole board (`event: board`) with an
 * id that is a digest of its content: a board reconnecting with `Last-Event-ID` gets the current
 * board only if it changed meanwhile — a board is a snapshot, so the newest supersedes whatever
 * was missed. Heartbeat comments every `heartbeatMs`; when the client leaves, the gRPC stream is
 * cancelled and the timer cleared.
 */
export async function streamBoard(request: FastifyRequest, reply: FastifyReply, mallId: string, call: CallOptions, options: BoardStreamOptions): Promise<void> {
  const address = request.ip;
  const mine = options.open.byAddress.get(address) ?? 0;
  if (mine >= STREAMS_PER_ADDRESS || options.open.count >= STREAMS_IN_ALL) {
    reply.header('retry-after', '30');
    throw Object.assign(new Error(`too many open board streams (${mine >= STREAMS_PER_ADDRESS ? `${STREAMS_PER_ADDRESS} from this address` : `${STREAMS_IN_ALL} in all`}); close one or retry later`), { statusCode: 429 });
  }
  const abort = new AbortController();
  // A client that leaves while the first board is read must not leave the gRPC stream behind.
  const left = () => abort.abort();
  request.raw.once('close', left);
  const iterator = options.clients.reporting.watchBoard({ mallId }, { ...call, signal: abort.signal, timeoutMs: 7 * 24 * 3600_000 })[Symbol.asyncIterator]();
  // The first board before any header: an unknown mall or a refusal is still a problem+json answer.
  let first: IteratorResult<WatchBoardResponse>;
  try {
    first = await iterator.next();
  } catch (error) {
    abort.abort();
    request.raw.off('close', left);
    throw error;
  }
  const lastEventId = String(request.headers['last-event-id'] ?? '');
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    // What the plugins set (security headers, CORS) before the stream takes the reply over.
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  options.open.count++;
  options.open.byAddress.set(address, (options.open.byAddress.get(address) ?? 0) + 1);
  let closed = false;
  // A comment for proxies, and a `ping` event a page can see: a board that hears nothing for a few
  // intervals knows its connection died silently (half-open Wi-Fi) and reconnects.
  const heartbeat = setInterval(() => {
    const at = new Date().toISOString();
    res.write(`: heartbeat ${at}\nevent: ping\ndata: ${JSON.stringify({ at, everyMs: options.heartbeatMs })}\n\n`);
  }, options.heartbeatMs);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    abort.abort();
    options.open.count--;
    const remaining = (options.open.byAddress.get(address) ?? 1) - 1;
    if (remaining > 0) options.open.byAddress.set(address, remaining);
    else options.open.byAddress.delete(address);
    res.end();
  };
  request.raw.on('close', close);
  res.on('close', close);
  if (abort.signal.aborted || request.raw.destroyed || res.destroyed) close();
  res.write('retry: 2000\n\n');
  let last = lastEventId;
  const send = (item: WatchBoardResponse) => {
    if (!item.board) return;
    const data = JSON.stringify(restOf(BoardSchema, item.board));
    // The digest leaves out `asOf` so an unchanged board keeps its id.
    const id = createHash('sha256').update(JSON.stringify({ ...JSON.parse(data), asOf: undefined })).digest('base64url').slice(0, 22);
    if (id === last) return;
    last = id;
    res.write(`id: ${id}\nevent: board\ndata: ${data}\n\n`);
  };
  try {
    if (!first.done) send(first.value);
    for (;;) {
      const next = await iterator.next();
      if (next.done || closed) break;
      send(next.value);
    }
  } catch (error) {
    if (!closed) {
      request.log.warn({ err: error, mallId }, 'board stream ended by an error; the client reconnects');
      res.write(`event: error\ndata: ${JSON.stringify({ detail: 'the board stream was interrupted; reconnecting' })}\n\n`);
    }
  } finally {
    await iterator.return?.();
    close();
  }
}
