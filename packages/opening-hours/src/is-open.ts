import { mallPlanner } from './day-plan.js';
import { evaluate, findNextOpening } from './evaluate.js';
import type { Schedule } from './hours.js';

/**
 * Why a mall is closed at an instant: the whole day (`holiday`, `special-day`, `closed-today`)
 * or the time of day (`before-opening`, `break`, `after-closing`).
 */
export type ClosedReason = 'holiday' | 'special-day' | 'closed-today' | 'before-opening' | 'break' | 'after-closing';

export type OpenState =
  | { readonly open: true; readonly closesAt: Date }
  | {
      readonly open: false;
      readonly reason: ClosedReason;
      /** The holiday's or special day's name, e.g. `Hari Raya Natal`. */
      readonly detail?: string;
      /** The next opening within 366 days; absent if there is none. */
      readonly opensAt?: Date;
    };

/**
 * Whether the mall is open at `at`, until when, or why not and when it opens next. Intervals
 * include their opening minute and exclude their closing minute.
 *
 * @example
 * const schedule: Schedule = { timeZone: 'Asia/Jakarta', weekly: { mon: [{ open: '08:00', close: '16:00' }] } };
 * isOpen(schedule, new Date('2026-03-02T00:30:00Z'));
 * // { open: false, reason: 'before-opening', opensAt: 2026-03-02T01:00:00Z } (07:30 WIB)
 */
export function isOpen(schedule: Schedule, at: Date): OpenState {
  return evaluate(mallPlanner(schedule), schedule.timeZone, at);
}

/**
 * The next instant strictly after `at` when the mall opens (goes from closed to open), searched
 * up to 366 days ahead; `undefined` if it never does. While open, that is the opening after the
 * next closing (e.g. after the lunch break).
 *
 * @example
 * // Monday 09:00 WIB, open now: the next opening is the following Monday 08:00 WIB.
 * nextOpening(schedule, new Date('2026-03-02T02:00:00Z')); // 2026-03-09T01:00:00Z
 */
export function nextOpening(schedule: Schedule, at: Date): Date | undefined {
  return findNextOpening(mallPlanner(schedule), schedule.timeZone, at);
}
