import { AppError, type FieldViolation } from '@mpp/errors';
import { identifier } from '../schema.js';
import { fireOne, type FireContext } from './fire.js';
import { createPollLoop } from './loop.js';
import { migrateScheduler } from './schema.js';
import { deleteTimer, dueTimers, insertTimer, pruneFired, selectTimer, type DueCursor } from './timers.js';
import type { NewTimer, Scheduler, SchedulerLog, SchedulerOptions } from './types.js';

const silent: SchedulerLog = { warn: () => undefined, error: () => undefined };

/**
 * Durable timers of one service, in its schema: "run this at / after that time", kept in
 * PostgreSQL so a restart loses none and fires the overdue ones at once, and fired once even
 * with several replicas (each timer is locked while it fires; see `fireOne`). A failing handler
 * is retried with exponential backoff, then set aside as dead for an operator.
 *
 * @example
 * const scheduler = createScheduler({
 *   pool, schema: 'queue', clock: systemClock,
 *   handlers: { 'no-show': async (timer, tx) => markNoShow(tx, timer.payload) },
 * });
 * await scheduler.migrate();
 * await scheduler.schedule({ id: `no-show:${ticketId}`, kind: 'no-show', dueAt, payload: { ticketId } }, tx);
 * scheduler.start();
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { pool, clock, handlers } = options;
  const schema = identifier(options.schema);
  const batchSize = options.batchSize ?? 100;
  const initialMs = options.retryBackoffMs ?? 5_000;
  const maxMs = options.maxRetryBackoffMs ?? 10 * 60_000;
  // Defaults for a city's operations team: five attempts about a minute and a quarter apart in
  // total ride out a dependency restarting; a timer that still fails waits for a person.
  const ctx: FireContext = {
    pool,
    schema,
    clock,
    handlers,
    maxAttempts: options.maxAttempts ?? 5,
    ...(options.maxAttemptsByKind ? { maxAttemptsByKind: options.maxAttemptsByKind } : {}),
    backoffMs: (attempts) => Math.min(initialMs * 2 ** (attempts - 1), maxMs),
    log: options.log ?? silent,
  };

  const retentionMs = options.retentionMs ?? 30 * 24 * 3_600_000;
  const prune = () => pruneFired(pool, schema, new Date(clock.now().getTime() - retentionMs));
  let prunedAt = -Infinity;

  /** Walks the due timers as of one instant, a batch at a time, while `go()` says so. */
  async function fireDue(go: () => boolean): Promise<number> {
    const now = clock.now();
    if (now.getTime() - prunedAt >= 3_600_000) {
      prunedAt = now.getTime();
      await prune();
    }
    let fired = 0;
    let after: DueCursor | undefined;
    for (;;) {
      const batch = await dueTimers(pool, schema, now, after, batchSize);
      for (const due of batch) {
        if (!go()) return fired;
        if ((await fireOne(ctx, due.id, now)) === 'fired') fired++;
      }
      if (batch.length < batchSize) return fired;
      after = batch[batch.length - 1];
    }
  }

  const loop = createPollLoop(fireDue, options.pollIntervalMs ?? 1_000, ctx.log);
  return {
    migrate: () => migrateScheduler(pool, schema),
    async schedule(timer, db = pool) {
      validate(timer, handlers);
      return insertTimer(db, schema, timer, clock.now());
    },
    cancel: (id, db = pool) => deleteTimer(db, schema, id),
    get: (id) => selectTimer(pool, schema, id),
    prune,
    runDue: () => fireDue(() => true),
    start: loop.start,
    stop: loop.stop,
    wake: loop.wake,
  };
}

function validate(timer: NewTimer, handlers: SchedulerOptions['handlers']): void {
  const violations: FieldViolation[] = [];
  if (!timer.id) violations.push({ field: 'id', reason: 'required' });
  // Refused here, in the request that asks for it, rather than found dead hours later.
  if (!Object.hasOwn(handlers, timer.kind)) violations.push({ field: 'kind', reason: `no handler for "${timer.kind}"` });
  if (!(timer.dueAt instanceof Date) || Number.isNaN(timer.dueAt.getTime())) violations.push({ field: 'dueAt', reason: 'not a valid date' });
  if (violations.length > 0) throw new AppError('invalid', 'invalid timer', { violations });
}
