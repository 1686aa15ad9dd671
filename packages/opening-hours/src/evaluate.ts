import { MINUTES_PER_DAY, addDays } from './calendar.js';
import type { DayPlan, DayPlanner } from './day-plan.js';
import type { ClosedReason, OpenState } from './is-open.js';
import { atLocalMinutes, localDate, localMinutes, type MallTimeZone } from './time-zone.js';

/** How far ahead the next opening is searched: a year and a day covers any yearly pattern. */
export const SEARCH_DAYS = 366;

/** Whether a planner's day is open at `at`, why not, and the next opening. */
export function evaluate(plan: DayPlanner, tz: MallTimeZone, at: Date): OpenState {
  const date = localDate(at, tz);
  const minute = localMinutes(at, tz);
  const day = plan(date);
  const run = day.runs.find((r) => r.start <= minute && minute < r.end);
  if (run !== undefined) {
    // Worked out when read: most callers only ask whether it is open, and for a mall open round
    // the clock the closing is a walk over up to a year of days.
    let closesAt: Date | undefined;
    return {
      open: true,
      get closesAt(): Date {
        return (closesAt ??= closingOf(plan, tz, date, run.end));
      },
    };
  }
  const opensAt = findNextOpening(plan, tz, at);
  return {
    open: false,
    reason: closedReason(day, minute),
    ...(day.detail !== undefined ? { detail: day.detail } : {}),
    ...(opensAt !== undefined ? { opensAt } : {}),
  };
}

/**
 * The first instant strictly after `at` when the doors go from closed to open. A run starting at
 * 00:00 right after a day open until 24:00 is a continuation, not an opening.
 */
export function findNextOpening(plan: DayPlanner, tz: MallTimeZone, at: Date): Date | undefined {
  const first = localDate(at, tz);
  let openAtMidnight = endsAtMidnight(plan(addDays(first, -1)));
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const date = addDays(first, offset);
    const day = plan(date);
    for (const run of day.runs) {
      if (run.start === 0 && openAtMidnight) continue;
      const opening = atLocalMinutes(date, run.start, tz);
      if (opening.getTime() > at.getTime()) return opening;
    }
    openAtMidnight = endsAtMidnight(day);
  }
  return undefined;
}

function closedReason(day: DayPlan, minute: number): ClosedReason {
  const first = day.runs[0];
  const last = day.runs.at(-1);
  if (first === undefined || last === undefined) return day.closedReason;
  if (minute < first.start) return 'before-opening';
  if (minute >= last.end) return 'after-closing';
  return 'break';
}

/** Follows a run over midnight while the next day opens at 00:00, so a 24-hour mall closes when it really does. */
function closingOf(plan: DayPlanner, tz: MallTimeZone, date: string, end: number): Date {
  let day = date;
  let close = end;
  for (let offset = 0; offset < SEARCH_DAYS && close === MINUTES_PER_DAY; offset++) {
    const next = addDays(day, 1);
    const first = plan(next).runs[0];
    if (first === undefined || first.start !== 0) break;
    day = next;
    close = first.end;
  }
  return atLocalMinutes(day, close, tz);
}

function endsAtMidnight(day: DayPlan): boolean {
  return day.runs.at(-1)?.end === MINUTES_PER_DAY;
}
