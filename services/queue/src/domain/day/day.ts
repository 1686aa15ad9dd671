import { create } from '@bufbuild/protobuf';
import { timestampFromDate, timestampMs } from '@bufbuild/protobuf/wkt';
import { CallRule, Outcome, TicketSchema, TicketStatus, type Source, type Ticket } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { draft, type Decider, type EventDraft } from '@mpp/eventstore';
import { Map as PersistentMap } from 'immutable';
import {
  QueueDayClosed,
  ServingStarted,
  TicketCalled,
  TicketCancelled,
  TicketCompleted,
  TicketIssued,
  TicketNoShow,
  TicketRecalled,
  TicketTransferred,
} from '../events.js';
import { evolveDay } from './evolve.js';
import { chooseNext, passedOver, recordedPolicy, type OrderingPolicy } from './fairness.js';
import type { Place } from './line.js';

/** One queue's (antrian's) local day: its tickets, numbered from 1, and how calls interleave. */
export interface DayState {
  /** Every ticket of the day by id. Persistent maps: an event changes O(log n), never copies the day. */
  readonly tickets: PersistentMap<string, Ticket>;
  /** The tickets waiting now (what a call chooses from, what positions count). */
  readonly waiting: PersistentMap<string, Ticket>;
  /** Tickets issued per service, less the cancelled ones: what the daily quota counts. */
  readonly issuedPerService: PersistentMap<string, number>;
  /** The place in line of the day's latest ticket to queue: one standing there has every other waiting ticket ahead. */
  readonly lastInLine: Place | undefined;
  readonly lastSequence: number;
  /** Regular (non-priority) calls since the last priority call: the interleave ratio counts these. */
  readonly regularSinceLastPriority: number;
  readonly closed: boolean;
  /** Minutes from start to completion of the day's last (up to 20) served tickets: the wait estimate's pace. */
  readonly recentServiceMinutes: readonly number[];
}

/** Why a service takes no ticket now, as the kiosk says it (from the catalog's rules). */
export interface Closed {
  readonly reason: string;
  readonly detail: string;
}

export type DayCommand =
  | {
      readonly kind: 'issue';
      readonly ticketId: string;
      readonly mallId: string;
      readonly queueId: string;
      readonly prefix: string;
      readonly date: string;
      readonly serviceId: string;
      readonly source: Source;
      readonly priorityGroup: string;
      readonly bookingId?: string;
      readonly slotStart?: Date;
      /** A transferred ticket keeps its place: the first ticket's issue time. */
      readonly queuedSince?: Date;
      readonly at: Date;
      readonly rules: { readonly closed: Closed | undefined; readonly dailyQuota: number; readonly priorityGroups: readonly string[] };
    }
  | { readonly kind: 'call-next'; readonly counterId: string; readonly serviceIds: readonly string[]; readonly officer: string; readonly policy: OrderingPolicy; readonly at: Date }
  | { readonly kind: 'call'; readonly ticketId: string; readonly counterId: string; readonly officer: string; readonly reason: string; readonly at: Date }
  | { readonly kind: 'recall'; readonly ticketId: string; readonly counterId: string; readonly at: Date }
  | { readonly kind: 'start'; readonly ticketId: string; readonly counterId: string; readonly at: Date }
  | { readonly kind: 'complete'; readonly ticketId: string; readonly counterId: string; readonly outcome: Outcome; readonly deliveredServiceIds: readonly string[]; readonly at: Date }
  | { readonly kind: 'no-show'; readonly ticketId: string; readonly counterId: string; readonly recallsBeforeNoShow: number; readonly at: Date }
  | {
      readonly kind: 'transfer';
      readonly ticketId: string;
      readonly counterId: string;
      readonly toServiceId: string;
      readonly toTicketId: string;
      readonly at: Date;
      /** The new ticket, when the target service is in this same queue (its `queuedSince` is overwritten with the original's). */
      readonly reissue?: Extract<DayCommand, { kind: 'issue' }>;
    }
  | { readonly kind: 'cancel'; readonly ticketId: string; readonly at: Date }
  | { readonly kind: 'close'; readonly queueId: string; readonly date: string; readonly at: Date };

const STATUS_WORD: Record<TicketStatus, string> = {
  [TicketStatus.UNSPECIFIED]: 'unknown',
  [TicketStatus.WAITING]: 'waiting',
  [TicketStatus.CALLED]: 'called',
  [TicketStatus.SERVING]: 'being served',
  [TicketStatus.COMPLETED]: 'completed',
  [TicketStatus.NO_SHOW]: 'a no-show',
  [TicketStatus.TRANSFERRED]: 'transferred',
  [TicketStatus.CANCELLED]: 'cancelled',
  [TicketStatus.EXPIRED]: 'expired',
};

/** `B-017`; four digits past 999. */
export const ticketNumber = (prefix: string, sequence: number) => `${prefix}-${String(sequence).padStart(3, '0')}`;

const ts = (d: Date) => timestampFromDate(d);

function ticketOf(state: DayState, ticketId: string): Ticket {
  const t = state.tickets.get(ticketId);
  if (!t) throw new AppError('not_found', `no ticket ${ticketId} in this queue today`);
  return t;
}

function must(t: Ticket, ok: boolean, doing: string): void {
  if (!ok) throw new AppError('illegal_state', `cannot ${doing} ticket ${t.number}: it is ${STATUS_WORD[t.status]}${t.counterId ? ` (counter ${t.counterId})` : ''}`);
}

const atCounter = (t: Ticket, counterId: string, status: TicketStatus) => t.status === status && t.counterId === counterId;

function issue(c: Extract<DayCommand, { kind: 'issue' }>, state: DayState): EventDraft[] {
  // A retried request (same ticket id) issued its ticket already, whatever changed since.
  if (state.tickets.has(c.ticketId)) return [];
  if (state.closed) throw new AppError('illegal_state', `the queue's day ${c.date} has ended`);
  if (c.rules.closed) {
    throw new AppError('illegal_state', `the service takes no tickets now: ${c.rules.closed.reason}${c.rules.closed.detail ? ` (${c.rules.closed.detail})` : ''}`, {
      violations: [{ field: 'service_id', reason: `closed: ${c.rules.closed.reason}${c.rules.closed.detail ? ` (${c.rules.closed.detail})` : ''}` }],
    });
  }
  if (c.priorityGroup !== '' && !c.rules.priorityGroups.includes(c.priorityGroup)) {
    throw new AppError('invalid', `no priority group ${c.priorityGroup} in this mall`, { violations: [{ field: 'priority_group', reason: `must be one of ${c.rules.priorityGroups.join(', ') || '(none)'}` }] });
  }
  if (c.rules.dailyQuota > 0) {
    const issued = state.issuedPerService.get(c.serviceId) ?? 0;
    if (issued >= c.rules.dailyQuota) {
      throw new AppError('illegal_state', `today's quota of ${c.rules.dailyQuota} tickets for this service is reached`, { violations: [{ field: 'service_id', reason: `daily quota of ${c.rules.dailyQuota} reached` }] });
    }
  }
  const sequence = state.lastSequence + 1;
  const ticket = create(TicketSchema, {
    id: c.ticketId,
    mallId: c.mallId,
    queueId: c.queueId,
    date: c.date,
    number: ticketNumber(c.prefix, sequence),
    sequence,
    serviceId: c.serviceId,
    source: c.source,
    priorityGroup: c.priorityGroup,
    bookingId: c.bookingId ?? '',
    ...(c.slotStart ? { slotStart: ts(c.slotStart) } : {}),
    issuedAt: ts(c.at),
    queuedSince: ts(c.queuedSince ?? c.at),
    status: TicketStatus.WAITING,
  });
  return [draft(TicketIssued, { ticket })];
}

/** The waiting tickets of `serviceIds`. */
export function waitingFor(state: DayState, serviceIds: readonly string[]): Ticket[] {
  const wanted = new Set(serviceIds);
  return [...state.waiting.values()].filter((t) => wanted.has(t.serviceId));
}

export const queueDay: Decider<DayState, DayCommand> = {
  initialState: () => ({ tickets: PersistentMap(), waiting: PersistentMap(), issuedPerService: PersistentMap(), lastInLine: undefined, lastSequence: 0, regularSinceLastPriority: 0, closed: false, recentServiceMinutes: [] }),
  evolve: evolveDay,
  decide(command, state): EventDraft[] {
    switch (command.kind) {
      case 'issue':
        return issue(command, state);
      case 'call-next': {
        const choice = chooseNext(waitingFor(state, command.serviceIds), command.policy, state.regularSinceLastPriority, command.at);
        if (!choice) throw new AppError('illegal_state', 'no one is waiting for the services of this counter');
        return [
          draft(TicketCalled, {
            ticketId: choice.ticket.id,
            counterId: command.counterId,
            at: ts(command.at),
            officer: command.officer,
            reason: { rule: choice.rule, explanation: choice.explanation, passedOver: choice.passedOver },
            // What the choice was made among and by, so an auditor replays it from the day alone.
            amongServiceIds: [...new Set(command.serviceIds)].sort(),
            policy: recordedPolicy(command.policy),
          }),
        ];
      }
      case 'call': {
        const t = ticketOf(state, command.ticketId);
        must(t, t.status === TicketStatus.WAITING, 'call');
        if (command.reason.trim() === '') throw new AppError('invalid', 'calling a ticket out of turn needs a reason', { violations: [{ field: 'reason', reason: 'is required' }] });
        const waiting = [...state.waiting.values()].filter((w) => w.queueId === t.queueId);
        return [draft(TicketCalled, { ticketId: t.id, counterId: command.counterId, at: ts(command.at), officer: command.officer, reason: { rule: CallRule.CHOSEN, explanation: command.reason.trim(), passedOver: passedOver(waiting, t) } })];
      }
      case 'recall': {
        const t = ticketOf(state, command.ticketId);
        must(t, atCounter(t, command.counterId, TicketStatus.CALLED), 'recall');
        return [draft(TicketRecalled, { ticketId: t.id, counterId: command.counterId, at: ts(command.at), recalls: t.recalls + 1 })];
      }
      case 'start': {
        const t = ticketOf(state, command.ticketId);
        must(t, atCounter(t, command.counterId, TicketStatus.CALLED), 'start serving');
        return [draft(ServingStarted, { ticketId: t.id, counterId: command.counterId, at: ts(command.at) })];
      }
      case 'complete': {
        const t = ticketOf(state, command.ticketId);
        must(t, atCounter(t, command.counterId, TicketStatus.SERVING), 'complete');
        if (command.outcome === Outcome.UNSPECIFIED || Outcome[command.outcome] === undefined) throw new AppError('invalid', 'say how it ended', { violations: [{ field: 'outcome', reason: 'must be done, documents_incomplete or referred' }] });
        return [draft(TicketCompleted, { ticketId: t.id, counterId: command.counterId, at: ts(command.at), outcome: command.outcome, deliveredServiceIds: [...command.deliveredServiceIds] })];
      }
      case 'no-show': {
        const t = ticketOf(state, command.ticketId);
        must(t, atCounter(t, command.counterId, TicketStatus.CALLED), 'mark as a no-show');
        if (t.recalls < command.recallsBeforeNoShow) {
          throw new AppError('illegal_state', `recall ${t.number} ${command.recallsBeforeNoShow - t.recalls} more time(s) before marking a no-show (recalled ${t.recalls} of ${command.recallsBeforeNoShow})`);
        }
        return [draft(TicketNoShow, { ticketId: t.id, counterId: command.counterId, at: ts(command.at) })];
      }
      case 'transfer': {
        const t = ticketOf(state, command.ticketId);
        must(t, (t.status === TicketStatus.CALLED || t.status === TicketStatus.SERVING) && t.counterId === command.counterId, 'transfer');
        const moved = draft(TicketTransferred, { ticketId: t.id, at: ts(command.at), toServiceId: command.toServiceId, toTicketId: command.toTicketId });
        if (!command.reissue) return [moved];
        if (command.reissue.ticketId !== command.toTicketId) throw new Error('transfer: the reissued ticket must be the one named');
        const since = t.queuedSince ? new Date(timestampMs(t.queuedSince)) : command.at;
        return [moved, ...issue({ ...command.reissue, queuedSince: since }, state)];
      }
      case 'cancel': {
        const t = ticketOf(state, command.ticketId);
        must(t, t.status === TicketStatus.WAITING, 'cancel');
        return [draft(TicketCancelled, { ticketId: t.id, at: ts(command.at) })];
      }
      case 'close': {
        if (state.closed) return [];
        const open = [...state.tickets.values()]
          .filter((t) => t.status === TicketStatus.WAITING || t.status === TicketStatus.CALLED)
          .sort((a, b) => a.sequence - b.sequence)
          .map((t) => t.id);
        return [draft(QueueDayClosed, { queueId: command.queueId, date: command.date, at: ts(command.at), expiredTicketIds: open })];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown queue-day command ${JSON.stringify(unknown)}`);
      }
    }
  },
};
