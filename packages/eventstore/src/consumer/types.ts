import type { EventMetadata } from '@mpp/contracts';
import type pg from 'pg';
import type { LogPosition } from '../types.js';

/** An event as a consumer sees it, whichever transport brought it. */
export interface ConsumedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly version: number;
  readonly data: Uint8Array;
  /** Over Kafka only what the CloudEvents headers carry (mall, agency, service, trace). */
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
  readonly origin:
    | { readonly transport: 'log'; readonly source: string; readonly position: LogPosition }
    | {
        readonly transport: 'kafka';
        readonly topic: string;
        readonly partition: number;
        readonly offset: string;
        /** The message's headers as they came (the CloudEvents attributes among them). */
        readonly headers: Readonly<Record<string, string>>;
      };
}

/**
 * A read model or reaction. `apply` runs inside the consumer's transaction together with its
 * checkpoint, so a redelivered event changes nothing. Throwing refuses the event: it is retried
 * a bounded number of times, then set aside as a dead letter and the consumer moves on.
 */
export interface Projection {
  /** Unique in the consumer's schema; names its checkpoints and dead letters. */
  readonly name: string;
  apply(event: ConsumedEvent, tx: pg.PoolClient): Promise<void>;
  /**
   * Optional: applies a whole batch at once (one multi-row statement instead of one per event),
   * with the same effect as `apply` on each event in order. If it throws, the batch is applied
   * event by event, so a poison event is still isolated.
   */
  applyBatch?(events: readonly ConsumedEvent[], tx: pg.PoolClient): Promise<void>;
}

export interface RetryPolicy {
  /** Tries per event before it becomes a dead letter. Default 3. */
  readonly maxAttempts: number;
  /** Wait before try n+1 is backoffMs × 2^(n-1). Default 20 ms. */
  readonly backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 20 };

export interface ConsumerStatus {
  readonly running: boolean;
  readonly applied: number;
  readonly deadLettered: number;
  readonly failures: number;
}

export interface Consumer {
  start(): void;
  /** Finishes the batch in hand, commits it, leaves (the group). */
  stop(): Promise<void>;
  status(): ConsumerStatus;
}

export interface ConsumerLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export const silentLog: ConsumerLog = { warn: () => undefined, info: () => undefined };
