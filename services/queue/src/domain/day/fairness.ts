import { timestampMs } from '@bufbuild/protobuf/wkt';
import { CallRule, type Ticket } from '@mpp/contracts';
import { inLine } from './line.js';

/** The mall's queue policy as ordering needs it (from the catalog). */
export interface OrderingPolicy {
  /** Priority group code → weight (higher first). */
  readonly weights: ReadonlyMap<string, number>;
  /** After this many regular calls one waiting priority ticket is called; 0: priority always first. */
  readonly interleaveRatio: number;
}

/** The policy as a call records it (the contract's `OrderingPolicy`). */
export const recordedPolicy = (p: OrderingPolicy) => ({ weights: Object.fromEntries(p.weights), interleaveRatio: p.interleaveRatio });

/** The policy a recorded call applied. */
export const policyOfCall = (p: { readonly weights: Readonly<Record<string, number>>; readonly interleaveRatio: number }): OrderingPolicy => ({ weights: new Map(Object.entries(p.weights)), interleaveRatio: p.interleaveRatio });

export interface Choice {
  readonly ticket: Ticket;
  readonly rule: CallRule;
  readonly explanation: string;
  /** Waiting tickets that were in line before the chosen one. */
  readonly passedOver: number;
}


/** How many of `waiting` were in line before `chosen`. */
export function passedOver(waiting: readonly Ticket[], chosen: Ticket): number {
  return waiting.filter((t) => t.id !== chosen.id && inLine(t, chosen) < 0).length;
}

/**
 * Which waiting ticket a counter calls next, and why: bookings whose slot has come, by slot;
 * then — when a priority ticket waits and the interleave ratio allows — the heaviest priority
 * group, first in line within it; otherwise first in line. Pure: the same waiting list, policy
 * and count give the same answer, so an auditor can replay a day's calls.
 */
export function chooseNext(waiting: readonly Ticket[], policy: OrderingPolicy, regularSinceLastPriority: number, now: Date): Choice | undefined {
  if (waiting.length === 0) return undefined;
  const choose = (ticket: Ticket, rule: CallRule, explanation: string): Choice => ({ ticket, rule, explanation, passedOver: passedOver(waiting, ticket) });

  const due = waiting.filter((t) => t.slotStart && timestampMs(t.slotStart) <= now.getTime());
  if (due.length > 0) {
    const first = [...due].sort((a, b) => timestampMs(a.slotStart!) - timestampMs(b.slotStart!) || inLine(a, b))[0]!;
    return choose(first, CallRule.BOOKING_DUE, `booking ${first.bookingId || '(walk-in slot)'} due since ${first.slotStart ? new Date(timestampMs(first.slotStart)).toISOString() : ''}`);
  }
  const weightOf = (t: Ticket) => (t.priorityGroup ? (policy.weights.get(t.priorityGroup) ?? 0) : 0);
  const priority = waiting.filter((t) => weightOf(t) > 0);
  const regular = waiting.filter((t) => weightOf(t) === 0);
  const priorityTurn = policy.interleaveRatio === 0 || regularSinceLastPriority >= policy.interleaveRatio || regular.length === 0;
  if (priority.length > 0 && priorityTurn) {
    const first = [...priority].sort((a, b) => weightOf(b) - weightOf(a) || inLine(a, b))[0]!;
    const turn =
      policy.interleaveRatio === 0
        ? 'priority always first'
        : regular.length === 0
          ? 'no regular ticket waiting'
          : `${regularSinceLastPriority} regular call(s) since the last priority, ratio ${policy.interleaveRatio}`;
    return choose(first, CallRule.PRIORITY, `priority ${first.priorityGroup} (weight ${weightOf(first)}); ${turn}`);
  }
  const first = [...regular].sort(inLine)[0]!;
  const note = priority.length > 0 ? `; ${priority.length} priority waiting, ${regularSinceLastPriority} of ${policy.interleaveRatio} regular call(s) before the next` : '';
  return choose(first, CallRule.FIFO, `first in line${note}`);
}
