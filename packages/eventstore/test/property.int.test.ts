import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, LOG_START, type EventStore, type NewEvent, type RecordedEvent } from '../src/index.js';
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

async function readAllLog(s: EventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for (let batch = await s.readLog(LOG_START, 1000); batch.length > 0; batch = await s.readLog(batch.at(-1)!.position, 1000)) out.push(...batch);
  return out;
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
        const stored = (await readAllLog(store)).filter((e) => e.streamId.startsWith(run));
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
