import { int, str, url, type Env, type Setting } from '@mpp/config';
import { databaseUrl, grpcHost, grpcPort, kafkaBrokers, kafkaSecurity, kafkaTopicPrefix, logLevel, readServiceConfig } from '@mpp/runtime';

function days(raw: string): number {
  const n = int(raw);
  if (n < 1 || n > 90) throw new Error('expected a whole number of days from 1 to 90');
  return n;
}

const laporUrl: Setting<string> = { env: 'SURVEY_LAPOR_URL', parse: (raw) => url(raw), default: '', doc: 'the city’s SP4N-LAPOR! integration endpoint (HTTP POST, JSON); unset: complaints are not sent there' };
const laporToken: Setting<string> = { env: 'SURVEY_LAPOR_TOKEN', parse: str, default: '', doc: 'bearer token for SURVEY_LAPOR_URL' };

const invitationDays: Setting<number> = { env: 'SURVEY_INVITATION_DAYS', parse: days, default: 7, doc: 'days a completed ticket’s survey stays open' };

/** Every setting of the survey service, read from the environment once at start. */
export const configSpec = { grpcHost, grpcPort: grpcPort('survey', 50053), logLevel, databaseUrl, kafkaBrokers, kafkaTopicPrefix, ...kafkaSecurity, invitationDays, laporUrl, laporToken };

export type SurveyConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readServiceConfig(configSpec, env);
}
