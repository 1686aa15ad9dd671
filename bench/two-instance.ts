/**
 * `npm run scale:two-instance`: one consumer scaled past one process. A backlog of queue (and
 * catalog) events is appended to a fresh database and relayed to Kafka (3 partitions per topic, as
 * the services create them), then the reporting service (`mpp start --target=reporting`, every
 * projection a consumer group) catches it up: first one process, then — from scratch again
 * (reporting schema dropped, consumer groups deleted) — two processes with the same DATABASE_URL,
 * KAFKA_BROKERS and KAFKA_TOPIC_PREFIX, different gRPC and metrics ports, sharing the groups.
 * Records the time until every reporting group has read its topics to the end, events/s, which
 * member of each group held which partitions, and what each process applied (its
 * mpp_consumer_applied_events_total). Writes bench/results/two-instance-<date>.json.
 *
 *   npm run scale:two-instance -- --queue-events 40000 --order 1,2,1
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projections } from '@mpp/reporting';
import { topicOf } from '@mpp/runtime';
import { freePort, startKafkaBroker } from '@mpp/testing';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { buildWorld } from './reporting/prefill.js';
import { cpuMs, cpuSpan, createScaleDatabase, dropScaleDatabase, ROOT, sleep, stamp, startMpp, type PlatformProcess } from './scale-platform.js';

const { values } = parseArgs({ options: { 'queue-events': { type: 'string', default: '40000' }, order: { type: 'string', default: '1,2,1' }, 'timeout-sec': { type: 'string', default: '400' } } });
const queueEvents = Number(values['queue-events']);
const order = values.order!.split(',').map(Number);
const timeoutMs = Number(values['timeout-sec']) * 1000;
const log = (m: string) => process.stderr.write(`two-instance: ${m}\n`);

interface Assignment {
  group: string;
  members: { memberId: string; clientHost: string; partitions: Record<string, number[]> }[];
}

async function assignments(kafka: Kafka, groups: string[]): Promise<Assignment[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups: described } = await admin.describeGroups(groups);
    return described.map((g) => ({
      group: g.groupId,
      members: g.members.map((m) => {
        const decoded = m.memberAssignment.length ? AssignerProtocol.MemberAssignment.decode(m.memberAssignment) : null;
        return { memberId: m.memberId, clientHost: m.clientHost, partitions: decoded?.assignment ?? {} };
      }),
    }));
  } finally {
    await admin.disconnect();
  }
}

/** The reporting projections that consume Kafka: their group (named by the projection) and topics. */
const SPECS = projections.map((p) => ({ name: p.definition.name, sources: p.sources.filter((x) => x !== 'reporting') })).filter((p) => p.sources.length > 0);

/**
 * How far the reporting projections' groups are from the end of their topics: committed offsets
 * per topic the projection reads (a partition with no commit counts from 0), so a group that has
 * not committed on a topic yet is not taken for caught up.
 */
async function projectionLag(kafka: Kafka, prefix: string): Promise<{ lag: number; committed: number; groups: Record<string, string>; missing: string[] }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const listed = (await admin.listGroups()).groups.map((g) => g.groupId);
    const ends = new Map<string, Map<number, number>>();
    let lag = 0;
    let committed = 0;
    const groups: Record<string, string> = {};
    const missing: string[] = [];
    for (const spec of SPECS) {
      const head = `${prefix}mpp-reporting.${spec.name}`;
      const groupId = listed.find((g) => g === head || (g.startsWith(head) && !/[a-z0-9_]/i.test(g[head.length]!)));
      const topics = spec.sources.map((x) => topicOf(x, prefix));
      for (const t of topics) if (!ends.has(t)) ends.set(t, new Map((await admin.fetchTopicOffsets(t)).map((o) => [o.partition, Number(o.high)])));
      if (!groupId) {
        missing.push(spec.name);
        for (const t of topics) for (const end of ends.get(t)!.values()) lag += end;
        continue;
      }
      groups[spec.name] = groupId;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
        for (const o of partitions) {
          const at = Math.max(0, Number(o.offset));
          committed += at;
          lag += Math.max(0, (ends.get(topic)!.get(o.partition) ?? 0) - at);
        }
      }
    }
    return { lag, committed, groups, missing };
  } finally {
    await admin.disconnect();
  }
}

/** Deletes consumer groups, waiting while the broker still counts a stopped member in them. */
async function deleteGroups(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const deadline = Date.now() + 90_000; ; ) {
      const stale = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
      if (stale.length === 0) return;
      try {
        await admin.deleteGroups(stale);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(2_000);
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** `mpp_consumer_applied_events_total` of one process, summed over its consumers. */
async function applied(metricsPort: number): Promise<number | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    let n = 0;
    for (const line of text.split('\n')) if (line.startsWith('mpp_consumer_applied_events_total{')) n += Number(line.slice(line.lastIndexOf(' ') + 1));
    return n;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const when = stamp();
  const id = `twoinst_${Date.now().toString(36)}`;
  const dataDir = `/tmp/${id}`;
  const broker = await startKafkaBroker({ dataDir: join(dataDir, 'kafka') });
  const databaseUrl = await createScaleDatabase(id);
  const processes: PlatformProcess[] = [];
  const kafka = new Kafka({ brokers: broker.brokers, logLevel: logLevel.NOTHING });
  try {
    const sources = [...new Set(projections.flatMap((p) => p.sources))].filter((s) => s !== 'reporting');
    log(`prefilling ${queueEvents} queue events (sources ${sources.join(', ')})`);
    const world = await buildWorld(databaseUrl, broker.brokers, { queueEvents, sources, liveTickets: 0, liveCounters: 0, quick: false, log });
    const counts = Object.fromEntries(world.counts);
    await world.close();
    const groupPrefix = `${world.prefix}mpp-reporting.`;
    const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    admin.on('error', (error) => log(`admin pool: ${error.message}`));

    const runs = [];
    for (const instances of order) {
      // From scratch: no read models, no checkpoints, no committed offsets.
      await admin.query('drop schema if exists reporting cascade');
      await deleteGroups(kafka, groupPrefix);

      const ports = await Promise.all(Array.from({ length: instances }, async () => ({ grpc: await freePort(), metrics: await freePort() })));
      const group = Array.from({ length: instances }, (_, i) => i);
      const env = (i: number) => ({
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: broker.brokers.join(','),
        KAFKA_TOPIC_PREFIX: world.prefix,
        REPORTING_GRPC_PORT: String(ports[i]!.grpc),
        GRPC_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(ports[i]!.metrics),
      });
      // The projections' tables are prepared first, by a reporting process on topics with nothing
      // in them (another prefix), then stopped: replicas starting together on an empty schema race
      // creating those tables (a service bug: see docs/scale.md). Then every instance starts at once.
      const prep = await startMpp('reporting', { ...env(0), KAFKA_TOPIC_PREFIX: `${world.prefix}prep${runs.length}.` }, join(dataDir, `reporting-prep-${runs.length}.log`));
      let tables = -1;
      for (let stable = 0, deadline = Date.now() + 90_000; stable < 6 && Date.now() < deadline; await sleep(500)) {
        const n = Number((await admin.query<{ n: string }>("select count(*) as n from pg_tables where schemaname = 'reporting'")).rows[0]!.n);
        stable = n > 0 && n === tables ? stable + 1 : 0;
        tables = n;
      }
      await prep.stop();
      log(`reporting schema prepared (${tables} tables)`);
      const started = performance.now();
      const procs = await Promise.all(group.map((i) => startMpp('reporting', env(i), join(dataDir, `reporting-${instances}-${i}.log`))));
      const allStartedMs = performance.now() - started;
      processes.push(...procs);
      const span = cpuSpan({ reporting: () => procs.map((p) => p.pid), kafka: () => [broker.pid] });
      await span.ready;
      log(`${instances} reporting process(es) started: pids ${procs.map((p) => p.pid).join(', ')}`);

      let firstProgressMs: number | undefined;
      let seen: Assignment[] = [];
      let caughtUpMs: number | undefined;
      let last: Awaited<ReturnType<typeof projectionLag>> | undefined;
      while (performance.now() - started < timeoutMs) {
        const lag = await projectionLag(kafka, world.prefix).catch(() => undefined);
        if (lag) {
          last = lag;
          if (firstProgressMs === undefined && lag.committed > 0) firstProgressMs = performance.now() - started;
          // Who holds what, looked at while the groups are busy (after the joins).
          const groupIds = Object.values(lag.groups);
          if (groupIds.length > 0 && (seen.length < groupIds.length || performance.now() - started < 30_000)) seen = await assignments(kafka, groupIds).catch(() => seen);
          if (lag.missing.length === 0 && lag.lag === 0) {
            caughtUpMs = performance.now() - started;
            break;
          }
        }
        await sleep(250);
      }
      const cpu = await span.stop();
      const perProcess = await Promise.all(procs.map(async (p, i) => ({ pid: p.pid, appliedEvents: await applied(ports[i]!.metrics), cpuMs: cpuMs(p.pid) })));
      const deliveries = last?.committed ?? 0;
      await Promise.all(procs.map((p) => p.stop()));
      const sec = (caughtUpMs ?? Number.NaN) / 1000;
      const withPartitions = seen.map((g) => ({ group: g.group, membersWithPartitions: g.members.filter((m) => Object.values(m.partitions).some((ps) => ps.length > 0)).length, members: g.members }));
      const run = {
        instances,
        caughtUp: caughtUpMs !== undefined,
        caughtUpSec: Math.round(sec * 10) / 10,
        firstProgressSec: firstProgressMs === undefined ? null : Math.round(firstProgressMs / 100) / 10,
        allStartedSec: Math.round(allStartedMs / 100) / 10,
        groups: Object.keys(last?.groups ?? {}).length,
        deliveries,
        deliveriesPerSec: Math.round(deliveries / sec),
        queueEventsPerSec: Math.round((counts.queue ?? 0) / sec),
        catchUpAfterFirstProgressSec: firstProgressMs === undefined || caughtUpMs === undefined ? null : Math.round((caughtUpMs - firstProgressMs) / 100) / 10,
        cpu,
        perProcess,
        assignments: withPartitions,
        everyInstanceGotPartitions: instances === 1 || perProcess.every((p) => (p.appliedEvents ?? 0) > 0),
      };
      runs.push(run);
      log(`${instances} instance(s): ${run.caughtUp ? `caught up in ${run.caughtUpSec} s` : 'did NOT catch up'}, ${run.deliveriesPerSec} deliveries/s (${run.queueEventsPerSec} queue ev/s); applied per process ${perProcess.map((p) => p.appliedEvents).join(' / ')}; groups with both members holding partitions: ${withPartitions.filter((g) => g.membersWithPartitions >= 2).length}/${withPartitions.length}`);
      await sleep(3_000);
    }
    await admin.end();
    const out = join(ROOT, `bench/results/two-instance-${when}.json`);
    await writeFile(
      out,
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, machine: '2 vCPU; PostgreSQL of the machine; Kafka 3.9.1 single node, 3 partitions per topic', events: counts, prefix: world.prefix, note: 'each run from scratch: reporting schema dropped and its consumer groups deleted, then the projection tables prepared by a reporting process on empty topics (stopped before timing); the instances start together; time from their spawn to every reporting group committed at the end of its topics (firstProgressSec: first commit seen)', runs }, null, 2)}\n`,
    );
    log(`wrote ${out.slice(ROOT.length)}`);
  } catch (error) {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    throw error;
  } finally {
    for (const p of processes) await p.stop();
    await broker.stop();
    await dropScaleDatabase(id).catch(() => undefined);
  }
}

try {
  await main();
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
