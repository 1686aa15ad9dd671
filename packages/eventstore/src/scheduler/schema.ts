import type pg from 'pg';
import { identifier, qualified } from '../schema.js';

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
  const t = (name: string) => qualified(schema, name);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`mpp.scheduler.migrate.${schema}`]);
    // Under the lock: two replicas creating the schema at once would otherwise race on its name.
    await client.query(`create schema if not exists "${identifier(schema)}"`);
    await client.query(`create table if not exists ${t('scheduler_migrations')} (step integer primary key, applied_at timestamptz not null default now())`);
    const { rows } = await client.query<{ step: number }>(`select step from ${t('scheduler_migrations')}`);
    const done = new Set(rows.map((r) => r.step));
    for (const [index, ddl] of steps(t).entries()) {
      if (done.has(index + 1)) continue;
      await client.query(ddl);
      await client.query(`insert into ${t('scheduler_migrations')} (step) values ($1)`, [index + 1]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
