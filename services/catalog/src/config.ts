import { readConfig, type Env } from '@mpp/config';
import { databaseUrl, grpcHost, grpcPort, kafkaBrokers, kafkaTopicPrefix, logLevel } from '@mpp/runtime';

/** Every setting of the catalog service, read from the environment once at start. */
export const configSpec = { grpcHost, grpcPort: grpcPort('catalog', 50051), logLevel, databaseUrl, kafkaBrokers, kafkaTopicPrefix };

export type CatalogConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readConfig(configSpec, env);
}
