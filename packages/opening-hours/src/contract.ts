import { SpecialDayKind, Weekday, type DayHours, type Mall, type SpecialDay as SpecialDayMessage } from '@mpp/contracts';
import type { SpecialDay, Schedule, WeeklyHours } from './hours.js';
import type { MallTimeZone } from './time-zone.js';

// The catalog's contract (`mpp.catalog.v1`) as this rule reads it: the catalog, which owns the
// data, and the queue, which applies the rule to its replica of it, map it the same way.

const DAY_KEYS = { [Weekday.MONDAY]: 'mon', [Weekday.TUESDAY]: 'tue', [Weekday.WEDNESDAY]: 'wed', [Weekday.THURSDAY]: 'thu', [Weekday.FRIDAY]: 'fri', [Weekday.SATURDAY]: 'sat', [Weekday.SUNDAY]: 'sun' } as const;

/** A weekday list (`DayHours`) as weekly hours; unknown weekdays are left out. */
export function weeklyFromContract(days: readonly DayHours[]): WeeklyHours {
  const weekly: Record<string, { open: string; close: string }[]> = {};
  for (const d of days) {
    const key = DAY_KEYS[d.weekday as keyof typeof DAY_KEYS];
    if (key) weekly[key] = d.intervals.map((i) => ({ open: i.open, close: i.close }));
  }
  return weekly as WeeklyHours;
}

/** Special days as given (a holiday with hours is left for validation to refuse, not dropped). */
export function specialDaysFromContract(days: readonly SpecialDayMessage[]): SpecialDay[] {
  return days.map((d) => ({
    date: d.date,
    name: d.name,
    kind: d.kind === SpecialDayKind.HOLIDAY ? 'holiday' : 'special',
    ...(d.intervals.length > 0 || d.kind === SpecialDayKind.SPECIAL ? { hours: d.intervals.map((i) => ({ open: i.open, close: i.close })) } : {}),
  }));
}

/** A mall's opening schedule. */
export function scheduleFromContract(mall: Mall): Schedule {
  return { timeZone: mall.timeZone as MallTimeZone, weekly: weeklyFromContract(mall.weeklyHours), specialDays: specialDaysFromContract(mall.specialDays) };
}
