import { Kafka, type Admin } from 'kafkajs';
import { fromKafkajsAcl, toKafkajsAcl, toKafkajsFilter } from './acls.js';
import { explained, kafkajsConfig } from './connection.js';
import { incoming } from './messages.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import type {
  AclBinding,
  AclFilter,
  BatchHandler,
  Consumer,
  ConsumerOptions,
  GroupDescription,
  KafkaClientOptions,
  MessageHandler,
  PartitionOffset,
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
  topicExists(topic: string): Promise<boolean>;
  /** Deletes topics and every message in them; a topic that does not exist is skipped. */
  deleteTopics(topics: readonly string[]): Promise<void>;
  /**
   * Per partition, the first offset whose record timestamp is at or after `at`; the end offset
   * (where the next record will go) for a partition with none.
   */
  offsetsAtTime(topic: string, at: Date): Promise<PartitionOffset[]>;
  /** The group's state and member count; a group the broker does not know is `Dead` with no members. */
  describeGroup(groupId: string): Promise<GroupDescription>;
  /** Adds ACLs; the broker keeps a set, so adding one that exists changes nothing. */
  createAcls(acls: readonly AclBinding[]): Promise<void>;
  /** The ACLs that match the filter (needs DESCRIBE on the cluster). */
  describeAcls(filter: AclFilter): Promise<AclBinding[]>;
  /** Deletes the ACLs that match the filter and returns them (none: nothing matched). */
  deleteAcls(filter: AclFilter): Promise<AclBinding[]>;
}

export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  const kafka = new Kafka(kafkajsConfig(options));
  // Failures the settings or the ACLs can fix (login, TLS, authorisation) say what to check.
  const explain = <T>(work: () => Promise<T>): Promise<T> => explained(options, work);
  const withAdmin = <T>(work: (admin: Admin) => Promise<T>): Promise<T> => explain(() => adminDoing(kafka, work));
  return {
    async producer() {
      const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
      await explain(() => producer.connect());
      return {
        async send(topic, messages) {
          await explain(() => producer.send({
            topic,
            acks: -1,
            messages: messages.map((m) => ({
              key: m.key,
              value: m.value === null ? null : Buffer.from(m.value),
              headers: { ...m.headers },
            })),
          }));
        },
        close: () => producer.disconnect(),
      };
    },
    async consumer(opts) {
      const consumer = kafka.consumer({ groupId: opts.groupId, allowAutoTopicCreation: false });
      await explain(async () => {
        await consumer.connect();
        await consumer.subscribe({ topics: [...opts.topics], fromBeginning: opts.fromBeginning ?? false });
      });
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
    endOffsets: (topic) =>
      withAdmin(async (admin) =>
        (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high, low: p.low }))),
    setGroupOffsets: (groupId, topic, partitions) =>
      withAdmin((admin) => admin.setOffsets({ groupId, topic, partitions: partitions.map((p) => ({ ...p })) })),
    groupOffsets: (groupId, topic) =>
      withAdmin(async (admin) => {
        const [found] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return (found?.partitions ?? []).map((p) => ({ partition: p.partition, offset: p.offset }));
      }),
    ensureTopics: (topics) =>
      withAdmin(async (admin) => {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t.topic));
        if (missing.length === 0) return;
        try {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((t) => ({
              topic: t.topic,
              numPartitions: t.partitions ?? 1,
              configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
            })),
          });
        } catch (error) {
          // Another client created it first, or a busy KRaft broker answered the leader check
          // before it had the new partitions: wait for the leaders ourselves.
          const type = (error as { type?: string }).type;
          if (type !== 'TOPIC_ALREADY_EXISTS' && type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw error;
          await waitForLeaders(admin, missing.map((t) => t.topic));
        }
      }),
    topicExists: (topic) => withAdmin(async (admin) => (await admin.listTopics()).includes(topic)),
    deleteTopics: (topics) =>
      withAdmin(async (admin) => {
        const existing = new Set(await admin.listTopics());
        const present = topics.filter((t) => existing.has(t));
        if (present.length > 0) await admin.deleteTopics({ topics: present });
      }),
    offsetsAtTime: (topic, at) =>
      withAdmin(async (admin) =>
        // kafkajs answers the end offset for a partition with no record at or after the moment.
        (await admin.fetchTopicOffsetsByTimestamp(topic, at.getTime())).map((p) => ({ partition: p.partition, offset: p.offset }))),
    describeGroup: (groupId) =>
      withAdmin(async (admin) => {
        const { groups } = await admin.describeGroups([groupId]);
        const group = groups.find((g) => g.groupId === groupId);
        return { state: group?.state ?? 'Dead', members: group?.members.length ?? 0 };
      }),
    createAcls: async (acls) => {
      if (acls.length === 0) return;
      await withAdmin((admin) => admin.createAcls({ acl: acls.map(toKafkajsAcl) }));
    },
    describeAcls: (filter) =>
      withAdmin(async (admin) => {
        const { resources } = await admin.describeAcls(toKafkajsFilter(filter));
        return resources.flatMap(({ acls, ...resource }) => acls.map((acl) => fromKafkajsAcl({ ...resource, ...acl })));
      }),
    deleteAcls: (filter) =>
      withAdmin(async (admin) => {
        const { filterResponses } = await admin.deleteAcls({ filters: [toKafkajsFilter(filter)] });
        return filterResponses.flatMap((r) => r.matchingAcls.map(fromKafkajsAcl));
      }),
  };
}

/** Runs `work` with a connected admin client, and disconnects it whatever happens. */
async function adminDoing<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Polls the topics' metadata until every partition has a leader (up to 30 s), then returns. */
async function waitForLeaders(admin: Admin, topics: readonly string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: [...topics] });
      if (found.length === topics.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leader after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 200)); // poll interval
  }
}
