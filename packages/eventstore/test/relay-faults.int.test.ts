import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freePort, startEmbeddedPostgres, startKafkaBroker, waitFor, type TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase, uniqueTopic } from '@mpp/testing/fixtures';
import { createEventStore, createRelay, type EventStore } from '../src/index.js';
import { counted } from './fixtures.js';
import { collect, kafkaFor } from './relay-helpers.js';

// Failures of the relay's two dependencies, each on a private instance: the shared broker and
// database of the test run are never stopped.

async function fill(store: EventStore, prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const event = counted(`${prefix}-${i % 3}`, i);
    await store.append(`${prefix}-${i % 3}`, 'any', [event]);
    ids.push(event.id);
  }
  return ids;
}

function quietPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined); // idle connections die with a restarted server; the pool replaces them
  return pool;
}

describe('relay when the broker goes down', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('backs off while the broker is down and publishes everything once it is back', async () => {
    const broker = await startKafkaBroker();
    const pool = quietPool(db.url);
    const store = createEventStore({ pool, schema: 'queue' });
    await store.migrate();
    const topic = uniqueTopic('mpp.queue.v1');
    let kafka = kafkaFor(broker.brokers);
    await kafka.ensureTopics([{ topic }]);
    const relay = createRelay({ store, kafka, topic, source: '/mpp/queue', backoff: { initialMs: 50, maxMs: 500 } });
    relay.start();
    let restarted: Awaited<ReturnType<typeof startKafkaBroker>> | undefined;
    try {
      const before = await fill(store, 'down', 10);
      await waitFor(() => relay.status().published >= 10, { what: 'the first events published' });

      await broker.kill();
      const during = await fill(store, 'down', 20);
      await waitFor(() => relay.status().failures > 0, { timeoutMs: 120_000, what: 'the relay to notice the broker is gone' });
      expect(relay.status().published).toBe(10);

      restarted = await startKafkaBroker({ dataDir: broker.dataDir, ports: broker.ports });
      kafka = kafkaFor(restarted.brokers);
      const reader = await collect(kafka, topic);
      try {
        await reader.until([...before, ...during], 120_000);
      } finally {
        await reader.close();
      }
      await waitFor(() => relay.status().published >= 30, { timeoutMs: 120_000, what: 'the relay to checkpoint the rest' });
    } finally {
      await relay.stop();
      await pool.end();
      await restarted?.stop();
      await broker.stop();
      rmSync(broker.dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('relay when PostgreSQL restarts', () => {
  it('reconnects, takes its lease again and loses nothing', async () => {
    const base = mkdtempSync(join(tmpdir(), 'mpp-pg-restart-'));
    chmodSync(base, 0o777);
    const dataDir = join(base, 'data');
    const port = await freePort();
    let server = await startEmbeddedPostgres({ dataDir, port });
    const pool = quietPool(server.url);
    const store = createEventStore({ pool, schema: 'queue' });
    await store.migrate();
    const topic = uniqueTopic('mpp.queue.v1');
    const kafka = kafkaFor(kafkaBrokers());
    await kafka.ensureTopics([{ topic }]);
    const reader = await collect(kafka, topic);
    const relay = createRelay({ store, kafka, topic, source: '/mpp/queue', backoff: { initialMs: 50, maxMs: 500 } });
    relay.start();
    try {
      const before = await fill(store, 'pg', 10);
      await reader.until(before);

      await server.stop();
      await waitFor(() => relay.status().failures > 0, { timeoutMs: 120_000, what: 'the relay to lose its connection' });
      server = await startEmbeddedPostgres({ dataDir, port });

      const after = await waitFor(async () => fill(store, 'pg-after', 10), { timeoutMs: 120_000, what: 'appends to work again' });
      await reader.until([...before, ...after]);
      await waitFor(() => relay.status().active, { what: 'the relay to hold its lease again' });
    } finally {
      await relay.stop();
      await reader.close();
      await pool.end();
      await server.stop();
      rmSync(base, { recursive: true, force: true });
    }
  }, 300_000);
});
