import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { createEventStore, createLogConsumer, type EventStore } from '../src/index.js';
import { counted } from './fixtures.js';
import { countingProjection, countsTable, readCounts } from './conformance.js';

// All-in-one mode: a commit to a log wakes the log consumers of that log in the same process, so
// an idle consumer may wait long between polls without making anyone wait for events.
describe('log consumers woken by a commit in the same process', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let source: EventStore;

  beforeAll(async () => {
    db = await testDatabase('wake');
    pool = new pg.Pool({ connectionString: db.url, max: 6 });
    source = createEventStore({ pool, schema: 'queue' });
    await source.migrate();
    await createEventStore({ pool, schema: 'reporting' }).migrate();
    await countsTable(pool, 'reporting');
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('applies events appended after it went idle, though its next poll is ten minutes away', async () => {
    const { projection } = countingProjection('reporting', 'woken');
    // Polls so rare that only the wake can bring the events in within the test's deadline.
    const consumer = createLogConsumer({ pool, schema: 'reporting', source: 'queue', projection, pollIntervalMs: 600_000, maxIdleMs: 600_000 });
    consumer.start();
    try {
      await waitFor(() => consumer.status().running, { what: 'the consumer to run' });
      for (let round = 1; round <= 3; round++) {
        for (let i = 0; i < 5; i++) await source.append(`wake-${i}`, 'any', [counted('wake', round * 10 + i)]);
        await waitFor(async () => Object.values(await readCounts(pool, 'reporting', 'woken')).reduce((a, b) => a + b, 0) === round * 5 || undefined, {
          timeoutMs: 60_000,
          what: `round ${round}'s events, brought in by the wake`,
        });
      }
      expect(await readCounts(pool, 'reporting', 'woken')).toEqual({ 'wake-0': 3, 'wake-1': 3, 'wake-2': 3, 'wake-3': 3, 'wake-4': 3 });
    } finally {
      await consumer.stop();
    }
  });
});
