import type { FieldViolation } from '@mpp/errors';
import { isCalendarDate, parseClock } from './calendar.js';
import { runsOf } from './runs.js';
import { MALL_TIME_ZONES, isMallTimeZone, type MallTimeZone } from './time-zone.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Indexed like `Date#getUTCDay` and {@link localWeekday}: 0 = Sunday. */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** One opening span of a day, `HH:MM` local time, closed at `close` (`24:00` = midnight). */
export interface Interval {
  readonly open: string;
  readonly close: string;
}

/** Opening spans per weekday; a missing or empty day is closed. */
export type WeeklyHours = Partial<Record<Weekday, readonly Interval[]>>;

/**
 * A dated exception: a holiday is closed all day; a special day has its own `hours` instead of
 * the weekday's, or is closed when it has none.
 */
export interface SpecialDay {
  readonly date: string;
  readonly name: string;
  readonly kind: 'holiday' | 'special';
  readonly hours?: readonly Interval[];
}

/** A mall's opening schedule in its own time zone. */
export interface Schedule {
  readonly timeZone: MallTimeZone;
  readonly weekly: WeeklyHours;
  readonly specialDays?: readonly SpecialDay[];
}

/**
 * Every reason the schedule cannot be applied, with field paths such as `weekly.mon[1].close`
 * or `specialDays[2].date`; empty when valid.
 *
 * @example
 * validateSchedule({ timeZone: 'Asia/Jakarta', weekly: { mon: [{ open: '13:00', close: '12:00' }] } });
 * // [{ field: 'weekly.mon[0].close', reason: 'must be after open (13:00)' }]
 */
export function validateSchedule(schedule: Schedule): FieldViolation[] {
  const out: FieldViolation[] = [];
  if (!isMallTimeZone(schedule.timeZone)) {
    out.push({ field: 'timeZone', reason: `unknown time zone ${String(schedule.timeZone)}; expected one of ${MALL_TIME_ZONES.join(', ')}` });
  }
  out.push(...validateWeeklyHours(schedule.weekly, 'weekly'));
  const specialDays = schedule.specialDays ?? [];
  if (!Array.isArray(specialDays)) {
    out.push({ field: 'specialDays', reason: 'must be a list' });
    return out;
  }
  const firstIndexOf = new Map<string, number>();
  specialDays.forEach((day: SpecialDay, i) => {
    const at = `specialDays[${i}]`;
    if (!isCalendarDate(day.date)) {
      out.push({ field: `${at}.date`, reason: `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(day.date)}` });
    } else if (firstIndexOf.has(day.date)) {
      out.push({ field: `${at}.date`, reason: `${day.date} is already listed at specialDays[${firstIndexOf.get(day.date)}]` });
    } else {
      firstIndexOf.set(day.date, i);
    }
    if (typeof day.name !== 'string' || day.name.trim() === '') out.push({ field: `${at}.name`, reason: 'is required' });
    if (day.kind !== 'holiday' && day.kind !== 'special') {
      out.push({ field: `${at}.kind`, reason: `must be holiday or special, got ${JSON.stringify(day.kind)}` });
    } else if (day.kind === 'holiday' && day.hours !== undefined && day.hours.length > 0) {
      // Refused rather than ignored: an operator who typed hours on a holiday meant something else.
      out.push({ field: `${at}.hours`, reason: 'a holiday is closed all day; use kind special for different hours' });
    }
    if (day.hours !== undefined) out.push(...validateIntervals(day.hours, `${at}.hours`));
  });
  return out;
}

/**
 * The reasons a weekly table is malformed, under `path` (`weekly` for a mall, another prefix for a service).
 *
 * @example
 * validateWeeklyHours({ fri: [{ open: '08:00', close: '11:30' }, { open: '11:00', close: '16:00' }] }, 'weekly');
 * // [{ field: 'weekly.fri[1].open', reason: 'must not be before the previous interval closes (11:30)' }]
 */
export function validateWeeklyHours(weekly: WeeklyHours, path: string): FieldViolation[] {
  if (weekly === null || typeof weekly !== 'object' || Array.isArray(weekly)) return [{ field: path, reason: 'must be an object keyed by weekday' }];
  const out: FieldViolation[] = [];
  for (const [key, intervals] of Object.entries(weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      out.push({ field: `${path}.${key}`, reason: `unknown weekday; expected one of ${WEEKDAYS.join(', ')}` });
      continue;
    }
    if (intervals !== undefined) out.push(...validateIntervals(intervals as readonly Interval[], `${path}.${key}`));
  }
  return out;
}

/**
 * The service intervals that reach outside the mall's hours of the same weekday. The rule itself
 * only ever serves the overlap, so this is advice for the catalog to refuse a likely typo.
 *
 * @example
 * validateServiceHours({ sat: [{ open: '08:00', close: '14:00' }] }, { sat: [{ open: '08:00', close: '12:00' }] }, 'serviceHours');
 * // [{ field: 'serviceHours.sat[0]', reason: 'reaches outside the mall hours of sat (08:00-12:00)' }]
 */
export function validateServiceHours(service: WeeklyHours, mall: WeeklyHours, path: string): FieldViolation[] {
  const malformed = validateWeeklyHours(service, path);
  if (malformed.length > 0) return malformed;
  const out: FieldViolation[] = [];
  for (const day of WEEKDAYS) {
    // Merged, so a service may span two touching mall intervals.
    const mallDay = runsOf(mall[day] ?? []);
    (service[day] ?? []).forEach((interval, i) => {
      const [own] = runsOf([interval]);
      if (own !== undefined && !mallDay.some((run) => run.start <= own.start && own.end <= run.end)) {
        const shown = mallDay.length === 0 ? 'closed' : (mall[day] ?? []).map((m) => `${m.open}-${m.close}`).join(', ');
        out.push({ field: `${path}.${day}[${i}]`, reason: `reaches outside the mall hours of ${day} (${shown})` });
      }
    });
  }
  return out;
}

function validateIntervals(intervals: readonly Interval[], path: string): FieldViolation[] {
  if (!Array.isArray(intervals)) return [{ field: path, reason: 'must be a list of {open, close}' }];
  const out: FieldViolation[] = [];
  let previousClose: number | undefined;
  let previousCloseText = '';
  intervals.forEach((interval: Interval, i) => {
    const at = `${path}[${i}]`;
    const open = parseClock(interval?.open);
    const close = parseClock(interval?.close);
    if (open === undefined || open === 24 * 60) out.push({ field: `${at}.open`, reason: `must be HH:MM from 00:00 to 23:59, got ${JSON.stringify(interval?.open)}` });
    if (close === undefined) out.push({ field: `${at}.close`, reason: `must be HH:MM from 00:00 to 24:00, got ${JSON.stringify(interval?.close)}` });
    if (open === undefined || close === undefined || open === 24 * 60) {
      previousClose = undefined;
      return;
    }
    if (close <= open) out.push({ field: `${at}.close`, reason: `must be after open (${interval.open})` });
    // Touching spans (12:00-13:00 after 08:00-12:00) are allowed; they read as one.
    if (previousClose !== undefined && open < previousClose) {
      out.push({ field: `${at}.open`, reason: `must not be before the previous interval closes (${previousCloseText})` });
    }
    if (close > open) {
      previousClose = Math.max(previousClose ?? 0, close);
      previousCloseText = previousClose === close ? interval.close : previousCloseText;
    }
  });
  return out;
}
