import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AuditVerdict, CallRule, OrderingStep, QueuePolicySchema, Source } from '@mpp/contracts';
import { create } from '@bufbuild/protobuf';
import type { DecodedEvent } from '@mpp/eventstore';
import { describe, expect, it } from 'vitest';
import { auditQueueDay } from '../src/domain/day/audit.js';
import { queueDay, type DayCommand } from '../src/domain/day/day.js';
import { STANDARD_ORDER, type OrderingPolicy } from '../src/domain/day/fairness.js';
import { queueEvents } from '../src/domain/events.js';
import { orderingPolicy } from '../src/domain/rules.js';

// The call order is the mall's: its steps (booking due, priority, first in line) in the order
// its queue policy gives. Given a waiting line, When counters call next, Then who is called.
const T0 = Date.parse('2026-11-23T00:00:00Z');
const at = (minute: number) => new Date(T0 + minute * 60_000);
const KTP = 'kendari:ktp-el-baru';
const rules = { closed: undefined, dailyQuota: 0, priorityGroups: ['lansia'] };
const issue = (id: string, minute: number, over: Partial<Extract<DayCommand, { kind: 'issue' }>> = {}): DayCommand => ({
  kind: 'issue', ticketId: id, mallId: 'kendari', queueId: 'kendari:A', prefix: 'A', date: '2026-11-23', serviceId: KTP, source: Source.KIOSK, priorityGroup: '', at: at(minute), rules, ...over,
});
const booked = (id: string, minute: number) => issue(id, minute, { bookingId: `booking-${id}`, slotStart: at(5), source: Source.ONLINE });

/** Runs commands on an empty day; returns its events and the ticket ids called, in order. */
function day(policy: OrderingPolicy, ...commands: (DayCommand | 'call')[]) {
  const events: DecodedEvent[] = [];
  const called: string[] = [];
  let state = queueDay.initialState();
  let n = 0;
  for (const c of commands) {
    const command: DayCommand = c === 'call' ? { kind: 'call-next', counterId: `kendari:${++n}`, serviceIds: [KTP], officer: 'o', policy, at: at(10 + n) } : c;
    for (const d of queueDay.decide(command, state)) {
      const e = queueEvents.decode(queueEvents.encode(d.type, d.data as never));
      state = queueDay.evolve(state, e);
      events.push(e);
      if (d.type.name.endsWith('TicketCalled.v1')) called.push((d.data as { ticketId: string }).ticketId);
    }
  }
  return { events, called };
}

const weights = new Map([['lansia', 3]]);
const line = [issue('r1', 0), issue('old', 1, { priorityGroup: 'lansia' }), issue('r2', 2), booked('b', 3)] as const;

describe('the call order a mall chooses', () => {
  it('standard: the booking due, then (ratio 1) a regular ticket, then the elderly', () => {
    expect(day({ weights, interleaveRatio: 1 }, ...line, 'call', 'call', 'call', 'call').called).toEqual(['b', 'r1', 'old', 'r2']);
  });

  it('priority before bookings', () => {
    const order = [CallRule.PRIORITY, CallRule.BOOKING_DUE, CallRule.FIFO] as const;
    expect(day({ weights, interleaveRatio: 0, order }, ...line, 'call', 'call', 'call', 'call').called).toEqual(['old', 'b', 'r1', 'r2']);
  });

  it('first in line only: priority groups and bookings wait in line like everyone', () => {
    const { called, events } = day({ weights, interleaveRatio: 0, order: [CallRule.FIFO] }, ...line, 'call', 'call', 'call', 'call');
    expect(called).toEqual(['r1', 'old', 'r2', 'b']);
    const reasons = events.filter((e) => e.type.name.endsWith('TicketCalled.v1')).map((e) => (e.message as unknown as { reason: { rule: CallRule; explanation: string } }).reason);
    expect(reasons.every((r) => r.rule === CallRule.FIFO && r.explanation === 'first in line')).toBe(true);
  });

  it('is recorded with each call, and the auditor replays it: a call the order does not give is a mismatch', () => {
    const order = [CallRule.BOOKING_DUE, CallRule.FIFO] as const;
    const { events } = day({ weights, interleaveRatio: 0, order }, ...line, 'call', 'call');
    const calls = auditQueueDay('kendari:A', events);
    expect(calls.map((c) => c.verdict)).toEqual([AuditVerdict.IN_ORDER, AuditVerdict.IN_ORDER]);
    expect(calls.map((c) => c.number)).toEqual(['A-004', 'A-001']);
    // The same day as if the elderly ticket had been called by priority: this order has no such step.
    const waiting = day({ weights, interleaveRatio: 0, order }, ...line).events;
    const forged = queueEvents.decode(queueEvents.encode(queueEvents.get('id.mpp.queue.TicketCalled.v1')!, {
      ticketId: 'old', counterId: 'kendari:1', at: timestampFromDate(at(11)), officer: 'o',
      reason: { rule: CallRule.PRIORITY, explanation: 'priority lansia', passedOver: 1 }, amongServiceIds: [KTP], policy: { weights: { lansia: 3 }, interleaveRatio: 0, order: [...order] },
    } as never));
    expect(auditQueueDay('kendari:A', [...waiting, forged])[0]).toMatchObject({ verdict: AuditVerdict.MISMATCH, expectedNumber: 'A-004' });
  });

  it('comes from the catalog’s queue policy; none named is the standard order', () => {
    const policy = (callOrder: OrderingStep[]) => create(QueuePolicySchema, { priorityGroups: [{ code: 'lansia', labelId: 'Lansia', weight: 3 }], interleaveRatio: 2, recallsBeforeNoShow: 2, callOrder });
    expect(orderingPolicy(policy([])).order).toEqual(STANDARD_ORDER);
    expect(orderingPolicy(undefined).order).toEqual(STANDARD_ORDER);
    expect(orderingPolicy(policy([OrderingStep.PRIORITY, OrderingStep.FIRST_IN_LINE])).order).toEqual([CallRule.PRIORITY, CallRule.FIFO]);
  });
});
