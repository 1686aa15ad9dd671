import { Weekday, type DayHours } from '@mpp/contracts';
import { scheduleFromContract, specialDaysFromContract, validateSchedule, validateServiceHours, weeklyFromContract, type MallTimeZone } from '@mpp/opening-hours';

const weeklyHours = weeklyFromContract;
import type { Violations } from './violations.js';

const DAY_KEYS = { [Weekday.MONDAY]: 'mon', [Weekday.TUESDAY]: 'tue', [Weekday.WEDNESDAY]: 'wed', [Weekday.THURSDAY]: 'thu', [Weekday.FRIDAY]: 'fri', [Weekday.SATURDAY]: 'sat', [Weekday.SUNDAY]: 'sun' } as const;

export const TIME_ZONES: readonly MallTimeZone[] = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

export function isTimeZone(value: string): value is MallTimeZone {
  return (TIME_ZONES as readonly string[]).includes(value);
}

export { scheduleFromContract as scheduleOf, specialDaysFromContract as specialDays, weeklyFromContract as weeklyHours };

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
