/**
 * `npm run bench`: the event store against baselines measured in the same run, on one fresh
 * database and one broker. BENCH_QUICK=1 shortens everything for a smoke run (numbers then mean little).
 * BENCH_ONLY=append,hot,relay,catchup,search runs some groups (catch-up needs the relay's topic, so it
 * brings the relay along) and prints without writing the results file. The reporting group writes
 * its own file, `bench/results/reporting.json`, whenever it runs, but for a BENCH_ONLY smoke run;
 * the gateway group writes `bench/results/gateway.json` whenever it runs, but for a smoke run.
 */
import { pgOwnTypes } from './eventstore/pg-types.js'; // first: before Emmett touches pg's parsers
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEventStore } from '@mpp/eventstore';
import { createDatabase, sharedPostgres, startKafkaBroker, type KafkaBroker } from '@mpp/testing';
import pg from 'pg';
import { oursAppend, rawAppend } from './eventstore/append.js';
import { createEmmett, emmettAppend } from './eventstore/emmett.js';
import { hotStreamSides } from './eventstore/hot-stream.js';
import { kafkaCatchup } from './eventstore/catchup-kafka.js';
import { logCatchup } from './eventstore/catchup-log.js';
import { compare, type Timing } from './eventstore/measure.js';
import { relayBench } from './eventstore/relay.js';
import { searchBench } from './catalog/search.js';
import { ticketsBench } from './queue/tickets.js';
import { reportingBench } from './reporting/index.js';
import { gatewayBench } from './gateway/tickets.js';
import { writeFileSync } from 'node:fs';
import { line, table, writeJson, type Comparison } from './eventstore/report.js';

const quick = process.env.BENCH_QUICK === '1';
const GROUPS = ['append', 'hot', 'relay', 'catchup', 'search', 'tickets', 'reporting', 'gateway'] as const;
const listed = (process.env.BENCH_ONLY ?? '').split(',').map((g) => g.trim()).filter(Boolean);
const only = listed.length > 0 ? listed : undefined;
const unknown = only?.filter((g) => !(GROUPS as readonly string[]).includes(g)) ?? [];
if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown group(s) ${unknown.join(', ')}; choose from ${GROUPS.join(', ')}`);
const runs = (group: (typeof GROUPS)[number]) => !only || only.includes(group) || (group === 'relay' && only.includes('catchup'));
const WRITERS = 16;
const HOT_WRITERS = 50;
// One pool size for every side, so no side wins on connections (2 cores: more would not help).
const POOL_MAX = 16;
const RELAY_EVENTS = quick ? 10_000 : 100_000;
const timing = (concurrency: number): Timing => ({ concurrency, warmupMs: quick ? 300 : 1_000, roundMs: quick ? 500 : 4_000 });
const OUT = fileURLToPath(new URL('./results/eventstore.json', import.meta.url));
const CATALOG_OUT = fileURLToPath(new URL('./results/catalog.json', import.meta.url));
const REPORTING_OUT = fileURLToPath(new URL('./results/reporting.json', import.meta.url));
const GATEWAY_OUT = fileURLToPath(new URL('./results/gateway.json', import.meta.url));

// eslint-disable-next-line no-console -- the bench reports on stdout
const log = (m: string) => console.log(`[bench] ${m}`);
const started = performance.now();
const postgres = await sharedPostgres();
const db = await createDatabase(postgres.url, 'mpp_bench');
const emmettDb = await createDatabase(postgres.url, 'mpp_bench_emmett');
let broker: KafkaBroker | undefined;
const pools: pg.Pool[] = [];
const pool = (url: string, types: pg.CustomTypesConfig | undefined = pgOwnTypes) => {
  const p = new pg.Pool({ connectionString: url, max: POOL_MAX, ...(types ? { types } : {}) });
  pools.push(p);
  return p;
};
const results: Comparison[] = [];
const record = (c: Comparison) => {
  results.push(c);
  log(line(c));
};

try {
  const brokers = process.env.KAFKA_BROKERS?.split(',').map((b) => b.trim()) ?? (broker = await startKafkaBroker({ log })).brokers;
  log(`postgres: ${postgres.source}; kafka: ${broker ? 'started here' : 'KAFKA_BROKERS'} ${brokers.join(',')}`);

  // a + b: ours, raw pg and Emmett on the same workload, rounds interleaved.
  const ours = createEventStore({ pool: pool(db.url), schema: 'bench_ours' });
  await ours.migrate();
  const rawPool = pool(db.url);
  const emmett = await createEmmett(emmettDb.url, pool(emmettDb.url, undefined));
  for (const size of runs('append') ? [1, 10] : []) {
    log(`append: ${WRITERS} writers, ${size} event(s) per command`);
    const s = await compare(timing(WRITERS), {
      ours: oursAppend(ours, size),
      raw: await rawAppend(rawPool, 'bench_raw', size),
      emmett: emmettAppend(emmett, size),
    });
    record({ benchmark: `append, ${size} event/cmd`, baselineName: 'raw pg', ours: s.ours!, baseline: s.raw!, aim: 0.8 });
    record({ benchmark: `append, ${size} event/cmd vs Emmett`, baselineName: 'Emmett', ours: s.ours!, baseline: s.emmett!, aim: 1.5 });
  }

  // c: one hot stream versus one stream per writer, same handler.
  if (runs('hot')) {
    log(`hot stream: ${HOT_WRITERS} writers through createCommandHandler`);
    const hotStore = createEventStore({ pool: pool(db.url), schema: 'bench_hot' });
    await hotStore.migrate();
    const { hot, spread } = hotStreamSides(hotStore);
    const h = await compare(timing(HOT_WRITERS), { hot, spread });
    record({ benchmark: `hot stream (${HOT_WRITERS} writers, 1 stream)`, baselineName: `${HOT_WRITERS} streams`, ours: h.hot!, baseline: h.spread!, aim: 0.5 });
  }

  // d: relay versus a bare producer.
  if (runs('relay')) {
    log(`relay: ${RELAY_EVENTS} events, batches of 500`);
    const r = await relayBench(pool(db.url), brokers, RELAY_EVENTS, log);
    record({ benchmark: `relay ${RELAY_EVENTS / 1000}k events (op = batch of 500)`, baselineName: 'kafkajs producer', ours: r.ours, baseline: r.baseline, aim: 0.8 });

    if (runs('catchup')) {
      // e + f: catching up from the beginning on what the relay bench left: its topic and its log.
      log(`Kafka catch-up: ${RELAY_EVENTS} events, 3 partitions, counting read model`);
      const k = await kafkaCatchup(pool(db.url), brokers, r.prefilled);
      record({ benchmark: `Kafka catch-up ${RELAY_EVENTS / 1000}k events (op = event)`, baselineName: 'kafkajs eachBatch no-op', ours: k.ours, baseline: k.baseline, aim: 0.7 });
      log(`log catch-up: ${RELAY_EVENTS} events, batches of 500, counting read model`);
      const l = await logCatchup(pool(db.url), r.prefilled, RELAY_EVENTS);
      record({ benchmark: `log catch-up ${RELAY_EVENTS / 1000}k events (op = batch of 500)`, baselineName: 'readLog loop', ours: l.ours, baseline: l.baseline });
    }
  }

  let searchLine = '';
  if (runs('search')) {
    // g: catalog search at ~10,000 services against an indexed lookup by code, same table.
    const catalogDb = await createDatabase(postgres.url, 'mpp_bench_catalog');
    try {
      const s = await searchBench(pool(catalogDb.url), quick ? 300 : 2_000);
      const ms = (x: number) => `${x.toFixed(2)} ms`;
      searchLine = `| catalog search, ${s.services.toLocaleString('en-US')} services (p50 / p99) | ${ms(s.ours.p50)} / ${ms(s.ours.p99)} | lookup by code: ${ms(s.baseline.p50)} / ${ms(s.baseline.p99)} | ×${(s.ours.p50 / s.baseline.p50).toFixed(1)} / ×${(s.ours.p99 / s.baseline.p99).toFixed(1)} (latency) | — |`;
      log(`catalog search: ${s.ours.queries} queries on ${s.services} services: p50 ${ms(s.ours.p50)}, p99 ${ms(s.ours.p99)}; lookup by code p50 ${ms(s.baseline.p50)}, p99 ${ms(s.baseline.p99)}`);
      if (!only) writeFileSync(CATALOG_OUT, JSON.stringify({ date: new Date().toISOString(), quick, services: s.services, search: s.ours, lookupByCode: s.baseline, p50Ratio: s.ours.p50 / s.baseline.p50, p99Ratio: s.ours.p99 / s.baseline.p99 }, null, 2) + '\n');
    } finally {
      await catalogDb.drop().catch((e: unknown) => log(`drop ${catalogDb.name}: ${String(e)}`));
    }
  }

  if (runs('tickets')) {
    // h: the queue's hot path: tickets on one queue's day from 50 kiosks at once.
    const queueDb = await createDatabase(postgres.url, 'mpp_bench_queue');
    const t = await ticketsBench(queueDb.url, pool(queueDb.url), log);
    try {
      log(`tickets: ${HOT_WRITERS} kiosks on one queue`);
      const s = await compare(timing(HOT_WRITERS), { ours: t.ours, raw: t.baseline });
      record({ benchmark: `tickets on one hot queue (${HOT_WRITERS} issuers)`, baselineName: 'single-row INSERT, unique (queue, day, number)', ours: s.ours!, baseline: s.raw!, aim: 0.5 });
    } finally {
      await t.stop();
      await queueDb.drop().catch((e: unknown) => log(`drop ${queueDb.name}: ${String(e)}`));
    }
  }

  const reporting: Comparison[] = [];
  let reportingLine = '';
  if (runs('reporting')) {
    // i: the reporting service's projections: Kafka catch-up, rebuild from the log, event-to-board latency.
    const r = await reportingBench({ adminUrl: postgres.url, brokers, quick, log, ...(quick && only ? {} : { out: REPORTING_OUT }) });
    for (const c of r.comparisons) {
      reporting.push(c);
      log(line(c));
    }
    reportingLine = r.latencyRow;
  }

  let gatewayLine = '';
  if (runs('gateway')) {
    // j: ticket issue through the public API (HTTP → gRPC → append) against a bare fastify INSERT route.
    const gatewayDb = await createDatabase(postgres.url, 'mpp_bench_gateway');
    try {
      log('gateway: the all-in-one platform on the PostgreSQL log, 50 connections (autocannon)');
      const g = await gatewayBench({ databaseUrl: gatewayDb.url, quick, log });
      const c: Comparison = { benchmark: `ticket issue through the gateway (${g.connections} connections)`, baselineName: 'bare fastify route, same INSERT', ours: g.ours, baseline: g.baseline, aim: 0.5 };
      reporting.push(c);
      log(line(c));
      const ms = (x: number) => `${x.toFixed(1)} ms`;
      gatewayLine = `| ticket issue at ${g.offered} req/s offered (p50 / p99) | ${ms(g.oursLatency.p50)} / ${ms(g.oursLatency.p99)} | bare route: ${ms(g.baselineLatency.p50)} / ${ms(g.baselineLatency.p99)} | ×${(g.oursLatency.p50 / Math.max(g.baselineLatency.p50, 0.1)).toFixed(1)} / ×${(g.oursLatency.p99 / Math.max(g.baselineLatency.p99, 0.1)).toFixed(1)} (latency) | — |`;
      log(`gateway latency at ${g.offered} req/s: ours p50 ${ms(g.oursLatency.p50)} p99 ${ms(g.oursLatency.p99)} (${g.oursLatency.errors} errors); bare p50 ${ms(g.baselineLatency.p50)} p99 ${ms(g.baselineLatency.p99)}`);
      if (!quick) writeJson(GATEWAY_OUT, { date: new Date().toISOString(), quick, node: process.version, cpus: cpus().length, connections: g.connections, offeredLoad: g.offered, latency: { ours: g.oursLatency, bare: g.baselineLatency, p50Ratio: g.oursLatency.p50 / g.baselineLatency.p50, p99Ratio: g.oursLatency.p99 / g.baselineLatency.p99 } }, [c]);
    } finally {
      await gatewayDb.drop().catch((e: unknown) => log(`drop ${gatewayDb.name}: ${String(e)}`));
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const { rows } = await pools[0]!.query<{ v: string }>('show server_version');
  if (!only) writeJson(OUT, { date: new Date().toISOString(), seconds, quick, node: process.version, cpus: cpus().length, postgres: rows[0]?.v, writers: WRITERS, hotWriters: HOT_WRITERS, poolMax: POOL_MAX, timing: timing(WRITERS) }, results);
  const extra = [searchLine, reportingLine, gatewayLine].filter(Boolean);
  const written = [only ? 'BENCH_ONLY: eventstore.json left as it was' : `written to ${OUT}`, ...(runs('reporting') && !(quick && only) ? [`reporting: ${REPORTING_OUT}`] : []), ...(runs('gateway') && !quick ? [`gateway: ${GATEWAY_OUT}`] : [])];
  // eslint-disable-next-line no-console -- the bench reports on stdout
  console.log(`\n${table([...results, ...reporting])}${extra.map((l) => `\n${l}`).join('')}\n\n${results.length + reporting.length + extra.length} benchmarks in ${seconds.toFixed(0)} s; ${written.join('; ')}`);
} finally {
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  await db.drop().catch((e: unknown) => log(`drop ${db.name}: ${String(e)}`));
  await emmettDb.drop().catch((e: unknown) => log(`drop ${emmettDb.name}: ${String(e)}`));
  await broker?.stop();
  await postgres.stop();
}
