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
  readonly open: { count: number };
}

/**
 * `GET /malls/{mallId}/board/stream`: the display board as Server-Sent Events, fed by the
 * reporting service's `WatchBoard` stream. Each event is the whole board (`event: board`) with an
 * id that is a digest of its content: a board reconnecting with `Last-Event-ID` gets the current
 * board only if it changed meanwhile — a board is a snapshot, so the newest supersedes whatever
 * was missed. Heartbeat comments every `heartbeatMs`; when the client leaves, the gRPC stream is
 * cancelled and the timer cleared.
 */
export async function streamBoard(request: FastifyRequest, reply: FastifyReply, mallId: string, call: CallOptions, options: BoardStreamOptions): Promise<void> {
  const abort = new AbortController();
  const iterator = options.clients.reporting.watchBoard({ mallId }, { ...call, signal: abort.signal, timeoutMs: 7 * 24 * 3600_000 })[Symbol.asyncIterator]();
  // The first board before any header: an unknown mall or a refusal is still a problem+json answer.
  let first: IteratorResult<WatchBoardResponse>;
  try {
    first = await iterator.next();
  } catch (error) {
    abort.abort();
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
  let closed = false;
  const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), options.heartbeatMs);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    abort.abort();
    options.open.count--;
    res.end();
  };
  request.raw.on('close', close);
  res.on('close', close);
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
