import type pg from 'pg';
import type { ConsumedEvent, Projection, RetryPolicy } from './types.js';

export interface Refusal {
  readonly event: ConsumedEvent;
  readonly error: Error;
  readonly attempts: number;
}

/**
 * Applies one event inside the open transaction `tx`, each try behind a savepoint so a refused
 * try leaves nothing behind. Returns the refusal once the tries are used up.
 */
export async function applyWithRetries(tx: pg.PoolClient, projection: Projection, event: ConsumedEvent, retry: RetryPolicy): Promise<Refusal | undefined> {
  for (let attempt = 1; ; attempt++) {
    await tx.query('savepoint mpp_apply');
    try {
      await projection.apply(event, tx);
      await tx.query('release savepoint mpp_apply');
      return undefined;
    } catch (error) {
      await tx.query('rollback to savepoint mpp_apply');
      if (attempt >= retry.maxAttempts) return { event, error: error instanceof Error ? error : new Error(String(error)), attempts: attempt };
      await new Promise((resolve) => setTimeout(resolve, retry.backoffMs * 2 ** (attempt - 1)));
    }
  }
}

/** Runs `fn` in a transaction on its own connection. */
export async function inTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  try {
    await tx.query('begin');
    const result = await fn(tx);
    await tx.query('commit');
    return result;
  } catch (error) {
    await tx.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
}
