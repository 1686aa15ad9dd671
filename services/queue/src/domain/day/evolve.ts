import { create } from '@bufbuild/protobuf';
import { timestampMs, type Timestamp } from '@bufbuild/protobuf/wkt';
import { CallRule, TicketSchema, TicketStatus, type Ticket } from '@mpp/contracts';
import type { DecodedEvent } from '@mpp/eventstore';
import * as E from '../events.js';
import type { DayState } from './day.js';

type Message = Record<string, unknown> & { ticketId?: string; counterId?: string };

function update(state: DayState, ticketId: string, change: (t: Ticket) => Partial<Ticket>): DayState {
  const t = state.tickets.get(ticketId);
  if (!t) return state;
  const tickets = new Map(state.tickets);
  tickets.set(ticketId, create(TicketSchema, { ...t, ...change(t) }));
  return { ...state, tickets };
}

/** A queue day after one more of its events. */
export function evolveDay(state: DayState, event: DecodedEvent): DayState {
  const m = event.message as unknown as Message;
  switch (event.type.name) {
    case E.TicketIssued.name: {
      const ticket = m.ticket as Ticket;
      const tickets = new Map(state.tickets);
      tickets.set(ticket.id, ticket);
      return { ...state, tickets, lastSequence: Math.max(state.lastSequence, ticket.sequence) };
    }
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
      return update(state, m.ticketId!, () => ({ status: TicketStatus.TRANSFERRED }));
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
