import { timestampMs } from '@bufbuild/protobuf/wkt';
import { CallRule, type Ticket } from '@mpp/contracts';
import { inLine } from './line.js';

/** A step of the call order: what it looks for is named by the rule a call it makes records. */
export type OrderingStep = CallRule.BOOKING_DUE | CallRule.PRIORITY | CallRule.FIFO;

/** Bookings due, then priority within the interleave ratio, then first in line. */
export const STANDARD_ORDER: readonly OrderingStep[] = [CallRule.BOOKING_DUE, CallRule.PRIORITY, CallRule.FIFO];

/** The mall's queue policy as ordering needs it (from the catalog). */
export interface OrderingPolicy {
  /** Priority group code → weight (higher first). */
  readonly weights: ReadonlyMap<string, number>;
  /** After this many regular calls one waiting priority ticket is called; 0: priority always first. */
  readonly interleaveRatio: number;
  /** The steps "call next" tries in turn (default `STANDARD_ORDER`); ends with first in line. */
  readonly order?: readonly OrderingStep[];
}

type Recorded = { readonly weights: Readonly<Record<string, number>>; readonly interleaveRatio: number; readonly order?: readonly CallRule[] };

/** The policy as a call records it (the contract's `OrderingPolicy`). */
export const recordedPolicy = (p: OrderingPolicy) => ({ weights: Object.fromEntries(p.weights), interleaveRatio: p.interleaveRatio, order: [...(p.order ?? STANDARD_ORDER)] });

/** The policy a recorded call applied (a call recorded before calls named their order used the standard one). */
export const policyOfCall = (p: Recorded): OrderingPolicy => ({
  weights: new Map(Object.entries(p.weights)),
  interleaveRatio: p.interleaveRatio,
  order: p.order && p.order.length > 0 ? (p.order.filter((r) => STANDARD_ORDER.includes(r as OrderingStep)) as OrderingStep[]) : STANDARD_ORDER,
});

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

interface Look {
  readonly waiting: readonly Ticket[];
  readonly policy: OrderingPolicy;
  readonly regularSinceLastPriority: number;
  readonly now: Date;
  /** Whether the order has a priority step (else priority groups wait in line like everyone). */
  readonly prioritised: boolean;
  weightOf(t: Ticket): number;
}

type Found = { readonly ticket: Ticket; readonly explanation: string } | undefined;

function bookingDue({ waiting, now }: Look): Found {
  const due = waiting.filter((t) => t.slotStart && timestampMs(t.slotStart) <= now.getTime());
  if (due.length === 0) return undefined;
  const first = [...due].sort((a, b) => timestampMs(a.slotStart!) - timestampMs(b.slotStart!) || inLine(a, b))[0]!;
  return { ticket: first, explanation: `booking ${first.bookingId || '(walk-in slot)'} due since ${new Date(timestampMs(first.slotStart!)).toISOString()}` };
}

function priority({ waiting, policy, regularSinceLastPriority, weightOf }: Look): Found {
  const priority = waiting.filter((t) => weightOf(t) > 0);
  const regular = waiting.filter((t) => weightOf(t) === 0);
  const turn = policy.interleaveRatio === 0 || regularSinceLastPriority >= policy.interleaveRatio || regular.length === 0;
  if (priority.length === 0 || !turn) return undefined;
  const first = [...priority].sort((a, b) => weightOf(b) - weightOf(a) || inLine(a, b))[0]!;
  const why =
    policy.interleaveRatio === 0
      ? 'priority always first'
      : regular.length === 0
        ? 'no regular ticket waiting'
        : `${regularSinceLastPriority} regular call(s) since the last priority, ratio ${policy.interleaveRatio}`;
  return { ticket: first, explanation: `priority ${first.priorityGroup} (weight ${weightOf(first)}); ${why}` };
}

function firstInLine({ waiting, policy, regularSinceLastPriority, prioritised, weightOf }: Look): Found {
  // With a priority step, priority tickets wait for their turn; the rest of the line goes first.
  const regular = prioritised ? waiting.filter((t) => weightOf(t) === 0) : waiting;
  const pool = regular.length > 0 ? regular : waiting;
  const first = [...pool].sort(inLine)[0];
  if (!first) return undefined;
  const held = prioritised ? waiting.length - regular.length : 0;
  const note = held > 0 && regular.length > 0 ? `; ${held} priority waiting, ${regularSinceLastPriority} of ${policy.interleaveRatio} regular call(s) before the next` : '';
  return { ticket: first, explanation: `first in line${note}` };
}

const STEPS: Record<OrderingStep, (look: Look) => Found> = { [CallRule.BOOKING_DUE]: bookingDue, [CallRule.PRIORITY]: priority, [CallRule.FIFO]: firstInLine };

/**
 * Which waiting ticket a counter calls next, and why: the policy's steps in turn (by default
 * bookings whose slot has come, by slot; then — when a priority ticket waits and the interleave
 * ratio allows — the heaviest priority group, first in line within it; then first in line), the
 * first step that finds a ticket calling it. Pure: the same waiting list, policy and count give
 * the same answer, so an auditor can replay a day's calls.
 */
export function chooseNext(waiting: readonly Ticket[], policy: OrderingPolicy, regularSinceLastPriority: number, now: Date): Choice | undefined {
  if (waiting.length === 0) return undefined;
  const order = policy.order && policy.order.length > 0 ? policy.order : STANDARD_ORDER;
  const prioritised = order.includes(CallRule.PRIORITY);
  const weightOf = (t: Ticket) => (prioritised && t.priorityGroup ? (policy.weights.get(t.priorityGroup) ?? 0) : 0);
  const look: Look = { waiting, policy, regularSinceLastPriority, now, prioritised, weightOf };
  for (const step of order) {
    const found = STEPS[step](look);
    if (found) return { ticket: found.ticket, rule: step, explanation: found.explanation, passedOver: passedOver(waiting, found.ticket) };
  }
  // An order that does not end with first in line (the catalog refuses one) still calls someone.
  const found = firstInLine(look)!;
  return { ticket: found.ticket, rule: CallRule.FIFO, explanation: found.explanation, passedOver: passedOver(waiting, found.ticket) };
}
