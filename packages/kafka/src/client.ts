import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { incoming } from './messages.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import type {
  BatchHandler,
  Consumer,
  ConsumerOptions,
  KafkaClientOptions,
  MessageHandler,
  Producer,
  TopicSpec,
} from './types.js';

/**
 * The platform's small Kafka interface. kafkajs has had no release since 2023, so it stays behind
 * these few functions and a maintained client can replace it in one place.
 *
 * @example
 * const kafka = createKafkaClient({ brokers: ['127.0.0.1:9092'], clientId: 'queue' });
 * await kafka.ensureTopics([{ topic: 'mpp.queue.v1', partitions: 3 }]);
 * const producer = await kafka.producer();
 * await producer.send('mpp.queue.v1', [{ key: streamId, value: bytes, headers: { ce_id: id } }]);
 */
export interface KafkaClient {
  producer(): Promise<Producer>;
  consumer(options: ConsumerOptions): Promise<Consumer>;
  /** Creates missing topics; existing ones are left as they are. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
  /** Per partition, the offset the next message will get (the end now) and the oldest one kept. */
  endOffsets(topic: string): Promise<{ partition: number; offset: string; low: string }[]>;
  /** Moves a consumer group that has no live member to the given offsets. */
  setGroupOffsets(groupId: string, topic: string, partitions: readonly { partition: number; offset: string }[]): Promise<void>;
  /** Per partition, the offset a consumer group will read next ('-1' when it has none). */
  groupOffsets(groupId: string, topic: string): Promise<{ partition: number; offset: string }[]>;
}

export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
    ...(options.sasl ? { sasl: { ...options.sasl } as SASLOptions } : {}),
  });
  return {
    async producer() {
      const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      return {
        async send(topic, messages) {
          await producer.send({
            topic,
            acks: -1,
            messages: messages.map((m) => ({
              key: m.key,
              value: m.value === null ? null : Buffer.from(m.value),
              headers: { ...m.headers },
            })),
          });
        },
        close: () => producer.disconnect(),
      };
    },
    async consumer(opts) {
      const consumer = kafka.consumer({ groupId: opts.groupId, allowAutoTopicCreation: false });
      await consumer.connect();
      await consumer.subscribe({ topics: [...opts.topics], fromBeginning: opts.fromBeginning ?? false });
      let pipeline: Pipeline | undefined;
      return {
        async run(handler: MessageHandler) {
          await consumer.run({
            autoCommit: true,
            eachMessage: async ({ topic, partition, message }) => handler(incoming(topic, partition, message)),
          });
        },
        async runBatches(handler: BatchHandler) {
          pipeline = createPipeline(consumer, handler);
          await consumer.run({ autoCommit: false, eachBatchAutoResolve: true, eachBatch: pipeline.push });
        },
        async close() {
          // Finish (and commit) the batches in hand before leaving the group.
          await pipeline?.drain();
          await consumer.disconnect();
        },
      };
    },
    async endOffsets(topic) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        return (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high, low: p.low }));
      } finally {
        await admin.disconnect();
      }
    },
    async setGroupOffsets(groupId, topic, partitions) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await admin.setOffsets({ groupId, topic, partitions: partitions.map((p) => ({ ...p })) });
      } finally {
        await admin.disconnect();
      }
    },
    async groupOffsets(groupId, topic) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const [found] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return (found?.partitions ?? []).map((p) => ({ partition: p.partition, offset: p.offset }));
      } finally {
        await admin.disconnect();
      }
    },
    async ensureTopics(topics) {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t.topic));
        if (missing.length === 0) return;
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((t) => ({
            topic: t.topic,
            numPartitions: t.partitions ?? 1,
            configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
          })),
        });
      } finally {
        await admin.disconnect();
      }
    },
  };
}
