import { TicketStatus } from '@mpp/contracts';
import { observeGauges } from '@mpp/telemetry';
import type pg from 'pg';

export const TICKETS_WAITING = 'mpp_tickets_waiting';

/**
 * `mpp_tickets_waiting{mall_id}`: the tickets waiting now in each mall the queue knows (0 for a
 * mall with none), read from the queue's own view on each scrape. A partial index on the waiting
 * tickets (queue_view) keeps the count to the tickets in line. Returns what stops observing.
 */
export function observeTicketsWaiting(db: pg.Pool, schema = 'queue'): () => void {
  const t = (table: string) => `"${schema}"."${table}"`;
  return observeGauges([{ name: TICKETS_WAITING, description: 'tickets waiting to be called now, per mall' }], async () => {
    // The status is written into the text, not passed: the partial index's predicate must match it.
    const { rows } = await db.query<{ mall_id: string; waiting: number }>({
      name: `queue-tickets-waiting-${schema}`,
      text: `select m.id as mall_id, count(t.id)::float8 as waiting
             from ${t('catalog_malls')} m left join ${t('queue_tickets')} t on t.mall_id = m.id and t.status = ${TicketStatus.WAITING}
             group by m.id`,
    });
    return { [TICKETS_WAITING]: rows.map((r) => ({ value: r.waiting, attributes: { service: 'queue', mall_id: r.mall_id } })) };
  });
}
