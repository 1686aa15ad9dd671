import type pg from 'pg';
import { qualified } from './schema.js';
import { LOG_START, type LogPosition } from './types.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

export async function loadCheckpoint(db: Queryable, schema: string, name: string): Promise<LogPosition> {
  const { rows } = await db.query<{ transaction_id: string; global_position: string }>(
    `select transaction_id::text as transaction_id, global_position::text as global_position
     from ${qualified(schema, 'checkpoints')} where name = $1`,
    [name],
  );
  const row = rows[0];
  return row ? { transactionId: row.transaction_id, globalPosition: row.global_position } : LOG_START;
}

export async function saveCheckpoint(db: Queryable, schema: string, name: string, position: LogPosition): Promise<void> {
  await db.query(
    `insert into ${qualified(schema, 'checkpoints')} as c (name, transaction_id, global_position)
     values ($1, $2::xid8, $3::bigint)
     on conflict (name) do update set transaction_id = excluded.transaction_id,
       global_position = excluded.global_position, updated_at = now()`,
    [name, position.transactionId, position.globalPosition],
  );
}
