import { hostPorts, oneOf, port, str, url, type Setting } from '@mpp/config';

export const logLevel: Setting<'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'> = {
  env: 'LOG_LEVEL',
  parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  default: 'info',
  doc: 'pino log level',
};

export const grpcHost: Setting<string> = {
  env: 'GRPC_HOST',
  parse: str,
  default: '0.0.0.0',
  doc: 'address the gRPC servers bind',
};

/** `<NAME>_GRPC_PORT`: distinct per service so all of them fit in one process (all-in-one). */
export function grpcPort(service: string, fallback: number): Setting<number> {
  return { env: `${service.toUpperCase()}_GRPC_PORT`, parse: port, default: fallback, doc: `gRPC port of the ${service} service` };
}

export const databaseUrl: Setting<string> = {
  env: 'DATABASE_URL',
  parse: url,
  doc: 'PostgreSQL connection string; each service keeps its data in its own schema',
};

/** A topic or group prefix: letters, digits, `.`, `_`, `-` (Kafka's own alphabet). */
function namePrefix(raw: string): string {
  if (!/^[A-Za-z0-9._-]{0,100}$/.test(raw)) throw new Error('expected letters, digits, ".", "_" or "-" (at most 100), e.g. "kendari."');
  return raw;
}

export const kafkaTopicPrefix: Setting<string> = {
  env: 'KAFKA_TOPIC_PREFIX',
  parse: namePrefix,
  default: '',
  doc: 'prefix of every topic and consumer group the platform names (e.g. "kendari." → kendari.mpp.queue.v1), so several deployments or test runs share one Kafka cluster',
};

/** The topic a service's events go to: `<prefix>mpp.<service>.v1`. */
export const topicOf = (service: string, prefix = ''): string => `${prefix}mpp.${service}.v1`;

/** The consumer group of a service's projection: `<prefix>mpp-<service>.<projection>`. */
export const groupOf = (service: string, projection: string, prefix = ''): string => `${prefix}mpp-${service}.${projection}`;

export const kafkaBrokers: Setting<string[]> = {
  env: 'KAFKA_BROKERS',
  parse: hostPorts,
  default: [],
  doc: 'Kafka bootstrap servers (host:port,…); each service relays its events to mpp.<service>.v1. Unset: no relay (single-node mode)',
};
