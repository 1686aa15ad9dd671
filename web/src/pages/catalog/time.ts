import type { DayHours, Interval, Mall, SpecialDay } from './types';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const ZONES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** WIB, WITA or WIT for the mall's time zone (the zone's name otherwise). */
export const zoneLabel = (timeZone: string) => ZONES[timeZone] ?? timeZone;

/** Now in the mall's time zone: its local date, weekday and `HH:MM`. */
export function mallNow(timeZone: string, at = new Date()): { date: string; weekday: string; time: string } {
  let fmt: Intl.DateTimeFormat;
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    fmt = new Intl.DateTimeFormat('en-US', { ...opts, timeZone: timeZone || undefined });
  } catch {
    fmt = new Intl.DateTimeFormat('en-US', opts);
  }
  const p = Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, weekday: (p.weekday ?? '').toLowerCase(), time: `${p.hour}:${p.minute}` };
}

/** A local date `YYYY-MM-DD` written out, never shifted by the reader's time zone. */
export function longDate(date: string, lang: string, weekday = true): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID', { ...(weekday ? { weekday: 'long' } : {}), day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** `08.00–16.00` (Indonesian writes hours with a dot), or undefined for a whole day. */
export function intervalText(i: Interval, lang: string): string | undefined {
  if (i.open === '00:00' && i.close === '24:00') return undefined;
  const f = (s: string) => (lang === 'en' ? s : s.replace(':', '.'));
  return `${f(i.open)}–${f(i.close)}`;
}

/** The hours a day has: its special day if any (a holiday closes it), else its weekday's. */
export function hoursOn(mall: Mall, date: string, weekday: string): { intervals: readonly Interval[]; special?: SpecialDay } {
  const special = mall.specialDays?.find((d) => d.date === date);
  if (special) return { intervals: special.kind === 'holiday' ? [] : (special.intervals ?? []), special };
  return { intervals: weekdayHours(mall.weeklyHours, weekday) };
}

export const weekdayHours = (hours: readonly DayHours[] | undefined, weekday: string): readonly Interval[] => hours?.find((d) => d.weekday === weekday)?.intervals ?? [];

/** Whether `time` (`HH:MM`) falls inside one of the intervals. */
export const isOpenAt = (intervals: readonly Interval[], time: string) => intervals.some((i) => i.open <= time && time < i.close);
