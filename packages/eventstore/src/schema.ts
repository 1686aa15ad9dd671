import type pg from 'pg';
import { runMigrations } from './migrate.js';
import { qualified } from './schema-names.js';

export { identifier, qualified } from './schema-names.js';

/**
 * The event store's tables in a service's own schema. Idempotent; each step runs once, recorded
 * in `event_store_migrations`, under an advisory lock so replicas starting together do not race.
 */
export async function migrateEventStore(pool: pg.Pool, schema: string): Promise<void> {
  const t = (name: string) => qualified(schema, name);
  const steps: string[] = [
    `create table ${t('events')} (
       global_position bigint generated always as identity primary key,
       transaction_id xid8 not null default pg_current_xact_id(),
       event_id uuid not null,
       stream_id text not null,
       version integer not null check (version > 0),
       type text not null,
       data bytea not null,
       metadata jsonb not null,
       recorded_at timestamptz not null default now(),
       constraint events_stream_version unique (stream_id, version),
       constraint events_event_id unique (event_id)
     );
     create index events_log on ${t('events')} (transaction_id, global_position);
     create table ${t('checkpoints')} (
       name text primary key,
       transaction_id xid8 not null,
       global_position bigint not null,
       updated_at timestamptz not null default now()
     );`,
    // The one read-only door into this service's log for the PostgreSQL transport (single-node
    // mode): consumers of other services read this view, never the table.
    `create view ${t('event_log')} as
       select global_position, transaction_id, event_id, stream_id, version, type, data, metadata, recorded_at
       from ${t('events')};`,
    // What consumers in this schema keep: where they are in each source, which events they have
    // applied (Kafka may deliver one twice), and the dead letters of the PostgreSQL transport.
    `create table ${t('consumer_positions')} (
       consumer text not null,
       source text not null,
       transaction_id xid8 not null,
       global_position bigint not null,
       primary key (consumer, source)
     );
     create table ${t('consumer_offsets')} (
       consumer text not null,
       topic text not null,
       partition integer not null,
       next_offset bigint not null,
       primary key (consumer, topic, partition)
     );
     create table ${t('consumer_processed')} (
       consumer text not null,
       event_id uuid not null,
       processed_at timestamptz not null default now(),
       primary key (consumer, event_id)
     );
     create table ${t('dead_letters')} (
       id bigint generated always as identity primary key,
       consumer text not null,
       source text not null,
       event_id uuid,
       type text,
       stream_id text,
       data bytea,
       headers jsonb not null,
       error text not null,
       attempts integer not null,
       created_at timestamptz not null default now(),
       replayed_at timestamptz
     );`,
    // `mpp dlq replay` asks; the consumer that owns the projection code replays on its next turn.
    `alter table ${t('dead_letters')} add column replay_requested_at timestamptz;`,
    // What a replay must give the projection back exactly as the event first came.
    `alter table ${t('dead_letters')} add column stream_version integer, add column recorded_at timestamptz;`,
    // Per partition, the highest `ce_sequence` applied and whose it is: a republished event is
    // recognised without a row per event.
    `alter table ${t('consumer_offsets')} add column sequence_source text, add column sequence text;`,
  ];
  await runMigrations(pool, schema, 'event_store_migrations', steps);
}
