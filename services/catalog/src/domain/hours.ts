import { SpecialDayKind, Weekday, type DayHours, type Mall, type SpecialDay as SpecialDayMessage } from '@mpp/contracts';
import { validateSchedule, validateServiceHours, type MallTimeZone, type Schedule, type SpecialDay, type WeeklyHours } from '@mpp/opening-hours';
import type { Violations } from './violations.js';

const DAY_KEYS = { [Weekday.MONDAY]: 'mon', [Weekday.TUESDAY]: 'tue', [Weekday.WEDNESDAY]: 'wed', [Weekday.THURSDAY]: 'thu', [Weekday.FRIDAY]: 'fri', [Weekday.SATURDAY]: 'sat', [Weekday.SUNDAY]: 'sun' } as const;

export const TIME_ZONES: readonly MallTimeZone[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

export function isTimeZone(value: string): value is MallTimeZone {
  return (TIME_ZONES as readonly string[]).includes(value);
}

/** The contract's weekday list as the opening-hours rule reads it. */
export function weeklyHours(days: readonly DayHours[]): WeeklyHours {
  const weekly: Record<string, { open: string; close: string }[]> = {};
  for (const d of days) {
    const key = DAY_KEYS[d.weekday as keyof typeof DAY_KEYS];
    if (key) weekly[key] = d.intervals.map((i) => ({ open: i.open, close: i.close }));
  }
  return weekly as WeeklyHours;
}

export function specialDays(days: readonly SpecialDayMessage[]): SpecialDay[] {
  // Hours kept as given (a holiday with hours is refused by the rule's validation, not dropped).
  return days.map((d) => ({
    date: d.date,
    name: d.name,
    kind: d.kind === SpecialDayKind.HOLIDAY ? 'holiday' : 'special',
    ...(d.intervals.length > 0 || d.kind === SpecialDayKind.SPECIAL ? { hours: d.intervals.map((i) => ({ open: i.open, close: i.close })) } : {}),
  }));
}

/** A mall's opening schedule, for `isOpen`. */
export function scheduleOf(mall: Mall): Schedule {
  return { timeZone: mall.timeZone as MallTimeZone, weekly: weeklyHours(mall.weeklyHours), specialDays: specialDays(mall.specialDays) };
}

/** Checks a weekday list (each weekday at most once, valid `HH:MM` spans in order) under `field`. */
export function checkWeekly(v: Violations, field: string, days: readonly DayHours[], timeZone: MallTimeZone): void {
  const seen = new Set<Weekday>();
  days.forEach((d, i) => {
    if (DAY_KEYS[d.weekday as keyof typeof DAY_KEYS] === undefined) v.add(`${field}[${i}].weekday`, 'must be a weekday');
    else if (seen.has(d.weekday)) v.add(`${field}[${i}].weekday`, `${Weekday[d.weekday]} is listed twice`);
    seen.add(d.weekday);
  });
  v.addAll(field, validateSchedule({ timeZone, weekly: weeklyHours(days) }).map((x) => ({ ...x, field: x.field.replace(/^weekly\./, '') })));
}

/** A service's own hours: well-formed, and inside the mall's hours of each weekday. */
export function checkServiceHours(v: Violations, field: string, days: readonly DayHours[], mallDays: readonly DayHours[], timeZone: MallTimeZone): void {
  const before = v.list.length;
  checkWeekly(v, field, days, timeZone);
  if (v.list.length === before) v.addAll('', validateServiceHours(weeklyHours(days), weeklyHours(mallDays), field));
}
