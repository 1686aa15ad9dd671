import { int, readConfig, type Env, type Setting } from '@mpp/config';
import { databaseUrl, grpcHost, grpcPort, kafkaBrokers, kafkaTopicPrefix, logLevel } from '@mpp/runtime';

function pollMs(raw: string): number {
  const n = int(raw);
  if (n < 50 || n > 60_000) throw new Error('expected milliseconds from 50 to 60000');
  return n;
}

const boardPollMs: Setting<number> = { env: 'REPORTING_BOARD_POLL_MS', parse: pollMs, default: 500, doc: 'how often a watched display board is read for changes (ms)' };

/** Every setting of the reporting service, read from the environment once at start. */
export const configSpec = { grpcHost, grpcPort: grpcPort('reporting', 50054), logLevel, databaseUrl, kafkaBrokers, kafkaTopicPrefix, boardPollMs };

export type ReportingConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readConfig(configSpec, env);
}
