import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@mpp/config';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, kafkaBrokers, kafkaClientOptions, kafkaSecurity, readServiceConfig } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mpp-kafka-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const caFile = join(dir, 'ca.crt');
writeFileSync(caFile, CA);
const keyFile = join(dir, 'user.key');
writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');

// A data-owning service's Kafka settings, as its configSpec has them.
const spec = { databaseUrl, kafkaBrokers, ...kafkaSecurity };
const base = { DATABASE_URL: 'postgres://db/mpp', KAFKA_BROKERS: 'mpp-kafka-bootstrap:9093' };
const strimzi = { ...base, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'mpp-queue', KAFKA_SASL_PASSWORD: 's3cret', KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: caFile };

function problems(env: Record<string, string>): readonly string[] {
  try {
    readServiceConfig(spec, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('Kafka security settings (KAFKA_SASL_*, KAFKA_TLS*)', () => {
  it('keep PLAINTEXT without a login when none is set', () => {
    const config = readServiceConfig(spec, base);
    expect(config).toMatchObject({ kafkaSaslMechanism: '', kafkaTls: false, kafkaTlsCaFile: '' });
    expect(kafkaClientOptions(config, 'mpp-queue')).toEqual({ brokers: ['mpp-kafka-bootstrap:9093'], clientId: 'mpp-queue' });
  });

  it('give every client SCRAM and TLS with the CA read from its file (Strimzi\'s internal listener)', () => {
    expect(kafkaClientOptions(readServiceConfig(spec, strimzi), 'mpp-queue')).toEqual({
      brokers: ['mpp-kafka-bootstrap:9093'],
      clientId: 'mpp-queue',
      sasl: { mechanism: 'scram-sha-512', username: 'mpp-queue', password: 's3cret' },
      ssl: { ca: [CA] },
    });
    const systemCas = readServiceConfig(spec, { ...base, KAFKA_TLS: 'true' });
    expect(kafkaClientOptions(systemCas, 'mpp-queue')?.ssl).toBe(true);
  });

  it('make no client without brokers (single-node mode), whatever else is set', () => {
    expect(kafkaClientOptions(readServiceConfig(spec, { ...strimzi, KAFKA_BROKERS: '' }), 'mpp-queue')).toBeUndefined();
  });

  it('require the username and the password with a mechanism, and a mechanism with either', () => {
    expect(problems({ ...base, KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toEqual([
      expect.stringMatching(/^KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set: set KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/),
      expect.stringMatching(/^KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set/),
    ]);
    expect(problems({ ...base, KAFKA_SASL_USERNAME: 'mpp-queue' })).toEqual([expect.stringContaining('set without KAFKA_SASL_MECHANISM: set it to scram-sha-256 or scram-sha-512')]);
  });

  it('refuse an unknown mechanism, a KAFKA_TLS that is not true or false, and a CA without TLS', () => {
    expect(problems({ ...base, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toEqual(['KAFKA_SASL_MECHANISM="plain" is invalid: expected one of scram-sha-256, scram-sha-512']);
    expect(problems({ ...base, KAFKA_TLS: 'yes' })).toEqual(['KAFKA_TLS="yes" is invalid: expected one of true, false']);
    expect(problems({ ...base, KAFKA_TLS_CA_FILE: caFile })).toEqual([expect.stringContaining('KAFKA_TLS_CA_FILE is set but KAFKA_TLS is not true: set KAFKA_TLS=true')]);
  });

  it('check the CA file at start: there, readable, a PEM certificate', () => {
    const missing = problems({ ...strimzi, KAFKA_TLS_CA_FILE: join(dir, 'absent.crt') });
    expect(missing).toEqual([expect.stringMatching(/^KAFKA_TLS_CA_FILE=".*absent\.crt" is invalid: cannot read it \(ENOENT\): mount the CA certificate there/)]);
    expect(problems({ ...strimzi, KAFKA_TLS_CA_FILE: keyFile })).toEqual([expect.stringContaining('holds no "-----BEGIN CERTIFICATE-----" block')]);
  });

  it('are named together with every other problem', () => {
    expect(problems({ KAFKA_BROKERS: 'kafka:9093', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'mpp-queue' })).toEqual([
      expect.stringMatching(/^DATABASE_URL is required/),
      expect.stringMatching(/^KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set/),
    ]);
  });
});
