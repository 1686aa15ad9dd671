import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { Ticket } from '@mpp/contracts';
import { upsert, type ProjectionDefinition } from '@mpp/eventstore';
import { queueEvents, TicketCompleted, TicketIssued } from './queue-events.js';

const TABLES = ['survey_tickets'] as const;
type Tables = Readonly<Record<(typeof TABLES)[number], string>>;

/** A ticket whose service was completed: what its survey needs to open. */
export interface CompletedTicket {
  readonly ticketId: string;
  readonly mallId: string;
  readonly agencyCode: string;
  readonly serviceId: string;
  /** The mall's local date of the visit. */
  readonly date: string;
  readonly completedAt: Date;
}

/**
 * The queue's tickets as the survey needs them (issued: their mall, service, agency and local
 * date; completed: when), and the reaction to a completion: the ticket's survey opens. The
 * reaction is a command on the survey's own stream, idempotent, so a redelivered completion or
 * a rebuild opens nothing twice. Served tickets per period are the IKM's sample population.
 */
export function ticketsProjection(schema: string, onCompleted: (ticket: CompletedTicket) => Promise<void>): ProjectionDefinition {
  return {
    name: 'survey_tickets',
    tables: TABLES,
    async setup(tx, names) {
      const t = names as Tables;
      await tx.query(`create table if not exists ${t.survey_tickets} (
        ticket_id text primary key, mall_id text not null, agency_code text not null, service_id text not null, date text not null,
        completed_at timestamptz, counter_id text not null default '', booth_id text not null default '')`);
      await tx.query(`create index if not exists "${t.survey_tickets.split('.').pop()!.replace(/"/g, '')}_served" on ${t.survey_tickets} (mall_id, date) where completed_at is not null`);
    },
    async apply(event, tx, names) {
      const t = names as Tables;
      const boothOf = `"${schema}".survey_counters`;
      const type = queueEvents.get(event.type);
      if (!type) return;
      const message = queueEvents.decode(event).message as unknown as { ticket?: Ticket; ticketId?: string; counterId?: string; at?: Timestamp };
      if (type === TicketIssued) {
        const k = message.ticket!;
        // The agency is the event's (every ticket event names it); the ticket itself does not carry one.
        await upsert(tx, t.survey_tickets, { ticket_id: k.id, mall_id: k.mallId, agency_code: event.metadata.agencyCode, service_id: k.serviceId, date: k.date }, ['ticket_id']);
        return;
      }
      if (type !== TicketCompleted) return;
      const at = message.at ? timestampDate(message.at) : event.recordedAt;
      const { rows } = await tx.query<{ mall_id: string; agency_code: string; service_id: string; date: string }>(
        // The booth the counter is in now, kept with the ticket: moving a counter later does not rewrite the past.
        `update ${t.survey_tickets} set completed_at = $2, counter_id = $3,
           booth_id = coalesce((select booth_id from ${boothOf} where id = $3), '')
         where ticket_id = $1 returning mall_id, agency_code, service_id, date`,
        [message.ticketId, at, message.counterId ?? ''],
      );
      const row = rows[0];
      if (!row) throw new Error(`ticket ${message.ticketId} was completed but its issue was never seen: no survey can open for it`);
      await onCompleted({ ticketId: message.ticketId!, mallId: row.mall_id, agencyCode: row.agency_code, serviceId: row.service_id, date: row.date, completedAt: at });
    },
  };
}
