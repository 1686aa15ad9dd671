import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { toJsonString } from '@bufbuild/protobuf';
import { EventMetadataSchema } from '@mpp/contracts';
import { waitFor } from '@mpp/testing';
import type pg from 'pg';
import { ConcurrencyError, LOG_START, type EventStore, type LogPosition, type RecordedEvent } from '../src/index.js';
import { counted, useStore, metadata, types, Counted } from './fixtures.js';

const env = useStore('survey');
let store: EventStore;
let pool: pg.Pool;
beforeAll(() => ({ store, pool } = env));

const compare = (a: LogPosition, b: LogPosition) =>
  BigInt(a.transactionId) - BigInt(b.transactionId) || BigInt(a.globalPosition) - BigInt(b.globalPosition);

/** Follows the global log as a relay or a projection would, until stopped. */
function follow(s: EventStore) {
  const seen: RecordedEvent[] = [];
  const backwards: [LogPosition, LogPosition][] = [];
  let position = LOG_START;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const batch = await s.readLog(position, 100);
      for (const event of batch) {
        if (compare(event.position, position) <= 0n) backwards.push([position, event.position]);
        seen.push(event);
        position = event.position;
      }
      if (batch.length === 0) await new Promise((resolve) => setTimeout(resolve, 5)); // poll interval
    }
  })();
  return { seen, backwards, position: () => position, stop: () => ((stopped = true), done) };
}

describe('global log without skips', () => {
  it('16 concurrent writers and a late-committing transaction: every event seen exactly once, streams in order', async () => {
    const reader = follow(store);
    let lateOpened = false;
    const writer = async (w: number) => {
      let version = 0; // own stream: a known version (one statement); shared ones: 'any' (locked)
      for (let i = 0; i < 25; i++) {
        const own = `writer-${w}`;
        ({ version } = await store.append(own, version, Array.from({ length: 1 + (i % 3) }, (_, k) => counted(own, i * 10 + k))));
        await store.append(`shared-${w % 2}`, 'any', [counted(`w${w}`, i)]);
        // Multi-stream appends (locked) racing one-statement appends at a known version on
        // the same stream: the stream's order must hold in the log all the same.
        if (w < 4) await store.appendMany(['pair-a', 'pair-b'].map((streamId) => ({ streamId, expectedVersion: 'any' as const, events: [counted(`w${w}`, i)] })));
        else if (w < 8) {
          const known = (await store.readStream('pair-b')).length;
          await store.append('pair-b', known, [counted(`w${w}`, i)]).catch((error: unknown) => {
            if (!(error instanceof ConcurrencyError)) throw error;
          });
        }
        if (w === 0 && i === 5) await waitFor(() => lateOpened, { what: 'the late transaction to open' });
      }
    };
    const writers = Array.from({ length: 16 }, (_, w) => writer(w));
    try {

    // The late transaction takes its transaction id while the writers run and commits last.
    await waitFor(() => reader.seen.length >= 50, { what: 'the reader to see early events' });
    const late = await pool.connect();
    await late.query('begin');
    const { rows } = await late.query<{ xid: string; position: string }>(
      `insert into survey.events (event_id, stream_id, version, type, data, metadata)
       values ($1, 'late-1', 1, $2, $3, $4) returning transaction_id::text as xid, global_position::text as position`,
      [randomUUID(), Counted.name, Buffer.from(types.encode(Counted, { writer: 'late', n: 1 } as never).data), toJsonString(EventMetadataSchema, metadata)],
    );
    const lateXid = BigInt(rows[0]!.xid);
    const latePosition = BigInt(rows[0]!.position);
    lateOpened = true;
    await Promise.all(writers);

    // While it is open the reader goes no further than the late transaction...
    await waitFor(async () => (await store.readLog(reader.position(), 1)).length === 0, { what: 'the reader to catch up' });
    expect(reader.seen.every((e) => BigInt(e.position.transactionId) < lateXid)).toBe(true);
    // ...although later events are committed: a reader following positions alone would skip 'late-1'.
    const { rows: after } = await pool.query<{ n: number }>('select count(*)::int as n from survey.events where global_position > $1', [latePosition.toString()]);
    expect(after[0]!.n).toBeGreaterThan(0);

    await late.query('commit');
    late.release();
    const { rows: total } = await pool.query<{ n: number }>('select count(*)::int as n from survey.events');
    await waitFor(() => reader.seen.length >= total[0]!.n, { timeoutMs: 120_000, what: 'the reader to see every event' });
    await reader.stop();

    expect(reader.seen).toHaveLength(total[0]!.n);
    expect(new Set(reader.seen.map((e) => e.id)).size).toBe(total[0]!.n);
    expect(reader.seen.some((e) => e.streamId === 'late-1')).toBe(true);
    const versions = new Map<string, number[]>();
    for (const e of reader.seen) versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.version]);
    for (const [stream, list] of versions) expect(list, stream).toEqual(list.map((_, i) => i + 1));
    // The position only moves forward, across batch boundaries too.
    expect(reader.backwards).toEqual([]);
    } finally {
      lateOpened = true;
      await Promise.allSettled(writers);
      await reader.stop();
    }
  }, 300_000);
});
