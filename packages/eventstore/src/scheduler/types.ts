import type { JsonValue } from '@bufbuild/protobuf';
import type pg from 'pg';
import type { Clock } from './clock.js';

/** A timer to schedule. */
export interface NewTimer {
  /** Chosen by the caller (e.g. `no-show:ticket-42`), so asking twice schedules once. */
  readonly id: string;
  /** Which handler fires it. */
  readonly kind: string;
  readonly dueAt: Date;
  readonly payload?: JsonValue;
}

/** A timer as stored. */
export interface Timer {
  readonly id: string;
  readonly kind: string;
  readonly payload: JsonValue;
  readonly dueAt: Date;
  readonly createdAt: Date;
  /** When its handler's effects committed; null while pending. */
  readonly firedAt: Date | null;
  /** Attempts so far, failed or not. */
  readonly attempts: number;
  readonly lastError: string | null;
  /** The earliest time it is tried next: `dueAt`, later after a failure. */
  readonly nextAttemptAt: Date;
  /**
   * Set when it failed `maxAttempts` times; kept for operators, never fired. An operator who has
   * fixed the cause retries it with
   * `update <schema>.timers set dead_at = null, attempts = 0, next_attempt_at = now() where id = …`.
   */
  readonly deadAt: Date | null;
}

/**
 * Does what a timer asks, with `tx`: the transaction that marks the timer fired, so its database
 * effects commit exactly once with it. It must not commit or roll back `tx`; throwing rolls its
 * effects back and schedules a retry.
 */
export type TimerHandler = (timer: Timer, tx: pg.PoolClient) => Promise<void>;

/** Pino-shaped: object first. */
export interface SchedulerLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SchedulerOptions {
  readonly pool: pg.Pool;
  /** The owning service's schema; the `timers` table lives there. */
  readonly schema: string;
  readonly clock: Clock;
  /** By timer kind. */
  readonly handlers: Readonly<Record<string, TimerHandler>>;
  /** Due timers read per query. Default 100. */
  readonly batchSize?: number;
  /** How often `start()` looks for due timers. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Attempts before a timer is set aside as dead. Default 5. */
  readonly maxAttempts?: number;
  /**
   * Attempts by timer kind where a kind needs its own (read when a timer fails, so it may be
   * filled as handlers register). `Infinity`: retried until it succeeds — a hand-over to an
   * outside system that must never be dropped.
   */
  readonly maxAttemptsByKind?: Readonly<Record<string, number>>;
  /** Wait after the first failure, doubled after each next one. Default 5000 ms. */
  readonly retryBackoffMs?: number;
  /** The longest wait between attempts. Default 10 minutes. */
  readonly maxRetryBackoffMs?: number;
  /**
   * How long a fired timer is kept (its id still refuses a second `schedule`). Default 30 days;
   * the running scheduler deletes older ones about once an hour.
   */
  readonly retentionMs?: number;
  readonly log?: SchedulerLog;
}

/** Anything that runs a query: the pool, or a caller's client inside its transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

export interface Scheduler {
  /** Creates the `timers` table when missing. */
  migrate(): Promise<void>;
  /** Stores a timer unless one with its id exists; true when it was new. */
  schedule(timer: NewTimer, db?: Queryable): Promise<boolean>;
  /** Removes a timer not yet fired; true when there was one. */
  cancel(id: string, db?: Queryable): Promise<boolean>;
  get(id: string): Promise<Timer | undefined>;
  /** Deletes fired timers older than the retention; returns how many. Dead ones stay for a person. */
  prune(): Promise<number>;
  /** Fires every timer due by `clock.now()`; resolves to how many fired. */
  runDue(): Promise<number>;
  /** Fires what is overdue now, then polls. */
  start(): void;
  /** Lets the run in hand finish; starts no other. */
  stop(): Promise<void>;
  /** Runs now instead of at the next poll. */
  wake(): void;
}
