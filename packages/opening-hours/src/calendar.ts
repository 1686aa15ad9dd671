import { AppError } from '@mpp/errors';

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_SHAPE = /^(\d{2}):(\d{2})$/;
const MINUTES_PER_DAY = 24 * 60;
const MS_PER_DAY = MINUTES_PER_DAY * 60_000;

/**
 * Whether `value` is a `YYYY-MM-DD` naming a real day of the Gregorian calendar.
 *
 * @example
 * isCalendarDate('2028-02-29'); // true (leap year)
 * isCalendarDate('2026-02-29'); // false
 */
export function isCalendarDate(value: string): boolean {
  return typeof value === 'string' && dayNumber(value) !== undefined;
}

/**
 * Minutes since midnight of an `HH:MM` clock time, `24:00` included (the end of a day that
 * closes at midnight); `undefined` when malformed or out of range.
 *
 * @example
 * parseClock('13:30'); // 810
 * parseClock('24:00'); // 1440
 * parseClock('24:01'); // undefined
 */
export function parseClock(value: string): number | undefined {
  const match = typeof value === 'string' ? CLOCK_SHAPE.exec(value) : null;
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

/**
 * The `HH:MM` of minutes since midnight (0..1440).
 *
 * @example
 * formatClock(810); // '13:30'
 */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The date `days` after `date` (negative goes back).
 *
 * @example
 * addDays('2026-12-31', 1); // '2027-01-01'
 */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(requireDayNumber(date) + days);
}

/**
 * The weekday of a calendar date, 0 = Sunday .. 6 = Saturday (the same numbering as `Date#getUTCDay`).
 *
 * @example
 * weekdayIndexOf('2026-08-17'); // 1 (a Monday)
 */
export function weekdayIndexOf(date: string): number {
  return new Date(requireDayNumber(date) * MS_PER_DAY).getUTCDay();
}

/** Days since 1970-01-01 of a valid date, else `undefined`. */
function dayNumber(date: string): number | undefined {
  const match = DATE_SHAPE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 02-30 over to 03-02 instead of refusing it; the round trip catches that.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

export function requireDayNumber(date: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new AppError('invalid', `not a calendar date (YYYY-MM-DD): ${String(date)}`);
  return n;
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export { MINUTES_PER_DAY, MS_PER_DAY };
