import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createEventStore, LOG_START, prepareVersion, projectionVersion, readKafkaDeadLetters, readLog, switchTo, toCloudEvent, type Consumer } from '@mpp/eventstore';
import type { KafkaClient } from '@mpp/kafka';
import { consumerFactory, topicOf, type ProjectionSpec } from '@mpp/runtime';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { pgOwnTypes } from '../eventstore/pg-types.js';
import type { Sample } from '../eventstore/measure.js';
import { PARTITIONS, type World } from './prefill.js';

type Ends = Map<string, Map<number, bigint>>; // topic → partition → end offset

async function endsOf(kafka: KafkaClient, topics: readonly string[]): Promise<Ends> {
  const ends: Ends = new Map();
  for (const t of topics) ends.set(t, new Map((await kafka.endOffsets(t)).map((p) => [p.partition, BigInt(p.offset)])));
  return ends;
}

const messagesIn = (ends: Ends, topics: readonly string[]) => topics.reduce((n, t) => n + Number([...ends.get(t)!.values()].reduce((a, b) => a + b, 0n)), 0);

/** The Kafka topics a projection's consumer group reads, as `consumerFactory` subscribes it. */
export const topicsOf = (spec: ProjectionSpec, schema: string, prefix: string) => spec.sources.filter((s) => s !== schema).map((s) => topicOf(s, prefix));

export interface Deployed {
  readonly spec: ProjectionSpec;
  readonly consumers: Consumer[];
}

/**
 * The projections as `startProjections` deploys them: version 1 prepared and live (views
 * switched), one consumer group per projection over the other services' topics, on the pool
 * `poolFor` gives it (the service has one pool for all of them).
 */
export async function deploy(admin: pg.Pool, poolFor: (spec: ProjectionSpec) => pg.Pool, schema: string, specs: readonly ProjectionSpec[], brokers: string[], prefix: string, prepare: boolean): Promise<Deployed[]> {
  if (prepare) {
    await createEventStore({ pool: admin, schema }).migrate();
    for (const spec of specs) {
      await prepareVersion(admin, schema, spec.definition, 1);
      await switchTo(admin, schema, spec.definition, 1);
    }
  }
  return specs.map((spec) => ({ spec, consumers: consumerFactory({ schema, db: poolFor(spec), kafkaBrokers: brokers, topicPrefix: prefix })(projectionVersion(schema, spec.definition, 1), spec.sources) }));
}

export interface ProjectionTime {
  readonly projection: string;
  readonly events: number;
  readonly ms: number;
}

type Outcome = { readonly sample: Sample; readonly each: ProjectionTime[]; readonly deadlocks: number } | { readonly failed: string; readonly deadlocks: number };

const STALL_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function deadlocks(admin: pg.Pool): Promise<number> {
  const { rows } = await admin.query<{ n: number }>('select deadlocks::int as n from pg_stat_database where datname = current_database()');
  return rows[0]?.n ?? 0;
}

/**
 * Ours: every projection from the beginning at once (as a fresh reporting service starts), from
 * the consumers' start until the offsets stored with each read model are the end of each of its
 * topics. With `guard`, gives up at the first dead letter or when a projection has made no progress for 10 s (a read
 * model that refuses genuine events is not caught up), ending its transactions so the consumers
 * can stop.
 */
async function timeProjections(o: { admin: pg.Pool; poolFor: (spec: ProjectionSpec) => pg.Pool; kafka: KafkaClient; schema: string; specs: readonly ProjectionSpec[]; brokers: string[]; prefix: string; guard?: string }): Promise<Outcome> {
  const { admin, kafka, schema, specs, prefix } = o;
  const deployed = await deploy(admin, o.poolFor, schema, specs, o.brokers, prefix, true);
  const topics = [...new Set(specs.flatMap((s) => topicsOf(s, schema, prefix)))];
  const ends = await endsOf(kafka, topics);
  // As deployed: the dead-letter topics exist before the consumers start (they make sure of it).
  await kafka.ensureTopics(topics.map((topic) => ({ topic: `${topic}.dlq` })));
  const names = specs.map((s) => `${s.definition.name}@v1`);
  const done = new Map<string, number>();
  const deadlocksBefore = await deadlocks(admin);
  const statuses = () => deployed.map((d) => ({ projection: d.spec.definition.name, ...d.consumers.map((c) => c.status()).reduce((a, b) => ({ running: a.running && b.running, applied: a.applied + b.applied, deadLettered: a.deadLettered + b.deadLettered, failures: a.failures + b.failures })) }));
  let failed: string | undefined;
  const start = performance.now();
  deployed.forEach((d) => d.consumers.forEach((c) => c.start()));
  const progress = new Map<string, { applied: number; at: number }>();
  while (done.size < specs.length && !failed) {
    await sleep(10);
    const now = performance.now();
    const s = statuses();
    for (const x of s) if (progress.get(x.projection)?.applied !== x.applied) progress.set(x.projection, { applied: x.applied, at: now });
    const refused = s.filter((x) => x.deadLettered > 0);
    const stalled = s.filter((x) => !done.has(`${x.projection}@v1`) && now - progress.get(x.projection)!.at > STALL_MS);
    if (o.guard && refused.length > 0) failed = `${refused.map((x) => `${x.projection} dead-lettered ${x.deadLettered}`).join(', ')} after ${((now - start) / 1000).toFixed(1)} s`;
    else if (o.guard && stalled.length > 0) failed = `${stalled.map((x) => `${x.projection} (${x.applied} applied)`).join(', ')} made no progress for ${STALL_MS / 1000} s, ${((now - start) / 1000).toFixed(1)} s in`;
    else if (now - start > 300_000) throw new Error(`projections not caught up in 300 s: ${JSON.stringify(s)}`);
    const { rows } = await admin.query<{ consumer: string; topic: string; partition: number; next_offset: string }>(
      `select consumer, topic, partition, next_offset::text from "${schema}".consumer_offsets where consumer = any($1::text[])`,
      [names],
    );
    const at = performance.now();
    for (const spec of specs) {
      const name = `${spec.definition.name}@v1`;
      if (done.has(name)) continue;
      const stored = new Map(rows.filter((r) => r.consumer === name).map((r) => [`${r.topic}/${r.partition}`, BigInt(r.next_offset)]));
      const reached = topicsOf(spec, schema, prefix).every((t) => [...ends.get(t)!].every(([p, end]) => (stored.get(`${t}/${p}`) ?? 0n) >= end));
      if (reached) done.set(name, at - start);
    }
  }
  const stopping = Promise.all(deployed.flatMap((d) => d.consumers.map((c) => c.stop())));
  if (failed) {
    // Transactions stuck behind each other's row locks never finish their batch: end them (this
    // bench's own connections, by application name) until the consumers have stopped.
    for (let stopped = false; !stopped; ) {
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()`, [o.guard]);
      stopped = await Promise.race([stopping.then(() => true), sleep(250).then(() => false)]);
    }
  }
  await stopping;
  const deadlocked = (await deadlocks(admin)) - deadlocksBefore;
  if (failed) return { failed, deadlocks: deadlocked };
  const ms = Math.max(...done.values());
  const each = specs.map((spec) => ({ projection: spec.definition.name, events: messagesIn(ends, topicsOf(spec, schema, prefix)), ms: done.get(`${spec.definition.name}@v1`)! }));
  for (const d of deployed) {
    const s = d.consumers.map((c) => c.status());
    const dead = s.reduce((n, x) => n + x.deadLettered, 0);
    const applied = s.reduce((n, x) => n + x.applied, 0);
    const expected = messagesIn(ends, topicsOf(d.spec, schema, prefix));
    if (dead > 0 || applied !== expected) {
      const letters = (await Promise.all(topicsOf(d.spec, schema, prefix).map((t) => readKafkaDeadLetters(kafka, t)))).flat();
      const why = [...new Set(letters.map((m) => `${m.headers.ce_type}: ${m.headers.mpp_dlq_error}`))].slice(0, 5);
      throw new Error(`${d.spec.definition.name}: applied ${applied}/${expected}, ${dead} dead letters (${JSON.stringify(s)}): ${why.join('; ')}`);
    }
  }
  const events = each.reduce((n, e) => n + e.events, 0);
  return { sample: { ops: events, events, ms }, each, deadlocks: deadlocked };
}

/**
 * Baseline: bare kafkajs consumers (kafkajs defaults, fresh groups), one per projection on the
 * same topics, all at once, `eachBatch` a no-op but for noting where it is; from connecting until
 * each has read to the end of each of its topics.
 */
async function timeRaw(brokers: string[], kafka: KafkaClient, topicSets: readonly (readonly string[])[]): Promise<Sample> {
  const ends = await endsOf(kafka, [...new Set(topicSets.flat())]);
  const raw = new Kafka({ clientId: 'bench-reporting-raw', brokers, logLevel: logLevel.NOTHING });
  let events = 0;
  const start = performance.now();
  await Promise.all(
    topicSets.map(async (topics) => {
      const remaining = new Map<string, bigint>([...ends].filter(([t]) => topics.includes(t)).flatMap(([t, parts]) => [...parts].filter(([, end]) => end > 0n).map(([p, end]) => [`${t}/${p}`, end] as const)));
      let reached!: () => void;
      const caughtUp = new Promise<void>((resolve) => (reached = resolve));
      if (remaining.size === 0) reached();
      const consumer = raw.consumer({ groupId: `bench.reporting.raw.${randomBytes(3).toString('hex')}`, allowAutoTopicCreation: false });
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      await consumer.run({
        eachBatch: async ({ batch }) => {
          events += batch.messages.length;
          const last = batch.messages[batch.messages.length - 1];
          const key = `${batch.topic}/${batch.partition}`;
          const stop = remaining.get(key);
          if (last && stop !== undefined && BigInt(last.offset) + 1n >= stop) remaining.delete(key);
          if (remaining.size === 0) reached();
        },
      });
      await caughtUp;
      await consumer.disconnect();
    }),
  );
  const ms = performance.now() - start;
  const expected = topicSets.reduce((n, t) => n + messagesIn(ends, t), 0);
  if (events !== expected) throw new Error(`raw consumers read ${events}/${expected} messages`);
  return { ops: events, events, ms };
}

/** The warm-ups' topics: the first messages of each source's log, as the relay publishes them. */
async function warmTopics(world: World, brokers: string[], prefix: string, sources: readonly string[], perSource: number): Promise<void> {
  await world.kafka.ensureTopics(sources.map((s) => ({ topic: topicOf(s, prefix), partitions: PARTITIONS })));
  const producer = new Kafka({ clientId: 'bench-reporting-warm', brokers, logLevel: logLevel.NOTHING }).producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const s of sources) {
      const store = world.stores.get(s)!;
      const events = await readLog(store.pool, store.schema, LOG_START, perSource);
      for (let i = 0; i < events.length; i += 500) {
        const messages = events.slice(i, i + 500).map((e) => toCloudEvent(e, `/mpp/${s}`)).map((m) => ({ key: m.key, value: m.value && Buffer.from(m.value), headers: { ...m.headers } }));
        await producer.send({ topic: topicOf(s, prefix), acks: -1, messages });
      }
    }
  } finally {
    await producer.disconnect();
  }
}

export interface KafkaCatchup {
  readonly ours: Sample;
  readonly baseline: Sample;
  /** One bare consumer on the queue's topic alone (what a single no-op reader takes). */
  readonly single: Sample;
  readonly each: ProjectionTime[];
  /** The schema whose read models are now caught up (the latency bench goes on from there). */
  readonly schema: string;
  /** How `ours` ran: as deployed, or — when that failed — one connection per projection. */
  readonly mode: 'as deployed' | 'one connection per projection';
  /** Why the run as deployed was given up, if it was. */
  readonly asDeployedFailure?: string;
  /** Deadlocks PostgreSQL broke during each attempt. */
  readonly deadlocks: { readonly asDeployed: number; readonly serial?: number };
}

/** A pool for the consumers: pg's own parsers, named so a stuck run's connections can be found. */
function consumersPool(url: string, max: number, name: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types: pgOwnTypes, application_name: name, options: '-c search_path=reporting' });
  pool.on('error', () => undefined); // an idle connection ended by the guard
  return pool;
}

/**
 * The reporting projections fed by the queue catching up on the relayed topics versus as many
 * bare consumers on the same topics. First as deployed: one pool of 10 for all consumers (the
 * service's), every partition of every topic in its own transaction at once. If a projection
 * then refuses events or stalls (its partitions' transactions deadlocking on shared rows), that
 * is recorded and the run is repeated with one connection per projection — its partitions take
 * turns, projections still run side by side — in a schema of its own (fresh consumer groups).
 * Warm-ups (the latter way) on a few thousand of the same messages, in a schema and topics of their own.
 */
export async function kafkaCatchup(world: World, url: string, admin: pg.Pool, schema: string, specs: readonly ProjectionSpec[], brokers: string[], log: (m: string) => void): Promise<KafkaCatchup> {
  const sources = [...new Set(specs.flatMap((s) => s.sources))].filter((s) => s !== schema);
  const pools: pg.Pool[] = [];
  const pool = (max: number, name: string) => {
    const p = consumersPool(url, max, name);
    pools.push(p);
    return p;
  };
  const perProjection = (name: string) => {
    const bySpec = new Map<ProjectionSpec, pg.Pool>();
    return (spec: ProjectionSpec) => bySpec.get(spec) ?? bySpec.set(spec, pool(1, name)).get(spec)!;
  };
  try {
    const warmPrefix = `${world.prefix}warm.`;
    await warmTopics(world, brokers, warmPrefix, sources, 2_000);
    await timeProjections({ admin, poolFor: perProjection('bench-reporting-warm'), kafka: world.kafka, schema: `${schema}_warm`, specs, brokers, prefix: warmPrefix });
    await timeRaw(brokers, world.kafka, specs.map((s) => topicsOf(s, schema, warmPrefix)));
    log('reporting: Kafka catch-up warmed up');

    const shared = pool(10, 'bench-reporting-deployed');
    const first = await timeProjections({ admin, poolFor: () => shared, kafka: world.kafka, schema, specs, brokers, prefix: world.prefix, guard: 'bench-reporting-deployed' });
    let ours: { sample: Sample; each: ProjectionTime[] };
    let mode: KafkaCatchup['mode'] = 'as deployed';
    let caughtUp = schema;
    let serialDeadlocks: number | undefined;
    if (!('failed' in first)) ours = first;
    else {
      log(`reporting: as deployed (one pool of 10, partitions at once) the catch-up failed: ${first.failed}; ${first.deadlocks} deadlocks broken by PostgreSQL. Again with one connection per projection.`);
      caughtUp = `${schema}_serial`;
      const second = await timeProjections({ admin, poolFor: perProjection('bench-reporting-serial'), kafka: world.kafka, schema: caughtUp, specs, brokers, prefix: world.prefix });
      if ('failed' in second) throw new Error(`catch-up failed: ${second.failed}`);
      ours = second;
      mode = 'one connection per projection';
      serialDeadlocks = second.deadlocks;
    }
    const baseline = await timeRaw(brokers, world.kafka, specs.map((s) => topicsOf(s, schema, world.prefix)));
    const single = await timeRaw(brokers, world.kafka, [[topicOf('queue', world.prefix)]]);
    return {
      ours: ours.sample,
      baseline,
      single,
      each: ours.each,
      schema: caughtUp,
      mode,
      ...('failed' in first ? { asDeployedFailure: first.failed } : {}),
      deadlocks: { asDeployed: first.deadlocks, ...(serialDeadlocks === undefined ? {} : { serial: serialDeadlocks }) },
    };
  } finally {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  }
}
