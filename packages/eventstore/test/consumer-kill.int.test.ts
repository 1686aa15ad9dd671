import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createKafkaClient } from '@mpp/kafka';
import { startKafkaBroker, waitFor, type KafkaBroker, type TestDatabase } from '@mpp/testing';
import { testDatabase, uniqueTopic } from '@mpp/testing/fixtures';
import { createEventStore, createKafkaConsumer, createRelay } from '../src/index.js';
import { counted } from './fixtures.js';
import { countingProjection, countsTable, readCounts } from './conformance.js';

// A consumer process killed with SIGKILL in the middle of a batch, on a private broker (its
// dangling group member must not disturb the shared one): the batch in hand was never
// committed, so a new consumer of the same group resumes and ends equal to a fresh rebuild.
const child = fileURLToPath(new URL('./children/slow-consumer.ts', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
let broker: KafkaBroker;
let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  [broker, db] = await Promise.all([startKafkaBroker(), testDatabase()]);
  pool = new pg.Pool({ connectionString: db.url, max: 8 });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
  await broker.stop();
});

describe('a consumer killed mid-batch', () => {
  it('resumes with the projection equal to a rebuild from the beginning', async () => {
    const source = createEventStore({ pool, schema: 'queue' });
    await source.migrate();
    await createEventStore({ pool, schema: 'reporting' }).migrate();
    await countsTable(pool, 'reporting');
    const topic = uniqueTopic('mpp.queue.v1');
    const kafka = createKafkaClient({ brokers: broker.brokers, clientId: 'kill-test' });
    await kafka.ensureTopics([{ topic, partitions: 2 }, { topic: `${topic}.dlq` }]);
    const relay = createRelay({ store: source, kafka, topic, source: '/mpp/queue' });
    relay.start();
    for (let i = 0; i < 300; i++) await source.append(`kill-${i % 6}`, 'any', [counted('good', i)]);
    await waitFor(() => relay.status().published >= 300, { timeoutMs: 120_000, what: 'all events on the topic' });

    const group = `${topic}.counts`;
    const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=@mpp/source', child, db.url, broker.brokers.join(','), topic, group, 'counts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    const applied = async () => Object.values(await readCounts(pool, 'reporting', 'counts')).reduce((a, b) => a + b, 0);
    await waitFor(async () => (await applied()) >= 30, { timeoutMs: 120_000, what: `the child to apply some events (stderr: ${stderr})` });
    proc.kill('SIGKILL');
    await exited;
    const atKill = await applied();
    expect(atKill).toBeLessThan(300);

    const resumed = createKafkaConsumer({ pool, schema: 'reporting', kafka, groupId: group, topics: [topic], projection: countingProjection('reporting', 'counts').projection });
    const rebuild = createKafkaConsumer({ pool, schema: 'reporting', kafka, groupId: `${group}.rebuild`, topics: [topic], projection: countingProjection('reporting', 'counts-rebuild').projection });
    resumed.start();
    rebuild.start();
    try {
      await waitFor(async () => (await applied()) === 300, { timeoutMs: 180_000, what: 'the resumed consumer to finish' });
      await waitFor(async () => Object.values(await readCounts(pool, 'reporting', 'counts-rebuild')).reduce((a, b) => a + b, 0) === 300, {
        timeoutMs: 120_000,
        what: 'the rebuild to finish',
      });
      expect(await readCounts(pool, 'reporting', 'counts')).toEqual(await readCounts(pool, 'reporting', 'counts-rebuild'));
    } finally {
      await Promise.all([resumed.stop(), rebuild.stop(), relay.stop()]);
    }
  }, 360_000);
});
