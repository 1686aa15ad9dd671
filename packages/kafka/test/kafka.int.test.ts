import { describe, expect, it } from 'vitest';
import { kafkaBrokers, uniqueTopic } from '@mpp/testing/fixtures';
import { waitFor } from '@mpp/testing';
import { createKafkaClient, type IncomingMessage } from '../src/index.js';

describe('Kafka client on the real broker', () => {
  it('produces and consumes with keys, binary values and headers, in partition order', async () => {
    const topic = uniqueTopic('mpp.test');
    const kafka = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'kafka-test' });
    await kafka.ensureTopics([{ topic, partitions: 2 }]);
    await kafka.ensureTopics([{ topic, partitions: 2 }]); // idempotent

    const producer = await kafka.producer();
    const sent = Array.from({ length: 10 }, (_, i) => ({
      key: `stream-${i % 3}`,
      value: new Uint8Array([i, 255 - i]),
      headers: { ce_id: `event-${i}`, ce_type: 'id.mpp.test.Happened.v1' },
    }));
    await producer.send(topic, sent);
    await producer.close();

    const consumer = await kafka.consumer({ groupId: `${topic}.group`, topics: [topic], fromBeginning: true });
    const received: IncomingMessage[] = [];
    await consumer.run(async (m) => {
      received.push(m);
    });
    try {
      await waitFor(() => received.length >= 10, { timeoutMs: 120_000, what: '10 messages' });
    } finally {
      await consumer.close();
    }
    expect(received).toHaveLength(10);
    for (const m of received) {
      const i = Number(m.headers.ce_id?.split('-')[1]);
      expect(m.key).toBe(`stream-${i % 3}`);
      expect([...(m.value ?? [])]).toEqual([i, 255 - i]);
      expect(m.headers.ce_type).toBe('id.mpp.test.Happened.v1');
    }
    // Per key (stream), order is kept.
    for (const key of ['stream-0', 'stream-1', 'stream-2']) {
      const ids = received.filter((m) => m.key === key).map((m) => Number(m.headers.ce_id?.split('-')[1]));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
  });
});

describe('batches handled while the next are fetched', () => {
  it('hands every offset over once, in order, when the handler fails now and then, and commits only what it finished', async () => {
    const topic = uniqueTopic('mpp.test.pipeline');
    const kafka = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'kafka-pipeline-test' });
    await kafka.ensureTopics([{ topic, partitions: 1 }]);
    const groupId = `${topic}.group`;
    const producer = await kafka.producer();
    const send = (from: number) =>
      producer.send(
        topic,
        Array.from({ length: 100 }, (_, i) => ({ key: 'k', value: new Uint8Array([1]), headers: { n: String(from + i) } })),
      );

    const handled: number[] = [];
    const failOn = new Map([[250, 2], [620, 1]]); // offset → how many times a batch holding it fails
    const consumer = await kafka.consumer({ groupId, topics: [topic], fromBeginning: true });
    await consumer.runBatches(async (batch) => {
      const offsets = batch.messages.map((m) => Number(m.offset));
      for (const [offset, times] of failOn) {
        if (times > 0 && offsets.includes(offset)) {
          failOn.set(offset, times - 1);
          throw new Error(`refusing the batch holding ${offset}`);
        }
      }
      await new Promise((resolve) => setImmediate(resolve)); // real work yields; let fetches overtake
      handled.push(...offsets);
    });
    try {
      for (let from = 0; from < 1000; from += 100) await send(from);
      await waitFor(() => handled.length >= 1000, { timeoutMs: 120_000, what: `1000 offsets handled (${handled.length})` });
    } finally {
      await consumer.close();
      await producer.close();
    }
    expect(handled).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...failOn.values()]).toEqual([0, 0]);
    expect(await kafka.groupOffsets(groupId, topic)).toEqual([{ partition: 0, offset: '1000' }]);
  });
});
