import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, type EventStore, type NewEvent, type RecordedEvent } from '../src/index.js';
import { counted, useStore } from './fixtures.js';

const env = useStore('catalog');
let store: EventStore;
beforeAll(() => ({ store } = env));

/** One command: which stream, how many events, and whether it states the version it read. */
const command = fc.record({
  stream: fc.integer({ min: 0, max: 3 }),
  events: fc.integer({ min: 1, max: 4 }),
  checked: fc.boolean(),
});

/**
 * The run's committed events in log order. Read straight from the table: the gap-safe reader
 * would wait for other test files' open transactions (the horizon is cluster-wide).
 */
async function committed(prefix: string): Promise<RecordedEvent[]> {
  const { rows } = await store.pool.query<{ id: string; stream_id: string; version: number }>(
    `select event_id as id, stream_id, version from catalog.events where stream_id like $1 order by transaction_id, global_position`,
    [`${prefix}-%`],
  );
  return rows.map((r) => ({ id: r.id, streamId: r.stream_id, version: r.version }) as RecordedEvent);
}

describe('concurrent appends (property)', () => {
  it('never duplicate a version, never lose an acknowledged event, keep each append in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 24 }), async (commands) => {
        const run = randomUUID().slice(0, 8);
        const acknowledged: NewEvent[][] = [];
        const refused: NewEvent[][] = [];
        await Promise.all(
          commands.map(async (c) => {
            const streamId = `${run}-${c.stream}`;
            const events = Array.from({ length: c.events }, (_, i) => counted(streamId, i));
            const expected = c.checked ? (await store.readStream(streamId)).length : 'any';
            try {
              await store.append(streamId, expected, events);
              acknowledged.push(events);
            } catch (error) {
              if (!(error instanceof ConcurrencyError)) throw error;
              refused.push(events);
            }
          }),
        );
        const stored = await committed(run);
        const byId = new Map(stored.map((e) => [e.id, e]));
        // Exactly the acknowledged events are stored; refused ones left nothing behind.
        expect(stored).toHaveLength(acknowledged.flat().length);
        for (const e of acknowledged.flat()) expect(byId.has(e.id)).toBe(true);
        for (const e of refused.flat()) expect(byId.has(e.id)).toBe(false);
        // Per stream: versions 1..n, each once, in log order.
        const versions = new Map<string, number[]>();
        for (const e of stored) versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.version]);
        for (const list of versions.values()) expect(list).toEqual(list.map((_, i) => i + 1));
        // Each append's events are consecutive versions, in the order they were given.
        for (const events of acknowledged) {
          const got = events.map((e) => byId.get(e.id)!.version);
          expect(got).toEqual(got.map((_, i) => got[0]! + i));
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
