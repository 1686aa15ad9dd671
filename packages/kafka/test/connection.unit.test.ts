import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { explainKafkaError, kafkajsConfig } from '../src/connection.js';
import type { KafkaClientOptions } from '../src/types.js';

// kafkajs is CommonJS: its error classes come with the default export. Its typings leave out
// constructor arguments the library itself passes (a cause, protocol error fields).
type ErrorClass = new (...args: unknown[]) => Error;
type Used = 'KafkaJSConnectionError' | 'KafkaJSNonRetriableError' | 'KafkaJSNumberOfRetriesExceeded' | 'KafkaJSProtocolError' | 'KafkaJSSASLAuthenticationError' | 'KafkaJSAggregateError';
const { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSSASLAuthenticationError, KafkaJSAggregateError } =
  kafkajs as unknown as Record<Used, ErrorClass>;

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const plain: KafkaClientOptions = { brokers: ['kafka:9092'], clientId: 'mpp-queue' };
const strimzi: KafkaClientOptions = {
  brokers: ['mpp-kafka-bootstrap:9093'],
  clientId: 'mpp-queue',
  sasl: { mechanism: 'scram-sha-512', username: 'mpp-queue', password: 'secret' },
  ssl: { ca: [CA] },
};

describe('kafkajsConfig: the platform\'s connection options in kafkajs terms', () => {
  it('leaves PLAINTEXT as it was: no sasl, no ssl', () => {
    const config = kafkajsConfig(plain);
    expect(config).toMatchObject({ clientId: 'mpp-queue', brokers: ['kafka:9092'] });
    expect(config).not.toHaveProperty('sasl');
    expect(config).not.toHaveProperty('ssl');
  });

  it('maps SASL_SSL with a CA to sasl + ssl.ca, and TLS with the system CAs to ssl: true', () => {
    expect(kafkajsConfig(strimzi)).toMatchObject({ sasl: { mechanism: 'scram-sha-512', username: 'mpp-queue', password: 'secret' }, ssl: { ca: [CA] } });
    expect(kafkajsConfig({ ...plain, ssl: true })).toMatchObject({ ssl: true });
    expect(kafkajsConfig({ ...plain, ssl: true })).not.toHaveProperty('sasl');
  });
});

describe('explainKafkaError: failures the settings can fix say what to check', () => {
  const message = (error: unknown) => (error as Error).message;

  it('a refused login, however deep kafkajs wrapped it, names the user and the KAFKA_SASL_* settings', () => {
    const refused = new KafkaJSSASLAuthenticationError('SASL SCRAM SHA512 authentication failed: invalid credentials');
    // As kafkajs's retrier wraps it.
    const wrapped = new KafkaJSNumberOfRetriesExceeded(new KafkaJSNonRetriableError(refused, { cause: refused }), { retryCount: 5, retryTime: 3000 });
    const explained = explainKafkaError(wrapped, strimzi);
    expect(explained).toMatchObject({ name: 'KafkaAccessError', cause: wrapped });
    expect(message(explained)).toContain('refused the SASL login of user "mpp-queue" (SCRAM-SHA-512): SASL SCRAM SHA512 authentication failed');
    expect(message(explained)).toContain('KAFKA_SASL_PASSWORD');
  });

  it('an untrusted certificate asks for KAFKA_TLS_CA_FILE, or says it does not match the one given', () => {
    const untrusted = new KafkaJSConnectionError('Connection error: self-signed certificate in certificate chain', { broker: 'kafka:9093', code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(message(explainKafkaError(untrusted, { ...strimzi, ssl: true }))).toMatch(/TLS to Kafka at kafka:9093 failed: .*Set KAFKA_TLS_CA_FILE/);
    expect(message(explainKafkaError(untrusted, strimzi))).toContain('signed by the CA in KAFKA_TLS_CA_FILE');
    const notTls = new KafkaJSConnectionError('Connection error: Client network socket disconnected before secure TLS connection was established', { broker: 'kafka:9092', code: 'ECONNRESET' });
    expect(message(explainKafkaError(notTls, strimzi))).toContain('Check that KAFKA_BROKERS names the TLS listener');
  });

  it('a missing ACL names the principal, also inside an aggregate of topic errors', () => {
    const denied = new KafkaJSProtocolError({ message: 'Not authorized to access topics: [Topic authorization failed]', type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false });
    expect(message(explainKafkaError(denied, strimzi))).toContain('TOPIC_AUTHORIZATION_FAILED');
    expect(message(explainKafkaError(new KafkaJSAggregateError('Topic creation errors', [denied]), strimzi))).toContain('User:mpp-queue lacks an ACL');
  });

  it('a listener that closes the connection points at KAFKA_TLS and KAFKA_SASL_*; other errors pass through', () => {
    const closed = new KafkaJSConnectionError('Closed connection', { broker: 'kafka:9093' });
    expect(message(explainKafkaError(closed, plain))).toContain('set KAFKA_TLS=true; if it needs a login, set KAFKA_SASL_MECHANISM');
    const other = new Error('boom');
    expect(explainKafkaError(other, strimzi)).toBe(other);
  });
});
