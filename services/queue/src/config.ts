import { int, str, url, type Env, type Setting } from '@mpp/config';
import { databaseUrl, grpcHost, grpcPort, kafkaBrokers, kafkaSecurity, kafkaTopicPrefix, logLevel, readServiceConfig } from '@mpp/runtime';

const count = (min: number, max: number) => (raw: string) => {
  const n = int(raw);
  if (n < min || n > max) throw new Error(`expected a whole number from ${min} to ${max}`);
  return n;
};

function share(raw: string): number {
  const n = Number(raw);
  if (!/^\d*\.?\d+$/.test(raw) || n <= 0 || n > 1) throw new Error('expected a fraction above 0 and at most 1, e.g. 0.5');
  return n;
}

function secret(raw: string): string {
  if (raw.length < 16) throw new Error('expected at least 16 characters (a random secret)');
  return raw;
}

const setting = <T>(env: string, parse: (raw: string) => T, doc: string, fallback?: T): Setting<T> => ({ env, parse, doc, ...(fallback !== undefined ? { default: fallback } : {}) });

/** Every setting of the queue service, read from the environment once at start. */
export const configSpec = {
  grpcHost,
  grpcPort: grpcPort('queue', 50052),
  logLevel,
  databaseUrl,
  kafkaBrokers,
  kafkaTopicPrefix,
  ...kafkaSecurity,
  holderKey: setting('QUEUE_HOLDER_KEY', secret, 'secret key of the hash that names who booked (phone or device) in events; at least 16 characters, the same on every replica'),
  recallsBeforeNoShow: setting('QUEUE_RECALLS_BEFORE_NO_SHOW', count(0, 10), 'recalls before a no-show when the mall’s queue policy sets none', 2),
  slotMinutes: setting('QUEUE_BOOKING_SLOT_MINUTES', count(5, 240), 'length of a booking slot (minutes)', 30),
  bookingShare: setting('QUEUE_BOOKING_SHARE', share, 'share of a slot’s capacity offered to bookings; the rest stays for walk-ins', 0.5),
  bookingLimit: setting('QUEUE_BOOKING_LIMIT_PER_HOLDER', count(0, 50), 'live bookings one phone or device may hold per day (0: no limit)', 2),
  bookingEarlyMinutes: setting('QUEUE_BOOKING_EARLY_MINUTES', count(0, 240), 'how early before its slot a booking may check in (minutes)', 30),
  noShowGraceMinutes: setting('QUEUE_BOOKING_NO_SHOW_GRACE_MINUTES', count(0, 240), 'after a slot ends, minutes until an unchecked booking is a no-show', 15),
  notifyUrl: setting('QUEUE_NOTIFY_URL', (raw) => url(raw), 'the city’s SMS/WhatsApp gateway (HTTP POST, JSON); unset: notices are only logged (without the number)', ''),
  notifyToken: setting('QUEUE_NOTIFY_TOKEN', str, 'bearer token for QUEUE_NOTIFY_URL', ''),
  notifyFewAhead: setting('QUEUE_NOTIFY_FEW_AHEAD', count(0, 50), 'a citizen is told once when this many people or fewer are ahead', 3),
};

export type QueueConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readServiceConfig(configSpec, env);
}
