import { performance } from 'node:perf_hooks';
import { createEventStore, createLogConsumer, LOG_START, readLog, type EventStore, type LogPosition } from '@mpp/eventstore';
import type pg from 'pg';
import { countingProjection, countsTable } from './fixtures.js';
import type { Sample } from './measure.js';
import { lastPosition, type Prefilled } from './relay.js';

const BATCH = 500;
const READER = 'bench_catchup_log'; // the consumer's schema (positions, read model)

async function storedPosition(pool: pg.Pool, consumer: string, source: string): Promise<LogPosition | undefined> {
  const { rows } = await pool.query<{ t: string; g: string }>(
    `select transaction_id::text as t, global_position::text as g from "${READER}".consumer_positions where consumer = $1 and source = $2`,
    [consumer, source],
  );
  return rows[0] && { transactionId: rows[0].t, globalPosition: rows[0].g };
}

/** Ours: from `start()` until the consumer's stored position is the source's last event. */
async function timeConsumer(pool: pg.Pool, source: EventStore, name: string, total: number): Promise<Sample> {
  const last = await lastPosition(source);
  const consumer = createLogConsumer({ pool, schema: READER, source: source.schema, projection: countingProjection(READER, name), batchSize: BATCH });
  const start = performance.now();
  consumer.start();
  for (;;) {
    // The in-process count gates the query; the stored position decides.
    if (consumer.status().applied >= total) {
      const at = await storedPosition(pool, name, source.schema);
      if (at?.transactionId === last.transactionId && at.globalPosition === last.globalPosition) break;
    }
    if (performance.now() - start > 180_000) throw new Error(`log consumer not caught up in 180 s: ${JSON.stringify(consumer.status())}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  const ms = performance.now() - start;
  await consumer.stop();
  const s = consumer.status();
  if (s.applied !== total || s.deadLettered > 0 || s.failures > 0) throw new Error(`log consumer: ${JSON.stringify(s)} for ${total} events`);
  return { ops: Math.ceil(total / BATCH), events: total, ms };
}

/** Baseline: `readLog` on the same view with the same batch size, in a loop, rows unused. */
async function timeRead(pool: pg.Pool, source: EventStore, total: number): Promise<Sample> {
  let events = 0;
  let ops = 0;
  const start = performance.now();
  for (let after = LOG_START; events < total; ops++) {
    const rows = await readLog(pool, source.schema, after, BATCH, 'event_log');
    if (rows.length === 0) throw new Error(`readLog ended after ${events}/${total} events`);
    events += rows.length;
    after = rows[rows.length - 1]!.position;
  }
  return { ops, events, ms: performance.now() - start };
}

/** Catching up on `total` events of a service's log: `createLogConsumer` versus bare `readLog` batches. */
export async function logCatchup(pool: pg.Pool, prefilled: Prefilled, total: number): Promise<{ ours: Sample; baseline: Sample }> {
  await createEventStore({ pool, schema: READER }).migrate();
  await countsTable(pool, READER);
  await timeConsumer(pool, prefilled.warm, 'warm', prefilled.warmEvents);
  await timeRead(pool, prefilled.warm, prefilled.warmEvents);
  const ours = await timeConsumer(pool, prefilled.store, 'counts', total);
  const baseline = await timeRead(pool, prefilled.store, total);
  return { ours, baseline };
}
