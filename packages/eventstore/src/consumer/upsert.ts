import type pg from 'pg';

/**
 * Insert-or-update of one read-model row: `row`'s keys are the columns, `key` the conflict
 * target. Table and column names come from the projection's code, never from input.
 *
 * @example
 * await upsert(tx, t.booths, { id: b.id, active: b.active, data }, ['id']);
 */
export async function upsert(tx: pg.PoolClient, table: string, row: Record<string, unknown>, key: readonly string[] = ['id']): Promise<void> {
  const columns = Object.keys(row);
  const set = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  await tx.query(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     on conflict (${key.join(', ')}) do ${set.length > 0 ? `update set ${set.join(', ')}` : 'nothing'}`,
    Object.values(row),
  );
}
