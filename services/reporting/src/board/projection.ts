import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { NoticeKind, type Counter, type Notice, type Queue, type Ticket } from '@mpp/contracts';
import { upsert, type ProjectionDefinition } from '@mpp/eventstore';
import type pg from 'pg';
import { indexName } from '../projections/index-name.js';
import * as E from './events.js';

const TABLES = ['board_counters', 'board_tickets', 'board_queues', 'board_notices'] as const;
export type BoardTables = Readonly<Record<(typeof TABLES)[number], string>>;

type Message = { ticket?: Ticket; ticketId?: string; counterId?: string; mallId?: string; at?: Timestamp; queue?: Queue; counter?: Counter; notice?: Notice; expiredTicketIds?: string[]; queueId?: string; date?: string };
const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : null);

/** A ticket leaves its counter: only if the counter still shows it (another queue's call may have come first). */
async function leave(tx: pg.PoolClient, t: BoardTables, ticketId: string, status: string): Promise<void> {
  await tx.query(`update ${t.board_tickets} set status = $2 where ticket_id = $1`, [ticketId, status]);
  await tx.query(`update ${t.board_counters} set ticket_id = '', ticket_number = '', ticket_status = '', called_at = null where ticket_id = $1`, [ticketId]);
}

/**
 * The live board of each mall: per counter the ticket called there or being served, per queue
 * the waiting line, the mall's notice. A counter's ticket comes from the day's events alone
 * (called, serving, done), which arrive in order per queue day; names, prefixes and the notice
 * come from the catalog. Every write is an upsert or a conditional update, so a redelivered
 * event changes nothing and the catalog's and the queue's topics may arrive in any order.
 */
export const board: ProjectionDefinition = {
  name: 'board',
  tables: TABLES,
  async setup(tx, names) {
    const t = names as BoardTables;
    const waitingIndex = indexName(t.board_tickets, 'waiting');
    const counterIndex = indexName(t.board_counters, 'ticket');
    await tx.query(`
      create table if not exists ${t.board_counters} (
        counter_id text primary key, mall_id text not null default '', name text not null default '', status text not null default 'closed',
        ticket_id text not null default '', ticket_number text not null default '', ticket_status text not null default '', called_at timestamptz);
      create table if not exists ${t.board_tickets} (
        ticket_id text primary key, mall_id text not null, queue_id text not null, date text not null, number text not null, sequence integer not null,
        status text not null, queued_since timestamptz not null);
      alter table ${t.board_tickets} add column if not exists date text not null default ''; -- added after the first release
      create index if not exists ${waitingIndex} on ${t.board_tickets} (mall_id, queue_id) where status = 'waiting';
      create index if not exists ${counterIndex} on ${t.board_counters} (ticket_id) where ticket_id <> '';
      create table if not exists ${t.board_queues} (queue_id text primary key, mall_id text not null, prefix text not null, name text not null, active boolean not null);
      create table if not exists ${t.board_notices} (mall_id text primary key, kind text not null, text_id text not null, text_en text not null, active boolean not null);
    `);
  },
  async apply(event, tx, names) {
    const t = names as BoardTables;
    const type = E.boardEvents.get(event.type);
    if (!type) return;
    const m = E.boardEvents.decode(event).message as unknown as Message;
    switch (type) {
      case E.QueueRegistered:
      case E.QueueChanged:
        return upsert(tx, t.board_queues, { queue_id: m.queue!.id, mall_id: m.queue!.mallId, prefix: m.queue!.prefix, name: m.queue!.name, active: m.queue!.active }, ['queue_id']);
      case E.CounterRegistered:
      case E.CounterChanged:
        return upsert(tx, t.board_counters, { counter_id: m.counter!.id, mall_id: m.counter!.mallId, name: m.counter!.name }, ['counter_id']);
      case E.NoticeSet: {
        const n = m.notice!;
        return upsert(tx, t.board_notices, { mall_id: m.mallId, kind: n.kind === NoticeKind.EMERGENCY ? 'emergency' : 'information', text_id: n.textId, text_en: n.textEn, active: n.active }, ['mall_id']);
      }
      case E.TicketIssued: {
        const k = m.ticket!;
        // Insert only: a late redelivery of the issue must not bring back a ticket already called.
        await tx.query(
          `insert into ${t.board_tickets} (ticket_id, mall_id, queue_id, date, number, sequence, status, queued_since) values ($1, $2, $3, $4, $5, $6, 'waiting', $7) on conflict (ticket_id) do nothing`,
          [k.id, k.mallId, k.queueId, k.date, k.number, k.sequence, date(k.queuedSince)],
        );
        return;
      }
      case E.TicketCalled: {
        const { rows } = await tx.query<{ number: string }>(`update ${t.board_tickets} set status = 'called' where ticket_id = $1 returning number`, [m.ticketId]);
        await upsert(tx, t.board_counters, { counter_id: m.counterId, mall_id: event.metadata.mallId, ticket_id: m.ticketId, ticket_number: rows[0]?.number ?? '', ticket_status: 'called', called_at: date(m.at) }, ['counter_id']);
        return;
      }
      case E.TicketRecalled:
        // A recall is a new call on the board (announced again); the latest time wins, whatever the order of delivery.
        await tx.query(`update ${t.board_counters} set called_at = greatest(called_at, $2) where ticket_id = $1 and ticket_status = 'called'`, [m.ticketId, date(m.at)]);
        return;
      case E.ServingStarted:
        await tx.query(`update ${t.board_tickets} set status = 'serving' where ticket_id = $1`, [m.ticketId]);
        await tx.query(`update ${t.board_counters} set ticket_status = 'serving' where ticket_id = $1`, [m.ticketId]);
        return;
      case E.TicketCompleted:
        return leave(tx, t, m.ticketId!, 'completed');
      case E.TicketNoShow:
        return leave(tx, t, m.ticketId!, 'no-show');
      case E.TicketTransferred:
        return leave(tx, t, m.ticketId!, 'transferred');
      case E.TicketCancelled:
        return leave(tx, t, m.ticketId!, 'cancelled');
      case E.QueueDayClosed:
        for (const id of m.expiredTicketIds ?? []) await leave(tx, t, id, 'expired');
        // The day is over: its tickets leave the board's table (the statistics keep them). Its
        // events come in the same stream, so none of that day's tickets can arrive after this.
        await tx.query(`delete from ${t.board_tickets} where queue_id = $1 and date <= $2`, [m.queueId, m.date]);
        return;
      case E.CounterOpened:
        return upsert(tx, t.board_counters, { counter_id: m.counterId, mall_id: m.mallId, status: 'open' }, ['counter_id']);
      case E.CounterPaused:
        return upsert(tx, t.board_counters, { counter_id: m.counterId, status: 'paused' }, ['counter_id']);
      case E.CounterClosed:
        return upsert(tx, t.board_counters, { counter_id: m.counterId, status: 'closed' }, ['counter_id']);
      default:
        return;
    }
  },
};
