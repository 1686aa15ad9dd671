import type pg from 'pg';
import type { ConsumedEvent, Projection, RetryPolicy } from './types.js';

/**
 * PostgreSQL's word that the transaction, not the event, is the problem: a deadlock with another
 * batch (two partitions updating the same rows in different orders), a serialization failure, a
 * lock not available. Retrying the event inside the same transaction would meet the same locks
 * again; the batch is given up instead (its transaction rolls back, releasing every lock) and the
 * transport brings it again after a backoff. Such an event is never dead-lettered.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof RetryLaterError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === '55P03';
}

/**
 * Thrown by a projection when the world outside, not the event, is the problem (a broker it
 * republishes to is down): the batch is given up and brought again after a backoff, never
 * dead-lettered, so the partition waits instead of losing the event.
 */
export class RetryLaterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryLaterError';
  }
}

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
      if (isTransient(error)) throw error;
      await tx.query('rollback to savepoint mpp_apply');
      if (attempt >= retry.maxAttempts) return { event, error: error instanceof Error ? error : new Error(String(error)), attempts: attempt };
      await new Promise((resolve) => setTimeout(resolve, retry.backoffMs * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Applies a batch inside `tx`. Fast path: the whole batch behind one savepoint (through the
 * projection's `applyBatch` when it has one). If anything in it fails, that is rolled back and
 * the batch is applied event by event with retries, so one refused event costs only itself.
 * Returns the refusals; throws (the whole batch to be tried again) on a transient failure.
 */
export async function applyAll(tx: pg.PoolClient, projection: Projection, events: readonly ConsumedEvent[], retry: RetryPolicy): Promise<Refusal[]> {
  if (events.length === 0) return [];
  await tx.query('savepoint mpp_batch');
  try {
    if (projection.applyBatch) await projection.applyBatch(events, tx);
    else for (const event of events) await projection.apply(event, tx);
    await tx.query('release savepoint mpp_batch');
    return [];
  } catch (error) {
    if (isTransient(error)) throw error;
    await tx.query('rollback to savepoint mpp_batch');
  }
  const refusals: Refusal[] = [];
  for (const event of events) {
    const refusal = await applyWithRetries(tx, projection, event, retry);
    if (refusal) refusals.push(refusal);
  }
  return refusals;
}

/** Runs `fn` in a transaction on its own connection. */
export async function inTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  // A connection lost mid-transaction also emits 'error'; the failing query reports it, and
  // the client is discarded, not returned to the pool.
  let lost: Error | undefined;
  const onError = (error: Error) => void (lost = error);
  tx.on('error', onError);
  try {
    await tx.query('begin');
    const result = await fn(tx);
    await tx.query('commit');
    return result;
  } catch (error) {
    await tx.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    tx.off('error', onError);
    tx.release(lost);
  }
}
