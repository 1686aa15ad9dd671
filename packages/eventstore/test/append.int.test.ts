import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@mpp/errors';
import type pg from 'pg';
import { ConcurrencyError, DuplicateEventError, EventTypes, type EventStore } from '../src/index.js';
import { counted, decodeCounted, useStore, metadata, TicketIssuedV1Schema, TicketIssuedV2Schema } from './fixtures.js';

const env = useStore('queue');
let store: EventStore;
let pool: pg.Pool;
beforeAll(() => ({ store, pool } = env));

async function count(streamId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from queue.events where stream_id = $1', [streamId]);
  return rows[0]!.n;
}

describe('append and read', () => {
  it('numbers events from 1 and reads a stream back with data, metadata and positions', async () => {
    const result = await store.append('ticket-1', 0, [counted('a', 1), counted('a', 2)]);
    expect(result).toEqual({ streamId: 'ticket-1', version: 2 });
    await store.append('ticket-1', 2, [counted('a', 3)]);
    const events = await store.readStream('ticket-1');
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(events.map((e) => decodeCounted(e.data).n)).toEqual([1, 2, 3]);
    expect(events[0]!.metadata).toMatchObject({ mallId: 'mall-kendari', agencyCode: 'disdukcapil-kendari', serviceId: 'ktp-el', correlationId: 'corr-1' });
    expect(events[0]!.type).toBe('id.mpp.testing.Counted.v1');
    expect(BigInt(events[1]!.position.globalPosition)).toBeGreaterThan(BigInt(events[0]!.position.globalPosition));
    expect((await store.readStream('ticket-1', 3)).map((e) => e.version)).toEqual([3]);
  });

  it('refuses a stale expected version with a typed ConcurrencyError and writes nothing', async () => {
    await store.append('ticket-2', 0, [counted('a', 1)]);
    const error = await store.append('ticket-2', 0, [counted('b', 1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ code: 'concurrency', streamId: 'ticket-2', expected: 0, actual: 1 });
    const ahead = await store.append('ticket-2', 5, [counted('b', 1)]).catch((e: unknown) => e);
    expect(ahead).toMatchObject({ expected: 5, actual: 1 });
    expect(await count('ticket-2')).toBe(1);
  });

  it("appends after whatever is there with 'any'", async () => {
    await store.append('ticket-3', 'any', [counted('a', 1)]);
    expect(await store.append('ticket-3', 'any', [counted('a', 2)])).toEqual({ streamId: 'ticket-3', version: 2 });
  });

  it('appends to several streams in one transaction, all or nothing', async () => {
    await store.append('counter-1', 0, [counted('a', 1)]);
    const results = await store.appendMany([
      { streamId: 'ticket-4', expectedVersion: 0, events: [counted('t', 1)] },
      { streamId: 'counter-1', expectedVersion: 1, events: [counted('c', 2)] },
    ]);
    expect(results).toEqual([
      { streamId: 'counter-1', version: 2 },
      { streamId: 'ticket-4', version: 1 },
    ]);
    const failed = await store
      .appendMany([
        { streamId: 'ticket-5', expectedVersion: 0, events: [counted('t', 1)] },
        { streamId: 'counter-1', expectedVersion: 1, events: [counted('c', 3)] },
      ])
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ConcurrencyError);
    expect(await count('ticket-5')).toBe(0);
    expect(await count('counter-1')).toBe(2);
  });

  it('appends to a few thousand streams in one transaction (a catalog import)', async () => {
    const appends = Array.from({ length: 2_500 }, (_, i) => ({ streamId: `import-${i}`, expectedVersion: 0, events: [counted('import', i)] }));
    const results = await store.appendMany(appends);
    expect(results).toHaveLength(2_500);
    const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from ${store.schema}.events where stream_id like 'import-%'`);
    expect(rows[0]!.n).toBe(2_500);
  });

  it('recognises an event appended twice by its id', async () => {
    const event = counted('a', 1);
    await store.append('ticket-6', 0, [event]);
    const again = await store.append('ticket-6', 1, [event]).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(DuplicateEventError);
    expect(again).toMatchObject({ code: 'already_exists' });
    expect(await count('ticket-6')).toBe(1);
  });

  it('refuses bad input with field-level reasons before touching the database', async () => {
    const error = (await store
      .appendMany([
        { streamId: '', expectedVersion: -1, events: [{ id: 'not-a-uuid', type: '', data: new Uint8Array(), metadata }] },
        { streamId: 'x', expectedVersion: 0, events: [counted('a', 1)] },
        { streamId: 'x', expectedVersion: 0, events: [counted('a', 1)] },
      ])
      .catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('invalid');
    expect(error.violations.map((v) => v.field)).toEqual([
      'appends[0].streamId',
      'appends[0].expectedVersion',
      'appends[0].events[0].id',
      'appends[0].events[0].type',
      'appends[2].streamId',
    ]);
    expect(await count('x')).toBe(0);
  });

  it('appends a large batch (sent as arrays) in the order given', async () => {
    const events = Array.from({ length: 40 }, (_, i) => counted('bulk', i));
    expect(await store.append('bulk-1', 0, events)).toEqual({ streamId: 'bulk-1', version: 40 });
    expect(await store.append('bulk-1', 0, [counted('late', 0)]).catch((e: unknown) => e)).toMatchObject({ actual: 40 });
    const stored = await store.readStream('bulk-1');
    expect(stored.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(stored.map((e) => decodeCounted(e.data).n)).toEqual(events.map((_, i) => i));
  });

  it('keeps the id given to an event', async () => {
    const id = randomUUID();
    await store.append('ticket-7', 0, [{ ...counted('a', 1), id }]);
    expect((await store.readStream('ticket-7'))[0]!.id).toBe(id);
  });
});

describe('schema evolution', () => {
  it('reads an event stored as v1 as v2 through the upcaster', async () => {
    const v1Writer = new EventTypes();
    const v1 = v1Writer.register(TicketIssuedV1Schema);
    await store.append('ticket-old', 0, [{ id: randomUUID(), ...v1Writer.encode(v1, { number: 'A-001' } as never), metadata }]);

    const reader = new EventTypes();
    const oldShape = reader.register(TicketIssuedV1Schema);
    const newShape = reader.register(TicketIssuedV2Schema);
    reader.upcast(oldShape, newShape, (old) => ({ number: (old as unknown as { number: string }).number, source: 'kiosk' }) as never);
    const [stored] = await store.readStream('ticket-old');
    expect(stored!.type).toBe('id.mpp.testing.TicketIssued.v1');
    const decoded = reader.decode(stored!);
    expect(decoded.type.name).toBe('id.mpp.testing.TicketIssued.v2');
    expect(decoded.message).toMatchObject({ number: 'A-001', source: 'kiosk', priority: 0 });
  });
});

describe('trace context', () => {
  it('records the active trace in the metadata when the caller set none', async () => {
    const { trace } = await import('@opentelemetry/api');
    const { InMemorySpanExporter } = await import('@opentelemetry/sdk-trace');
    const { startTracing } = await import('@mpp/telemetry');
    const tracing = startTracing({ serviceName: 'eventstore-test', exporter: new InMemorySpanExporter(), simple: true });
    try {
      let traceId = '';
      await trace.getTracer('test').startActiveSpan('command', async (span) => {
        traceId = span.spanContext().traceId;
        await store.append('traced-1', 0, [counted('a', 1)]);
        span.end();
      });
      const [event] = await store.readStream('traced-1');
      expect(event!.metadata.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    } finally {
      await tracing.shutdown();
    }
  });
});
