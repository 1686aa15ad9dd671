import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  ComplaintForwardedSchema,
  ComplaintReceivedSchema,
  ComplaintResolvedSchema,
  ComplaintRespondedSchema,
  ResponseSubmittedSchema,
  TicketCompletedSchema,
  TicketIssuedSchema,
  type Complaint,
  type SurveyResponse,
  type Ticket,
} from '@mpp/contracts';
import { EventTypes, upsert, type ProjectionDefinition } from '@mpp/eventstore';

/** The queue's and the survey's events satisfaction reads (through the contracts only). */
const events = new EventTypes();
const TicketIssued = events.register(TicketIssuedSchema);
const TicketCompleted = events.register(TicketCompletedSchema);
const ResponseSubmitted = events.register(ResponseSubmittedSchema);
const ComplaintReceived = events.register(ComplaintReceivedSchema);
const ComplaintResponded = events.register(ComplaintRespondedSchema);
const ComplaintResolved = events.register(ComplaintResolvedSchema);
const ComplaintForwarded = events.register(ComplaintForwardedSchema);

const TABLES = ['sat_tickets', 'sat_responses', 'sat_complaints'] as const;
type Tables = Readonly<Record<(typeof TABLES)[number], string>>;
const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : null);

/**
 * Satisfaction's facts: served tickets by unit, local date and the counter that served them (the IKM's sample population),
 * survey answers, and complaints with their deadlines and when each step was taken. Inserts and
 * first-wins updates only, so redelivery and the two topics' relative order change nothing.
 */
export const satisfaction: ProjectionDefinition = {
  name: 'satisfaction',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as Tables;
    await tx.query(`
      create table if not exists ${t.sat_tickets} (ticket_id text primary key, mall_id text not null, agency_code text not null, service_id text not null, date text not null, completed boolean not null default false, counter_id text);
      alter table ${t.sat_tickets} add column if not exists counter_id text, add column if not exists completed_at timestamptz; -- added after the first release
      create table if not exists ${t.sat_responses} (ticket_id text primary key, mall_id text not null, agency_code text not null, service_id text not null, date text not null, answers smallint[] not null);
      create table if not exists ${t.sat_complaints} (
        id text primary key, mall_id text not null, agency_code text not null, service_id text not null,
        received_at timestamptz not null, respond_by timestamptz not null, resolve_by timestamptz not null,
        responded_at timestamptz, closed_at timestamptz);
    `);
  },
  async apply(event, tx, names) {
    const t = names as Tables;
    const type = events.get(event.type);
    if (!type) return;
    const m = events.decode(event).message as unknown as { ticket?: Ticket; ticketId?: string; counterId?: string; response?: SurveyResponse; complaint?: Complaint; complaintId?: string; at?: Timestamp };
    switch (type) {
      case TicketIssued: {
        const k = m.ticket!;
        await tx.query(`insert into ${t.sat_tickets} (ticket_id, mall_id, agency_code, service_id, date) values ($1, $2, $3, $4, $5) on conflict (ticket_id) do nothing`, [k.id, k.mallId, event.metadata.agencyCode, k.serviceId, k.date]);
        return;
      }
      case TicketCompleted:
        await tx.query(`update ${t.sat_tickets} set completed = true, counter_id = coalesce(counter_id, $2), completed_at = coalesce(completed_at, $3) where ticket_id = $1`, [m.ticketId, m.counterId, date(m.at) ?? event.recordedAt]);
        return;
      case ResponseSubmitted: {
        const r = m.response!;
        return upsert(tx, t.sat_responses, { ticket_id: r.ticketId, mall_id: r.mallId, agency_code: r.agencyCode, service_id: r.serviceId, date: r.date, answers: r.answers }, ['ticket_id']);
      }
      case ComplaintReceived: {
        const c = m.complaint!;
        await tx.query(
          `insert into ${t.sat_complaints} (id, mall_id, agency_code, service_id, received_at, respond_by, resolve_by) values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing`,
          [c.id, c.mallId, c.agencyCode, c.serviceId, date(c.receivedAt), date(c.respondBy), date(c.resolveBy)],
        );
        return;
      }
      case ComplaintResponded:
        await tx.query(`update ${t.sat_complaints} set responded_at = coalesce(responded_at, $2) where id = $1`, [m.complaintId, date(m.at)]);
        return;
      case ComplaintResolved:
      case ComplaintForwarded:
        await tx.query(`update ${t.sat_complaints} set responded_at = coalesce(responded_at, $2), closed_at = coalesce(closed_at, $2) where id = $1`, [m.complaintId, date(m.at)]);
        return;
      default:
        return;
    }
  },
};
