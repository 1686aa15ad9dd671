import type pg from 'pg';
import { qualified } from './schema.js';

type Queryable = Pick<pg.Pool, 'query'>;

/** Committed events of a log after a reader's position. */
export interface Backlog {
  readonly events: number;
  /** How long ago the oldest of them was appended (seconds); 0 when there is none. */
  readonly oldestAgeSeconds: number;
}

/**
 * Counts the events of `log` after the position that `position` (a query of one row with
 * `transaction_id` and `global_position`, or none: the start) names. One range scan of the log's
 * (transaction id, position) index: cheap while the reader keeps up.
 */
async function eventsAfter(db: Queryable, log: string, position: string, values: readonly string[]): Promise<Backlog> {
  const { rows } = await db.query<{ events: number; oldest_age_seconds: number }>(
    `with reader as (select coalesce(p.transaction_id, '0'::xid8) as transaction_id, coalesce(p.global_position, 0) as global_position
                     from (select 1) start left join (${position}) p on true)
     select count(*)::float8 as events,
            coalesce(extract(epoch from clock_timestamp() - min(e.recorded_at)), 0)::float8 as oldest_age_seconds
     from reader, ${log} e
     where (e.transaction_id, e.global_position) > (reader.transaction_id, reader.global_position)`,
    [...values],
  );
  const row = rows[0]!;
  return { events: row.events, oldestAgeSeconds: Math.max(0, row.oldest_age_seconds) };
}

/** The outbox relay's backlog: the service's events not yet published (after the relay's checkpoint `name`). */
export function outboxBacklog(db: Queryable, schema: string, name: string): Promise<Backlog> {
  return eventsAfter(db, qualified(schema, 'events'), `select transaction_id, global_position from ${qualified(schema, 'checkpoints')} where name = $1`, [name]);
}

/** A PostgreSQL-log consumer's lag: the events of the source's log after the consumer's position. */
export async function logConsumerLag(db: Queryable, schema: string, consumer: string, source: string): Promise<number> {
  const lag = await eventsAfter(
    db,
    qualified(source, 'event_log'),
    `select transaction_id, global_position from ${qualified(schema, 'consumer_positions')} where consumer = $1 and source = $2`,
    [consumer, source],
  );
  return lag.events;
}
