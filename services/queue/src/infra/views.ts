import { toJson } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { ApplicationSchema, ApplicationStatus, TicketStatus, type Application, type Ticket } from '@mpp/contracts';
import { upsert, type ProjectionDefinition } from '@mpp/eventstore';
import * as E from '../domain/events.js';
import { queueEvents } from '../domain/events.js';

const TABLES = ['queue_tickets', 'queue_counters', 'queue_applications'] as const;
type Tables = Readonly<Record<(typeof TABLES)[number], string>>;

const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : null);
type Message = Record<string, unknown> & { ticketId?: string; counterId?: string; at?: Timestamp };

const STATUS_OF: Record<string, TicketStatus> = {
  [E.TicketCalled.name]: TicketStatus.CALLED,
  [E.ServingStarted.name]: TicketStatus.SERVING,
  [E.TicketCompleted.name]: TicketStatus.COMPLETED,
  [E.TicketNoShow.name]: TicketStatus.NO_SHOW,
  [E.TicketTransferred.name]: TicketStatus.TRANSFERRED,
  [E.TicketCancelled.name]: TicketStatus.CANCELLED,
};

/**
 * The queue's own read model, from its own log: tickets (for boards, lists and the day's
 * figures), which counters are open for what (the wait estimate), and applications by tracking
 * code (a citizen asks days later; overdue lists for the agency).
 */
export const queueView: ProjectionDefinition = {
  name: 'queue_view',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as Tables;
    // An index is named after its table's version (`queue_tickets_v2` → `"queue_tickets_v2_day"`).
    const indexOn = (table: string, suffix: string) => `"${table.split('.').pop()!.replace(/"/g, '')}_${suffix}"`;
    const dayIndex = indexOn(t.queue_tickets, 'day');
    const appTicketIndex = indexOn(t.queue_applications, 'ticket');
    const waitingIndex = indexOn(t.queue_tickets, 'waiting');
    await tx.query(`
      create table if not exists ${t.queue_tickets} (
        id text primary key, mall_id text not null, queue_id text not null, date text not null, service_id text not null,
        number text not null, sequence integer not null, status integer not null, priority_group text not null, source integer not null,
        queued_since timestamptz not null, issued_at timestamptz not null, called_at timestamptz, started_at timestamptz, ended_at timestamptz,
        counter_id text not null default '', recalls integer not null default 0);
      create index if not exists ${dayIndex} on ${t.queue_tickets} (queue_id, date, status);
      -- added with the metrics: mpp_tickets_waiting counts the tickets in line on each scrape
      create index if not exists ${waitingIndex} on ${t.queue_tickets} (mall_id) where status = ${TicketStatus.WAITING};
      create table if not exists ${t.queue_counters} (counter_id text primary key, mall_id text not null, status text not null, service_ids text[] not null);
      create table if not exists ${t.queue_applications} (
        id text primary key, tracking_code text not null unique, mall_id text not null, agency_code text not null, service_id text not null,
        due_date text not null, status integer not null, data jsonb not null);
      -- added with the web UI: the ticket page shows its visit's application
      alter table ${t.queue_applications} add column if not exists ticket_id text;
      update ${t.queue_applications} set ticket_id = data->>'ticketId' where ticket_id is null;
      create index if not exists ${appTicketIndex} on ${t.queue_applications} (ticket_id);
    `);
  },
  async apply(event, tx, names) {
    const t = names as Tables;
    if (!queueEvents.get(event.type)) return;
    const decoded = queueEvents.decode(event);
    const m = decoded.message as unknown as Message;
    const name = decoded.type.name;
    switch (name) {
      case E.TicketIssued.name: {
        const k = m.ticket as Ticket;
        return upsert(tx, t.queue_tickets, {
          id: k.id, mall_id: k.mallId, queue_id: k.queueId, date: k.date, service_id: k.serviceId, number: k.number, sequence: k.sequence,
          status: k.status, priority_group: k.priorityGroup, source: k.source, queued_since: date(k.queuedSince), issued_at: date(k.issuedAt),
        });
      }
      case E.TicketRecalled.name:
        return void (await tx.query(`update ${t.queue_tickets} set recalls = $2 where id = $1`, [m.ticketId, m.recalls]));
      case E.QueueDayClosed.name:
        return void (await tx.query(`update ${t.queue_tickets} set status = $2, ended_at = $3 where id = any($1::text[])`, [m.expiredTicketIds, TicketStatus.EXPIRED, date(m.at)]));
      case E.CounterOpened.name:
        return upsert(tx, t.queue_counters, { counter_id: m.counterId, mall_id: m.mallId, status: 'open', service_ids: m.serviceIds }, ['counter_id']);
      case E.CounterPaused.name:
      case E.CounterClosed.name:
        return void (await tx.query(`update ${t.queue_counters} set status = $2 where counter_id = $1`, [m.counterId, name === E.CounterPaused.name ? 'paused' : 'closed']));
      case E.ApplicationOpened.name: {
        const a = m.application as Application;
        return upsert(tx, t.queue_applications, { id: a.id, tracking_code: a.trackingCode, ticket_id: a.ticketId, mall_id: a.mallId, agency_code: a.agencyCode, service_id: a.serviceId, due_date: a.dueDate, status: a.status, data: JSON.stringify(toJson(ApplicationSchema, a)) });
      }
      case E.ApplicationStatusChanged.name: {
        const status = m.status as ApplicationStatus;
        const stamp = status === ApplicationStatus.READY ? 'readyAt' : status === ApplicationStatus.HANDED_OVER ? 'handedOverAt' : undefined;
        const at = m.at ? timestampDate(m.at).toISOString() : null;
        return void (await tx.query(
          `update ${t.queue_applications} set status = $2,
             data = jsonb_set(jsonb_set(data, '{status}', to_jsonb($3::text)), '{note}', to_jsonb($4::text)) || (case when $5::text is null then '{}'::jsonb else jsonb_build_object($5::text, $6::text) end)
           where id = $1`,
          [m.applicationId, status, ApplicationStatus[status] ? `APPLICATION_STATUS_${ApplicationStatus[status]}` : '', m.note ?? '', stamp ?? null, at],
        ));
      }
      default: {
        const status = STATUS_OF[name];
        if (status === undefined || !m.ticketId) return;
        const column = status === TicketStatus.CALLED ? 'called_at' : status === TicketStatus.SERVING ? 'started_at' : 'ended_at';
        await tx.query(`update ${t.queue_tickets} set status = $2, ${column} = $3${m.counterId ? ', counter_id = $4' : ''} where id = $1`, [m.ticketId, status, date(m.at), ...(m.counterId ? [m.counterId] : [])]);
      }
    }
  },
};
