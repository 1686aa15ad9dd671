// Integration test: starts a private, real Kafka 3.9.1 broker (needs Java 17 + Maven; first run downloads jars).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// kafkajs is CommonJS and its ACL enums are not visible as ESM named exports under plain Node: use the default.
import kafkajs from 'kafkajs';
import type { Consumer, Kafka as KafkaClient } from 'kafkajs';
import { startKafkaBroker } from '../src/kafka/index.js';
import { waitFor } from '../src/ports.js';
import type { KafkaBroker } from '../src/kafka/index.js';

const { Kafka, logLevel, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = kafkajs;

const TOPIC_A = 'mpp.partner.a.v1';
const TOPIC_B = 'mpp.partner.b.v1';
const PASSWORD_A = 'secret-a';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startKafkaBroker (real Kafka 3.9.1, KRaft)', () => {
  let broker: KafkaBroker;

  beforeAll(async () => {
    broker = await startKafkaBroker({
      scramUsers: [{ name: 'partner-a', password: PASSWORD_A }, { name: 'partner-b', password: 'secret-b' }],
    });
  }, 300_000); // first run may download the jars

  afterAll(async () => {
    await broker?.stop();
  }, 60_000);

  it('enforces SCRAM authentication and per-partner topic ACLs', async () => {
    expect(broker.saslBrokers).toHaveLength(1);

    // Setup as the super user (PLAINTEXT listener = User:ANONYMOUS).
    const superUser = new Kafka({ clientId: 'setup', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const admin = superUser.admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC_A }, { topic: TOPIC_B }] });
      const allowA = { principal: 'User:partner-a', host: '*', permissionType: AclPermissionTypes.ALLOW };
      await admin.createAcls({
        acl: [
          { ...allowA, resourceType: AclResourceTypes.TOPIC, resourceName: TOPIC_A, resourcePatternType: ResourcePatternTypes.LITERAL, operation: AclOperationTypes.READ },
          { ...allowA, resourceType: AclResourceTypes.TOPIC, resourceName: TOPIC_A, resourcePatternType: ResourcePatternTypes.LITERAL, operation: AclOperationTypes.DESCRIBE },
          { ...allowA, resourceType: AclResourceTypes.GROUP, resourceName: 'partner-a.', resourcePatternType: ResourcePatternTypes.PREFIXED, operation: AclOperationTypes.READ },
        ],
      });
    } finally {
      await admin.disconnect();
    }
    const producer = superUser.producer();
    await producer.connect();
    try {
      await producer.send({ topic: TOPIC_A, messages: [{ value: 'for partner a' }] });
      await producer.send({ topic: TOPIC_B, messages: [{ value: 'for partner b' }] });
    } finally {
      await producer.disconnect();
    }

    const partnerA: KafkaClient = new Kafka({
      clientId: 'partner-a',
      brokers: broker.saslBrokers,
      logLevel: logLevel.NOTHING,
      sasl: { mechanism: 'scram-sha-256', username: 'partner-a', password: PASSWORD_A },
    });

    // Own topic: readable through the group prefix ACL.
    const consumer: Consumer = partnerA.consumer({ groupId: 'partner-a.test' });
    const received: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: TOPIC_A, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => { received.push(message.value?.toString() ?? ''); } });
      await waitFor(() => received.length > 0, { timeoutMs: 120_000, what: `a message on ${TOPIC_A}` });
      expect(received).toEqual(['for partner a']);
    } finally {
      await consumer.disconnect();
    }

    // Other partner's topic: refused when the consumer asks for its metadata (at subscribe).
    const refused = partnerA.consumer({ groupId: 'partner-a.other' });
    await refused.connect();
    try {
      await expect(refused.subscribe({ topic: TOPIC_B, fromBeginning: true })).rejects.toMatchObject({
        name: 'KafkaJSProtocolError',
        type: 'TOPIC_AUTHORIZATION_FAILED',
        code: 29,
      });
    } finally {
      await refused.disconnect();
    }

    // Wrong password: the SASL handshake fails.
    const wrong = new Kafka({
      brokers: broker.saslBrokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: { mechanism: 'scram-sha-256', username: 'partner-a', password: 'wrong-password' },
    }).admin();
    try {
      await expect(wrong.connect()).rejects.toMatchObject({
        name: 'KafkaJSSASLAuthenticationError',
        message: expect.stringContaining('invalid credentials'),
      });
    } finally {
      await wrong.disconnect();
    }
  }, 120_000);

  it('stop() ends the JVM and is idempotent', async () => {
    expect(isAlive(broker.pid)).toBe(true);
    await broker.stop();
    expect(isAlive(broker.pid)).toBe(false);
    expect(() => process.kill(broker.pid, 0)).toThrow();
    await expect(broker.stop()).resolves.toBeUndefined();
  }, 60_000);
});

describe('startKafkaBroker({ tls: true }) without SCRAM', () => {
  let broker: KafkaBroker;
  beforeAll(async () => {
    broker = await startKafkaBroker({ tls: true });
  }, 300_000);
  afterAll(async () => {
    await broker?.stop();
  }, 60_000);

  it('serves an SSL listener whose certificate the CA it made vouches for, and no one else', async () => {
    expect(broker.tlsBrokers).toHaveLength(1);
    expect(broker.saslBrokers).toEqual([]);
    const ca = readFileSync(broker.tlsCaFile, 'utf8');
    const admin = (ssl: true | { ca: string[] }) => new Kafka({ brokers: broker.tlsBrokers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, ssl }).admin();
    const trusting = admin({ ca: [ca] });
    await trusting.connect();
    try {
      expect((await trusting.describeCluster()).brokers).toHaveLength(1);
    } finally {
      await trusting.disconnect();
    }
    // The system's CAs do not know it.
    const stranger = admin(true);
    try {
      await expect(stranger.connect()).rejects.toMatchObject({ message: expect.stringMatching(/self-signed certificate in certificate chain/) });
    } finally {
      await stranger.disconnect();
    }
  }, 120_000);
});
