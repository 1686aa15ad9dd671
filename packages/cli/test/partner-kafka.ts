// What a partner agency and the platform do on the wire, for partner.e2e.test.ts: plain kafkajs,
// as an agency's own program would use it.
import kafkajs from 'kafkajs';
import type { Kafka, KafkaJSError, logCreator } from 'kafkajs';
import { waitFor } from '@mpp/testing';

const { Kafka: KafkaClass, logLevel } = kafkajs;

export interface Login { username: string; password: string }

/** The platform side: PLAINTEXT listener, unauthenticated, i.e. the broker's super user. */
export function platformKafka(brokers: string[]): Kafka {
  return new KafkaClass({ clientId: 'platform', brokers, logLevel: logLevel.NOTHING });
}

/** A partner over SASL/SCRAM-SHA-256; `log` receives the errors kafkajs logs (it hides some behind others). */
export function partnerKafka(bootstrap: string[], login: Login, log?: (error: KafkaJSError) => void): Kafka {
  const creator: logCreator = () => ({ log: entry }) => {
    const error = (entry as { error?: unknown }).error;
    if (log && error instanceof Error) log(error as KafkaJSError);
  };
  return new KafkaClass({
    clientId: login.username,
    brokers: bootstrap,
    sasl: { mechanism: 'scram-sha-256', ...login },
    retry: { retries: 1 },
    ...(log ? { logLevel: logLevel.DEBUG, logCreator: creator } : { logLevel: logLevel.NOTHING }),
  });
}

/** Sends the values (keyed so they spread over the partitions) and resolves once the broker has them. */
export async function produce(kafka: Kafka, topic: string, values: readonly string[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: values.map((value) => ({ key: value, value })) });
  } finally {
    await producer.disconnect();
  }
}

/** A message as the partner read it. */
export interface Read { value: string; timestamp: number }

/**
 * Reads with consumer group `groupId` until the group has committed everything on the topic
 * (checked through `platform`), then leaves; returns what it read, in arrival order.
 */
export async function readToEnd(kafka: Kafka, platform: Kafka, groupId: string, topic: string): Promise<Read[]> {
  const read: Read[] = [];
  // A short fetch wait: leaving the group waits for the fetch in flight.
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void read.push({ value: message.value!.toString(), timestamp: Number(message.timestamp) }) });
    await waitFor(() => committedToEnd(platform, groupId, topic), { timeoutMs: 120_000, what: `${groupId} to commit the end of ${topic} (read ${read.length})` });
  } finally {
    await consumer.disconnect();
  }
  return read;
}

async function committedToEnd(platform: Kafka, groupId: string, topic: string): Promise<boolean> {
  const admin = platform.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    // An empty partition has nothing to commit ('-1').
    return ends.every((e) => e.high === '0' || committed?.partitions.find((p) => p.partition === e.partition)?.offset === e.high);
  } finally {
    await admin.disconnect();
  }
}

/** The error a consumer of `groupId` crashes with when it tries to join, or 'joined'. */
export async function joinError(kafka: Kafka, groupId: string, topic: string): Promise<KafkaJSError | 'joined'> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 0 }, maxWaitTimeInMs: 200 });
  const crashed = new Promise<KafkaJSError | 'joined'>((resolve) => {
    consumer.on(consumer.events.CRASH, (e) => resolve(e.payload.error as KafkaJSError));
    consumer.on(consumer.events.GROUP_JOIN, () => resolve('joined'));
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => {} });
    return await crashed;
  } finally {
    await consumer.disconnect();
  }
}

/** The error connecting as `login` fails with, or undefined when it succeeds. */
export async function connectError(bootstrap: string[], login: Login): Promise<unknown> {
  const admin = new KafkaClass({ brokers: bootstrap, sasl: { mechanism: 'scram-sha-256', ...login }, retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await admin.disconnect();
  }
}
