import { describe, expect, it } from 'vitest';
import { counter, workedBy, type CounterCommand } from '../src/domain/counter/counter.js';
import type { EventDraft } from '@mpp/eventstore';
import { given } from './given.js';

const at = new Date('2026-11-23T00:00:00Z');
const open: CounterCommand = { kind: 'open', counterId: 'kendari:1', mallId: 'kendari', officer: 'o1', serviceIds: ['kendari:ktp'], at, facts: { allowed: true, why: '', unknownServices: [] } };
const take = (ticketId: string, officer = 'o1'): CounterCommand => ({ kind: 'take', counterId: 'kendari:1', officer, ticketId, queueDay: 'day-kendari:A-2026-11-23', at });

function history(...commands: CounterCommand[]): EventDraft[] {
  const events: EventDraft[] = [];
  for (const c of commands) events.push(...given(counter, events).when(c).result());
  return events;
}

describe('counter (loket)', () => {
  it('opens for an officer the roster allows, and refuses one it does not', () => {
    given(counter).when(open).thenTypes(['CounterOpened']);
    given(counter).when({ ...open, facts: { allowed: false, why: 'officer o1 may not open counter kendari:1', unknownServices: [] } }).thenFails('forbidden', /may not open/);
  });

  it('holds one ticket at a time', () => {
    given(counter, history(open)).when(take('t1')).thenTypes(['CounterTookTicket']);
    given(counter, history(open, take('t1'))).when(take('t2')).thenFails('illegal_state', /still has ticket t1/);
    given(counter, history(open, take('t1'), { kind: 'free', counterId: 'kendari:1', ticketId: 't1', at })).when(take('t2')).thenTypes(['CounterTookTicket']);
  });

  it('takes no ticket while paused or closed, or for another officer', () => {
    given(counter).when(take('t1')).thenFails('illegal_state', /closed; open it first/);
    given(counter, history(open, { kind: 'pause', counterId: 'kendari:1', officer: 'o1', at })).when(take('t1')).thenFails('illegal_state', /paused/);
    given(counter, history(open)).when(take('t1', 'o2')).thenFails('forbidden', /another officer/);
  });

  it('closes only with no ticket in hand', () => {
    given(counter, history(open, take('t1'))).when({ kind: 'close', counterId: 'kendari:1', officer: 'o1', at }).thenFails('illegal_state', /finish ticket t1/);
    given(counter, history(open)).when({ kind: 'close', counterId: 'kendari:1', officer: 'o1', at }).thenTypes(['CounterClosed']);
  });
});

describe('who acts on the ticket at a counter', () => {
  it('is its officer, open or paused; never on a closed counter', () => {
    const open = { status: 'open', mallId: 'kendari', officer: 'o1', serviceIds: ['s'], current: undefined } as const;
    expect(() => workedBy(open, 'kendari:1', 'o1')).not.toThrow();
    expect(() => workedBy({ ...open, status: 'paused' }, 'kendari:1', 'o1')).not.toThrow();
    expect(() => workedBy(open, 'kendari:1', 'o2')).toThrow(/another officer/);
    expect(() => workedBy({ ...open, status: 'closed' }, 'kendari:1', 'o1')).toThrow(/closed; open it first/);
  });
});
