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

export const kafkaBrokers: Setting<string[]> = {
  env: 'KAFKA_BROKERS',
  parse: hostPorts,
  default: [],
  doc: 'Kafka bootstrap servers (host:port,…); each service relays its events to mpp.<service>.v1. Unset: no relay (single-node mode)',
};
