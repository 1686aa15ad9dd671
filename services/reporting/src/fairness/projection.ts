import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { CallRule, TicketCalledSchema, TicketIssuedSchema, type CallReason, type Ticket } from '@mpp/contracts';
import { EventTypes, type ProjectionDefinition } from '@mpp/eventstore';
import { indexName } from '../projections/index-name.js';

const events = new EventTypes();
const TicketIssued = events.register(TicketIssuedSchema);
const TicketCalled = events.register(TicketCalledSchema);

const TABLES = ['fair_tickets', 'fair_calls'] as const;
type Tables = Readonly<Record<(typeof TABLES)[number], string>>;

/**
 * Every call of every day with the rule it followed and, for one made out of the policy's order,
 * who made it, why and whom it passed over — with what the ticket was (a priority group, a
 * booking, or neither). Keyed by ticket (a ticket is called once), so redelivery changes nothing.
 */
export const fairness: ProjectionDefinition = {
  name: 'fairness',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as Tables;
    await tx.query(`
      create table if not exists ${t.fair_tickets} (
        ticket_id text primary key, mall_id text not null, date text not null, queue_id text not null, service_id text not null,
        number text not null, priority_group text not null, booking_id text not null);
      create table if not exists ${t.fair_calls} (
        ticket_id text primary key, mall_id text not null, date text not null, counter_id text not null, officer text not null,
        at timestamptz not null, rule integer not null, explanation text not null, passed_over integer not null);
      create index if not exists ${indexName(t.fair_calls, 'day')} on ${t.fair_calls} (mall_id, date);
    `);
  },
  async apply(event, tx, names) {
    const t = names as Tables;
    const type = events.get(event.type);
    if (!type) return;
    const m = events.decode(event).message as unknown as { ticket?: Ticket; ticketId?: string; counterId?: string; officer?: string; at?: Timestamp; reason?: CallReason };
    if (type === TicketIssued) {
      const k = m.ticket!;
      await tx.query(
        `insert into ${t.fair_tickets} values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (ticket_id) do nothing`,
        [k.id, k.mallId, k.date, k.queueId, k.serviceId, k.number, k.priorityGroup, k.bookingId],
      );
      return;
    }
    if (type !== TicketCalled) return;
    // The call's day is its ticket's (issued before it, in the same stream).
    const { rows } = await tx.query<{ date: string }>(`select date from ${t.fair_tickets} where ticket_id = $1`, [m.ticketId]);
    if (!rows[0]) throw new Error(`ticket ${m.ticketId} was called but its issue was never seen`);
    await tx.query(
      `insert into ${t.fair_calls} values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (ticket_id) do nothing`,
      [m.ticketId, event.metadata.mallId, rows[0].date, m.counterId, m.officer ?? '', m.at ? timestampDate(m.at) : event.recordedAt, m.reason?.rule ?? CallRule.UNSPECIFIED, m.reason?.explanation ?? '', m.reason?.passedOver ?? 0],
    );
  },
};
