import { toJsonString } from '@bufbuild/protobuf';
import { EventMetadataSchema } from '@mpp/contracts';
import type pg from 'pg';
import { lockKey } from '../lock-key.js';
import { onLogAppended } from '../appended.js';
import { logConsumerLag } from '../backlog.js';
import { consumerCounters, observeLogConsumerLag } from '../metrics.js';
import { readLog } from '../read.js';
import { qualified } from '../schema.js';
import { LOG_START, type LogPosition, type RecordedEvent } from '../types.js';
import { applyAll, inTransaction, type Refusal } from './apply.js';
import { replayDeadLetters } from './dead-letters.js';
import { DEFAULT_RETRY, silentLog, type ConsumedEvent, type Consumer, type ConsumerLog, type ConsumerStatus, type Projection, type RetryPolicy } from './types.js';

export interface LogConsumerOptions {
  /** The database all schemas share (single-node mode). */
  readonly pool: pg.Pool;
  /** The consumer's own schema: positions and dead letters live there. */
  readonly schema: string;
  /** The schema of the service whose log is read, through its read-only `event_log` view. */
  readonly source: string;
  readonly projection: Projection;
  readonly batchSize?: number;
  /** The first wait after an empty read (ms); idle, the wait doubles up to `maxIdleMs`. Default 100. */
  readonly pollIntervalMs?: number;
  /** The longest wait between reads of an idle log (ms); a commit in this process wakes the consumer at once. Default 1000. */
  readonly maxIdleMs?: number;
  readonly retry?: RetryPolicy;
  readonly log?: ConsumerLog;
}

export function fromRecorded(event: RecordedEvent, source: string): ConsumedEvent {
  return { ...event, origin: { transport: 'log', source, position: event.position } };
}

/**
 * The PostgreSQL transport: follows another service's log (gap-safe, see readLog) and applies
 * each batch with the new position in one transaction. A refused event is stored in
 * `dead_letters` with its error and the consumer moves on.
 */
/** Short looks after a wake that found nothing yet, before the consumer goes back to idle waits. */
const WOKEN_TRIES = 40;

export function createLogConsumer(options: LogConsumerOptions): Consumer {
  const { pool, schema, source, projection } = options;
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollIntervalMs ?? 100;
  const maxIdleMs = Math.max(pollMs, options.maxIdleMs ?? 1_000);
  const retry = options.retry ?? DEFAULT_RETRY;
  const log = options.log ?? silentLog;
  const positions = qualified(schema, 'consumer_positions');
  const positionLock = lockKey('consumer', schema, `${projection.name}:${source}`).toString();
  let status: ConsumerStatus = { running: false, applied: 0, deadLettered: 0, failures: 0 };
  const labels = { service: schema, consumer: projection.name };
  const counters = consumerCounters({ ...labels, transport: 'log' });
  let stopObserving: (() => void) | undefined;
  let stopping = false;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(() => resolve(), ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  async function step(): Promise<{ n: number; dead: number }> {
    return inTransaction(pool, async (tx) => {
      // An advisory lock, not a row lock: it takes no transaction id, so this batch does not
      // hold back other readers' gap-safe horizon while it reads.
      await tx.query('select pg_advisory_xact_lock($1)', [positionLock]);
      const { rows } = await tx.query<{ transaction_id: string; global_position: string }>(
        `select transaction_id::text, global_position::text from ${positions} where consumer = $1 and source = $2`,
        [projection.name, source],
      );
      const from: LogPosition = rows[0] ? { transactionId: rows[0].transaction_id, globalPosition: rows[0].global_position } : LOG_START;
      const batch = await readLog(tx, source, from, batchSize, 'event_log');
      if (batch.length === 0) return { n: 0, dead: 0 };
      const refusals = await applyAll(tx, projection, batch.map((recorded) => fromRecorded(recorded, source)), retry);
      for (const refusal of refusals) await storeDeadLetter(tx, schema, projection.name, source, refusal);
      const dead = refusals.length;
      const last = batch[batch.length - 1]!.position;
      await tx.query(
        `insert into ${positions} (consumer, source, transaction_id, global_position) values ($1, $2, $3::xid8, $4::bigint)
         on conflict (consumer, source) do update set transaction_id = excluded.transaction_id, global_position = excluded.global_position`,
        [projection.name, source, last.transactionId, last.globalPosition],
      );
      return { n: batch.length, dead };
    });
  }

  // `mpp dlq replay` marks dead letters; they are looked for at most this often, not on every
  // batch (under load a consumer loops without pausing, and the look is a query of its own).
  const replayCheckMs = Math.max(pollMs, 1_000);
  let lastReplayCheck = 0;

  // Idle, the waits grow (100, 200, 400 … 1000 ms) so a quiet platform does not query its logs ten
  // times a second per consumer; a commit to the source in this process wakes the consumer at
  // once. A wake that finds nothing yet (the gap-safe horizon still held by a writer elsewhere)
  // is followed by a short wait, not a long one.
  let idle = 0;
  let signalled = false;
  /** Reads since a wake that found nothing yet. */
  let woken = 0;
  let unsubscribe: (() => void) | undefined;
  const onAppended = () => {
    signalled = true;
    woken = 0;
    idle = 0;
    wake?.();
  };

  async function run() {
    status = { ...status, running: true };
    while (!stopping) {
      try {
        if (Date.now() - lastReplayCheck >= replayCheckMs) {
          lastReplayCheck = Date.now();
          const replay = await replayDeadLetters(pool, schema, projection, { requestedOnly: true, source });
          if (replay.replayed + replay.failed > 0) log.info({ consumer: projection.name, ...replay }, 'dead letters replayed on request');
        }
        const { n, dead } = await step();
        status = { ...status, applied: status.applied + n - dead, deadLettered: status.deadLettered + dead };
        counters.applied(n - dead);
        counters.deadLettered(dead);
        if (n > 0) {
          idle = 0;
          woken = 0;
        } else if (signalled) {
          // Woken, yet nothing visible: the gap-safe horizon is still held by a transaction
          // elsewhere on the server. Look again soon, a growing while (50 ms … 1 s, about 35 s in
          // all), not after a full idle wait, which may be long.
          woken++;
          if (woken >= WOKEN_TRIES) {
            signalled = false;
            woken = 0;
          }
          await pause(Math.min(1_000, 50 * 2 ** Math.min(woken, 5)));
        } else {
          await pause(Math.min(maxIdleMs, pollMs * 2 ** idle));
          idle = Math.min(idle + 1, 16);
        }
      } catch (error) {
        status = { ...status, failures: status.failures + 1 };
        counters.failed();
        log.warn({ err: error, consumer: projection.name, source }, 'consumer batch failed; retrying');
        await pause(Math.min(5_000, pollMs * 10));
      }
    }
    status = { ...status, running: false };
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      unsubscribe ??= onLogAppended(source, onAppended);
      stopObserving ??= observeLogConsumerLag({ ...labels, source }, () => logConsumerLag(pool, schema, projection.name, source));
      running = run();
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
      running = undefined;
      unsubscribe?.();
      unsubscribe = undefined;
      stopObserving?.();
      stopObserving = undefined;
    },
    status: () => status,
  };
}

export async function storeDeadLetter(tx: pg.PoolClient, schema: string, consumer: string, source: string, refusal: Refusal): Promise<void> {
  const e = refusal.event;
  await tx.query(
    `insert into ${qualified(schema, 'dead_letters')} (consumer, source, event_id, type, stream_id, stream_version, recorded_at, data, headers, error, attempts)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [consumer, source, e.id, e.type, e.streamId, e.version, e.recordedAt, Buffer.from(e.data), toJsonString(EventMetadataSchema, e.metadata), refusal.error.message, refusal.attempts],
  );
}
