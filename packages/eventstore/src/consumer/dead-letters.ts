import type { IncomingMessage, KafkaClient } from '@mpp/kafka';
import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { EventMetadataSchema } from '@mpp/contracts';
import type pg from 'pg';
import { qualified } from '../schema.js';
import { applyWithRetries, inTransaction } from './apply.js';
import { DLQ_HEADERS, REPLAY_GROUP_HEADER } from './kafka-consumer.js';
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
 * Asks for a replay of the PostgreSQL transport's dead letters (all of a consumer's, or some by
 * id); the running consumer that owns the projection replays them on its next turn.
 */
export async function requestReplay(pool: pg.Pool, schema: string, filter: { consumer?: string; ids?: readonly string[] }): Promise<number> {
  const res = await pool.query(
    `update ${qualified(schema, 'dead_letters')} set replay_requested_at = now()
     where replayed_at is null and ($1::text is null or consumer = $1) and ($2::bigint[] is null or id = any($2::bigint[]))`,
    [filter.consumer ?? null, filter.ids ? [...filter.ids] : null],
  );
  return res.rowCount ?? 0;
}

/**
 * Applies the projection's dead letters again (after a fix), each in its own transaction: a
 * success marks the letter replayed; a refusal records the new error and keeps it.
 */
export async function replayDeadLetters(
  pool: pg.Pool,
  schema: string,
  projection: Projection,
  options: { requestedOnly?: boolean; source?: string } = {},
): Promise<{ replayed: number; failed: number }> {
  const table = qualified(schema, 'dead_letters');
  const { rows: ids } = await pool.query<{ id: string }>(
    `select id::text from ${table}
     where replayed_at is null and consumer = $1 and (not $2 or replay_requested_at is not null) and ($3::text is null or source = $3)
     order by id`,
    [projection.name, options.requestedOnly ?? false, options.source ?? null],
  );
  let replayed = 0;
  let failed = 0;
  for (const { id } of ids) {
    await inTransaction(pool, async (tx) => {
      // Claimed under a row lock, still unreplayed: another consumer or replica replaying at the
      // same moment skips it, so a letter is applied once.
      const { rows } = await tx.query<{ source: string; event_id: string; type: string; stream_id: string; stream_version: number | null; recorded_at: Date | null; data: Buffer; headers: JsonValue }>(
        `select source, event_id, type, stream_id, stream_version, recorded_at, data, headers from ${table}
         where id = $1 and replayed_at is null for update skip locked`,
        [id],
      );
      const row = rows[0];
      if (!row) return;
      const event = {
        id: row.event_id,
        type: row.type,
        streamId: row.stream_id,
        version: row.stream_version ?? 0,
        data: new Uint8Array(row.data),
        metadata: fromJson(EventMetadataSchema, row.headers, { ignoreUnknownFields: true }),
        recordedAt: row.recorded_at ?? new Date(),
        origin: { transport: 'log' as const, source: row.source, position: { transactionId: '0', globalPosition: '0' } },
      };
      const refusal = await applyWithRetries(tx, projection, event, { maxAttempts: 1, backoffMs: 0 });
      if (refusal) {
        failed++;
        await tx.query(`update ${table} set error = $2, attempts = attempts + 1, replay_requested_at = null where id = $1`, [id, refusal.error.message]);
      } else {
        replayed++;
        await tx.query(`update ${table} set replayed_at = now() where id = $1`, [id]);
      }
    });
  }
  return { replayed, failed };
}

const READ_TIMEOUT_MS = 60_000;

/** A group nobody else uses: reading never marks anything as replayed by itself. */
const readerGroup = (topic: string) => `${topic}.dlq.reader.${Date.now()}.${Math.random().toString(36).slice(2)}`;

/** The group whose committed offsets mark what `replayKafkaDeadLetters` has put back. */
export const replayGroup = (topic: string) => `${topic}.dlq.replayed`;

/** Per partition of `<topic>.dlq`: from where the replay group stands to the end now. */
async function pendingRanges(kafka: KafkaClient, topic: string): Promise<Map<number, { from: bigint; to: bigint }>> {
  const dlq = `${topic}.dlq`;
  const [end, done] = await Promise.all([kafka.endOffsets(dlq), kafka.groupOffsets(replayGroup(topic), dlq)]);
  const from = new Map(done.map((p) => [p.partition, BigInt(p.offset) < 0n ? 0n : BigInt(p.offset)]));
  const ranges = new Map<number, { from: bigint; to: bigint }>();
  for (const p of end) {
    // Letters older than the topic's retention are gone: start at the oldest one kept.
    const kept = BigInt(p.low);
    const start = (from.get(p.partition) ?? 0n) < kept ? kept : (from.get(p.partition) ?? 0n);
    if (BigInt(p.offset) > start) ranges.set(p.partition, { from: start, to: BigInt(p.offset) });
  }
  return ranges;
}

/** Reads `<topic>.dlq` with `groupId` until every partition reaches its range's end. */
async function readRanges(kafka: KafkaClient, topic: string, groupId: string, ranges: Map<number, { from: bigint; to: bigint }>): Promise<IncomingMessage[]> {
  if (ranges.size === 0) return [];
  const remaining = new Map(ranges);
  const letters: IncomingMessage[] = [];
  const consumer = await kafka.consumer({ groupId, topics: [`${topic}.dlq`], fromBeginning: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out reading ${topic}.dlq: ${remaining.size} partitions not read to their end`)), READ_TIMEOUT_MS);
      consumer
        .run(async (m) => {
          const range = remaining.get(m.partition);
          if (!range || BigInt(m.offset) < range.from || BigInt(m.offset) >= range.to) return;
          letters.push(m);
          if (BigInt(m.offset) + 1n >= range.to) remaining.delete(m.partition);
          if (remaining.size === 0) resolve();
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.close();
  }
  return letters;
}

/** How many dead letters in `<topic>.dlq` are not replayed yet (offsets only, no reading). */
export async function countKafkaDeadLetters(kafka: KafkaClient, topic: string): Promise<number> {
  let n = 0;
  for (const range of (await pendingRanges(kafka, topic)).values()) n += Number(range.to - range.from);
  return n;
}

/** The dead letters in `<topic>.dlq` not replayed yet, with their reasons in `mpp_dlq_*` headers. */
export async function readKafkaDeadLetters(kafka: KafkaClient, topic: string): Promise<IncomingMessage[]> {
  const ranges = await pendingRanges(kafka, topic);
  return readRanges(kafka, topic, readerGroup(topic), ranges);
}

/**
 * Puts the dead letters of `<topic>.dlq` not replayed yet back on `topic`, original key and
 * headers, so the consumers take them again (after a fix), and records how far it got in the
 * replay group. Returns how many it put back.
 */
export async function replayKafkaDeadLetters(kafka: KafkaClient, topic: string): Promise<number> {
  const ranges = await pendingRanges(kafka, topic);
  const letters = await readRanges(kafka, topic, readerGroup(topic), ranges);
  if (letters.length === 0) return 0;
  const producer = await kafka.producer();
  try {
    await producer.send(
      topic,
      letters.map((m) => ({
        key: m.key,
        value: m.value,
        headers: {
          ...Object.fromEntries(Object.entries(m.headers).filter(([name]) => !(DLQ_HEADERS as readonly string[]).includes(name))),
          // Only the group that refused it takes it again; the others applied it the first time.
          ...(m.headers.mpp_dlq_group ? { [REPLAY_GROUP_HEADER]: m.headers.mpp_dlq_group } : {}),
        },
      })),
    );
  } finally {
    await producer.close();
  }
  // Only after the letters are back on the topic: a failed send replays them next time.
  await kafka.setGroupOffsets(replayGroup(topic), `${topic}.dlq`, [...ranges].map(([partition, r]) => ({ partition, offset: r.to.toString() })));
  return letters.length;
}
