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
