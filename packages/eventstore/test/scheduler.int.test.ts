import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { AppError } from '@mpp/errors';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { createManualClock, createScheduler, migrateScheduler, type ManualClock, type Scheduler, type SchedulerOptions, type TimerHandler } from '../src/index.js';

// Time moves only by hand: every due-ness decision comes from the manual clock, and runs are
// called directly, so no test sleeps. WITA, Kendari's time zone.
const T0 = new Date('2030-03-04T08:00:00+08:00');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

let db: TestDatabase;
const pools: pg.Pool[] = [];
let schemas = 0;

beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await db.drop();
});

function newPool(max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: db.url, max });
  pools.push(pool);
  return pool;
}

/** A service schema of its own per test, with the timers table and a `fired` table for effects. */
async function freshSchema(pool: pg.Pool): Promise<string> {
  const schema = `sched_${++schemas}`;
  await migrateScheduler(pool, schema);
  await pool.query(`create table ${schema}.fired (timer_id text primary key, payload jsonb)`);
  return schema;
}

/** A handler whose effect is a row in `fired`, written in the timer's transaction. */
const effect =
  (schema: string): TimerHandler =>
  async (timer, tx) => {
    await tx.query(`insert into ${schema}.fired (timer_id, payload) values ($1, $2)`, [timer.id, JSON.stringify(timer.payload)]);
  };

async function firedIds(pool: pg.Pool, schema: string): Promise<string[]> {
  const { rows } = await pool.query<{ timer_id: string }>(`select timer_id from ${schema}.fired order by timer_id`);
  return rows.map((r) => r.timer_id);
}

interface Setup {
  pool: pg.Pool;
  schema: string;
  clock: ManualClock;
  scheduler: Scheduler;
}

async function setup(handlers: (schema: string) => SchedulerOptions['handlers'], options: Partial<SchedulerOptions> = {}): Promise<Setup> {
  const pool = newPool();
  const schema = await freshSchema(pool);
  const clock = createManualClock(T0);
  const scheduler = createScheduler({ pool, schema, clock, handlers: handlers(schema), ...options });
  return { pool, schema, clock, scheduler };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('durable scheduler', () => {
  it('fires a timer once the clock reaches its due time, never before, and only once; the same id scheduled twice keeps the first', async () => {
    const { pool, schema, clock, scheduler } = await setup((s) => ({ remind: effect(s) }));
    const payload = { ticketId: 't-1', counters: [3, 4] };
    expect(await scheduler.schedule({ id: 'remind:t-1', kind: 'remind', dueAt: at(10 * MINUTE), payload })).toBe(true);
    expect(await scheduler.schedule({ id: 'remind:t-1', kind: 'remind', dueAt: at(MINUTE), payload: { ticketId: 'other' } })).toBe(false);

    expect(await scheduler.runDue()).toBe(0);
    clock.advance(10 * MINUTE - 1);
    expect(await scheduler.runDue()).toBe(0);
    expect(await firedIds(pool, schema)).toEqual([]);

    clock.advance(1);
    expect(await scheduler.runDue()).toBe(1);
    clock.advance(60 * MINUTE);
    expect(await scheduler.runDue()).toBe(0);

    const { rows } = await pool.query(`select payload from ${schema}.fired`);
    expect(rows).toEqual([{ payload }]);
    expect(await scheduler.get('remind:t-1')).toEqual({
      id: 'remind:t-1',
      kind: 'remind',
      payload,
      dueAt: at(10 * MINUTE),
      createdAt: T0,
      firedAt: at(10 * MINUTE),
      attempts: 1,
      lastError: null,
      nextAttemptAt: at(10 * MINUTE),
      deadAt: null,
    });
  });

  it('refuses a timer without an id, with a kind it has no handler for, or with an invalid date', async () => {
    const { scheduler } = await setup((s) => ({ remind: effect(s) }));
    const error = await scheduler.schedule({ id: '', kind: 'typo', dueAt: new Date('nope') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid', violations: [{ field: 'id' }, { field: 'kind' }, { field: 'dueAt' }] });
  });

  it('fires each of 200 due timers exactly once while two replicas, each with its own pool, run at the same time', async () => {
    const { schema, scheduler } = await setup((s) => ({ remind: effect(s) }));
    await Promise.all(Array.from({ length: 200 }, (_, i) => scheduler.schedule({ id: `t-${String(i).padStart(3, '0')}`, kind: 'remind', dueAt: at(-i) })));

    const completed = new Map<string, number>();
    // Each replica's first handler waits until the other replica is inside one too: the runs
    // provably overlap, and each holds a row lock the other must skip.
    const entered = [deferred(), deferred()];
    const replicas = [0, 1].map((i) => {
      const pool = newPool(2);
      const handler: TimerHandler = async (timer, tx) => {
        entered[i]!.resolve();
        await entered[1 - i]!.promise;
        await effect(schema)(timer, tx);
        completed.set(timer.id, (completed.get(timer.id) ?? 0) + 1);
      };
      return createScheduler({ pool, schema, clock: createManualClock(T0), handlers: { remind: handler }, batchSize: 16 });
    });

    const fired = await Promise.all(replicas.map((r) => r.runDue()));
    expect(fired[0]! + fired[1]!).toBe(200);
    expect(fired[0]).toBeGreaterThan(0);
    expect(fired[1]).toBeGreaterThan(0);
    expect(completed.size).toBe(200);
    expect([...completed.values()].every((n) => n === 1)).toBe(true);
    expect(await firedIds(newPool(1), schema)).toHaveLength(200);
  });

  it('on start-up fires what fell due while no scheduler ran, without the clock moving; wake() runs at once', async () => {
    const { pool, schema, clock } = await setup(() => ({}));
    const handlers = { remind: effect(schema) };
    // Scheduled by an earlier process, which then went away.
    const before = createScheduler({ pool, schema, clock, handlers });
    for (const id of ['a', 'b', 'c']) await before.schedule({ id, kind: 'remind', dueAt: at(-30 * MINUTE) });

    // An hour between polls: only the start-up run can fire them within the test.
    const replica = createScheduler({ pool: newPool(2), schema, clock, handlers, pollIntervalMs: 3_600_000 });
    replica.start();
    try {
      await waitFor(async () => (await firedIds(pool, schema)).length === 3, { what: 'overdue timers fired on start-up' });
      expect((await replica.get('a'))?.firedAt).toEqual(T0);

      await before.schedule({ id: 'd', kind: 'remind', dueAt: T0 });
      replica.wake();
      await waitFor(async () => (await firedIds(pool, schema)).includes('d'), { what: 'timer fired on wake' });
    } finally {
      await replica.stop();
    }
  });

  it('stop() waits for the timer in hand to commit and starts no other', async () => {
    const { pool, schema, clock } = await setup(() => ({}));
    const entered = deferred();
    const release = deferred();
    const handlers: SchedulerOptions['handlers'] = {
      remind: async (timer, tx) => {
        entered.resolve();
        await release.promise;
        await effect(schema)(timer, tx);
      },
    };
    const scheduler = createScheduler({ pool, schema, clock, handlers, pollIntervalMs: 3_600_000 });
    for (const [i, id] of ['a', 'b', 'c'].entries()) await scheduler.schedule({ id, kind: 'remind', dueAt: at(i - 10) });

    scheduler.start();
    await entered.promise;
    const stopped = scheduler.stop();
    release.resolve();
    await stopped;
    expect(await firedIds(pool, schema)).toEqual(['a']);
    expect((await scheduler.get('b'))?.firedAt).toBeNull();
  });

  it('retries a failing handler with capped exponential backoff on the clock, rolls back each failed attempt, and sets the timer aside as dead after maxAttempts', async () => {
    const logged: { level: string; msg: string }[] = [];
    const log = { warn: (_: object, msg: string) => logged.push({ level: 'warn', msg }), error: (_: object, msg: string) => logged.push({ level: 'error', msg }) };
    let calls = 0;
    const { pool, schema, clock, scheduler } = await setup(
      (s) => ({
        print: async (timer, tx) => {
          await effect(s)(timer, tx); // rolled back with the failure
          throw new Error(`printer offline (attempt ${++calls})`);
        },
      }),
      { maxAttempts: 3, retryBackoffMs: 1_000, maxRetryBackoffMs: 1_500, log },
    );
    await scheduler.schedule({ id: 'slip:t-9', kind: 'print', dueAt: T0 });

    expect(await scheduler.runDue()).toBe(0);
    expect(await scheduler.get('slip:t-9')).toMatchObject({ attempts: 1, lastError: 'printer offline (attempt 1)', nextAttemptAt: at(1_000), deadAt: null, firedAt: null });

    clock.advance(999);
    await scheduler.runDue();
    expect(calls).toBe(1);
    clock.advance(1);
    await scheduler.runDue();
    // Doubled to 2 s, capped at 1.5 s.
    expect(await scheduler.get('slip:t-9')).toMatchObject({ attempts: 2, lastError: 'printer offline (attempt 2)', nextAttemptAt: at(2_500), deadAt: null });

    clock.advance(1_500);
    await scheduler.runDue();
    expect(await scheduler.get('slip:t-9')).toMatchObject({ attempts: 3, lastError: 'printer offline (attempt 3)', deadAt: at(2_500), firedAt: null });

    clock.advance(24 * 60 * MINUTE);
    expect(await scheduler.runDue()).toBe(0);
    expect(calls).toBe(3);
    expect(await firedIds(pool, schema)).toEqual([]);
    expect(logged).toEqual([
      { level: 'warn', msg: 'timer failed; will retry' },
      { level: 'warn', msg: 'timer failed; will retry' },
      { level: 'error', msg: 'timer failed its last attempt; set aside as dead' },
    ]);
  });

  it('retries a kind given unbounded attempts until it succeeds, with the backoff capped', async () => {
    let calls = 0;
    const { clock, scheduler } = await setup(
      (s) => ({
        handover: async (timer, tx) => {
          if (++calls <= 8) throw new Error(`partner down (attempt ${calls})`);
          await effect(s)(timer, tx);
        },
      }),
      { maxAttempts: 3, maxAttemptsByKind: { handover: Number.POSITIVE_INFINITY }, retryBackoffMs: 1_000, maxRetryBackoffMs: 4_000 },
    );
    await scheduler.schedule({ id: 'handover:c-1', kind: 'handover', dueAt: T0 });
    for (let i = 0; i < 8; i++) {
      await scheduler.runDue();
      expect(await scheduler.get('handover:c-1')).toMatchObject({ attempts: i + 1, deadAt: null, firedAt: null });
      clock.advance(4_000); // the cap: every retry is due again by then
    }
    await scheduler.runDue();
    expect(calls).toBe(9);
    expect((await scheduler.get('handover:c-1'))!.firedAt).not.toBeNull();
  });

  it('recovers a transaction the handler broke with an SQL error, and fires on the retry with only that attempt\'s effect', async () => {
    let calls = 0;
    const { pool, schema, clock, scheduler } = await setup((s) => ({
      flaky: async (timer, tx) => {
        await effect(s)(timer, tx);
        if (++calls === 1) await tx.query('select 1 / 0'); // aborts the transaction, not just the statement
      },
    }), { retryBackoffMs: 1_000 });
    await scheduler.schedule({ id: 'f', kind: 'flaky', dueAt: T0, payload: 'x' });

    expect(await scheduler.runDue()).toBe(0);
    expect(await scheduler.get('f')).toMatchObject({ attempts: 1, lastError: 'division by zero' });
    clock.advance(1_000);
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.get('f')).toMatchObject({ attempts: 2, lastError: null, firedAt: at(1_000) });
    expect(await firedIds(pool, schema)).toEqual(['f']);
  });

  it('counts a kind this replica has no handler for as a failed attempt, which a replica that knows it fires later (a rolling deploy)', async () => {
    const { pool, schema, clock, scheduler: current } = await setup((s) => ({ remind: effect(s), survey: effect(s) }), { retryBackoffMs: 1_000 });
    const older = createScheduler({ pool, schema, clock, handlers: { remind: effect(schema) }, retryBackoffMs: 1_000 });
    await current.schedule({ id: 's', kind: 'survey', dueAt: T0 });

    expect(await older.runDue()).toBe(0);
    expect(await current.get('s')).toMatchObject({ attempts: 1, lastError: 'no handler for timer kind "survey"', nextAttemptAt: at(1_000) });
    clock.advance(1_000);
    expect(await current.runDue()).toBe(1);
    expect(await firedIds(pool, schema)).toEqual(['s']);
  });

  it('cancels a pending timer but not a fired one', async () => {
    const { pool, schema, clock, scheduler } = await setup((s) => ({ remind: effect(s) }));
    await scheduler.schedule({ id: 'a', kind: 'remind', dueAt: at(MINUTE) });
    await scheduler.schedule({ id: 'b', kind: 'remind', dueAt: at(MINUTE) });
    expect(await scheduler.cancel('a')).toBe(true);
    expect(await scheduler.cancel('a')).toBe(false);
    expect(await scheduler.get('a')).toBeUndefined();

    clock.advance(MINUTE);
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.cancel('b')).toBe(false);
    expect(await firedIds(pool, schema)).toEqual(['b']);
  });

  it('prunes fired timers older than the retention, never pending ones', async () => {
    const DAY = 24 * 60 * MINUTE;
    const { clock, scheduler } = await setup((s) => ({ remind: effect(s) }), { retentionMs: DAY });
    await scheduler.schedule({ id: 'a', kind: 'remind', dueAt: at(MINUTE) });
    await scheduler.schedule({ id: 'b', kind: 'remind', dueAt: at(3 * DAY) });
    clock.advance(MINUTE);
    expect(await scheduler.runDue()).toBe(1);

    clock.advance(DAY);
    expect(await scheduler.prune()).toBe(0); // fired exactly one retention ago: kept
    clock.advance(MINUTE);
    expect(await scheduler.prune()).toBe(1);
    expect(await scheduler.get('a')).toBeUndefined();
    expect((await scheduler.get('b'))?.firedAt).toBeNull();
  });

  it("schedules inside the caller's transaction: rolled back with it, due only once it commits", async () => {
    const { pool, scheduler } = await setup((s) => ({ remind: effect(s) }));
    const client = await pool.connect();
    try {
      await client.query('begin');
      await scheduler.schedule({ id: 'rolled-back', kind: 'remind', dueAt: T0 }, client);
      await client.query('rollback');
      expect(await scheduler.get('rolled-back')).toBeUndefined();

      await client.query('begin');
      await scheduler.schedule({ id: 'committed', kind: 'remind', dueAt: T0 }, client);
      expect(await scheduler.runDue()).toBe(0);
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(await scheduler.runDue()).toBe(1);
  });

  it('migrates idempotently, also when replicas start together', async () => {
    const schema = `sched_${++schemas}`;
    await Promise.all([migrateScheduler(newPool(1), schema), migrateScheduler(newPool(1), schema)]);
    await migrateScheduler(newPool(1), schema);
    const { rows } = await newPool(1).query<{ step: number }>(`select step from ${schema}.scheduler_migrations`);
    expect(rows).toEqual([{ step: 1 }]);
  });
});
