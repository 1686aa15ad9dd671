import { performance } from 'node:perf_hooks';
import { dropVersion, liveVersion, rebuildProjection, type Consumer, type LogPosition, type Projection } from '@mpp/eventstore';
import { consumerFactory, type ProjectionSpec } from '@mpp/runtime';
import pg from 'pg';
import { pgOwnTypes } from '../eventstore/pg-types.js';
import type { Sample } from '../eventstore/measure.js';
import type { ProjectionTime } from './catchup.js';

const PAGE = 500; // the log consumer's batch

/** Several consumers as one (the log transport has one per source), as `mpp rebuild` runs them. */
function allOf(consumers: Consumer[]): Consumer {
  return {
    start: () => consumers.forEach((c) => c.start()),
    stop: async () => void (await Promise.all(consumers.map((c) => c.stop()))),
    status: () =>
      consumers.map((c) => c.status()).reduce((a, b) => ({ running: a.running && b.running, applied: a.applied + b.applied, deadLettered: a.deadLettered + b.deadLettered, failures: a.failures + b.failures })),
  };
}

interface SourceLog {
  readonly events: number;
  readonly last: LogPosition | undefined;
}

async function sourceLog(pool: pg.Pool, source: string): Promise<SourceLog> {
  const { rows } = await pool.query<{ n: number; t: string | null; g: string | null }>(
    `select (select count(*)::int from "${source}".event_log) as n, l.transaction_id::text as t, l.global_position::text as g
       from (select 1) x left join lateral (select transaction_id, global_position from "${source}".event_log order by transaction_id desc, global_position desc limit 1) l on true`,
  );
  const r = rows[0]!;
  return { events: r.n, last: r.t && r.g ? { transactionId: r.t, globalPosition: r.g } : undefined };
}

type Attempt = { readonly ms: number } | { readonly failed: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ours: `rebuildProjection` (what `mpp rebuild <projection>` runs) with the log consumers of
 * single-node mode, one per source, on `pool`. With `guard` (the pool's application name), gives
 * up at the first dead letter or after 10 s without progress — ending the stuck transactions so
 * the consumers can stop — and drops the half-built version.
 */
async function timeRebuild(o: { pool: pg.Pool; admin: pg.Pool; schema: string; spec: ProjectionSpec; logs: ReadonlyMap<string, SourceLog>; guard?: string }): Promise<Attempt> {
  const { pool, admin, schema, spec, logs } = o;
  const consumers = consumerFactory({ schema, db: pool, kafkaBrokers: [] });
  const expected = spec.sources.reduce((n, s) => n + logs.get(s)!.events, 0);
  const version = ((await liveVersion(admin, schema, spec.definition.name)) ?? 0) + 1;
  let consumer: Consumer | undefined;
  let failed: string | undefined;
  let progress = { applied: -1, at: performance.now() };
  const start = performance.now();
  // Caught up: the stored position of each source is its last event (nothing is appended meanwhile).
  const caughtUp = async (projection: Projection) => {
    const s = consumer!.status();
    const now = performance.now();
    if (s.applied !== progress.applied) progress = { applied: s.applied, at: now };
    if (o.guard && s.deadLettered > 0) failed = `dead-lettered ${s.deadLettered} after ${((now - start) / 1000).toFixed(1)} s`;
    else if (o.guard && now - progress.at > 10_000) failed = `no progress for 10 s (${s.applied} applied), ${((now - start) / 1000).toFixed(1)} s in`;
    if (failed) throw new Error(failed);
    const { rows } = await admin.query<{ source: string; t: string; g: string }>(
      `select source, transaction_id::text as t, global_position::text as g from "${schema}".consumer_positions where consumer = $1`,
      [projection.name],
    );
    return spec.sources.every((s) => {
      const last = logs.get(s)!.last;
      const at = rows.find((r) => r.source === s);
      return !last || (at?.t === last.transactionId && at.g === last.globalPosition);
    });
  };
  const rebuilding = rebuildProjection({
    pool,
    schema,
    definition: spec.definition,
    consumerFor: (projection) => (consumer = allOf(consumers(projection, spec.sources))),
    caughtUp,
    total: async () => expected,
  });
  // rebuildProjection stops the consumer when caughtUp throws; transactions stuck behind each
  // other's row locks would keep it from stopping: end them (this bench's connections, by name).
  let ended = false;
  const ending = (async () => {
    while (!ended) {
      await sleep(250);
      if (failed && o.guard) await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [o.guard]);
    }
  })();
  try {
    const result = await rebuilding;
    const ms = performance.now() - start;
    await result.consumer.stop();
    const s = result.consumer.status();
    if (s.applied !== expected || s.deadLettered > 0) throw new Error(`rebuild of ${spec.definition.name}: applied ${s.applied}/${expected}, ${s.deadLettered} dead letters`);
    return { ms };
  } catch (error) {
    if (!failed) throw error;
    await dropVersion(admin, schema, spec.definition, version);
    return { failed };
  } finally {
    ended = true;
    await ending;
  }
}

/** Baseline: each source's `event_log` read in pages of the consumer's size (keyset, same order and horizon), rows as pg gives them. */
async function rawRead(pool: pg.Pool, source: string): Promise<number> {
  let n = 0;
  for (let t = '0', g = '0'; ; ) {
    const { rows } = await pool.query<{ transaction_id: string; global_position: string }>({
      name: `bench-raw-log-${source}`,
      text: `select e.event_id, e.type, e.stream_id, e.version, e.transaction_id::text as transaction_id, e.global_position::text as global_position, e.data, e.metadata, e.recorded_at
               from "${source}".event_log e
              where (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint) and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
              order by e.transaction_id, e.global_position limit $3`,
      values: [t, g, PAGE],
    });
    n += rows.length;
    if (rows.length < PAGE) return n;
    ({ transaction_id: t, global_position: g } = rows[rows.length - 1]!);
  }
}

async function timeRaw(pool: pg.Pool, spec: ProjectionSpec, logs: ReadonlyMap<string, SourceLog>): Promise<number> {
  const start = performance.now();
  const read = await Promise.all(spec.sources.map((s) => rawRead(pool, s)));
  const ms = performance.now() - start;
  const expected = spec.sources.reduce((n, s) => n + logs.get(s)!.events, 0);
  if (read.reduce((a, b) => a + b, 0) !== expected) throw new Error(`raw read of ${spec.sources.join(', ')}: ${read.join(' + ')} rows, expected ${expected}`);
  return ms;
}

export interface LogRebuild {
  readonly ours: Sample;
  readonly baseline: Sample;
  readonly each: (ProjectionTime & { readonly rawMs: number; readonly deadlocks: number; readonly mode: 'as deployed' | 'one connection'; readonly asDeployedFailure?: string })[];
}

async function deadlocks(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('select deadlocks::int as n from pg_stat_database where datname = current_database()');
  return rows[0]?.n ?? 0;
}

function namedPool(url: string, max: number, name: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types: pgOwnTypes, application_name: name });
  pool.on('error', () => undefined); // an idle connection ended by the guard
  return pool;
}

/**
 * `mpp rebuild` of each projection in turn over the PostgreSQL logs (single-node mode: a log
 * consumer per source, the CLI's pool of 6), each against reading the same logs raw. The live
 * version (whatever the Kafka benches left) keeps its tables; each rebuild adds the next version
 * and switches to it. A rebuild that refuses events or stalls as deployed (its sources'
 * transactions deadlocking on shared rows) is recorded, dropped, and repeated on one connection
 * (the sources' consumers taking turns).
 */
export async function logRebuild(url: string, schema: string, specs: readonly ProjectionSpec[], log: (m: string) => void): Promise<LogRebuild> {
  const admin = namedPool(url, 2, 'bench-reporting-admin');
  const cli = namedPool(url, 6, 'bench-reporting-rebuild');
  const serial = namedPool(url, 1, 'bench-reporting-rebuild-serial');
  try {
    const sources = [...new Set(specs.flatMap((s) => s.sources))];
    const logs = new Map(await Promise.all(sources.map(async (s) => [s, await sourceLog(admin, s)] as const)));
    for (const s of sources) await rawRead(cli, s); // warm-up: the logs in the buffer cache, the statements prepared
    const each: LogRebuild['each'] = [];
    for (const spec of specs) {
      const before = await deadlocks(admin);
      const first = await timeRebuild({ pool: cli, admin, schema, spec, logs, guard: 'bench-reporting-rebuild' });
      let ms: number;
      if ('ms' in first) ms = first.ms;
      else {
        log(`reporting: rebuild of ${spec.definition.name} as deployed (its sources' log consumers at once) failed: ${first.failed}; again on one connection`);
        const second = await timeRebuild({ pool: serial, admin, schema, spec, logs });
        if (!('ms' in second)) throw new Error(`rebuild of ${spec.definition.name} failed: ${second.failed}`);
        ms = second.ms;
      }
      const rawMs = await timeRaw(cli, spec, logs);
      const events = spec.sources.reduce((n, s) => n + logs.get(s)!.events, 0);
      const deadlocked = (await deadlocks(admin)) - before;
      each.push({ projection: spec.definition.name, events, ms, rawMs, deadlocks: deadlocked, mode: 'ms' in first ? 'as deployed' : 'one connection', ...('ms' in first ? {} : { asDeployedFailure: first.failed }) });
      log(`reporting: rebuilt ${spec.definition.name} from ${events} events in ${(ms / 1000).toFixed(1)} s (${Math.round((events * 1000) / ms)} ev/s); raw read ${(rawMs / 1000).toFixed(2)} s${deadlocked ? `; ${deadlocked} deadlocks broken by PostgreSQL` : ''}`);
    }
    const events = each.reduce((n, e) => n + e.events, 0);
    const sum = (f: (e: (typeof each)[number]) => number) => each.reduce((n, e) => n + f(e), 0);
    return { ours: { ops: Math.ceil(events / PAGE), events, ms: sum((e) => e.ms) }, baseline: { ops: Math.ceil(events / PAGE), events, ms: sum((e) => e.rawMs) }, each };
  } finally {
    await Promise.all([admin, cli, serial].map((p) => p.end().catch(() => undefined)));
  }
}
