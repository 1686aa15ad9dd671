import type pg from 'pg';
import type { Clock } from './clock.js';
import { claimTimer, markFired, recordFailure, type Failure } from './timers.js';
import type { SchedulerLog, Timer, TimerHandler } from './types.js';

export interface FireContext {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly clock: Clock;
  readonly handlers: Readonly<Record<string, TimerHandler>>;
  readonly maxAttempts: number;
  readonly maxAttemptsByKind?: Readonly<Record<string, number>>;
  /** Wait before the next attempt, after `attempts` failures. */
  readonly backoffMs: (attempts: number) => number;
  readonly log: SchedulerLog;
}

export type Outcome = 'fired' | 'failed' | 'skipped';

/**
 * One attempt at one timer, in its own transaction: lock the row (or skip it if a replica holds
 * it), run the handler, mark it fired, commit — the handler's effects and `fired_at` commit
 * together or not at all, which is what makes the effect happen exactly once across replicas.
 *
 * A failure rolls the handler's effects back to a savepoint and counts the attempt in the same
 * transaction, still holding the row lock, so no replica can take the timer between the rollback
 * and the count. When that transaction is gone (the handler broke the connection, or the commit
 * itself failed) the attempt is counted on a fresh connection, guarded by the attempts seen, so
 * a replica that took the timer meanwhile is not counted twice. Throws only when the database
 * cannot be reached: the run stops there and the next one tries again.
 */
export async function fireOne(ctx: FireContext, id: string, now: Date): Promise<Outcome> {
  const client = await ctx.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const timer = await claimTimer(client, ctx.schema, id, now);
    if (!timer) {
      await client.query('commit');
      return 'skipped';
    }
    try {
      await client.query('savepoint handler');
      await handlerOf(ctx, timer.kind)(timer, client);
      await markFired(client, ctx.schema, id, ctx.clock.now());
      await client.query('commit');
      return 'fired';
    } catch (error) {
      const failure = failureOf(ctx, timer, error);
      let recorded: boolean;
      try {
        await client.query('rollback to savepoint handler');
        recorded = await recordFailure(client, ctx.schema, timer, failure);
        await client.query('commit');
      } catch (cannot) {
        broken = cannot as Error;
        await client.query('rollback').catch(() => undefined);
        recorded = await recordFailure(ctx.pool, ctx.schema, timer, failure);
      }
      return recorded ? report(ctx, timer, failure, error) : 'skipped';
    }
  } catch (error) {
    broken ??= error as Error;
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    // A client in an unknown state is destroyed rather than handed to the next caller.
    client.release(broken);
  }
}

function handlerOf(ctx: FireContext, kind: string): TimerHandler {
  // Own keys only: a kind such as "toString" must not find Object.prototype's.
  const handler = Object.hasOwn(ctx.handlers, kind) ? ctx.handlers[kind] : undefined;
  if (!handler) throw new Error(`no handler for timer kind "${kind}"`);
  return handler;
}

function failureOf(ctx: FireContext, timer: Timer, error: unknown): Failure {
  const attempts = timer.attempts + 1;
  const now = ctx.clock.now();
  return {
    error: error instanceof Error ? error.message : String(error),
    nextAttemptAt: new Date(now.getTime() + ctx.backoffMs(attempts)),
    deadAt: attempts >= (ctx.maxAttemptsByKind && Object.hasOwn(ctx.maxAttemptsByKind, timer.kind) ? ctx.maxAttemptsByKind[timer.kind]! : ctx.maxAttempts) ? now : null,
  };
}

function report(ctx: FireContext, timer: Timer, failure: Failure, error: unknown): Outcome {
  const fields = { timerId: timer.id, kind: timer.kind, attempts: timer.attempts + 1, err: error };
  if (failure.deadAt) ctx.log.error(fields, 'timer failed its last attempt; set aside as dead');
  else ctx.log.warn({ ...fields, nextAttemptAt: failure.nextAttemptAt }, 'timer failed; will retry');
  return 'failed';
}
