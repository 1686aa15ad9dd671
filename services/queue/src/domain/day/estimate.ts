import type { DayState } from './day.js';
import { later, placeInLine } from './line.js';

/** Where a waiting ticket stands in its queue's line (by place in line: issue time, kept over a transfer). */
export interface Standing {
  /** 1 = next; 0 when not waiting. */
  readonly position: number;
  readonly peopleAhead: number;
}

export function standing(state: DayState, ticketId: string): Standing {
  const me = state.waiting.get(ticketId);
  if (!me) return { position: 0, peopleAhead: 0 };
  const mine = placeInLine(me);
  // The day's latest place in line (a ticket just issued): everyone else waiting is ahead.
  if (state.lastInLine && !later(state.lastInLine, mine)) return { position: state.waiting.size, peopleAhead: state.waiting.size - 1 };
  let ahead = 0;
  for (const t of state.waiting.values()) if (t.id !== me.id && later(mine, placeInLine(t))) ahead++;
  return { position: ahead + 1, peopleAhead: ahead };
}

/**
 * Minutes until a ticket with `peopleAhead` is called: the day's recent pace (mean minutes from
 * start to completion of its last served tickets; the service's expected minutes before any)
 * times the people ahead, shared among the counters open for the queue (at least one).
 */
export function estimateWaitMinutes(peopleAhead: number, recentServiceMinutes: readonly number[], expectedMinutes: number, openCounters: number): number {
  if (peopleAhead === 0) return 0;
  const pace = recentServiceMinutes.length > 0 ? recentServiceMinutes.reduce((a, b) => a + b, 0) / recentServiceMinutes.length : expectedMinutes > 0 ? expectedMinutes : 10;
  return Math.ceil((peopleAhead * pace) / Math.max(1, openCounters));
}
