import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { createEventStore, createLogConsumer, type Projection } from '../src/index.js';
import { counted } from './fixtures.js';
import { countingProjection, countsTable, readCounts } from './conformance.js';

// The PostgreSQL transport's counterpart of the killed Kafka consumer: the consumer's database
// session is terminated in the middle of a batch. The batch and its position roll back together,
// so after the consumer reconnects the read model equals one built from scratch.
let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await testDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('a log consumer whose session dies mid-batch', () => {
  it('rolls the batch back with its position and ends equal to a rebuild', async () => {
    const source = createEventStore({ pool, schema: 'queue' });
    await source.migrate();
    await createEventStore({ pool, schema: 'reporting' }).migrate();
    await countsTable(pool, 'reporting');
    for (let i = 0; i < 300; i++) await source.append(`s-${i % 5}`, 'any', [counted('good', i)]);

    // A slow read model (no batch path): a batch of 100 takes about a second.
    const { projection: counts } = countingProjection('reporting', 'counts');
    const slow: Projection = {
      name: counts.name,
      async apply(event, tx) {
        await counts.apply(event, tx);
        await tx.query('select pg_sleep(0.01)');
      },
    };
    const consumerPool = new pg.Pool({ connectionString: db.url, max: 2, application_name: 'slow-consumer' });
    consumerPool.on('error', () => undefined);
    const consumer = createLogConsumer({ pool: consumerPool, schema: 'reporting', source: 'queue', projection: slow, batchSize: 100, pollIntervalMs: 20 });
    consumer.start();
    try {
      await waitFor(async () => total(await readCounts(pool, 'reporting', 'counts')) >= 100, { timeoutMs: 120_000, what: 'a first batch committed' });
      // Kill it while it is inside the next batch's transaction.
      const killed = await waitFor(
        async () => {
          const { rowCount } = await pool.query(
            `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'slow-consumer' and datname = current_database() and xact_start is not null`,
          );
          return rowCount && rowCount > 0 ? rowCount : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 10, what: 'the consumer inside a batch' },
      );
      expect(killed).toBeGreaterThan(0);
      await waitFor(() => consumer.status().failures > 0, { timeoutMs: 120_000, what: 'the consumer to notice' });
      await waitFor(async () => total(await readCounts(pool, 'reporting', 'counts')) === 300, { timeoutMs: 120_000, what: 'the consumer to finish after reconnecting' });
    } finally {
      await consumer.stop();
      await consumerPool.end();
    }

    const rebuild = createLogConsumer({ pool, schema: 'reporting', source: 'queue', projection: countingProjection('reporting', 'counts-rebuild').projection });
    rebuild.start();
    try {
      await waitFor(async () => total(await readCounts(pool, 'reporting', 'counts-rebuild')) === 300, { timeoutMs: 120_000, what: 'the rebuild' });
    } finally {
      await rebuild.stop();
    }
    expect(await readCounts(pool, 'reporting', 'counts')).toEqual(await readCounts(pool, 'reporting', 'counts-rebuild'));
  }, 240_000);
});
