import type { ConsumedEvent, ProjectionDefinition } from '@mpp/eventstore';
import type pg from 'pg';

/** `mpp.queue.v1`, or `<prefix>mpp.queue.v1` with KAFKA_TOPIC_PREFIX: the source is `queue` either way. */
const sourceOf = (event: ConsumedEvent) =>
  event.origin.transport === 'log' ? event.origin.source : (/(?:^|\.)mpp\.([^.]+)\.v\d+$/.exec(event.origin.topic)?.[1] ?? event.origin.topic);

/** The UTC day of a moment (`YYYY-MM-DD`). */
const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Adds events to their rows. A few hot rows (one per type and day) take every partition's events:
 * without taking turns, two batches updating them in different orders would deadlock, so each
 * batch takes the table's lock first (held to its commit) and writes its rows in key order.
 */
async function add(tx: pg.PoolClient, table: string, events: readonly ConsumedEvent[]): Promise<void> {
  const counts = new Map<string, number>();
  for (const e of events) {
    const key = JSON.stringify([sourceOf(e), e.type, e.metadata.mallId, utcDay(e.recordedAt)]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, n]) => [...(JSON.parse(key) as string[]), n] as const);
  await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [table]);
  await tx.query(
    `insert into ${table} as c (source, type, mall_id, utc_day, events)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::bigint[])
     on conflict (source, type, mall_id, utc_day) do update set events = c.events + excluded.events`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => r[4])],
  );
}

/**
 * Operations' first read model: how many events of each type each service recorded per mall and
 * UTC day — is traffic flowing, and did a rebuild see everything. Business reports (in the mall's
 * local day) are the statistics projection's.
 */
export const eventCounts: ProjectionDefinition = {
  name: 'event_counts',
  tables: ['event_counts'],
  async setup(tx, t) {
    await tx.query(`create table if not exists ${t.event_counts} (
      source text not null,
      type text not null,
      mall_id text not null,
      utc_day date not null,
      events bigint not null,
      primary key (source, type, mall_id, utc_day)
    )`);
  },
  async apply(event, tx, t) {
    await add(tx, t.event_counts!, [event]);
  },
  // One statement per batch: the counts summed in memory, the rows taken in key order.
  async applyBatch(events, tx, t) {
    await add(tx, t.event_counts!, events);
  },
};
