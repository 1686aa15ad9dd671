import type { Env } from '@mpp/config';
import { databaseUrl, grpcHost, grpcPort, kafkaBrokers, kafkaSecurity, kafkaTopicPrefix, logLevel, readServiceConfig } from '@mpp/runtime';

/** Every setting of the catalog service, read from the environment once at start. */
export const configSpec = { grpcHost, grpcPort: grpcPort('catalog', 50051), logLevel, databaseUrl, kafkaBrokers, kafkaTopicPrefix, ...kafkaSecurity };

export type CatalogConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readServiceConfig(configSpec, env);
}
