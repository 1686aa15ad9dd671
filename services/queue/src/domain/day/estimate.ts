import { timestampMs } from '@bufbuild/protobuf/wkt';
import { TicketStatus, type Ticket } from '@mpp/contracts';
import type { DayState } from './day.js';

/** Where a waiting ticket stands in its queue's line (by place in line: issue time, kept over a transfer). */
export interface Standing {
  /** 1 = next; 0 when not waiting. */
  readonly position: number;
  readonly peopleAhead: number;
}

const since = (t: Ticket) => (t.queuedSince ? timestampMs(t.queuedSince) : 0);

export function standing(state: DayState, ticketId: string): Standing {
  const me = state.tickets.get(ticketId);
  if (!me || me.status !== TicketStatus.WAITING) return { position: 0, peopleAhead: 0 };
  let ahead = 0;
  for (const t of state.tickets.values()) {
    if (t.id !== me.id && t.status === TicketStatus.WAITING && (since(t) - since(me) || t.sequence - me.sequence) < 0) ahead++;
  }
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
