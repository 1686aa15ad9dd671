import { AppError } from '@mpp/errors';
import { weekdayIndexOf } from './calendar.js';
import { WEEKDAYS, validateSchedule, type Schedule, type SpecialDay, type Weekday } from './hours.js';
import { runsOf, type Run } from './runs.js';

/** Why a whole local day is closed. */
export type DayClosedReason = 'holiday' | 'special-day' | 'closed-today';

/** The open runs of one local day and, if there are none, why. */
export interface DayPlan {
  readonly runs: readonly Run[];
  readonly closedReason: DayClosedReason;
  /** The special day's or holiday's name, when the day is one. */
  readonly detail?: string;
}

/** Answers the plan of a local `YYYY-MM-DD`; the search for the next opening calls it day by day. */
export type DayPlanner = (date: string) => DayPlan;

/**
 * A planner for a mall's schedule. Validates once and parses once, because the search for the
 * next opening may look at a year of days.
 */
export function mallPlanner(schedule: Schedule): DayPlanner {
  const violations = validateSchedule(schedule);
  if (violations.length > 0) {
    const first = violations[0]!;
    throw new AppError('invalid', `schedule is invalid: ${first.field} ${first.reason}`, { violations });
  }
  const weekly = new Map<Weekday, Run[]>(WEEKDAYS.map((day) => [day, runsOf(schedule.weekly[day] ?? [])]));
  const special = new Map<string, SpecialDay>((schedule.specialDays ?? []).map((day) => [day.date, day]));
  return (date) => {
    const day = special.get(date);
    if (day === undefined) return { runs: weekly.get(WEEKDAYS[weekdayIndexOf(date)]!) ?? [], closedReason: 'closed-today' };
    if (day.kind === 'holiday') return { runs: [], closedReason: 'holiday', detail: day.name };
    return { runs: runsOf(day.hours ?? []), closedReason: 'special-day', detail: day.name };
  };
}
