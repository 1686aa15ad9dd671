import type { KafkaClient, Producer } from '@mpp/kafka';
import type pg from 'pg';
import { outboxBacklog, type Backlog } from './backlog.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoints.js';
import { toCloudEvent } from './cloudevents.js';
import { lockKey as advisoryKey } from './lock-key.js';
import { observeOutbox } from './metrics.js';
import { readLog } from './read.js';
import type { EventStore } from './store.js';
import type { LogPosition, RecordedEvent } from './types.js';

export interface RelayLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RelayOptions {
  readonly store: EventStore;
  readonly kafka: KafkaClient;
  /** e.g. `mpp.queue.v1`. */
  readonly topic: string;
  /** CloudEvents `ce_source`, e.g. `/mpp/queue`. */
  readonly source: string;
  /** Checkpoint name; one relay per name is active at a time. Default `outbox`. */
  readonly name?: string;
  readonly batchSize?: number;
  /** How often to look for new events when nothing woke the relay. Default 200 ms. */
  readonly pollIntervalMs?: number;
  /** How often a standby replica tries to take over. Default 1 s. */
  readonly standbyIntervalMs?: number;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  readonly log?: RelayLog;
  /** Fault injection for tests: runs after a batch is acked by Kafka, before the checkpoint. */
  readonly afterSend?: (batch: readonly RecordedEvent[]) => Promise<void> | void;
}

export interface RelayStatus {
  readonly active: boolean;
  readonly position: LogPosition | undefined;
  readonly published: number;
  readonly failures: number;
}

export interface Relay {
  start(): void;
  /** Finishes the batch in hand, releases the lease. */
  stop(): Promise<void>;
  /** Looks for new events now (the store calls it after each local commit). */
  wake(): void;
  status(): RelayStatus;
  /**
   * The events not yet published and the age of the oldest, read from the checkpoint (a standby
   * replica reports the same). While started, the `mpp_outbox_backlog_events` and
   * `mpp_outbox_oldest_age_seconds` gauges read it on each scrape.
   */
  backlog(): Promise<Backlog>;
}

const silent: RelayLog = { info: () => undefined, warn: () => undefined };

/**
 * The outbox relay: publishes the service's events to Kafka after commit, at least once, in log
 * order (so per stream in order, keyed by stream id), in batches. One relay per service is
 * active: it holds a session advisory lock on its own connection; when it dies the connection
 * closes, the lock frees and a standby takes over from the last checkpoint. Failures (broker
 * down, database restart) back off and resume; a crash between send and checkpoint republishes
 * the batch with the same `ce_id`s — duplicates, never loss.
 */
export function createRelay(options: RelayOptions): Relay {
  const { store, kafka, topic, source } = options;
  const name = options.name ?? 'outbox';
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollIntervalMs ?? 200;
  const standbyMs = options.standbyIntervalMs ?? 1_000;
  const backoff = options.backoff ?? { initialMs: 100, maxMs: 5_000 };
  const log = options.log ?? silent;
  const lockKey = advisoryKey('relay', store.schema, name);

  let running: Promise<void> | undefined;
  let unsubscribe: (() => void) | undefined;
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let status: RelayStatus = { active: false, position: undefined, published: 0, failures: 0 };
  let stopObserving: (() => void) | undefined;
  const backlog = () => outboxBacklog(store.pool, store.schema, name);
  const update = (patch: Partial<RelayStatus>) => (status = { ...status, ...patch });

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  // The leased connection idles between polls; a database restart then surfaces as an 'error'
  // event, which must not crash the process: wake the loop, whose next query fails and backs off.
  const onConnectionError = (error: Error) => {
    log.warn({ err: error }, 'relay connection lost');
    wakeUp?.();
  };

  async function lease(): Promise<pg.PoolClient | undefined> {
    const client = await store.pool.connect();
    client.on('error', onConnectionError);
    try {
      const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [lockKey.toString()]);
      if (rows[0]?.ok) return client;
      client.off('error', onConnectionError);
      client.release();
      return undefined;
    } catch (error) {
      client.off('error', onConnectionError);
      client.release(error as Error);
      throw error;
    }
  }

  async function publishLoop(client: pg.PoolClient, producer: Producer) {
    let position = await loadCheckpoint(client, store.schema, name);
    update({ active: true, position });
    log.info({ topic, position }, 'relay active');
    // The next batch is read while the current one is sent; a rejection is seen when awaited.
    const read = (after: LogPosition) => {
      const batch = readLog(client, store.schema, after, batchSize);
      batch.catch(() => undefined);
      return batch;
    };
    let next = read(position);
    // The checkpoint of a batch is written while the next batch is sent; it is awaited before the
    // one after, so a failure still stops the loop. Losing it in a crash only republishes.
    let saving: Promise<void> = Promise.resolve();
    try {
      while (!stopping) {
        const batch = await next;
        if (batch.length === 0) {
          await saving;
          await pause(pollMs);
          next = read(position);
          continue;
        }
        const last = batch[batch.length - 1]!.position;
        next = read(last);
        await producer.send(topic, batch.map((e) => toCloudEvent(e, source)));
        await options.afterSend?.(batch);
        await saving;
        saving = saveCheckpoint(client, store.schema, name, last).then(() => {
          update({ position: last, published: status.published + batch.length });
        });
        saving.catch(() => undefined);
        position = last;
      }
      await saving;
    } finally {
      await next.catch(() => undefined); // the connection goes back to the pool idle
      await saving.catch(() => undefined);
    }
  }

  async function run() {
    let delay = backoff.initialMs;
    while (!stopping) {
      let client: pg.PoolClient | undefined;
      let producer: Producer | undefined;
      let failed: Error | undefined;
      try {
        client = await lease();
        if (!client) {
          await pause(standbyMs);
          continue;
        }
        producer = await kafka.producer();
        await publishLoop(client, producer);
      } catch (error) {
        failed = error as Error;
        update({ failures: status.failures + 1 });
        log.warn({ err: error, retryInMs: delay }, 'relay failed; backing off');
      } finally {
        update({ active: false });
        await producer?.close().catch(() => undefined);
        // A failed connection is destroyed (which also frees the lease); a clean stop unlocks.
        if (client && !failed) await client.query('select pg_advisory_unlock($1)', [lockKey.toString()]).catch(() => undefined);
        client?.off('error', onConnectionError);
        client?.release(failed ?? undefined);
      }
      if (failed && !stopping) {
        await pause(delay);
        delay = Math.min(delay * 2, backoff.maxMs);
      } else delay = backoff.initialMs;
    }
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      unsubscribe = store.onAppended(() => wakeUp?.());
      stopObserving = observeOutbox(store.schema, backlog);
      running = run();
    },
    async stop() {
      stopping = true;
      unsubscribe?.();
      stopObserving?.();
      stopObserving = undefined;
      wakeUp?.();
      await running;
      running = undefined;
    },
    wake: () => wakeUp?.(),
    status: () => status,
    backlog,
  };
}
