import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createKafkaClient, type KafkaClient } from '@mpp/kafka';
import { testDatabase, uniqueTopic } from '@mpp/testing/fixtures';
import { waitFor, type TestDatabase } from '@mpp/testing';
import {
  createEventStore,
  createKafkaConsumer,
  createLogConsumer,
  createRelay,
  listDeadLetters,
  readKafkaDeadLetters,
  requestDeadLetterReplay,
  countKafkaDeadLetters,
  replayKafkaDeadLetters,
  type ConsumedEvent,
  type Consumer,
  type EventStore,
  type Projection,
  type Relay,
} from '../src/index.js';
import { decodeCounted } from './fixtures.js';

/** One transport under the conformance suite: same projection, same expectations. */
export interface Transport {
  readonly name: string;
  readonly source: EventStore;
  /** The database of source and consumer (the counts table is in `reporting`). */
  readonly pool: pg.Pool;
  consumer(projection: Projection): Consumer;
  /** Delivers everything delivered so far once more, the way this transport can. */
  redeliver(projection: Projection): Promise<void>;
  /** The consumer has applied (or set aside) everything there is to read now. */
  caughtUp(projection: Projection): Promise<boolean>;
  deadLetterCount(projection: Projection): Promise<number>;
  /** Whatever the dead letters say, as text to search for reasons. */
  deadLetterReasons(projection: Projection): Promise<string[]>;
  replay(projection: Projection): Promise<void>;
  close(): Promise<void>;
}

/** A transport on a fresh database for the enclosing describe block (closed and dropped after it); the getter gives it once the block's tests run. */
export function useTransport(make: (url: string) => Promise<Transport>): () => Transport {
  let db: TestDatabase | undefined;
  let transport: Transport | undefined;
  beforeAll(async () => {
    db = await testDatabase();
    transport = await make(db.url);
  });
  afterAll(async () => {
    await transport?.close();
    await db?.drop();
  });
  return () => {
    if (!transport) throw new Error('the transport is made in beforeAll');
    return transport;
  };
}

/**
 * Counts events per stream; refuses events written by 'poison' until `healed` (the fix).
 * Its table lives in the consumer's schema.
 */
export function countingProjection(schema: string, name: string) {
  const state = { healed: false };
  const refuse = (event: ConsumedEvent) => {
    if (decodeCounted(event.data).writer === 'poison' && !state.healed) throw new Error(`cannot count a poison event of ${event.streamId}`);
  };
  const add = async (tx: pg.PoolClient, counts: Map<string, number>) => {
    await tx.query(
      `insert into "${schema}".counts (projection, stream_id, n) select $1, s, n from unnest($2::text[], $3::int[]) as x(s, n)
       on conflict (projection, stream_id) do update set n = counts.n + excluded.n`,
      [name, [...counts.keys()], [...counts.values()]],
    );
  };
  const projection: Projection = {
    name,
    async apply(event, tx) {
      refuse(event);
      await add(tx, new Map([[event.streamId, 1]]));
    },
    // One statement per batch; a poison event makes it throw, and the consumer falls back to
    // applying the batch event by event.
    async applyBatch(events, tx) {
      events.forEach(refuse);
      const counts = new Map<string, number>();
      for (const e of events) counts.set(e.streamId, (counts.get(e.streamId) ?? 0) + 1);
      await add(tx, counts);
    },
  };
  return { projection, state };
}

export async function countsTable(pool: pg.Pool, schema: string) {
  await pool.query(`create schema if not exists "${schema}"`);
  await pool.query(`create table if not exists "${schema}".counts (projection text, stream_id text, n integer not null, primary key (projection, stream_id))`);
}

export async function readCounts(pool: pg.Pool, schema: string, projection: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ stream_id: string; n: number }>(`select stream_id, n from "${schema}".counts where projection = $1`, [projection]);
  return Object.fromEntries(rows.map((r) => [r.stream_id, r.n]));
}

/** Single-node mode: the consumer reads the source's `event_log` view in the same database. */
export async function logTransport(url: string): Promise<Transport> {
  const pool = new pg.Pool({ connectionString: url, max: 12 });
  const source = createEventStore({ pool, schema: 'queue' });
  await source.migrate();
  await createEventStore({ pool, schema: 'reporting' }).migrate();
  await countsTable(pool, 'reporting');
  const consumer = (projection: Projection) => createLogConsumer({ pool, schema: 'reporting', source: 'queue', projection, pollIntervalMs: 20 });
  return {
    name: 'PostgreSQL log',
    source,
    pool,
    consumer,
    async redeliver(projection) {
      // A second instance of the same consumer, racing the first from the same checkpoint.
      const twin = consumer(projection);
      twin.start();
      await twin.stop();
    },
    async caughtUp(projection) {
      const { rows } = await pool.query<{ behind: boolean }>(
        `select exists (select 1 from queue.event_log e left join reporting.consumer_positions p on p.consumer = $1 and p.source = 'queue'
           where p.consumer is null or (e.transaction_id, e.global_position) > (p.transaction_id, p.global_position)) as behind`,
        [projection.name],
      );
      return !rows[0]!.behind;
    },
    deadLetterCount: async (projection) => (await listDeadLetters(pool, 'reporting', projection.name)).length,
    deadLetterReasons: async (projection) => (await listDeadLetters(pool, 'reporting', projection.name)).map((d) => d.error),
    async replay(projection) {
      // As `mpp dlq replay` does: ask, and the running consumer replays.
      await requestDeadLetterReplay(pool, 'reporting', { consumer: projection.name });
    },
    close: () => pool.end(),
  };
}

/** Per-service mode: the relay publishes the source's events; a consumer group reads them. */
export async function kafkaTransport(url: string, brokers: string[]): Promise<Transport> {
  const pool = new pg.Pool({ connectionString: url, max: 12 });
  const source = createEventStore({ pool, schema: 'queue' });
  await source.migrate();
  await createEventStore({ pool, schema: 'reporting' }).migrate();
  await countsTable(pool, 'reporting');
  const topic = uniqueTopic('mpp.queue.v1');
  const kafka: KafkaClient = createKafkaClient({ brokers, clientId: 'conformance' });
  await kafka.ensureTopics([{ topic, partitions: 3 }, { topic: `${topic}.dlq` }]);
  const relay: Relay = createRelay({ store: source, kafka, topic, source: '/mpp/queue', pollIntervalMs: 20 });
  relay.start();
  return {
    name: 'Kafka',
    source,
    pool,
    consumer: (projection) => createKafkaConsumer({ pool, schema: 'reporting', kafka, groupId: `${topic}.${projection.name}`, topics: [topic], projection, retry: { maxAttempts: 2, backoffMs: 5 } }),
    async redeliver() {
      // The relay's worst case: a crash before its checkpoint republishes everything (same
      // ce_id, new offsets).
      const published = relay.status().published;
      await relay.stop();
      await pool.query(`delete from queue.checkpoints`);
      relay.start();
      await waitFor(() => relay.status().published >= 2 * published, { timeoutMs: 120_000, what: 'the relay to publish everything again' });
    },
    async caughtUp(projection) {
      const end = await kafka.endOffsets(topic);
      const { rows } = await pool.query<{ partition: number; next_offset: string }>(
        `select partition, next_offset::text from reporting.consumer_offsets where consumer = $1 and topic = $2`,
        [projection.name, topic],
      );
      const done = new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
      const { rows: pending } = await pool.query<{ n: number }>(`select count(*)::int as n from queue.event_log`);
      return relay.status().published >= pending[0]!.n && end.every((p) => (done.get(p.partition) ?? 0n) >= BigInt(p.offset));
    },
    deadLetterCount: () => countKafkaDeadLetters(kafka, topic),
    async deadLetterReasons() {
      return (await readKafkaDeadLetters(kafka, topic)).map((m) => m.headers.mpp_dlq_error ?? '');
    },
    async replay() {
      await replayKafkaDeadLetters(kafka, topic);
    },
    async close() {
      await relay.stop();
      await pool.end();
    },
  };
}
