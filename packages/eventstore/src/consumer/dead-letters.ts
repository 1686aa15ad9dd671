import type { IncomingMessage, KafkaClient } from '@mpp/kafka';
import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { EventMetadataSchema } from '@mpp/contracts';
import type pg from 'pg';
import { qualified } from '../schema.js';
import { applyWithRetries, inTransaction } from './apply.js';
import { DLQ_HEADERS } from './kafka-consumer.js';
import type { Projection } from './types.js';

export interface StoredDeadLetter {
  readonly id: string;
  readonly consumer: string;
  readonly source: string;
  readonly eventId: string | null;
  readonly type: string | null;
  readonly error: string;
  readonly attempts: number;
  readonly createdAt: Date;
}

/** The PostgreSQL transport's dead letters not replayed yet, oldest first. */
export async function listDeadLetters(pool: pg.Pool, schema: string, consumer?: string): Promise<StoredDeadLetter[]> {
  const { rows } = await pool.query<{ id: string; consumer: string; source: string; event_id: string | null; type: string | null; error: string; attempts: number; created_at: Date }>(
    `select id::text, consumer, source, event_id, type, error, attempts, created_at from ${qualified(schema, 'dead_letters')}
     where replayed_at is null and ($1::text is null or consumer = $1) order by id`,
    [consumer ?? null],
  );
  return rows.map((r) => ({ id: r.id, consumer: r.consumer, source: r.source, eventId: r.event_id, type: r.type, error: r.error, attempts: r.attempts, createdAt: r.created_at }));
}

/**
 * Applies the projection's dead letters again (after a fix), each in its own transaction: a
 * success marks the letter replayed; a refusal records the new error and keeps it.
 */
export async function replayDeadLetters(pool: pg.Pool, schema: string, projection: Projection): Promise<{ replayed: number; failed: number }> {
  const table = qualified(schema, 'dead_letters');
  const { rows } = await pool.query<{ id: string; source: string; event_id: string; type: string; stream_id: string; data: Buffer; headers: JsonValue; attempts: number }>(
    `select id::text, source, event_id, type, stream_id, data, headers, attempts from ${table} where replayed_at is null and consumer = $1 order by id`,
    [projection.name],
  );
  let replayed = 0;
  let failed = 0;
  for (const row of rows) {
    const event = {
      id: row.event_id,
      type: row.type,
      streamId: row.stream_id,
      version: 0,
      data: new Uint8Array(row.data),
      metadata: fromJson(EventMetadataSchema, row.headers, { ignoreUnknownFields: true }),
      recordedAt: new Date(),
      origin: { transport: 'log' as const, source: row.source, position: { transactionId: '0', globalPosition: '0' } },
    };
    await inTransaction(pool, async (tx) => {
      const refusal = await applyWithRetries(tx, projection, event, { maxAttempts: 1, backoffMs: 0 });
      if (refusal) {
        failed++;
        await tx.query(`update ${table} set error = $2, attempts = attempts + 1 where id = $1`, [row.id, refusal.error.message]);
      } else {
        replayed++;
        await tx.query(`update ${table} set replayed_at = now() where id = $1`, [row.id]);
      }
    });
  }
  return { replayed, failed };
}

/** Everything in `<topic>.dlq` right now, with the reasons in its `mpp_dlq_*` headers. */
export async function readKafkaDeadLetters(kafka: KafkaClient, topic: string): Promise<IncomingMessage[]> {
  const dlq = `${topic}.dlq`;
  const end = await kafka.endOffsets(dlq);
  const remaining = new Map(end.filter((p) => BigInt(p.offset) > 0n).map((p) => [p.partition, BigInt(p.offset)]));
  if (remaining.size === 0) return [];
  const letters: IncomingMessage[] = [];
  const consumer = await kafka.consumer({ groupId: `${dlq}.reader.${Date.now()}.${Math.random().toString(36).slice(2)}`, topics: [dlq], fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      consumer
        .run(async (m) => {
          const stop = remaining.get(m.partition);
          if (stop === undefined || BigInt(m.offset) >= stop) return;
          letters.push(m);
          if (BigInt(m.offset) + 1n >= stop) remaining.delete(m.partition);
          if (remaining.size === 0) resolve();
        })
        .catch(reject);
    });
  } finally {
    await consumer.close();
  }
  return letters;
}

/**
 * Puts everything in `<topic>.dlq` back on `topic`, original headers and key, so the consumers
 * take it again (after a fix). Returns how many messages were republished. Replaying twice
 * republishes twice; consumers skip events they already applied.
 */
export async function replayKafkaDeadLetters(kafka: KafkaClient, topic: string): Promise<number> {
  const letters = await readKafkaDeadLetters(kafka, topic);
  if (letters.length === 0) return 0;
  const producer = await kafka.producer();
  try {
    await producer.send(
      topic,
      letters.map((m) => ({
        key: m.key,
        value: m.value,
        headers: Object.fromEntries(Object.entries(m.headers).filter(([name]) => !(DLQ_HEADERS as readonly string[]).includes(name))),
      })),
    );
  } finally {
    await producer.close();
  }
  return letters.length;
}
