import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migrateEventStore } from '@mpp/eventstore';
import { createKafkaClient } from '@mpp/kafka';
import type { TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase, uniqueTopic } from '@mpp/testing/fixtures';
import { mppDone } from './run-cli.js';

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await testDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  await migrateEventStore(pool, 'reporting');
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('mpp dlq', () => {
  it('lists the PostgreSQL transport dead letters and asks their consumer to replay them', async () => {
    const eventId = randomUUID();
    await pool.query(
      `insert into reporting.dead_letters (consumer, source, event_id, type, stream_id, data, headers, error, attempts)
       values ('daily-stats@v1', 'queue', $1, 'id.mpp.queue.TicketIssued.v1', 'ticket-1', '\\x01', '{}', 'no such service: svc-9', 3)`,
      [eventId],
    );
    const env = { DATABASE_URL: db.url };
    const list = await mppDone(['dlq', 'list', '--schema', 'reporting'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('reporting.dead_letters: 1 waiting');
    expect(list.stdout).toContain(`daily-stats@v1  id.mpp.queue.TicketIssued.v1  ${eventId}  tries 3  no such service: svc-9`);

    const replay = await mppDone(['dlq', 'replay', '--schema', 'reporting', '--consumer', 'daily-stats@v1'], env);
    expect(replay).toMatchObject({ code: 0 });
    expect(replay.stdout).toContain('asked for a replay of 1 dead letters in reporting');
    const { rows } = await pool.query('select replay_requested_at from reporting.dead_letters');
    expect(rows[0].replay_requested_at).toBeInstanceOf(Date);
  });

  it('lists a topic\'s dead letters with their reasons and puts them back once', async () => {
    const topic = uniqueTopic('mpp.queue.v1');
    const kafka = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'dlq-cli-test' });
    await kafka.ensureTopics([{ topic }, { topic: `${topic}.dlq` }]);
    const producer = await kafka.producer();
    await producer.send(`${topic}.dlq`, [
      { key: 'ticket-7', value: new Uint8Array([1]), headers: { ce_id: randomUUID(), ce_type: 'id.mpp.queue.TicketCalled.v1', mpp_dlq_error: 'counter c-3 unknown', mpp_dlq_attempts: '3', mpp_dlq_consumer: 'board@v1' } },
    ]);
    await producer.close();
    const env = { KAFKA_BROKERS: kafkaBrokers().join(',') };

    const list = await mppDone(['dlq', 'list', '--topic', topic], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${topic}.dlq: 1 waiting`);
    expect(list.stdout).toContain('board@v1  id.mpp.queue.TicketCalled.v1');
    expect(list.stdout).toContain('counter c-3 unknown');

    expect((await mppDone(['dlq', 'replay', '--topic', topic], env)).stdout).toContain(`put back 1 dead letters on ${topic}`);
    expect((await kafka.endOffsets(topic)).reduce((n, p) => n + Number(p.offset), 0)).toBe(1);
    expect((await mppDone(['dlq', 'list', '--topic', topic], env)).stdout).toContain(`${topic}.dlq: 0 waiting`);
    expect((await mppDone(['dlq', 'replay', '--topic', topic], env)).stdout).toContain('put back 0 dead letters');
  }, 120_000);

  it('refuses a bad command line (2) and missing settings (78), naming them', async () => {
    expect((await mppDone(['dlq', 'replay'], {})).code).toBe(2);
    const missing = await mppDone(['dlq', 'list'], {});
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain('DATABASE_URL is required');
  });
});
