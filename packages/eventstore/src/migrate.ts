import type pg from 'pg';
import { identifier, qualified } from './schema-names.js';

/**
 * Runs numbered DDL steps once each in a service's schema, recorded in `<table>`, in one
 * transaction under an advisory lock so replicas starting together neither race nor repeat.
 * Steps are only ever appended: a deployed step never changes.
 */
export async function runMigrations(pool: pg.Pool, schema: string, table: string, steps: readonly string[]): Promise<void> {
  const log = qualified(schema, table);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`mpp.migrate.${schema}.${table}`]);
    // Inside the lock: replicas starting together would race on the schema's catalog row.
    await client.query(`create schema if not exists "${identifier(schema)}"`);
    await client.query(`create table if not exists ${log} (step integer primary key, applied_at timestamptz not null default now())`);
    const { rows } = await client.query<{ step: number }>(`select step from ${log}`);
    const done = new Set(rows.map((r) => r.step));
    for (const [index, ddl] of steps.entries()) {
      if (done.has(index + 1)) continue;
      await client.query(ddl);
      await client.query(`insert into ${log} (step) values ($1)`, [index + 1]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
