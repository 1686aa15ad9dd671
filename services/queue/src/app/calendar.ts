import type { Mall } from '@mpp/contracts';
import { closedReason, type ServiceFacts } from '../domain/rules.js';
import { atLocal, isOpen, localDate, scheduleFromContract, type MallTimeZone } from '@mpp/opening-hours';

/** A working day of the mall: open at some time that local day (its weekly hours, holidays and special days). */
export function isWorkingDay(mall: Mall): (date: string) => boolean {
  const schedule = scheduleFromContract(mall);
  const tz = mall.timeZone as MallTimeZone;
  return (date) => {
    // Open at any hour of the day counts; sample every 30 minutes of the local day.
    for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
      const at = new Date(atLocal(date, '00:00', tz).getTime() + minutes * 60_000);
      if (localDate(at, tz) === date && isOpen(schedule, at).open) return true;
    }
    return false;
  };
}

const STEP_MINUTES = 5;

/**
 * The spans of a local day in which a service takes tickets (the shared opening rule, on a
 * 5-minute grid: hours in the catalog are whole minutes, in practice whole quarter hours).
 */
export function serviceIntervals(facts: ServiceFacts, date: string): { start: Date; end: Date }[] {
  const tz = facts.mall.timeZone as MallTimeZone;
  const midnight = atLocal(date, '00:00', tz).getTime();
  const spans: { start: Date; end: Date }[] = [];
  let from: number | undefined;
  for (let m = 0; m <= 24 * 60; m += STEP_MINUTES) {
    const at = midnight + m * 60_000;
    const open = m < 24 * 60 && closedReason(facts, new Date(at)) === undefined;
    if (open && from === undefined) from = at;
    if (!open && from !== undefined) {
      spans.push({ start: new Date(from), end: new Date(at) });
      from = undefined;
    }
  }
  return spans;
}
