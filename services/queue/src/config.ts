import { readConfig, type Env } from '@mpp/config';
import { databaseUrl, grpcHost, grpcPort, kafkaBrokers, logLevel } from '@mpp/runtime';

/** Every setting of the queue service, read from the environment once at start. */
export const configSpec = { grpcHost, grpcPort: grpcPort('queue', 50052), logLevel, databaseUrl, kafkaBrokers };

export type QueueConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readConfig(configSpec, env);
}
