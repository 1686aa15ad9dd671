import { CallRule, Outcome, Source, TicketStatus } from '@mpp/contracts';
import type { EventDraft } from '@mpp/eventstore';
import { describe, expect, it } from 'vitest';
import { queueDay, type DayCommand } from '../src/domain/day/day.js';
import { queueEvents } from '../src/domain/events.js';
import type { OrderingPolicy } from '../src/domain/day/fairness.js';
import { estimateWaitMinutes, standing } from '../src/domain/day/estimate.js';
import { given } from './given.js';

// Kendari (WITA, UTC+8), Monday 23 November 2026 from 08:00 local.
const T0 = Date.parse('2026-11-23T00:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const rules = { closed: undefined, dailyQuota: 0, priorityGroups: ['lansia', 'disabilitas'] };
const policy: OrderingPolicy = { weights: new Map([['lansia', 3], ['disabilitas', 2]]), interleaveRatio: 2 };

function issue(id: string, minute: number, over: Partial<Extract<DayCommand, { kind: 'issue' }>> = {}): Extract<DayCommand, { kind: 'issue' }> {
  return { kind: 'issue', ticketId: id, mallId: 'kendari', queueId: 'kendari:A', prefix: 'A', date: '2026-11-23', serviceId: 'kendari:ktp-el-baru', source: Source.KIOSK, priorityGroup: '', at: at(minute), rules, ...over };
}

/** The events of running `commands` one after another from an empty day. */
function history(...commands: DayCommand[]): EventDraft[] {
  const events: EventDraft[] = [];
  let state = queueDay.initialState();
  for (const c of commands) {
    for (const d of queueDay.decide(c, state)) {
      state = queueDay.evolve(state, queueEvents.decode(queueEvents.encode(d.type, d.data as never)));
      events.push(d);
    }
  }
  return events;
}

const callNext = (minute: number, counterId = 'kendari:1'): DayCommand => ({ kind: 'call-next', counterId, serviceIds: ['kendari:ktp-el-baru'], officer: 'officer-1', policy, at: at(minute) });
const calledIds = (events: readonly EventDraft[]) => events.filter((e) => e.type.name.endsWith('TicketCalled.v1')).map((e) => (e.data as { ticketId: string }).ticketId);

describe('issuing tickets', () => {
  it('numbers the day from A-001 with the queue prefix, four digits past 999', () => {
    const [first] = given(queueDay).when(issue('t1', 0)).result();
    expect((first!.data as { ticket: { number: string; status: TicketStatus } }).ticket).toMatchObject({ number: 'A-001', status: TicketStatus.WAITING });
    const many = history(...Array.from({ length: 999 }, (_, i) => issue(`t${i}`, 0)));
    const [next] = given(queueDay, many).when(issue('t1000', 1)).result();
    expect((next!.data as { ticket: { number: string } }).ticket.number).toBe('A-1000');
  });

  it('refuses with the reason a kiosk shows: closed, quota reached, unknown priority group, day ended', () => {
    given(queueDay).when(issue('t1', 0, { rules: { ...rules, closed: { reason: 'holiday', detail: 'Hari Raya Natal' } } })).thenRefused([{ field: 'service_id', reason: 'closed: holiday (Hari Raya Natal)' }]);
    const two = history(issue('t1', 0), issue('t2', 1));
    given(queueDay, two).when(issue('t3', 2, { rules: { ...rules, dailyQuota: 2 } })).thenRefused([{ field: 'service_id', reason: 'daily quota of 2 reached' }]);
    given(queueDay).when(issue('t1', 0, { priorityGroup: 'veteran' })).thenRefused([{ field: 'priority_group' }]);
    const closed = history(issue('t1', 0), { kind: 'close', queueId: 'kendari:A', date: '2026-11-23', at: at(600) });
    given(queueDay, closed).when(issue('t2', 601)).thenFails('illegal_state', /has ended/);
  });

  it('issues the same ticket id once (a retried request)', () => {
    given(queueDay, history(issue('t1', 0))).when(issue('t1', 0)).thenNothing();
  });
});

describe('fair ordering', () => {
  it('calls first in line when no one has priority', () => {
    const events = history(issue('a', 0), issue('b', 1), issue('c', 2), callNext(3), callNext(4));
    expect(calledIds(events)).toEqual(['a', 'b']);
  });

  it('interleaves one priority ticket after every two regular calls, heaviest group first', () => {
    const events = history(
      issue('r1', 0),
      issue('r2', 1),
      issue('r3', 2),
      issue('r4', 3),
      issue('p-dis', 4, { priorityGroup: 'disabilitas' }),
      issue('p-lan', 5, { priorityGroup: 'lansia' }),
      ...Array.from({ length: 6 }, (_, i) => callNext(10 + i)),
    );
    // Two priority tickets wait from the start: the ratio lets one in after each two regular calls.
    expect(calledIds(events)).toEqual(['r1', 'r2', 'p-lan', 'r3', 'r4', 'p-dis']);
  });

  it('explains each call: the rule, in words, and how many were passed over', () => {
    const events = history(issue('r1', 0), issue('r2', 1), issue('r3', 2), issue('p', 3, { priorityGroup: 'lansia' }), callNext(4), callNext(5), callNext(6));
    const reasons = events.filter((e) => e.type.name.endsWith('TicketCalled.v1')).map((e) => (e.data as { reason: { rule: CallRule; explanation: string; passedOver: number } }).reason);
    expect(reasons[0]).toMatchObject({ rule: CallRule.FIFO, passedOver: 0 });
    expect(reasons[0]!.explanation).toMatch(/first in line; 1 priority waiting, 0 of 2 regular call/);
    expect(reasons[2]).toMatchObject({ rule: CallRule.PRIORITY, passedOver: 1 });
    expect(reasons[2]!.explanation).toBe('priority lansia (weight 3); 2 regular call(s) since the last priority, ratio 2');
  });

  it('with a ratio of 0 calls priority always first; a booking whose slot has come goes before both', () => {
    const always: OrderingPolicy = { ...policy, interleaveRatio: 0 };
    const events = history(
      issue('r1', 0),
      issue('p', 1, { priorityGroup: 'disabilitas' }),
      issue('b', 2, { bookingId: 'bk-1', slotStart: at(30), source: Source.ONLINE }),
      { kind: 'call-next', counterId: 'kendari:1', serviceIds: ['kendari:ktp-el-baru'], officer: 'o', policy: always, at: at(10) },
      { kind: 'call-next', counterId: 'kendari:2', serviceIds: ['kendari:ktp-el-baru'], officer: 'o', policy: always, at: at(31) },
    );
    expect(calledIds(events)).toEqual(['p', 'b']);
  });

  it('calls only tickets of the services the counter serves, and says so when no one waits', () => {
    const events = history(issue('kk', 0, { serviceId: 'kendari:kk' }));
    given(queueDay, events).when(callNext(1)).thenFails('illegal_state', /no one is waiting/);
  });

  it('calls a chosen ticket only with a reason, and records whom it passed over', () => {
    const events = history(issue('a', 0), issue('b', 1), issue('c', 2));
    given(queueDay, events).when({ kind: 'call', ticketId: 'c', counterId: 'kendari:1', officer: 'o', reason: ' ', at: at(3) }).thenRefused([{ field: 'reason' }]);
    const [called] = given(queueDay, events).when({ kind: 'call', ticketId: 'c', counterId: 'kendari:1', officer: 'o', reason: 'pengambilan dokumen saja', at: at(3) }).result();
    expect((called!.data as { reason: object }).reason).toMatchObject({ rule: CallRule.CHOSEN, explanation: 'pengambilan dokumen saja', passedOver: 2 });
  });
});

describe('a ticket at the counter', () => {
  const called = () => history(issue('a', 0), callNext(1));

  it('is recalled, served and completed with its outcome', () => {
    const served = history(issue('a', 0), callNext(1), { kind: 'recall', ticketId: 'a', counterId: 'kendari:1', at: at(2) }, { kind: 'start', ticketId: 'a', counterId: 'kendari:1', at: at(3) });
    given(queueDay, served)
      .when({ kind: 'complete', ticketId: 'a', counterId: 'kendari:1', outcome: Outcome.DONE, deliveredServiceIds: ['kendari:ktp-el-baru'], at: at(12) })
      .thenTypes(['TicketCompleted']);
    expect(given(queueDay, served).state.tickets.get('a')).toMatchObject({ status: TicketStatus.SERVING, recalls: 1 });
  });

  it('refuses what its state does not allow, naming the state', () => {
    given(queueDay, history(issue('a', 0))).when({ kind: 'complete', ticketId: 'a', counterId: 'kendari:1', outcome: Outcome.DONE, deliveredServiceIds: [], at: at(1) }).thenFails('illegal_state', /A-001: it is waiting/);
    const cancelled = history(issue('a', 0), { kind: 'cancel', ticketId: 'a', at: at(1) });
    given(queueDay, cancelled).when({ kind: 'call', ticketId: 'a', counterId: 'kendari:1', officer: 'o', reason: 'x', at: at(2) }).thenFails('illegal_state', /it is cancelled/);
    given(queueDay, called()).when({ kind: 'start', ticketId: 'a', counterId: 'kendari:2', at: at(2) }).thenFails('illegal_state', /counter kendari:1/);
    given(queueDay, called()).when({ kind: 'recall', ticketId: 'zz', counterId: 'kendari:1', at: at(2) }).thenFails('not_found');
  });

  it('becomes a no-show only after the recalls the policy asks for', () => {
    given(queueDay, called()).when({ kind: 'no-show', ticketId: 'a', counterId: 'kendari:1', recallsBeforeNoShow: 2, at: at(5) }).thenFails('illegal_state', /recall A-001 2 more time/);
    const twice = history(issue('a', 0), callNext(1), ...[2, 3].map((m): DayCommand => ({ kind: 'recall', ticketId: 'a', counterId: 'kendari:1', at: at(m) })));
    given(queueDay, twice).when({ kind: 'no-show', ticketId: 'a', counterId: 'kendari:1', recallsBeforeNoShow: 2, at: at(5) }).thenTypes(['TicketNoShow']);
  });

  it('is transferred to another service from the counter', () => {
    given(queueDay, called()).when({ kind: 'transfer', ticketId: 'a', counterId: 'kendari:1', toServiceId: 'kendari:kk', toTicketId: 'a2', at: at(4) }).thenTypes(['TicketTransferred']);
  });

  it('keeps its place by the first issue time when transferred in', () => {
    const events = history(issue('x', 5), issue('moved', 30, { queuedSince: at(1) }), callNext(31));
    expect(calledIds(events)).toEqual(['moved']);
  });
});

describe('the end of the day', () => {
  it('closes the day with an explicit event expiring what still waited or was called', () => {
    const events = history(issue('a', 0), issue('b', 1), issue('c', 2), callNext(3), { kind: 'cancel', ticketId: 'c', at: at(4) });
    const [closed] = given(queueDay, events).when({ kind: 'close', queueId: 'kendari:A', date: '2026-11-23', at: at(600) }).result();
    expect((closed!.data as { expiredTicketIds: string[] }).expiredTicketIds).toEqual(['a', 'b']);
    given(queueDay, [...events, closed!]).when({ kind: 'close', queueId: 'kendari:A', date: '2026-11-23', at: at(601) }).thenNothing();
  });
});

describe('transfer within one queue, and the wait estimate', () => {
  it('re-issues in the same queue day with the original place in line', () => {
    const events = history(issue('a', 0), issue('b', 5), callNext(6));
    const reissue = issue('a2', 7, { serviceId: 'kendari:ktp-el-cetak' });
    const [moved, issued] = given(queueDay, events).when({ kind: 'transfer', ticketId: 'a', counterId: 'kendari:1', toServiceId: 'kendari:ktp-el-cetak', toTicketId: 'a2', at: at(7), reissue }).result();
    expect([moved!.type.name, issued!.type.name]).toEqual(['id.mpp.queue.TicketTransferred.v1', 'id.mpp.queue.TicketIssued.v1']);
    expect(moved!.data).toMatchObject({ ticketId: 'a', toTicketId: 'a2' });
    const ticket = (issued!.data as { ticket: { number: string; queuedSince: { seconds: bigint }; issuedAt: { seconds: bigint } } }).ticket;
    expect(ticket.number).toBe('A-003');
    expect(Number(ticket.queuedSince.seconds) * 1000).toBe(at(0).getTime());
    expect(Number(ticket.issuedAt.seconds) * 1000).toBe(at(7).getTime());
  });

  it('puts the transferred ticket ahead of those issued after its first ticket', () => {
    const events = history(issue('a', 0), issue('b', 5), callNext(6), { kind: 'transfer', ticketId: 'a', counterId: 'kendari:1', toServiceId: 'kendari:ktp-el-baru', toTicketId: 'a2', at: at(7), reissue: issue('a2', 7) });
    let state = queueDay.initialState();
    for (const e of events) state = queueDay.evolve(state, queueEvents.decode(queueEvents.encode(e.type, e.data as never)));
    expect(standing(state, 'a2')).toEqual({ position: 1, peopleAhead: 0 });
    expect(standing(state, 'b')).toEqual({ position: 2, peopleAhead: 1 });
    expect(standing(state, 'a')).toEqual({ position: 0, peopleAhead: 0 });
    // The old ticket points at the new one (its status page links on).
    expect(state.tickets.get('a')).toMatchObject({ status: TicketStatus.TRANSFERRED, transferredTo: 'a2' });
  });

  it('paces the estimate by the day’s service times, shared by the open counters', () => {
    expect(estimateWaitMinutes(0, [30], 10, 1)).toBe(0);
    expect(estimateWaitMinutes(3, [], 10, 1)).toBe(30);
    expect(estimateWaitMinutes(3, [], 0, 1)).toBe(30); // no expected minutes: 10
    expect(estimateWaitMinutes(3, [12, 6], 10, 2)).toBe(14); // 3 × 9 / 2 = 13.5 → 14
    expect(estimateWaitMinutes(3, [12], 10, 0)).toBe(36); // no counter open: as if one
    const events = history(issue('a', 0), callNext(1), { kind: 'start', ticketId: 'a', counterId: 'kendari:1', at: at(2) }, { kind: 'complete', ticketId: 'a', counterId: 'kendari:1', outcome: Outcome.DONE, deliveredServiceIds: [], at: at(14) });
    let state = queueDay.initialState();
    for (const e of events) state = queueDay.evolve(state, queueEvents.decode(queueEvents.encode(e.type, e.data as never)));
    expect(state.recentServiceMinutes).toEqual([12]);
  });
});
