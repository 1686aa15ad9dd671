import { describe, expect, it } from 'vitest';
import { bool, ConfigError, describeSpec, hostPorts, int, oneOf, port, readConfig, str, url } from './index.js';

const spec = {
  databaseUrl: { env: 'DATABASE_URL', parse: url, doc: 'PostgreSQL connection string' },
  grpcPort: { env: 'QUEUE_GRPC_PORT', parse: port, default: 50052, doc: 'gRPC port' },
  brokers: { env: 'KAFKA_BROKERS', parse: hostPorts, default: [] as string[], doc: 'Kafka bootstrap servers' },
  mode: { env: 'MODE', parse: oneOf('a', 'b'), default: 'a' as 'a' | 'b', doc: 'a mode' },
};

describe('readConfig', () => {
  it('reads, parses and freezes; unset or blank values take their default', () => {
    const config = readConfig(spec, { DATABASE_URL: 'postgres://db/x', QUEUE_GRPC_PORT: ' ', KAFKA_BROKERS: 'k0:9092, k1:9092' });
    expect(config).toEqual({ databaseUrl: 'postgres://db/x', grpcPort: 50052, brokers: ['k0:9092', 'k1:9092'], mode: 'a' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails fast naming every missing or invalid variable at once', () => {
    let error: unknown;
    try {
      readConfig(spec, { QUEUE_GRPC_PORT: '70000', KAFKA_BROKERS: 'nohost', MODE: 'c' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'DATABASE_URL is required: PostgreSQL connection string',
      'QUEUE_GRPC_PORT="70000" is invalid: expected a port from 0 to 65535 (0 picks a free one)',
      'KAFKA_BROKERS="nohost" is invalid: expected host:port, got "nohost"',
      'MODE="c" is invalid: expected one of a, b',
    ]);
  });

  it('parsers refuse what they cannot read', () => {
    expect(() => int('1.5')).toThrow('whole number');
    expect(() => url('db')).toThrow('URL');
    expect(str('x')).toBe('x');
    expect([bool('true'), bool('false')]).toEqual([true, false]);
    expect(() => bool('yes')).toThrow('expected one of true, false');
  });

  it('describes itself for the README configuration table', () => {
    expect(describeSpec(spec)[0]).toEqual({ env: 'DATABASE_URL', default: '(required)', doc: 'PostgreSQL connection string' });
  });
});
