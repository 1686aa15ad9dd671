import type { ProjectionDefinition } from '@mpp/eventstore';

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
    // A few hot rows (one per type and day) that every partition's batch updates: without taking
    // turns, two batches updating them in different orders deadlock, and each retry backs off.
    // Reentrant within the batch's transaction, so it costs one round trip per event.
    await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [t.event_counts]);
    // `mpp.queue.v1`, or `<prefix>mpp.queue.v1` with KAFKA_TOPIC_PREFIX: the source is `queue` either way.
    const source = event.origin.transport === 'log' ? event.origin.source : (/(?:^|\.)mpp\.([^.]+)\.v\d+$/.exec(event.origin.topic)?.[1] ?? event.origin.topic);
    await tx.query(
      `insert into ${t.event_counts} as c (source, type, mall_id, utc_day, events) values ($1, $2, $3, ($4::timestamptz at time zone 'UTC')::date, 1)
       on conflict (source, type, mall_id, utc_day) do update set events = c.events + 1`,
      [source, event.type, event.metadata.mallId, event.recordedAt.toISOString()],
    );
  },
};
