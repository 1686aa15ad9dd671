import { bool, int, type Env, type Setting } from '@mpp/config';
import { databaseUrl, grpcHost, grpcPort, kafkaBrokers, kafkaSecurity, kafkaTopicPrefix, logLevel, readServiceConfig } from '@mpp/runtime';
import { parseGrants, type Grants } from './partners/entitlements.js';

function between(min: number, max: number, unit: string): (raw: string) => number {
  return (raw) => {
    const n = int(raw);
    if (n < min || n > max) throw new Error(`expected ${unit} from ${min} to ${max}`);
    return n;
  };
}

const boardPollMs: Setting<number> = { env: 'REPORTING_BOARD_POLL_MS', parse: between(50, 60_000, 'milliseconds'), default: 500, doc: 'how often a watched display board is read for changes (ms)' };
const partnerGrants: Setting<Grants> = {
  env: 'PARTNER_GRANTS',
  parse: parseGrants,
  default: new Map(),
  doc: 'events partner agencies receive beyond the default (tickets, catalog, survey, complaints): `<agency-code>=<entitlement>+…;…` with applications, bookings, counters, roster (docs/partners.md)',
};
const webhookPollMs: Setting<number> = { env: 'WEBHOOK_POLL_MS', parse: between(20, 60_000, 'milliseconds'), default: 1_000, doc: 'how often due webhook deliveries are looked for (ms)' };
const webhookMaxAttempts: Setting<number> = { env: 'WEBHOOK_MAX_ATTEMPTS', parse: between(1, 100, 'attempts'), default: 12, doc: 'attempts per webhook delivery before it is given up (kept in the delivery log as failed)' };
const webhookBackoffMs: Setting<number> = { env: 'WEBHOOK_BACKOFF_MS', parse: between(10, 3_600_000, 'milliseconds'), default: 10_000, doc: 'wait after a failed webhook attempt (ms), doubled after each next one' };
const webhookMaxBackoffMs: Setting<number> = { env: 'WEBHOOK_MAX_BACKOFF_MS', parse: between(10, 86_400_000, 'milliseconds'), default: 3_600_000, doc: 'the longest wait between webhook attempts (ms)' };
const webhookDisableAfter: Setting<number> = { env: 'WEBHOOK_DISABLE_AFTER', parse: between(1, 10_000, 'failures'), default: 20, doc: 'failed attempts in a row after which a webhook is disabled until its partner enables it again' };
const webhookTimeoutMs: Setting<number> = { env: 'WEBHOOK_TIMEOUT_MS', parse: between(100, 60_000, 'milliseconds'), default: 10_000, doc: 'how long one webhook POST may take (ms)' };
const webhookAllowPrivate: Setting<boolean> = {
  env: 'WEBHOOK_ALLOW_PRIVATE_TARGETS',
  parse: bool,
  default: false,
  doc: 'true: webhooks may use http and private or loopback addresses (a city LAN, tests); false: https to public addresses only',
};

/** Every setting of the reporting service, read from the environment once at start. */
export const configSpec = {
  grpcHost,
  grpcPort: grpcPort('reporting', 50054),
  logLevel,
  databaseUrl,
  kafkaBrokers,
  kafkaTopicPrefix,
  ...kafkaSecurity,
  boardPollMs,
  partnerGrants,
  webhookPollMs,
  webhookMaxAttempts,
  webhookBackoffMs,
  webhookMaxBackoffMs,
  webhookDisableAfter,
  webhookTimeoutMs,
  webhookAllowPrivate,
};

export type ReportingConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readServiceConfig(configSpec, env);
}
