import { create } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AuditedCallSchema, AuditVerdict, CallRule, type AuditedCall, type TicketCalled } from '@mpp/contracts';
import type { DecodedEvent } from '@mpp/eventstore';
import * as E from '../events.js';
import { queueDay, waitingFor, type DayState } from './day.js';
import { chooseNext, policyOfCall } from './fairness.js';

const RULE: Partial<Record<CallRule, string>> = { [CallRule.BOOKING_DUE]: 'booking due', [CallRule.PRIORITY]: 'priority', [CallRule.FIFO]: 'first in line', [CallRule.CHOSEN]: 'chosen' };

/** One call judged against the day as it stood just before it. */
function judge(state: DayState, call: TicketCalled, queueId: string): AuditedCall {
  const ticket = state.tickets.get(call.ticketId);
  const base = { ticketId: call.ticketId, number: ticket?.number ?? '', queueId, counterId: call.counterId, officer: call.officer, ...(call.at ? { at: call.at } : {}), ...(call.reason ? { reason: call.reason } : {}) };
  const rule = call.reason?.rule ?? CallRule.UNSPECIFIED;
  if (rule === CallRule.CHOSEN) {
    return create(AuditedCallSchema, { ...base, verdict: AuditVerdict.CHOSEN_OUT_OF_ORDER, finding: `chosen out of turn by ${call.officer || '(unknown officer)'}, passing over ${call.reason?.passedOver ?? 0}: ${call.reason?.explanation ?? ''}` });
  }
  if (!call.policy || call.amongServiceIds.length === 0 || !call.at) {
    return create(AuditedCallSchema, { ...base, verdict: AuditVerdict.UNVERIFIABLE, finding: 'the call records no policy or services to replay it with' });
  }
  const replayed = chooseNext(waitingFor(state, call.amongServiceIds), policyOfCall(call.policy), state.regularSinceLastPriority, timestampDate(call.at));
  if (replayed && replayed.ticket.id === call.ticketId && replayed.rule === rule) {
    return create(AuditedCallSchema, { ...base, verdict: AuditVerdict.IN_ORDER, finding: `${RULE[rule]}: ${replayed.explanation}` });
  }
  const expected = replayed ? { expectedTicketId: replayed.ticket.id, expectedNumber: replayed.ticket.number } : {};
  const finding = !replayed
    ? `recorded as ${RULE[rule] ?? 'an unknown rule'}, but no ticket of ${call.amongServiceIds.join(', ')} was waiting`
    : !ticket || ticket.id !== replayed.ticket.id
      ? `recorded as ${RULE[rule] ?? 'an unknown rule'}, but the policy calls ${replayed.ticket.number} (${RULE[replayed.rule]}: ${replayed.explanation})`
      : `the policy calls this ticket as ${RULE[replayed.rule]}, not ${RULE[rule] ?? 'an unknown rule'}`;
  return create(AuditedCallSchema, { ...base, ...expected, verdict: AuditVerdict.MISMATCH, finding });
}

/**
 * An auditor's replay of one queue's day (its events in stream order): every call is judged on
 * the day as it stood just before it, with the policy and services the call recorded. Pure: the
 * same events always give the same verdicts.
 */
export function auditQueueDay(queueId: string, events: readonly DecodedEvent[]): AuditedCall[] {
  const calls: AuditedCall[] = [];
  let state = queueDay.initialState();
  for (const event of events) {
    if (event.type.name === E.TicketCalled.name) calls.push(judge(state, event.message as TicketCalled, queueId));
    state = queueDay.evolve(state, event);
  }
  return calls;
}
