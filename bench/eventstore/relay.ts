import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createEventStore, createRelay, LOG_START, readLog, toCloudEvent, type EventStore, type LogPosition } from '@mpp/eventstore';
import { createKafkaClient, type KafkaClient } from '@mpp/kafka';
import { Kafka, logLevel, type Message } from 'kafkajs';
import type pg from 'pg';
import { countedEvents } from './fixtures.js';
import type { Sample } from './measure.js';

const BATCH = 500;
const PARTITIONS = 3;
const SOURCE = '/mpp/bench';
const WARM = 2_000;

/** `total` events in streams of 100, one append per stream, 16 at a time. */
async function prefill(store: EventStore, total: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let s = next++; s * 100 < total; s = next++) {
        await store.append(`prefill-${s}`, 0, countedEvents(`p${s}`, 0, Math.min(100, total - s * 100)));
      }
    }),
  );
}

export async function lastPosition(store: EventStore): Promise<LogPosition> {
  const { rows } = await store.pool.query<{ t: string; g: string }>(
    `select transaction_id::text as t, global_position::text as g from "${store.schema}"."events"
     order by transaction_id desc, global_position desc limit 1`,
  );
  return { transactionId: rows[0]!.t, globalPosition: rows[0]!.g };
}

/** Ours: from `relay.start()` until its checkpoint is the store's last event. */
async function timeRelay(store: EventStore, kafka: KafkaClient, topic: string, total: number): Promise<Sample> {
  const last = await lastPosition(store);
  const relay = createRelay({ store, kafka, topic, source: SOURCE, batchSize: BATCH });
  const start = performance.now();
  relay.start();
  const deadline = start + 180_000;
  for (;;) {
    const s = relay.status();
    if (s.position?.globalPosition === last.globalPosition && s.position.transactionId === last.transactionId) break;
    if (performance.now() > deadline) throw new Error(`relay did not reach the last event in 180 s: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 2)); // poll; error ≤ a few ms on a multi-second run
  }
  const ms = performance.now() - start;
  await relay.stop();
  const { published, failures } = relay.status();
  if (published !== total || failures > 0) throw new Error(`relay published ${published}/${total} with ${failures} failures`);
  return { ops: Math.ceil(total / BATCH), events: total, ms };
}

/** The same batches the relay sends (its read order, `toCloudEvent`), as kafkajs messages. */
async function cloudEventBatches(store: EventStore): Promise<Message[][]> {
  const batches: Message[][] = [];
  for (let after = LOG_START; ; ) {
    const events = await readLog(store.pool, store.schema, after, BATCH);
    if (events.length === 0) return batches;
    batches.push(events.map((e) => toCloudEvent(e, SOURCE)).map((m) => ({ key: m.key, value: m.value && Buffer.from(m.value), headers: { ...m.headers } })));
    after = events[events.length - 1]!.position;
  }
}

/**
 * Baseline: a bare kafkajs producer with the relay's settings (idempotent, one request in flight,
 * acks from all replicas) sending the prebuilt batches one after another. Connecting is timed on
 * both sides (the relay connects its producer after start).
 */
async function timeRaw(brokers: string[], topic: string, batches: Message[][]): Promise<Sample> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const start = performance.now();
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  for (const messages of batches) await producer.send({ topic, acks: -1, messages });
  const ms = performance.now() - start;
  await producer.disconnect();
  return { ops: batches.length, events: batches.reduce((n, b) => n + b.length, 0), ms };
}

/** What the relay bench leaves behind for the catch-up benches: its stores and the topics the relay filled. */
export interface Prefilled {
  readonly store: EventStore;
  readonly warm: EventStore;
  readonly warmEvents: number;
  /** `total` events of `store`, as the relay published them (3 partitions). */
  readonly topic: string;
  /** The warm-ups' messages: valid events, a few thousand. */
  readonly warmTopic: string;
}

/** Relay throughput over `total` pre-filled events versus a bare producer sending the same messages. */
export async function relayBench(pool: pg.Pool, brokers: string[], total: number, log: (m: string) => void): Promise<{ ours: Sample; baseline: Sample; prefilled: Prefilled }> {
  const run = randomBytes(3).toString('hex');
  const kafka = createKafkaClient({ brokers, clientId: 'bench-relay' });
  const topics = { warm: `bench.warm.${run}`, relay: `bench.relay.${run}`, raw: `bench.raw.${run}` };
  // The broker does not auto-create topics; both sides get the same partitioning.
  await kafka.ensureTopics(Object.values(topics).map((topic) => ({ topic, partitions: PARTITIONS })));

  const warm = createEventStore({ pool, schema: 'bench_relay_warm' });
  const store = createEventStore({ pool, schema: 'bench_relay' });
  await warm.migrate();
  await store.migrate();
  const t0 = performance.now();
  await prefill(warm, WARM);
  await prefill(store, total);
  log(`relay: pre-filled ${total} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  const batches = await cloudEventBatches(store);
  // Shown because the relay pays this read inside its timing and the bare producer does not.
  log(`relay: reading them back with readLog + toCloudEvent took ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  // Warm-ups: a short relay run and a few raw batches, on a topic the measured runs do not use.
  await timeRelay(warm, kafka, topics.warm, WARM);
  await timeRaw(brokers, topics.warm, batches.slice(0, 4));

  const ours = await timeRelay(store, kafka, topics.relay, total);
  const baseline = await timeRaw(brokers, topics.raw, batches);
  return { ours, baseline, prefilled: { store, warm, warmEvents: WARM, topic: topics.relay, warmTopic: topics.warm } };
}
