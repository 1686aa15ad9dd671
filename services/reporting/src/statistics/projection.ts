import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  BookingCancelledSchema,
  BookingCheckedInSchema,
  BookingMadeSchema,
  BookingNoShowSchema,
  QueueDayClosedSchema,
  ServingStartedSchema,
  TicketCalledSchema,
  TicketCancelledSchema,
  TicketCompletedSchema,
  TicketIssuedSchema,
  TicketNoShowSchema,
  TicketRecalledSchema,
  TicketTransferredSchema,
  Outcome,
  type Booking,
  type Ticket,
} from '@mpp/contracts';
import { EventTypes, type ConsumedEvent, type ProjectionDefinition } from '@mpp/eventstore';
import type pg from 'pg';
import { indexName } from '../projections/index-name.js';

/** The queue's events the statistics read (through the contracts only). */
const events = new EventTypes();
const TicketIssued = events.register(TicketIssuedSchema);
const TicketCalled = events.register(TicketCalledSchema);
const TicketRecalled = events.register(TicketRecalledSchema);
const ServingStarted = events.register(ServingStartedSchema);
const TicketCompleted = events.register(TicketCompletedSchema);
const TicketNoShow = events.register(TicketNoShowSchema);
const TicketTransferred = events.register(TicketTransferredSchema);
const TicketCancelled = events.register(TicketCancelledSchema);
const QueueDayClosed = events.register(QueueDayClosedSchema);
const BookingMade = events.register(BookingMadeSchema);
const BookingCancelled = events.register(BookingCancelledSchema);
const BookingCheckedIn = events.register(BookingCheckedInSchema);
const BookingNoShow = events.register(BookingNoShowSchema);

const TABLES = ['stat_tickets', 'stat_bookings'] as const;
export type StatisticsTables = Readonly<Record<(typeof TABLES)[number], string>>;

type Message = {
  ticket?: Ticket;
  booking?: Booking;
  ticketId?: string;
  bookingId?: string;
  counterId?: string;
  officer?: string;
  at?: Timestamp;
  recalls?: number;
  outcome?: Outcome;
  toTicketId?: string;
  expiredTicketIds?: string[];
};

/** How a completed visit ended: done, or served but not finished (documents missing, referred elsewhere). */
const RESULTS: Record<number, string> = { [Outcome.DONE]: 'done', [Outcome.DOCUMENTS_INCOMPLETE]: 'documents-incomplete', [Outcome.REFERRED]: 'referred' };

const when = (m: Message, event: ConsumedEvent): Date => (m.at ? timestampDate(m.at) : event.recordedAt);

/**
 * Sets columns of a ticket's (or a booking's) row, creating the row if its first event has not
 * arrived yet. Each column keeps its first value (`coalesce`), so a redelivered event changes
 * nothing and the events may arrive in any order (a transfer's new ticket lives in another
 * queue's stream).
 */
async function keepFirst(tx: pg.PoolClient, table: string, key: 'ticket_id' | 'booking_id', id: string, values: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(values);
  await tx.query(
    `insert into ${table} as t (${key}, ${columns.join(', ')}) values ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')})
     on conflict (${key}) do update set ${columns.map((c) => `${c} = coalesce(t.${c}, excluded.${c})`).join(', ')}`,
    [id, ...Object.values(values)],
  );
}
const note = (tx: pg.PoolClient, table: string, ticketId: string, values: Record<string, unknown>) => keepFirst(tx, table, 'ticket_id', ticketId, values);
const noteBooking = (tx: pg.PoolClient, table: string, bookingId: string, values: Record<string, unknown>) => keepFirst(tx, table, 'booking_id', bookingId, values);

/**
 * One row per ticket with every moment of its life (issued, first called, started, ended), where
 * and by whom it was called and how it ended; one row per booking with its slot and what became
 * of it. Reports aggregate these rows at query time — percentiles from the tickets themselves,
 * hours in the mall's time zone from the directory — so a late catalog event corrects every
 * report, and no aggregate is ever averaged from smaller ones.
 */
export const statistics: ProjectionDefinition = {
  name: 'statistics',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as StatisticsTables;
    await tx.query(`
      create table if not exists ${t.stat_tickets} (
        ticket_id text primary key, mall_id text, date text, queue_id text, service_id text, agency_code text, source integer,
        priority_group text, booking_id text, issued_at timestamptz,
        called_at timestamptz, counter_id text, officer text, recalls integer, started_at timestamptz, ended_at timestamptz,
        outcome text, result text, transferred_to text);
      create index if not exists ${indexName(t.stat_tickets, 'day')} on ${t.stat_tickets} (mall_id, date);
      create table if not exists ${t.stat_bookings} (
        booking_id text primary key, mall_id text, agency_code text, service_id text, date text, slot_start timestamptz, slot_end timestamptz,
        ended text, ended_at timestamptz, ticket_id text);
      create index if not exists ${indexName(t.stat_bookings, 'day')} on ${t.stat_bookings} (mall_id, date);
    `);
  },
  async apply(event, tx, names) {
    const t = names as StatisticsTables;
    const type = events.get(event.type);
    if (!type) return;
    const m = events.decode(event).message as unknown as Message;
    switch (type) {
      case TicketIssued: {
        const k = m.ticket!;
        return note(tx, t.stat_tickets, k.id, {
          mall_id: k.mallId,
          date: k.date,
          queue_id: k.queueId,
          service_id: k.serviceId,
          agency_code: event.metadata.agencyCode,
          source: k.source,
          priority_group: k.priorityGroup,
          booking_id: k.bookingId,
          issued_at: k.issuedAt ? timestampDate(k.issuedAt) : event.recordedAt,
        });
      }
      case TicketCalled:
        return note(tx, t.stat_tickets, m.ticketId!, { called_at: when(m, event), counter_id: m.counterId, officer: m.officer || event.metadata.actor?.subject || '' });
      case TicketRecalled:
        await tx.query(`update ${t.stat_tickets} set recalls = greatest(coalesce(recalls, 0), $2) where ticket_id = $1`, [m.ticketId, m.recalls ?? 0]);
        return;
      case ServingStarted:
        return note(tx, t.stat_tickets, m.ticketId!, { started_at: when(m, event) });
      case TicketCompleted:
        return note(tx, t.stat_tickets, m.ticketId!, { ended_at: when(m, event), outcome: 'completed', result: RESULTS[m.outcome ?? Outcome.UNSPECIFIED] ?? 'done' });
      case TicketNoShow:
        return note(tx, t.stat_tickets, m.ticketId!, { ended_at: when(m, event), outcome: 'no-show' });
      case TicketCancelled:
        return note(tx, t.stat_tickets, m.ticketId!, { ended_at: when(m, event), outcome: 'cancelled' });
      case TicketTransferred:
        return note(tx, t.stat_tickets, m.ticketId!, { ended_at: when(m, event), outcome: 'transferred', transferred_to: m.toTicketId ?? '' });
      case QueueDayClosed:
        for (const id of m.expiredTicketIds ?? []) await note(tx, t.stat_tickets, id, { ended_at: when(m, event), outcome: 'expired' });
        return;
      case BookingMade: {
        const b = m.booking!;
        return noteBooking(tx, t.stat_bookings, b.id, {
          mall_id: b.mallId,
          agency_code: event.metadata.agencyCode,
          service_id: b.serviceId,
          date: b.date,
          slot_start: b.slotStart ? timestampDate(b.slotStart) : null,
          slot_end: b.slotEnd ? timestampDate(b.slotEnd) : null,
        });
      }
      case BookingCheckedIn:
        return noteBooking(tx, t.stat_bookings, m.bookingId!, { ended: 'checked-in', ended_at: when(m, event), ticket_id: m.ticketId });
      case BookingNoShow:
        return noteBooking(tx, t.stat_bookings, m.bookingId!, { ended: 'no-show', ended_at: when(m, event) });
      case BookingCancelled:
        return noteBooking(tx, t.stat_bookings, m.bookingId!, { ended: 'cancelled', ended_at: when(m, event) });
      default:
        return;
    }
  },
};
