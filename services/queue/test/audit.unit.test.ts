import { AuditVerdict, CallRule, Source } from '@mpp/contracts';
import { draft, type DecodedEvent, type EventDraft } from '@mpp/eventstore';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { auditQueueDay } from '../src/domain/day/audit.js';
import { queueDay, type DayCommand } from '../src/domain/day/day.js';
import type { OrderingPolicy } from '../src/domain/day/fairness.js';
import { queueEvents, TicketCalled } from '../src/domain/events.js';

// An auditor replays a queue's day from its events: Given the day's events, Then the verdicts.
const T0 = Date.parse('2026-11-23T00:00:00Z');
const at = (minute: number) => new Date(T0 + minute * 60_000);
const KTP = 'kendari:ktp-el-baru';
const policy: OrderingPolicy = { weights: new Map([['lansia', 3]]), interleaveRatio: 2 };
const rules = { closed: undefined, dailyQuota: 0, priorityGroups: ['lansia'] };
const issue = (id: string, minute: number, priorityGroup = ''): DayCommand => ({ kind: 'issue', ticketId: id, mallId: 'kendari', queueId: 'kendari:A', prefix: 'A', date: '2026-11-23', serviceId: KTP, source: Source.KIOSK, priorityGroup, at: at(minute), rules });
const callNext = (minute: number): DayCommand => ({ kind: 'call-next', counterId: 'kendari:1', serviceIds: [KTP], officer: 'officer-1', policy, at: at(minute) });
const done = (id: string, minute: number): DayCommand[] => [
  { kind: 'start', ticketId: id, counterId: 'kendari:1', at: at(minute) },
  { kind: 'complete', ticketId: id, counterId: 'kendari:1', outcome: 1, deliveredServiceIds: [], at: at(minute + 1) },
];
const decode = (d: EventDraft): DecodedEvent => queueEvents.decode(queueEvents.encode(d.type, d.data as never));

/** The events of `commands` run one after another on an empty day (as the service would record them). */
function day(...commands: DayCommand[]): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  let state = queueDay.initialState();
  for (const c of commands) {
    for (const d of queueDay.decide(c, state)) {
      const e = decode(d);
      state = queueDay.evolve(state, e);
      events.push(e);
    }
  }
  return events;
}

describe('an auditor’s replay of a day', () => {
  it('backs every call by policy, and lists the chosen ones with who and why', () => {
    const events = day(
      issue('a', 0), issue('b', 1), issue('old', 2, 'lansia'), issue('c', 3),
      callNext(10), ...done('a', 11), callNext(13), ...done('b', 14), callNext(16), ...done('old', 17),
      { kind: 'call', ticketId: 'c', counterId: 'kendari:1', officer: 'officer-1', reason: 'berkas sudah lengkap', at: at(20) },
    );
    const calls = auditQueueDay('kendari:A', events);
    expect(calls.map((c) => [c.number, c.verdict, c.reason?.rule])).toEqual([
      ['A-001', AuditVerdict.IN_ORDER, CallRule.FIFO],
      ['A-002', AuditVerdict.IN_ORDER, CallRule.FIFO],
      ['A-003', AuditVerdict.IN_ORDER, CallRule.PRIORITY],
      ['A-004', AuditVerdict.CHOSEN_OUT_OF_ORDER, CallRule.CHOSEN],
    ]);
    expect(calls[3]!.finding).toMatch(/chosen out of turn by officer-1, passing over 0: berkas sudah lengkap/);
  });

  it('finds a call the log does not back: another ticket was first in line', () => {
    const honest = day(issue('a', 0), issue('b', 1));
    const forged = draft(TicketCalled, {
      ticketId: 'b',
      counterId: 'kendari:1',
      at: timestampFromDate(at(5)),
      officer: 'officer-9',
      reason: { rule: CallRule.FIFO, explanation: 'first in line', passedOver: 0 },
      amongServiceIds: [KTP],
      policy: { weights: { lansia: 3 }, interleaveRatio: 2 },
    });
    const [call] = auditQueueDay('kendari:A', [...honest, decode(forged)]);
    expect(call).toMatchObject({ verdict: AuditVerdict.MISMATCH, number: 'A-002', expectedNumber: 'A-001', officer: 'officer-9' });
    expect(call!.finding).toMatch(/the policy calls A-001 \(first in line/);
  });

  it('finds a priority call made before its turn, and cannot replay a call that records no policy', () => {
    const waiting = day(issue('a', 0), issue('b', 1), issue('old', 2, 'lansia'));
    const early = draft(TicketCalled, {
      ticketId: 'old', counterId: 'kendari:1', at: timestampFromDate(at(5)), officer: 'officer-1',
      reason: { rule: CallRule.PRIORITY, explanation: 'priority', passedOver: 2 }, amongServiceIds: [KTP], policy: { weights: { lansia: 3 }, interleaveRatio: 2 },
    });
    expect(auditQueueDay('kendari:A', [...waiting, decode(early)])[0]).toMatchObject({ verdict: AuditVerdict.MISMATCH, expectedNumber: 'A-001' });
    // Ratio 0 (priority always first) backs the same call.
    const always = draft(TicketCalled, { ...(early.data as object), policy: { weights: { lansia: 3 }, interleaveRatio: 0 } } as never);
    expect(auditQueueDay('kendari:A', [...waiting, decode(always)])[0]).toMatchObject({ verdict: AuditVerdict.IN_ORDER });
    const bare = draft(TicketCalled, { ticketId: 'a', counterId: 'kendari:1', at: timestampFromDate(at(5)), officer: 'officer-1', reason: { rule: CallRule.FIFO } });
    expect(auditQueueDay('kendari:A', [...waiting, decode(bare)])[0]).toMatchObject({ verdict: AuditVerdict.UNVERIFIABLE });
  });
});
