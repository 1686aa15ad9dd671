import type pg from 'pg';

/** A pool or one connection: the report queries run on either. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/**
 * Runs a report's queries on one connection in a read-only repeatable-read transaction, so all
 * its figures come from the same moment while consumers keep writing (a total equals the sum of
 * its rows). pg queues the queries of one connection; `Promise.all` over them stays correct.
 */
export async function consistently<T>(pool: pg.Pool, read: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const result = await read(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
