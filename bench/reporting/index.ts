import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { projections } from '@mpp/reporting';
import { createDatabase } from '@mpp/testing';
import pg from 'pg';
import { pgOwnTypes } from '../eventstore/pg-types.js';
import { writeJson, type Comparison } from '../eventstore/report.js';
import { kafkaCatchup } from './catchup.js';
import { boardLatency, type BoardLatency } from './latency.js';
import { buildWorld, type World } from './prefill.js';
import { logRebuild } from './rebuild.js';

const SCHEMA = 'reporting';

export interface ReportingResults {
  readonly comparisons: Comparison[];
  readonly latency: BoardLatency;
  /** The latency row of the printed table (p50 / p99 against the bare Kafka round trip). */
  readonly latencyRow: string;
}

/**
 * The reporting service's benches (issue 8) on a database of their own: the service's
 * projections fed by the queue (`projections` of @mpp/reporting whose sources include `queue`,
 * so new ones join by themselves) over realistic catalog and queue events —
 *  1. catching up on Kafka from the beginning versus bare kafkajs consumers on the same topics;
 *  2. `mpp rebuild`'s blue-green rebuild from the PostgreSQL logs versus reading the logs raw;
 *  3. event-to-board latency, live on Kafka, versus a bare producer-to-consumer round trip.
 * Each runs as the platform deploys it; where that fails (the board's partitions or sources
 * deadlocking on shared rows, refusing events or stalling) the failure is recorded and the run
 * repeated with each projection's transactions taking turns on one connection.
 * Writes `out` when given.
 */
export async function reportingBench(options: { adminUrl: string; brokers: string[]; quick: boolean; log: (m: string) => void; out?: string }): Promise<ReportingResults> {
  const { quick, brokers, log } = options;
  const started = performance.now();
  const specs = projections.filter((p) => p.sources.includes('queue'));
  if (!specs.some((s) => s.definition.name === 'board')) throw new Error('@mpp/reporting has no board projection');
  log(`reporting: projections fed by the queue: ${specs.map((s) => `${s.definition.name} (${s.sources.join(', ')})`).join(', ')}`);
  const queueEvents = quick ? 10_000 : 100_000;
  const latencyOptions = { commands: quick ? 90 : 450, warm: 12, perSecond: 20 };
  const liveCounters = 12;
  // A call every three commands per counter, and a few tickets spare.
  const liveTickets = Math.ceil(((latencyOptions.commands + latencyOptions.warm) / 3) * 1.3) + liveCounters;

  const db = await createDatabase(options.adminUrl, 'mpp_bench_reporting');
  let world: World | undefined;
  // The reporting service's pool (openServiceDatabase: 10 connections), with pg's own parsers.
  const pool = new pg.Pool({ connectionString: db.url, max: 10, options: `-c search_path=${SCHEMA}`, types: pgOwnTypes });
  try {
    world = await buildWorld(db.url, brokers, { queueEvents, sources: specs.flatMap((s) => s.sources), liveTickets, liveCounters, quick, log });
    const events = Object.fromEntries(world.counts);

    log(`reporting: Kafka catch-up, ${specs.length} projections at once`);
    const k = await kafkaCatchup(world, db.url, pool, SCHEMA, specs, brokers, log);
    log(`reporting: caught up ${k.mode}${k.deadlocks.serial ? ` (${k.deadlocks.serial} deadlocks broken by PostgreSQL)` : ''}`);
    for (const e of k.each) log(`reporting:   ${e.projection}: ${e.events} events caught up after ${(e.ms / 1000).toFixed(1)} s`);
    log(`reporting: one bare consumer on the queue topic alone: ${(k.single.ms / 1000).toFixed(1)} s for ${k.single.events} messages`);

    log(`reporting: event-to-board latency, ${latencyOptions.commands} counter commands at ${latencyOptions.perSecond}/s`);
    const latency = await boardLatency(world, pool, k.schema, specs, brokers, latencyOptions);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    log(`reporting: event-to-board p50 ${ms(latency.ours.p50)}, p90 ${ms(latency.ours.p90)}, p99 ${ms(latency.ours.p99)}, max ${ms(latency.ours.max)}; kafkajs produce→eachMessage p50 ${ms(latency.baseline.p50)}, p99 ${ms(latency.baseline.p99)}${latency.overtaken ? `; ${latency.overtaken} seen only with a later change` : ''}`);

    log(`reporting: mpp rebuild from the PostgreSQL logs, ${specs.length} projections one after another`);
    const r = await logRebuild(db.url, k.schema, specs, log);

    const queueMessages = world.counts.get('queue') ?? 0;
    const serial = r.each.filter((e) => e.mode !== 'as deployed').map((e) => e.projection);
    const comparisons: Comparison[] = [
      { benchmark: `reporting: Kafka catch-up, ${specs.length} projections, ${Math.round(queueMessages / 1000)}k queue events${k.mode === 'as deployed' ? '' : `, ${k.mode}`} (op = event)`, baselineName: `${specs.length} kafkajs eachBatch no-op consumers`, ours: k.ours, baseline: k.baseline },
      { benchmark: `reporting: mpp rebuild from the log, ${specs.length} projections${serial.length > 0 ? ` (${serial.join(', ')} on one connection)` : ''} (op = batch of 500)`, baselineName: 'raw select, pages of 500', ours: r.ours, baseline: r.baseline },
    ];
    const latencyRow = `| reporting: event-to-board latency, ${latencyOptions.perSecond} commands/s (p50 / p99) | ${ms(latency.ours.p50)} / ${ms(latency.ours.p99)} | kafkajs produce→eachMessage: ${ms(latency.baseline.p50)} / ${ms(latency.baseline.p99)} | ×${(latency.ours.p50 / latency.baseline.p50).toFixed(1)} / ×${(latency.ours.p99 / latency.baseline.p99).toFixed(1)} (latency) | — |`;
    if (options.out) {
      const { rows } = await pool.query<{ v: string }>('show server_version');
      writeJson(
        options.out,
        {
          date: new Date().toISOString(),
          seconds: (performance.now() - started) / 1000,
          quick,
          node: process.version,
          cpus: cpus().length,
          postgres: rows[0]?.v,
          projections: specs.map((s) => ({ name: s.definition.name, sources: s.sources })),
          events,
          kafkaCatchup: { mode: k.mode, asDeployedFailure: k.asDeployedFailure ?? null, deadlocks: k.deadlocks, perProjection: k.each.map((e) => ({ ...e, ms: Math.round(e.ms), eventsPerSec: (e.events * 1000) / e.ms })), singleRawConsumerOnQueueTopic: { ...k.single, ms: Math.round(k.single.ms) } },
          rebuild: { perProjection: r.each.map((e) => ({ ...e, ms: Math.round(e.ms), rawMs: Math.round(e.rawMs), eventsPerSec: (e.events * 1000) / e.ms, rawEventsPerSec: (e.events * 1000) / e.rawMs })) },
          latency: { ...latency, p50Ratio: latency.ours.p50 / latency.baseline.p50, p99Ratio: latency.ours.p99 / latency.baseline.p99 },
        },
        comparisons,
      );
    }
    return { comparisons, latency, latencyRow };
  } finally {
    await pool.end().catch(() => undefined);
    await world?.close();
    await db.drop().catch((e: unknown) => log(`drop ${db.name}: ${String(e)}`));
  }
}
