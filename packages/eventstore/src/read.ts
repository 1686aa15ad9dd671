import type pg from 'pg';
import { EVENT_COLUMNS, toRecorded, type EventRow } from './rows.js';
import { qualified } from './schema.js';
import type { LogPosition, RecordedEvent } from './types.js';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

const PAGE = 10_000;

/** A stream's events from a version on, in order — all of them, a page at a time. */
export async function readStream(db: Queryable, schema: string, streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let from = fromVersion; ; ) {
    const { rows } = await db.query<EventRow>({
      name: `mpp-es-read-stream-${schema}`,
      text: `select ${EVENT_COLUMNS} from ${qualified(schema, 'events')} e
             where e.stream_id = $1 and e.version >= $2 order by e.version limit $3`,
      values: [streamId, from, PAGE],
    });
    for (const row of rows) events.push(toRecorded(row));
    if (rows.length < PAGE) return events;
    from = events[events.length - 1]!.version + 1;
  }
}

/**
 * The next events of the global log after `after`, in (transaction id, position) order, never
 * skipping one whose transaction commits late: only transactions older than the oldest one still
 * running (`pg_snapshot_xmin`) are read, so everything before the returned position is final.
 * A long-running writing transaction delays readers; it never makes them skip.
 */
export async function readLog(db: Queryable, schema: string, after: LogPosition, limit: number, relation: 'events' | 'event_log' = 'events'): Promise<RecordedEvent[]> {
  const { rows } = await db.query<EventRow>({
    name: `mpp-es-read-log-${schema}-${relation}`,
    // Qualified names: the select list renames transaction_id and global_position to text, and
    // ORDER BY would otherwise sort those text aliases ('101' < '99').
    text: `select ${EVENT_COLUMNS} from ${qualified(schema, relation)} e
           where (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
             and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
           order by e.transaction_id, e.global_position
           limit $3`,
    values: [after.transactionId, after.globalPosition, limit],
  });
  return rows.map(toRecorded);
}
