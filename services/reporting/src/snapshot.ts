import type pg from 'pg';

/** A pool or one connection: the report queries run on either. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/**
 * Runs a report's queries on one connection in a read-only repeatable-read transaction, so all
 * its figures come from the same moment while consumers keep writing (a total equals the sum of
 * its rows). The report may start its queries together (`Promise.all`); they are handed to the
 * connection one after the other, as a connection runs them anyway (pg 9 refuses overlapping
 * queries on one client).
 */
export async function consistently<T>(pool: pg.Pool, read: (db: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const result = await read(oneAtATime(client));
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The client's `query`, each call started when the one before it has ended. */
function oneAtATime(client: pg.PoolClient): Queryable {
  let tail: Promise<unknown> = Promise.resolve();
  const query = (...args: Parameters<pg.PoolClient['query']>) => {
    const run = tail.then(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args));
    tail = run.catch(() => undefined);
    return run;
  };
  return { query } as unknown as Queryable;
}
