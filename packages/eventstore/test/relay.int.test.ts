import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Kafka as CloudEventsKafka, type CloudEvent, type KafkaMessage } from 'cloudevents';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase, uniqueTopic } from '@mpp/testing/fixtures';
import type pg from 'pg';
import { createRelay, type EventStore } from '../src/index.js';
import { counted, decodeCounted, freshStore } from './fixtures.js';
import { arrivalOrder, collect, kafkaFor } from './relay-helpers.js';

let db: TestDatabase;
let store: EventStore;
const pools: pg.Pool[] = [];
let schemas = 0;

beforeAll(async () => {
  db = await testDatabase();
});
beforeEach(async () => {
  // Each test has a service schema, so a relay sees only that test's events.
  const fresh = await freshStore(db.url, `relay_${++schemas}`);
  store = fresh.store;
  pools.push(fresh.pool);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await db.drop();
});

/** Appends `n` single-event commands spread over `streams` streams; returns the event ids. */
async function fill(s: EventStore, prefix: string, n: number, streams = 5): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const event = counted(`${prefix}-${i % streams}`, i);
    await s.append(`${prefix}-${i % streams}`, 'any', [event]);
    ids.push(event.id);
  }
  return ids;
}

describe('outbox relay to Kafka', () => {
  it('publishes every event after commit as a binary-mode CloudEvent, keyed by stream, in stream order', async () => {
    const topic = uniqueTopic('mpp.queue.v1');
    const kafka = kafkaFor(kafkaBrokers());
    await kafka.ensureTopics([{ topic, partitions: 3 }]);
    const reader = await collect(kafka, topic);
    const relay = createRelay({ store, kafka, topic, source: '/mpp/queue', name: `${topic}-relay`, batchSize: 7 });
    relay.start();
    try {
      const ids = await fill(store, 'ce', 40);
      await reader.until(ids);
    } finally {
      await relay.stop();
      await reader.close();
    }
    for (const versions of arrivalOrder(reader.messages).values()) expect(versions).toEqual(versions.map((_, i) => i + 1));

    const message = reader.messages[0]!;
    // An independent parser: the CloudEvents SDK's Kafka binding.
    const kafkaMessage: KafkaMessage = { key: message.key!, value: Buffer.from(message.value!), headers: { ...message.headers }, body: undefined };
    const event = CloudEventsKafka.toEvent(kafkaMessage) as CloudEvent<unknown> | CloudEvent<unknown>[];
    const single = Array.isArray(event) ? event[0]! : event;
    expect(single.validate()).toBe(true);
    expect(single).toMatchObject({
      specversion: '1.0',
      source: '/mpp/queue',
      type: 'id.mpp.testing.Counted.v1',
      subject: message.key,
      datacontenttype: 'application/protobuf',
      mallid: 'mall-kendari',
      agencycode: 'disdukcapil-kendari',
      serviceid: 'ktp-el',
    });
    expect(single.id).toBe(message.headers.ce_id);
    expect(Date.parse(single.time!)).not.toBeNaN();
    expect(decodeCounted(new Uint8Array(single.data as Buffer)).writer).toBe(message.key);
  });

  it('has one active relay per service; a standby takes over from the checkpoint', async () => {
    const topic = uniqueTopic('mpp.queue.v1');
    const kafka = kafkaFor(kafkaBrokers());
    await kafka.ensureTopics([{ topic }]);
    const reader = await collect(kafka, topic);
    const options = { store, kafka, topic, source: '/mpp/queue', name: `${topic}-relay`, standbyIntervalMs: 50 };
    const a = createRelay(options);
    const b = createRelay(options);
    a.start();
    await waitFor(() => a.status().active, { what: 'relay A active' });
    b.start();
    try {
      const first = await fill(store, 'ha', 20);
      await reader.until(first);
      expect(b.status()).toMatchObject({ active: false, published: 0 });
      await a.stop();
      const second = await fill(store, 'ha', 20);
      await reader.until(second);
      expect(b.status().active).toBe(true);
      expect(b.status().published).toBe(20);
      // Nothing published twice: B started from A's checkpoint.
      expect(reader.messages).toHaveLength(40);
    } finally {
      await b.stop();
      await reader.close();
    }
  });

  it('republishes a batch after a crash between send and checkpoint: duplicates, never loss', async () => {
    const topic = uniqueTopic('mpp.queue.v1');
    const kafka = kafkaFor(kafkaBrokers());
    await kafka.ensureTopics([{ topic }]);
    const reader = await collect(kafka, topic);
    let crashes = 0;
    const relay = createRelay({
      store,
      kafka,
      topic,
      source: '/mpp/queue',
      name: `${topic}-relay`,
      batchSize: 10,
      backoff: { initialMs: 10, maxMs: 50 },
      afterSend: () => {
        if (crashes++ === 0) throw new Error('crash after send, before checkpoint');
      },
    });
    try {
      const ids = await fill(store, 'crash', 25);
      relay.start();
      await reader.until(ids);
      await waitFor(() => relay.status().published >= 25, { what: 'the relay to checkpoint everything' });
    } finally {
      await relay.stop();
      await reader.close();
    }
    expect(relay.status().failures).toBe(1);
    const counts = new Map<string, number>();
    for (const m of reader.messages) counts.set(m.headers.ce_id!, (counts.get(m.headers.ce_id!) ?? 0) + 1);
    expect(counts.size).toBe(25);
    expect([...counts.values()].filter((n) => n > 1)).toHaveLength(10); // the first batch, twice
  });
});
