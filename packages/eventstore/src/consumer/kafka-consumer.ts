import type { IncomingBatch, IncomingMessage, KafkaClient, Producer, Consumer as KafkaConsumer } from '@mpp/kafka';
import type pg from 'pg';
import { SEQUENCE } from '../cloudevents.js';
import { lockKey } from '../lock-key.js';
import { consumerCounters } from '../metrics.js';
import { qualified } from '../schema.js';
import { applyAll, inTransaction } from './apply.js';
import { fromKafka } from './kafka-event.js';
import { DEFAULT_RETRY, silentLog, type ConsumedEvent, type Consumer, type ConsumerLog, type ConsumerStatus, type Projection, type RetryPolicy } from './types.js';

export interface KafkaConsumerOptions {
  /** The consumer's database; its offsets and applied event ids live in `schema`. */
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly kafka: KafkaClient;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly projection: Projection;
  readonly retry?: RetryPolicy;
  readonly log?: ConsumerLog;
  /**
   * How long the ids of events recognised by id (replayed dead letters, events without a
   * sequence) are kept to refuse a second delivery. Default 7 days; pruned about once an hour.
   */
  readonly processedRetentionMs?: number;
}

/** Deletes the applied event ids recorded before `before`; returns how many. */
export async function pruneProcessed(pool: pg.Pool, schema: string, before: Date): Promise<number> {
  const { rowCount } = await pool.query(`delete from ${qualified(schema, 'consumer_processed')} where processed_at < $1`, [before]);
  return rowCount ?? 0;
}

/** Headers a dead letter carries besides the original ones. */
export const DLQ_HEADERS = ['mpp_dlq_error', 'mpp_dlq_attempts', 'mpp_dlq_consumer', 'mpp_dlq_group', 'mpp_dlq_topic', 'mpp_dlq_partition', 'mpp_dlq_offset'] as const;

/** On a replayed dead letter: the consumer group that refused it, the only one to take it again. */
export const REPLAY_GROUP_HEADER = 'mpp_replay_group';

/**
 * The Kafka transport: a consumer group reading batches per partition. Each batch is applied in
 * one PostgreSQL transaction together with the partition's next offset (the source of truth, so
 * a redelivered offset is skipped) and the highest CloudEvents `sequence` applied (so an event
 * the relay published twice is skipped too; events without one, and replayed dead letters, are
 * recognised by their ids instead). A message that is not an event, or that the projection keeps
 * refusing, goes to `<topic>.dlq` with the reason and its original headers, and the partition
 * moves on.
 */
export function createKafkaConsumer(options: KafkaConsumerOptions): Consumer {
  const { pool, schema, kafka, projection } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const log = options.log ?? silentLog;
  let status: ConsumerStatus = { running: false, applied: 0, deadLettered: 0, failures: 0 };
  const counters = consumerCounters({ service: schema, consumer: projection.name, transport: 'kafka' });
  const retentionMs = options.processedRetentionMs ?? 7 * 24 * 3_600_000;
  let prunedAt = -Infinity;
  let consumer: KafkaConsumer | undefined;
  let producer: Producer | undefined;
  let starting: Promise<void> | undefined;

  async function deadLetter(m: IncomingMessage, error: string, attempts: number) {
    producer ??= await kafka.producer();
    await producer.send(`${m.topic}.dlq`, [
      {
        key: m.key,
        value: m.value,
        headers: {
          ...m.headers,
          mpp_dlq_error: error,
          mpp_dlq_attempts: String(attempts),
          mpp_dlq_consumer: projection.name,
          mpp_dlq_group: options.groupId,
          mpp_dlq_topic: m.topic,
          mpp_dlq_partition: String(m.partition),
          mpp_dlq_offset: m.offset,
        },
      },
    ]);
    status = { ...status, deadLettered: status.deadLettered + 1 };
    counters.deadLettered(1);
    log.warn({ consumer: projection.name, topic: m.topic, offset: m.offset, error }, 'message dead-lettered');
  }

  async function handle(batch: IncomingBatch) {
    const offsets = qualified(schema, 'consumer_offsets');
    const processed = qualified(schema, 'consumer_processed');
    let applied = 0;
    await inTransaction(pool, async (tx) => {
      // The lock first, in its own statement: a later statement's snapshot then sees what the
      // previous holder committed.
      await tx.query('select pg_advisory_xact_lock($1)', [lockKey('consumer', schema, `${projection.name}:${batch.topic}:${batch.partition}`).toString()]);
      const { rows } = await tx.query<{ next_offset: string; sequence_source: string | null; sequence: string | null }>(
        `select next_offset::text, sequence_source, sequence from ${offsets} where consumer = $1 and topic = $2 and partition = $3`,
        [projection.name, batch.topic, batch.partition],
      );
      const next = BigInt(rows[0]?.next_offset ?? '0');
      let sequenceSource = rows[0]?.sequence_source ?? undefined;
      let sequence = rows[0]?.sequence ?? undefined;
      let last: bigint | undefined;
      // In offset order; `byId` marks those whose duplicates only their event id reveals.
      const candidates: { m: IncomingMessage; event: ConsumedEvent; byId: boolean }[] = [];
      for (const m of batch.messages) {
        if (BigInt(m.offset) < next) continue; // redelivered: already applied in an earlier commit
        last = BigInt(m.offset);
        const event = fromKafka(m);
        if ('invalid' in event) {
          await deadLetter(m, event.invalid, 0);
          continue;
        }
        const replayFor = m.headers[REPLAY_GROUP_HEADER];
        const seq = m.headers.ce_sequence;
        const source = m.headers.ce_source!;
        if (replayFor !== undefined) {
          // A replayed dead letter: its sequence is old, and only the group that refused it takes it.
          if (replayFor === options.groupId) candidates.push({ m, event, byId: true });
        } else if (seq !== undefined && SEQUENCE.test(seq) && (sequenceSource === undefined || sequenceSource === source)) {
          // The relay publishes a source in log order: a sequence not above the last applied is
          // an event it published again (after a crash before its checkpoint).
          if (sequence !== undefined && seq <= sequence) continue;
          sequenceSource = source;
          sequence = seq;
          candidates.push({ m, event, byId: false });
        } else candidates.push({ m, event, byId: true });
      }
      const byId = candidates.filter((c) => c.byId).map((c) => c.event.id);
      let fresh = new Set<string>();
      if (byId.length > 0) {
        const { rows: inserted } = await tx.query<{ event_id: string }>(
          `insert into ${processed} (consumer, event_id) select $1, unnest($2::uuid[]) on conflict do nothing returning event_id`,
          [projection.name, byId],
        );
        fresh = new Set(inserted.map((r) => r.event_id));
      }
      const seen = new Set<string>();
      const todo = candidates.filter((c) => {
        if (seen.has(c.event.id) || (c.byId && !fresh.has(c.event.id))) return false;
        seen.add(c.event.id);
        return true;
      });
      const refusals = await applyAll(tx, projection, todo.map((c) => c.event), retry);
      for (const refusal of refusals) {
        const refused = todo.find((c) => c.event === refusal.event)!;
        if (refused.byId) await tx.query(`delete from ${processed} where consumer = $1 and event_id = $2`, [projection.name, refusal.event.id]);
        await deadLetter(refused.m, refusal.error.message, refusal.attempts);
      }
      applied += todo.length - refusals.length;
      await batch.heartbeat();
      if (last !== undefined) {
        await tx.query(
          `insert into ${offsets} (consumer, topic, partition, next_offset, sequence_source, sequence) values ($1, $2, $3, $4, $5, $6)
           on conflict (consumer, topic, partition) do update
             set next_offset = excluded.next_offset, sequence_source = excluded.sequence_source, sequence = excluded.sequence`,
          [projection.name, batch.topic, batch.partition, (last + 1n).toString(), sequenceSource ?? null, sequence ?? null],
        );
      }
    });
    status = { ...status, applied: status.applied + applied };
    counters.applied(applied);
    if (Date.now() - prunedAt >= 3_600_000) {
      prunedAt = Date.now();
      await pruneProcessed(pool, schema, new Date(prunedAt - retentionMs)).catch((error: unknown) => log.warn({ err: error, consumer: projection.name }, 'pruning applied ids failed; trying again in an hour'));
    }
  }

  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  /** Ends the wait before the next connect attempt (clearing the timer alone would leave it pending forever). */
  let restartNow: (() => void) | undefined;

  async function connect(delayMs: number): Promise<void> {
    try {
      // Dead letters need somewhere to go before the first refusal: without the topic every
      // refusal would fail the batch and stall the partition.
      await kafka.ensureTopics(options.topics.map((topic) => ({ topic: `${topic}.dlq` })));
      consumer = await kafka.consumer({ groupId: options.groupId, topics: options.topics, fromBeginning: true });
      await consumer.runBatches(async (batch) => {
        try {
          await handle(batch);
        } catch (error) {
          // Not committed: kafkajs redelivers the batch after its retry; offsets in the
          // database make the retry exact.
          status = { ...status, failures: status.failures + 1 };
          counters.failed();
          log.warn({ err: error, consumer: projection.name }, 'batch failed; it will be redelivered');
          throw error;
        }
      });
      status = { ...status, running: true };
    } catch (error) {
      // A broker not there yet, or a source topic not created yet: try again, never crash.
      status = { ...status, failures: status.failures + 1 };
      counters.failed();
      log.warn({ err: error, consumer: projection.name, retryInMs: delayMs }, 'consumer could not start; retrying');
      await consumer?.close().catch(() => undefined);
      consumer = undefined;
      if (stopping) return;
      await new Promise<void>((resolve) => {
        restartNow = resolve;
        restartTimer = setTimeout(resolve, delayMs);
      });
      if (!stopping) return connect(Math.min(delayMs * 2, 10_000));
    }
  }

  return {
    start() {
      stopping = false;
      starting ??= connect(200);
    },
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      restartNow?.();
      await starting;
      await consumer?.close();
      await producer?.close();
      status = { ...status, running: false };
      starting = undefined;
      consumer = undefined;
      producer = undefined;
    },
    status: () => status,
  };
}
