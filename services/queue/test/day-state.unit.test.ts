import { Source, TicketStatus, type Ticket } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueDay, type DayCommand, type DayState } from '../src/domain/day/day.js';
import { standing } from '../src/domain/day/estimate.js';
import type { OrderingPolicy } from '../src/domain/day/fairness.js';
import { queueEvents } from '../src/domain/events.js';

// The day's indexes (waiting tickets, issued per service, the latest place in line) against the
// plain answer read from every ticket, over random days: issues at any minute (a replica's clock
// may lag), calls, cancels, no-shows, completions and transfers that keep their place in line.
const T0 = Date.parse('2026-11-23T00:00:00Z');
const at = (minute: number) => new Date(T0 + minute * 60_000);
const SERVICES = ['kendari:ktp', 'kendari:kk'];
const policy: OrderingPolicy = { weights: new Map([['lansia', 3]]), interleaveRatio: 2 };
const rules = { closed: undefined, dailyQuota: 0, priorityGroups: ['lansia'] };

const issue = (id: string, minute: number, service: number, priority: boolean): Extract<DayCommand, { kind: 'issue' }> => ({
  kind: 'issue',
  ticketId: id,
  mallId: 'kendari',
  queueId: 'kendari:A',
  prefix: 'A',
  date: '2026-11-23',
  serviceId: SERVICES[service]!,
  source: Source.KIOSK,
  priorityGroup: priority ? 'lansia' : '',
  at: at(minute),
  rules,
});

type Step =
  | { op: 'issue'; minute: number; service: number; priority: boolean }
  | { op: 'call'; counter: number; minute: number }
  | { op: 'finish'; pick: number; how: 'complete' | 'no-show' | 'transfer' }
  | { op: 'cancel'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('issue' as const), minute: fc.integer({ min: 0, max: 600 }), service: fc.integer({ min: 0, max: 1 }), priority: fc.boolean() }),
  fc.record({ op: fc.constant('call' as const), counter: fc.integer({ min: 1, max: 3 }), minute: fc.integer({ min: 0, max: 600 }) }),
  fc.record({ op: fc.constant('finish' as const), pick: fc.nat(), how: fc.constantFrom('complete' as const, 'no-show' as const, 'transfer' as const) }),
  fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }),
);

const since = (t: Ticket) => Number(t.queuedSince!.seconds) * 1000 + t.queuedSince!.nanos / 1e6;

/** What the indexes must say, read the slow way from every ticket. */
function expected(state: DayState) {
  const all = [...state.tickets.values()];
  const waiting = all.filter((t) => t.status === TicketStatus.WAITING);
  const perService = new Map<string, number>();
  for (const t of all) if (t.status !== TicketStatus.CANCELLED) perService.set(t.serviceId, (perService.get(t.serviceId) ?? 0) + 1);
  const ahead = (me: Ticket) => waiting.filter((t) => t.id !== me.id && (since(t) < since(me) || (since(t) === since(me) && t.sequence < me.sequence))).length;
  return { waiting, perService, ahead };
}

function apply(state: DayState, command: DayCommand): DayState {
  let next = state;
  try {
    for (const d of queueDay.decide(command, state)) next = queueDay.evolve(next, queueEvents.decode(queueEvents.encode(d.type, d.data as never)));
  } catch (error) {
    if (error instanceof AppError) return state; // refused: nothing happens
    throw error;
  }
  return next;
}

/** What a state says, taken when it is made: evolving later states must never change it. */
const snapshot = (s: DayState) => JSON.stringify({ waiting: [...s.waiting.keys()].sort(), tickets: [...s.tickets.values()].map((t) => [t.id, t.status, t.recalls]).sort(), issued: s.issuedPerService.toJS(), last: s.lastInLine });

function run(steps: readonly Step[], snapshots: string[] = []): DayState[] {
  const states = [queueDay.initialState()];
  snapshots.push(snapshot(states[0]!));
  let n = 0;
  let clock = 0;
  for (const s of steps) {
    const state = states.at(-1)!;
    const inHand = [...state.tickets.values()].filter((t) => t.status === TicketStatus.CALLED || t.status === TicketStatus.SERVING);
    const waiting = [...state.tickets.values()].filter((t) => t.status === TicketStatus.WAITING);
    let command: DayCommand | undefined;
    if (s.op === 'issue') command = issue(`t${++n}`, s.minute, s.service, s.priority);
    if (s.op === 'call') command = { kind: 'call-next', counterId: `kendari:${s.counter}`, serviceIds: SERVICES, officer: 'o', policy, at: at(s.minute) };
    if (s.op === 'cancel' && waiting.length > 0) command = { kind: 'cancel', ticketId: waiting[s.pick % waiting.length]!.id, at: at(++clock) };
    if (s.op === 'finish' && inHand.length > 0) {
      const t = inHand[s.pick % inHand.length]!;
      const common = { ticketId: t.id, counterId: t.counterId, at: at(++clock) };
      if (s.how === 'complete' && t.status === TicketStatus.CALLED) command = { kind: 'start', ...common };
      else if (s.how === 'complete') command = { kind: 'complete', ...common, outcome: 1, deliveredServiceIds: [] };
      else if (s.how === 'no-show') command = { kind: 'no-show', ...common, recallsBeforeNoShow: 0 };
      else command = { kind: 'transfer', ...common, toServiceId: SERVICES[1]!, toTicketId: `t${++n}`, reissue: issue(`t${n}`, clock, 1, false) };
    }
    states.push(command ? apply(state, command) : state);
    snapshots.push(snapshot(states.at(-1)!));
  }
  return states;
}

describe('the queue day’s indexes', () => {
  it('agree with every ticket after every event, and earlier states never change', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const before: string[] = [];
        const states = run(steps, before);
        for (const state of states) {
          const want = expected(state);
          expect([...state.waiting.keys()].sort()).toEqual(want.waiting.map((t) => t.id).sort());
          for (const service of SERVICES) expect(state.issuedPerService.get(service) ?? 0).toBe(want.perService.get(service) ?? 0);
          for (const t of state.tickets.values()) {
            const ahead = want.ahead(t);
            expect(standing(state, t.id)).toEqual(t.status === TicketStatus.WAITING ? { position: ahead + 1, peopleAhead: ahead } : { position: 0, peopleAhead: 0 });
          }
        }
        expect(states.map(snapshot)).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('expires what waits at the close in issue order, however many', () => {
    let state = queueDay.initialState();
    for (let i = 1; i <= 40; i++) state = apply(state, issue(`t${i}`, i, i % 2, false));
    state = apply(state, { kind: 'cancel', ticketId: 't7', at: at(50) });
    const [closed] = queueDay.decide({ kind: 'close', queueId: 'kendari:A', date: '2026-11-23', at: at(600) }, state);
    expect((closed!.data as { expiredTicketIds: string[] }).expiredTicketIds).toEqual(Array.from({ length: 40 }, (_, i) => `t${i + 1}`).filter((id) => id !== 't7'));
  });

  it('counts the daily quota without the cancelled tickets', () => {
    const quota = { ...rules, dailyQuota: 2 };
    let state = apply(queueDay.initialState(), { ...issue('a', 0, 0, false), rules: quota });
    state = apply(state, { ...issue('b', 1, 0, false), rules: quota });
    expect(() => queueDay.decide({ ...issue('c', 2, 0, false), rules: quota }, state)).toThrow(/quota of 2/);
    state = apply(state, { kind: 'cancel', ticketId: 'a', at: at(3) });
    expect(queueDay.decide({ ...issue('c', 4, 0, false), rules: quota }, state)).toHaveLength(1);
    expect(queueDay.decide({ ...issue('d', 4, 1, false), rules: quota }, state)).toHaveLength(1); // another service, its own quota
  });
});
