import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { Ticket } from '@mpp/contracts';
import type { ProjectionDefinition } from '@mpp/eventstore';
import type pg from 'pg';
import * as E from '../../domain/events.js';
import { queueEvents } from '../../domain/events.js';
import { noticeText, type Notice, type Notifier, type NotifyLog } from './notifier.js';

/**
 * Phone numbers citizens leave for notifications: personal data, so kept here and nowhere else
 * (never in events, logs or partner topics), and deleted when the queue's day ends.
 */
export function contactsTable(schema: string) {
  return `"${schema}"."ticket_contacts"`;
}

export async function migrateContacts(db: Pick<pg.ClientBase, 'query'>, schema: string): Promise<void> {
  await db.query(`create table if not exists ${contactsTable(schema)} (
    ticket_id text primary key, day_stream text not null, phone text not null,
    few_ahead_sent boolean not null default false, called_sent boolean not null default false,
    created_at timestamptz not null default now())`);
  await db.query(`create index if not exists ticket_contacts_day on ${contactsTable(schema)} (day_stream)`);
}

const TABLES = ['notify_waiting'] as const;
type Tables = Readonly<Record<(typeof TABLES)[number], string>>;
type Message = { ticket?: Ticket; ticketId?: string; counterId?: string; expiredTicketIds?: string[]; at?: Timestamp };

export interface NotificationOptions {
  readonly schema: string;
  readonly notifier: Notifier;
  /** "Few people ahead" is said once, when this many or fewer wait before the ticket. */
  readonly fewAhead: number;
  /** The counter's name on the catalog replica (`Loket 3`), for the "called" text. */
  readonly counterName: (tx: pg.PoolClient, counterId: string) => Promise<string>;
  readonly log: NotifyLog;
}

const dayStream = (t: Ticket) => `day-${t.queueId}-${t.date}`;

/**
 * Tells citizens who left a phone number when few people are ahead and when they are called.
 * It keeps its own line of waiting tickets per queue day; each notice is sent once (flags on the
 * contact, outside the projection's tables, so a rebuild sends nothing again). A gateway that
 * fails is logged and skipped: a missed SMS must not hold up the queue.
 */
export function notifications(options: NotificationOptions): ProjectionDefinition {
  const contacts = contactsTable(options.schema);
  async function send(notice: Notice): Promise<void> {
    try {
      await options.notifier.send(notice);
    } catch (error) {
      options.log.warn({ kind: notice.kind, ticketNumber: notice.ticketNumber, err: (error as Error).message }, 'notification not sent');
    }
  }
  return {
    name: 'notifications',
    tables: TABLES,
    async setup(tx, names) {
      const t = names as Tables;
      await migrateContacts(tx, options.schema);
      await tx.query(`create table if not exists ${t.notify_waiting} (ticket_id text primary key, day_stream text not null, number text not null, queued_since timestamptz not null, sequence integer not null)`);
    },
    async apply(event, tx, names) {
      const t = names as Tables;
      if (!queueEvents.get(event.type)) return;
      const decoded = queueEvents.decode(event);
      const m = decoded.message as unknown as Message;
      switch (decoded.type.name) {
        case E.TicketIssued.name: {
          const k = m.ticket!;
          await tx.query(`insert into ${t.notify_waiting} values ($1, $2, $3, $4, $5) on conflict do nothing`, [k.id, dayStream(k), k.number, timestampDate(k.queuedSince!), k.sequence]);
          return;
        }
        case E.TicketCancelled.name:
        case E.TicketTransferred.name:
          await tx.query(`delete from ${t.notify_waiting} where ticket_id = $1`, [m.ticketId]);
          return;
        case E.QueueDayClosed.name:
          await tx.query(`delete from ${t.notify_waiting} where ticket_id = any($1::text[])`, [m.expiredTicketIds]);
          return;
        case E.TicketCalled.name: {
          const { rows: called } = await tx.query<{ day_stream: string; number: string }>(`delete from ${t.notify_waiting} where ticket_id = $1 returning day_stream, number`, [m.ticketId]);
          const line = called[0];
          if (!line) return;
          const { rows: mine } = await tx.query<{ phone: string }>(`update ${contacts} set called_sent = true where ticket_id = $1 and not called_sent returning phone`, [m.ticketId]);
          if (mine[0]) await send({ to: mine[0].phone, kind: 'called', ticketNumber: line.number, text: noticeText('called', line.number, await options.counterName(tx, m.counterId ?? '')) });
          // Everyone in this line moved up by one: who now has few enough ahead?
          const { rows: near } = await tx.query<{ ticket_id: string; phone: string; number: string; ahead: number }>(
            `with line as (
               select w.ticket_id, w.number, row_number() over (order by w.queued_since, w.sequence) - 1 as ahead
               from ${t.notify_waiting} w where w.day_stream = $1)
             update ${contacts} c set few_ahead_sent = true from line
             where c.ticket_id = line.ticket_id and not c.few_ahead_sent and line.ahead <= $2
             returning c.ticket_id, c.phone, line.number, line.ahead::int as ahead`,
            [line.day_stream, options.fewAhead],
          );
          for (const n of near) await send({ to: n.phone, kind: 'few-ahead', ticketNumber: n.number, text: noticeText('few-ahead', n.number, undefined, n.ahead) });
          return;
        }
        default:
          return;
      }
    },
  };
}
