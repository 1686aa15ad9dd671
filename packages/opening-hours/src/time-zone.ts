import { AppError } from '@mpp/errors';
import { MS_PER_DAY, dateOfDayNumber, parseClock, requireDayNumber } from './calendar.js';

/** The three time zones of Indonesia, as IANA names. */
export type MallTimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

/** The Indonesian abbreviation shown to citizens. */
export type TimeZoneLabel = 'WIB' | 'WITA' | 'WIT';

export const MALL_TIME_ZONES: readonly MallTimeZone[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

/**
 * Minutes east of UTC. Indonesia has kept these offsets without daylight saving since 1988, so a
 * fixed table is exact and keeps the rule independent of the ICU data bundled with Node.
 */
export const UTC_OFFSET_MINUTES: Readonly<Record<MallTimeZone, number>> = {
  'Asia/Jakarta': 7 * 60,
  'Asia/Makassar': 8 * 60,
  'Asia/Jayapura': 9 * 60,
};

export const TIME_ZONE_LABELS: Readonly<Record<MallTimeZone, TimeZoneLabel>> = {
  'Asia/Jakarta': 'WIB', // Waktu Indonesia Barat
  'Asia/Makassar': 'WITA', // Waktu Indonesia Tengah
  'Asia/Jayapura': 'WIT', // Waktu Indonesia Timur
};

/**
 * Whether a string from outside (a database row, a request) names a mall time zone.
 *
 * @example
 * isMallTimeZone('Asia/Makassar'); // true
 * isMallTimeZone('Asia/Singapore'); // false
 */
export function isMallTimeZone(value: string): value is MallTimeZone {
  return (MALL_TIME_ZONES as readonly string[]).includes(value);
}

/**
 * The mall's local calendar day of an instant: the day tickets are numbered and reported under.
 *
 * @example
 * localDate(new Date('2026-03-01T16:30:00Z'), 'Asia/Jakarta'); // '2026-03-01' (23:30 WIB)
 * localDate(new Date('2026-03-01T16:30:00Z'), 'Asia/Makassar'); // '2026-03-02' (00:30 WITA)
 */
export function localDate(at: Date, tz: MallTimeZone): string {
  return dateOfDayNumber(Math.floor(shifted(at, tz) / MS_PER_DAY));
}

/**
 * Whole minutes since the local midnight (0..1439); seconds are dropped, which is exact for
 * comparing against `HH:MM` boundaries.
 *
 * @example
 * localMinutes(new Date('2026-03-02T01:15:00Z'), 'Asia/Jakarta'); // 495 (08:15 WIB)
 */
export function localMinutes(at: Date, tz: MallTimeZone): number {
  const ms = shifted(at, tz);
  return Math.floor((ms - Math.floor(ms / MS_PER_DAY) * MS_PER_DAY) / 60_000);
}

/**
 * The local weekday, 0 = Sunday .. 6 = Saturday.
 *
 * @example
 * localWeekday(new Date('2026-03-06T17:30:00Z'), 'Asia/Jayapura'); // 6 (Saturday 02:30 WIT)
 */
export function localWeekday(at: Date, tz: MallTimeZone): number {
  return new Date(shifted(at, tz)).getUTCDay();
}

/**
 * The instant of a local wall-clock time; `24:00` is the next day's midnight.
 *
 * @example
 * atLocal('2026-03-02', '08:00', 'Asia/Jakarta').toISOString(); // '2026-03-02T01:00:00.000Z'
 */
export function atLocal(date: string, time: string, tz: MallTimeZone): Date {
  const minutes = parseClock(time);
  if (minutes === undefined) throw new AppError('invalid', `not a clock time (HH:MM, 00:00..24:00): ${String(time)}`);
  return atLocalMinutes(date, minutes, tz);
}

/** {@link atLocal} with minutes since local midnight, for callers that already parsed the clock. */
export function atLocalMinutes(date: string, minutes: number, tz: MallTimeZone): Date {
  return new Date(requireDayNumber(date) * MS_PER_DAY + (minutes - offsetOf(tz)) * 60_000);
}

/** Throws on a time zone outside the table: data read from storage is not type-checked. */
function offsetOf(tz: MallTimeZone): number {
  const offset = UTC_OFFSET_MINUTES[tz];
  if (offset === undefined || !Object.hasOwn(UTC_OFFSET_MINUTES, tz)) {
    throw new AppError('invalid', `unknown mall time zone ${String(tz)}; expected one of ${MALL_TIME_ZONES.join(', ')}`);
  }
  return offset;
}

/** Milliseconds since the epoch moved to local wall-clock time, so UTC getters read local fields. */
function shifted(at: Date, tz: MallTimeZone): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new AppError('invalid', 'not a valid instant');
  return ms + offsetOf(tz) * 60_000;
}

