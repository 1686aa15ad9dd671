import { createHash, randomBytes } from 'node:crypto';

/**
 * Ids that name where their record lives, so any replica finds a ticket's queue day (or a
 * booking's mall day) without a lookup table, plus 128 random bits so nobody guesses another
 * citizen's ticket. Both halves are base64url: `<where>.<random>`.
 */
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const random = () => randomBytes(16).toString('base64url');
const ID = /^([A-Za-z0-9_-]{4,200})\.([A-Za-z0-9_-]{22})$/;

function locate(id: string): [string, string] | undefined {
  const m = ID.exec(id);
  if (!m) return undefined;
  const where = Buffer.from(m[1]!, 'base64url').toString('utf8');
  const [a, b, ...rest] = where.split('\n');
  if (!a || !b || rest.length > 0 || !/^\d{4}-\d{2}-\d{2}$/.test(b)) return undefined;
  return [a, b];
}

/** The random half of an id, derived from a caller's key instead (a retried request keeps its id). */
export const seedOf = (...key: string[]) => createHash('sha256').update(key.join('\n')).digest().subarray(0, 16).toString('base64url');

/** A new ticket id in a queue's day; a retried request (same `seed`) gets the same id. */
export const newTicketId = (queueId: string, date: string, seed?: string) => `${b64(`${queueId}\n${date}`)}.${seed ?? random()}`;

/** The queue and local date a ticket id names; undefined for anything that is not a ticket id. */
export function ticketLocation(id: string): { queueId: string; date: string } | undefined {
  const at = locate(id);
  return at && { queueId: at[0], date: at[1] };
}

export const newBookingId = (mallId: string, date: string, seed?: string) => `${b64(`${mallId}\n${date}`)}.${seed ?? random()}`;

export function bookingLocation(id: string): { mallId: string; date: string } | undefined {
  const at = locate(id);
  return at && { mallId: at[0], date: at[1] };
}

/** The queue's streams: one per queue per local day, one per counter, bookings per mall per day. */
export const streams = {
  day: (queueId: string, date: string) => `day-${queueId}-${date}`,
  counter: (counterId: string) => `counter-${counterId}`,
  bookings: (mallId: string, date: string) => `bookings-${mallId}-${date}`,
  application: (id: string) => `application-${id}`,
};
