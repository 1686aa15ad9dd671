import type { IncomingBatch, IncomingMessage, KafkaClient, Producer, Consumer as KafkaConsumer } from '@mpp/kafka';
import type pg from 'pg';
import { lockKey } from '../lock-key.js';
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
}

/** Headers a dead letter carries besides the original ones. */
export const DLQ_HEADERS = ['mpp_dlq_error', 'mpp_dlq_attempts', 'mpp_dlq_consumer', 'mpp_dlq_topic', 'mpp_dlq_partition', 'mpp_dlq_offset'] as const;

/**
 * The Kafka transport: a consumer group reading batches per partition. Each batch is applied in
 * one PostgreSQL transaction together with the partition's next offset (the source of truth, so
 * a redelivered offset is skipped) and the ids of the events applied (so a republished event is
 * skipped too). A message that is not an event, or that the projection keeps refusing, goes to
 * `<topic>.dlq` with the reason and its original headers, and the partition moves on.
 */
export function createKafkaConsumer(options: KafkaConsumerOptions): Consumer {
  const { pool, schema, kafka, projection } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const log = options.log ?? silentLog;
  let status: ConsumerStatus = { running: false, applied: 0, deadLettered: 0, failures: 0 };
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
          mpp_dlq_topic: m.topic,
          mpp_dlq_partition: String(m.partition),
          mpp_dlq_offset: m.offset,
        },
      },
    ]);
    status = { ...status, deadLettered: status.deadLettered + 1 };
    log.warn({ consumer: projection.name, topic: m.topic, offset: m.offset, error }, 'message dead-lettered');
  }

  async function handle(batch: IncomingBatch) {
    const offsets = qualified(schema, 'consumer_offsets');
    const processed = qualified(schema, 'consumer_processed');
    let applied = 0;
    await inTransaction(pool, async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [lockKey('consumer', schema, `${projection.name}:${batch.topic}:${batch.partition}`).toString()]);
      const { rows } = await tx.query<{ next_offset: string }>(
        `select next_offset::text from ${offsets} where consumer = $1 and topic = $2 and partition = $3`,
        [projection.name, batch.topic, batch.partition],
      );
      const next = BigInt(rows[0]?.next_offset ?? '0');
      let last: bigint | undefined;
      const candidates = new Map<string, { m: IncomingMessage; event: ConsumedEvent }>();
      for (const m of batch.messages) {
        if (BigInt(m.offset) < next) continue; // redelivered: already applied in an earlier commit
        last = BigInt(m.offset);
        const event = fromKafka(m);
        if ('invalid' in event) await deadLetter(m, event.invalid, 0);
        else if (!candidates.has(event.id)) candidates.set(event.id, { m, event });
      }
      // Events the relay published twice arrive at new offsets: their ids are already recorded.
      const { rows: fresh } = await tx.query<{ event_id: string }>(
        `insert into ${processed} (consumer, event_id) select $1, unnest($2::uuid[]) on conflict do nothing returning event_id`,
        [projection.name, [...candidates.keys()]],
      );
      const todo = fresh.map((r) => candidates.get(r.event_id)!).sort((a, b) => (BigInt(a.m.offset) < BigInt(b.m.offset) ? -1 : 1));
      const refusals = await applyAll(tx, projection, todo.map((c) => c.event), retry);
      for (const refusal of refusals) {
        await tx.query(`delete from ${processed} where consumer = $1 and event_id = $2`, [projection.name, refusal.event.id]);
        await deadLetter(candidates.get(refusal.event.id)!.m, refusal.error.message, refusal.attempts);
      }
      applied += todo.length - refusals.length;
      await batch.heartbeat();
      if (last !== undefined) {
        await tx.query(
          `insert into ${offsets} (consumer, topic, partition, next_offset) values ($1, $2, $3, $4)
           on conflict (consumer, topic, partition) do update set next_offset = excluded.next_offset`,
          [projection.name, batch.topic, batch.partition, (last + 1n).toString()],
        );
      }
    });
    status = { ...status, applied: status.applied + applied };
  }

  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;

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
          log.warn({ err: error, consumer: projection.name }, 'batch failed; it will be redelivered');
          throw error;
        }
      });
      status = { ...status, running: true };
    } catch (error) {
      // A broker not there yet, or a source topic not created yet: try again, never crash.
      status = { ...status, failures: status.failures + 1 };
      log.warn({ err: error, consumer: projection.name, retryInMs: delayMs }, 'consumer could not start; retrying');
      await consumer?.close().catch(() => undefined);
      consumer = undefined;
      if (stopping) return;
      await new Promise<void>((resolve) => (restartTimer = setTimeout(resolve, delayMs)));
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
