import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createEventStore, createKafkaConsumer } from '@mpp/eventstore';
import { createKafkaClient, type KafkaClient } from '@mpp/kafka';
import { Kafka, logLevel } from 'kafkajs';
import type pg from 'pg';
import { countingProjection, countsTable } from './fixtures.js';
import type { Sample } from './measure.js';
import type { Prefilled } from './relay.js';

const READER = 'bench_catchup_kafka'; // the consumer's schema (offsets, processed ids, read model)

async function endOffsets(kafka: KafkaClient, topic: string): Promise<Map<number, bigint>> {
  return new Map((await kafka.endOffsets(topic)).map((p) => [p.partition, BigInt(p.offset)]));
}

const sum = (end: Map<number, bigint>) => Number([...end.values()].reduce((a, b) => a + b, 0n));

async function storedReached(pool: pg.Pool, consumer: string, topic: string, end: Map<number, bigint>): Promise<boolean> {
  const { rows } = await pool.query<{ partition: number; next_offset: string }>(
    `select partition, next_offset::text from "${READER}".consumer_offsets where consumer = $1 and topic = $2`,
    [consumer, topic],
  );
  const done = new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
  return [...end].every(([partition, offset]) => (done.get(partition) ?? 0n) >= offset);
}

/** Ours: from `start()` (connect, join) until the offsets stored with the read model are the topic's end. */
async function timeConsumer(pool: pg.Pool, kafka: KafkaClient, topic: string, name: string): Promise<Sample> {
  const end = await endOffsets(kafka, topic);
  const total = sum(end);
  const groupId = `bench.catchup.${name}.${randomBytes(3).toString('hex')}`;
  const consumer = createKafkaConsumer({ pool, schema: READER, kafka, groupId, topics: [topic], projection: countingProjection(READER, name) });
  // As deployed: the dead-letter topic exists before the consumer starts (creating it is not
  // catching up; the consumer only makes sure it is there).
  await kafka.ensureTopics([{ topic: `${topic}.dlq` }]);
  const start = performance.now();
  consumer.start();
  for (;;) {
    // The in-process count gates the query; the stored offsets decide.
    if (consumer.status().applied >= total && (await storedReached(pool, name, topic, end))) break;
    if (performance.now() - start > 180_000) throw new Error(`Kafka consumer not caught up in 180 s: ${JSON.stringify(consumer.status())}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  const ms = performance.now() - start;
  await consumer.stop();
  const s = consumer.status();
  if (s.applied !== total || s.deadLettered > 0 || s.failures > 0) throw new Error(`Kafka consumer: ${JSON.stringify(s)} for ${total} events`);
  return { ops: total, events: total, ms };
}

/** Baseline: a bare kafkajs consumer (same defaults), fresh group, `eachBatch` a no-op but for noting where it is. */
async function timeRaw(brokers: string[], kafka: KafkaClient, topic: string): Promise<Sample> {
  const end = await endOffsets(kafka, topic);
  const remaining = new Map([...end].filter(([, offset]) => offset > 0n));
  const raw = new Kafka({ clientId: 'bench-catchup-raw', brokers, logLevel: logLevel.NOTHING });
  let events = 0;
  let reached!: () => void;
  const done = new Promise<void>((resolve) => (reached = resolve));
  const start = performance.now();
  const consumer = raw.consumer({ groupId: `bench.catchup.raw.${randomBytes(3).toString('hex')}`, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      events += batch.messages.length;
      const last = batch.messages[batch.messages.length - 1];
      const stop = remaining.get(batch.partition);
      if (last && stop !== undefined && BigInt(last.offset) + 1n >= stop) remaining.delete(batch.partition);
      if (remaining.size === 0) reached();
    },
  });
  await done;
  const ms = performance.now() - start;
  await consumer.disconnect();
  if (events !== sum(end)) throw new Error(`raw consumer read ${events}/${sum(end)} messages`);
  return { ops: events, events, ms };
}

/** Catching up on the relay's topic: `createKafkaConsumer` with a counting read model versus a no-op kafkajs consumer. */
export async function kafkaCatchup(pool: pg.Pool, brokers: string[], prefilled: Prefilled): Promise<{ ours: Sample; baseline: Sample }> {
  const kafka = createKafkaClient({ brokers, clientId: 'bench-catchup' });
  await createEventStore({ pool, schema: READER }).migrate();
  await countsTable(pool, READER);
  await timeConsumer(pool, kafka, prefilled.warmTopic, 'warm');
  await timeRaw(brokers, kafka, prefilled.warmTopic);
  const ours = await timeConsumer(pool, kafka, prefilled.topic, 'counts');
  const baseline = await timeRaw(brokers, kafka, prefilled.topic);
  return { ours, baseline };
}
