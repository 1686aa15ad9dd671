import pg from 'pg';
import type { Logger } from '@mpp/telemetry';

/**
 * How long a connection may sit in an open transaction without sending a statement before
 * PostgreSQL ends its session. Readers of the event log only read past the oldest transaction
 * still running anywhere in the cluster (the gap-safe horizon), so one transaction left open by a
 * frozen or partitioned process would stall every service's outbox relay and log consumer; after
 * this long the server ends it, its work rolls back and is done again (offsets and checkpoints are
 * committed with it). No transaction of ours waits this long between statements when healthy.
 */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

/**
 * A pool whose connections use the service's own schema. The schema is created when missing:
 * a service owns its schema and nothing else (no service reads another's tables).
 */
export async function openServiceDatabase(url: string, schema: string, log?: Logger): Promise<pg.Pool> {
  if (!/^[a-z][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema} -c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_TIMEOUT_MS}` });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool opens a new one on the next query.
  pool.on('error', (error) => log?.warn({ err: error }, 'idle database connection lost'));
  try {
    await pool.query(`create schema if not exists "${schema}"`);
  } catch (error) {
    await pool.end();
    const where = new URL(url);
    throw new Error(`PostgreSQL at ${where.host}${where.pathname} did not accept the ${schema} schema: ${(error as Error).message}`, { cause: error });
  }
  return pool;
}
