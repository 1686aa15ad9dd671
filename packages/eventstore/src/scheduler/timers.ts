import type { JsonValue } from '@bufbuild/protobuf';
import { qualified } from '../schema.js';
import type { NewTimer, Queryable, Timer } from './types.js';

// Queries on the `timers` table, one small function each. Every time that decides due-ness is a
// parameter from the scheduler's clock, never SQL `now()`, so tests control time.

interface TimerRow {
  id: string;
  kind: string;
  payload: JsonValue;
  due_at: Date;
  created_at: Date;
  fired_at: Date | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  dead_at: Date | null;
}

const toTimer = (r: TimerRow): Timer => ({
  id: r.id,
  kind: r.kind,
  payload: r.payload,
  dueAt: r.due_at,
  createdAt: r.created_at,
  firedAt: r.fired_at,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  deadAt: r.dead_at,
});

const PENDING = 'fired_at is null and dead_at is null';

export async function insertTimer(db: Queryable, schema: string, timer: NewTimer, now: Date): Promise<boolean> {
  // JSON text, not the value: pg would send a JS array as a PostgreSQL array.
  const { rowCount } = await db.query(
    `insert into ${qualified(schema, 'timers')} (id, kind, payload, due_at, next_attempt_at, created_at)
     values ($1, $2, $3::jsonb, $4, $4, $5) on conflict (id) do nothing`,
    [timer.id, timer.kind, JSON.stringify(timer.payload ?? null), timer.dueAt, now],
  );
  return rowCount === 1;
}

export async function selectTimer(db: Queryable, schema: string, id: string): Promise<Timer | undefined> {
  const { rows } = await db.query<TimerRow>(`select * from ${qualified(schema, 'timers')} where id = $1`, [id]);
  return rows[0] && toTimer(rows[0]);
}

/** Only a timer that has not fired: a fired one is history, and one firing now wins the race. */
export async function deleteTimer(db: Queryable, schema: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(`delete from ${qualified(schema, 'timers')} where id = $1 and fired_at is null`, [id]);
  return rowCount === 1;
}

/** Deletes timers fired before `before`; returns how many. */
export async function pruneFired(db: Queryable, schema: string, before: Date): Promise<number> {
  const { rowCount } = await db.query(`delete from ${qualified(schema, 'timers')} where fired_at < $1`, [before]);
  return rowCount ?? 0;
}

/**
 * Where a walk over due timers stands: they are read in (next_attempt_at, id) order. The time is
 * kept as PostgreSQL's text, not a JS Date, so microseconds (an operator's `set next_attempt_at =
 * now()`) survive the round trip and no timer is skipped or read twice.
 */
export interface DueCursor {
  readonly at: string;
  readonly id: string;
}

/** The next due timers after `after`, unlocked: each is claimed in its own transaction. */
export async function dueTimers(db: Queryable, schema: string, now: Date, after: DueCursor | undefined, limit: number): Promise<DueCursor[]> {
  const { rows } = await db.query<DueCursor>(
    `select next_attempt_at::text as at, id from ${qualified(schema, 'timers')}
     where ${PENDING} and next_attempt_at <= $1 and (next_attempt_at, id) > ($2::timestamptz, $3::text)
     order by next_attempt_at, id limit $4`,
    [now, after?.at ?? '-infinity', after?.id ?? '', limit],
  );
  return rows;
}

/**
 * Locks a timer that is still due and pending, inside the caller's transaction. `skip locked`:
 * a replica firing it now holds the lock, so this one moves on instead of waiting to fire it again.
 */
export async function claimTimer(db: Queryable, schema: string, id: string, now: Date): Promise<Timer | undefined> {
  const { rows } = await db.query<TimerRow>(
    `select * from ${qualified(schema, 'timers')} where id = $1 and ${PENDING} and next_attempt_at <= $2 for update skip locked`,
    [id, now],
  );
  return rows[0] && toTimer(rows[0]);
}

export async function markFired(db: Queryable, schema: string, id: string, now: Date): Promise<void> {
  await db.query(`update ${qualified(schema, 'timers')} set fired_at = $2, attempts = attempts + 1, last_error = null where id = $1`, [id, now]);
}

export interface Failure {
  readonly error: string;
  readonly nextAttemptAt: Date;
  /** Set when this was the last attempt allowed. */
  readonly deadAt: Date | null;
}

/**
 * Counts a failed attempt, unless someone else already counted it (`attempts` moved on, or the
 * timer fired or died meanwhile); true when this call recorded it.
 */
export async function recordFailure(db: Queryable, schema: string, seen: Timer, failure: Failure): Promise<boolean> {
  const { rowCount } = await db.query(
    `update ${qualified(schema, 'timers')} set attempts = attempts + 1, last_error = $3, next_attempt_at = $4, dead_at = $5
     where id = $1 and attempts = $2 and ${PENDING}`,
    [seen.id, seen.attempts, failure.error, failure.nextAttemptAt, failure.deadAt],
  );
  return rowCount === 1;
}
