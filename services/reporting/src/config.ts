import { readConfig, type Env } from '@mpp/config';
import { databaseUrl, grpcHost, grpcPort, kafkaBrokers, kafkaTopicPrefix, logLevel } from '@mpp/runtime';

/** Every setting of the reporting service, read from the environment once at start. */
export const configSpec = { grpcHost, grpcPort: grpcPort('reporting', 50054), logLevel, databaseUrl, kafkaBrokers, kafkaTopicPrefix };

export type ReportingConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readConfig(configSpec, env);
}
