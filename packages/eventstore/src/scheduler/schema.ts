import type pg from 'pg';
import { runMigrations } from '../migrate.js';
import { qualified } from '../schema.js';

/**
 * Ordered steps; each runs once per schema, recorded in `scheduler_migrations` (apart from the
 * event store's own steps, so either can evolve without renumbering the other).
 */
const steps = (t: (name: string) => string): string[] => [
  // Fired and dead timers stay as history for operators; the partial index keeps the poll's scan
  // to pending ones however large that history grows. `id` is in the index for the keyset walk.
  `create table ${t('timers')} (
     id text primary key,
     kind text not null,
     payload jsonb not null default 'null',
     due_at timestamptz not null,
     created_at timestamptz not null,
     fired_at timestamptz,
     attempts integer not null default 0 check (attempts >= 0),
     last_error text,
     next_attempt_at timestamptz not null,
     dead_at timestamptz
   );
   create index timers_pending on ${t('timers')} (next_attempt_at, id) where fired_at is null and dead_at is null;`,
];

/**
 * The scheduler's `timers` table in a service's own schema. Idempotent, and safe when replicas
 * start together: the steps run under an advisory lock.
 *
 * @example
 * await migrateScheduler(pool, 'queue');
 */
export async function migrateScheduler(pool: pg.Pool, schema: string): Promise<void> {
  await runMigrations(pool, schema, 'scheduler_migrations', steps((name) => qualified(schema, name)));
}
