import { create } from '@bufbuild/protobuf';
import { timestampMs, type Timestamp } from '@bufbuild/protobuf/wkt';
import { CallRule, TicketSchema, TicketStatus, type Ticket } from '@mpp/contracts';
import type { DecodedEvent } from '@mpp/eventstore';
import * as E from '../events.js';
import type { DayState } from './day.js';
import { placeInLine, later } from './line.js';

type Message = Record<string, unknown> & { ticketId?: string; counterId?: string };

/**
 * One ticket changed. The maps are persistent: the new state shares everything else with the old
 * one, so an event costs O(log n) however long the day is, and earlier states stay valid (the
 * command handler hands them out and drops a refused command's state).
 */
function update(state: DayState, ticketId: string, change: (t: Ticket) => Partial<Ticket>): DayState {
  const t = state.tickets.get(ticketId);
  if (!t) return state;
  const next = create(TicketSchema, { ...t, ...change(t) });
  const waiting = next.status === TicketStatus.WAITING ? state.waiting.set(ticketId, next) : state.waiting.delete(ticketId);
  const issued =
    next.status === TicketStatus.CANCELLED && t.status !== TicketStatus.CANCELLED
      ? state.issuedPerService.update(t.serviceId, 0, (n) => n - 1)
      : state.issuedPerService;
  return { ...state, tickets: state.tickets.set(ticketId, next), waiting, issuedPerService: issued };
}

function issued(state: DayState, ticket: Ticket): DayState {
  const place = placeInLine(ticket);
  return {
    ...state,
    tickets: state.tickets.set(ticket.id, ticket),
    waiting: ticket.status === TicketStatus.WAITING ? state.waiting.set(ticket.id, ticket) : state.waiting,
    issuedPerService: state.issuedPerService.update(ticket.serviceId, 0, (n) => n + 1),
    lastInLine: state.lastInLine && !later(place, state.lastInLine) ? state.lastInLine : place,
    lastSequence: Math.max(state.lastSequence, ticket.sequence),
  };
}

/** A queue day after one more of its events. */
export function evolveDay(state: DayState, event: DecodedEvent): DayState {
  const m = event.message as unknown as Message;
  switch (event.type.name) {
    case E.TicketIssued.name:
      return issued(state, m.ticket as Ticket);
    case E.TicketCalled.name: {
      const rule = (m.reason as { rule?: CallRule } | undefined)?.rule;
      const priority = rule === CallRule.PRIORITY || (rule === CallRule.CHOSEN && (state.tickets.get(m.ticketId!)?.priorityGroup ?? '') !== '');
      const counted = rule === CallRule.BOOKING_DUE ? state.regularSinceLastPriority : priority ? 0 : state.regularSinceLastPriority + 1;
      const next = update(state, m.ticketId!, () => ({ status: TicketStatus.CALLED, counterId: m.counterId!, calledAt: m.at as Ticket['calledAt'] }));
      return { ...next, regularSinceLastPriority: counted };
    }
    case E.TicketRecalled.name:
      return update(state, m.ticketId!, () => ({ recalls: m.recalls as number }));
    case E.ServingStarted.name:
      return update(state, m.ticketId!, () => ({ status: TicketStatus.SERVING, startedAt: m.at as Ticket['startedAt'] }));
    case E.TicketCompleted.name: {
      const started = state.tickets.get(m.ticketId!)?.startedAt;
      const next = update(state, m.ticketId!, () => ({ status: TicketStatus.COMPLETED }));
      if (!started || !m.at) return next;
      const minutes = (timestampMs(m.at as Timestamp) - timestampMs(started)) / 60_000;
      return { ...next, recentServiceMinutes: [...state.recentServiceMinutes, Math.max(0, minutes)].slice(-20) };
    }
    case E.TicketNoShow.name:
      return update(state, m.ticketId!, () => ({ status: TicketStatus.NO_SHOW }));
    case E.TicketTransferred.name:
      return update(state, m.ticketId!, () => ({ status: TicketStatus.TRANSFERRED, transferredTo: (m.toTicketId as string | undefined) ?? '' }));
    case E.TicketCancelled.name:
      return update(state, m.ticketId!, () => ({ status: TicketStatus.CANCELLED }));
    case E.QueueDayClosed.name: {
      let next: DayState = { ...state, closed: true };
      for (const id of m.expiredTicketIds as string[]) next = update(next, id, () => ({ status: TicketStatus.EXPIRED }));
      return next;
    }
    default:
      return state;
  }
}
