/**
 * `npm run scale`: the highest sustained ticket-operation rate of the all-in-one platform on this
 * machine. Starts a Kafka broker, a fresh database on the machine's PostgreSQL and `mpp start
 * --target=all` on Kafka (or uses a running platform with --url), sets the malls up once, then
 * steps the offered rate upward (--malls × each --speedups value) with `mpp load` pinned by
 * taskset to one core, and records per step: offered and achieved ticket operations/s, gateway
 * latency (all requests, ticket operations, p99 per route), board and report lag, errors, CPU per
 * process (platform, Kafka, the database's PostgreSQL backends, the generator, the whole machine).
 * A step passes when gateway p99 < 100 ms, board lag p99 < 1 s, every sampled ticket reached the
 * board, no 5xx, and the kiosks' tickets were all issued (achieved ≥ 95 % of offered).
 * With --profile-step <n> the platform runs under its inspector and step n is CPU-profiled.
 * Writes bench/results/scale-<date>.json and the steps' load JSONs beside it.
 *
 *   npm run scale -- --malls 4 --speedups 120,240,480,960 --duration 60
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startKafkaBroker, waitFor, type KafkaBroker } from '@mpp/testing';
import { connectInspector, eventLoopDelay, inspectorProfiler, saveProfile, summarize, type ProfileSummary } from './scale-profile.js';
import { backendPids, cpuSpan, kafkaLag, sampleBackends, createScaleDatabase, dropScaleDatabase, MPP_BIN, NODE, ROOT, run, serverVersion, sleep, stamp, startMpp, type PlatformProcess } from './scale-platform.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'data-dir': { type: 'string' },
    pids: { type: 'string' },
    malls: { type: 'string', default: '4' },
    speedups: { type: 'string', default: '60,120,240,480' },
    duration: { type: 'string', default: '60' },
    tickets: { type: 'string', default: '800' },
    'profile-step': { type: 'string' },
    profile: { type: 'boolean', default: false },
    'generator-cpu': { type: 'string', default: '1' },
    'stop-after-failures': { type: 'string', default: '2' },
  },
});
const malls = Number(values.malls);
const speedups = values.speedups!.split(',').map(Number);
const duration = Number(values.duration);
const tickets = Number(values.tickets);
const profileStep = values['profile-step'] === undefined ? undefined : Number(values['profile-step']);
const profileAll = values.profile === true;
const profiling = profileAll || profileStep !== undefined;
const LIMITS = { gatewayP99Ms: 100, boardLagP99Ms: 1000, issuedShare: 0.95 };

const when = stamp();
const resultsDir = join(ROOT, 'bench/results');
const id = `scale_${Date.now().toString(36)}`;
let broker: KafkaBroker | undefined;
let platform: PlatformProcess | undefined;
let database: string | undefined;
const dataDir = values['data-dir'] ?? `/tmp/${id}`;
let url = values.url;
let platformPids = (values.pids ?? '').split(',').filter(Boolean).map(Number);
let inspectPort: number | undefined;

async function up(): Promise<void> {
  if (url) return;
  await mkdir(dataDir, { recursive: true });
  broker = await startKafkaBroker({ dataDir: join(dataDir, 'kafka'), log: (m) => process.stderr.write(`[kafka] ${m}\n`) });
  database = id;
  const databaseUrl = await createScaleDatabase(database);
  const port = await freePort();
  inspectPort = profiling ? await freePort() : undefined;
  platform = await startMpp(
    'all',
    {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_TOPIC_PREFIX: `${id}.`,
      MPP_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      GRPC_HOST: '127.0.0.1',
      CATALOG_GRPC_PORT: '0',
      QUEUE_GRPC_PORT: '0',
      SURVEY_GRPC_PORT: '0',
      REPORTING_GRPC_PORT: '0',
      GATEWAY_GRPC_PORT: '0',
      GATEWAY_HTTP_HOST: '127.0.0.1',
      GATEWAY_HTTP_PORT: String(port),
    },
    join(dataDir, 'platform.log'),
    inspectPort === undefined ? [] : [`--inspect=127.0.0.1:${inspectPort}`],
  );
  platformPids = [platform.pid];
  url = `http://127.0.0.1:${port}`;
  process.stderr.write(`scale: platform pid ${platform.pid} at ${url}, database ${database}, broker pid ${broker.pid}, data ${dataDir}\n`);
  await waitFor(async () => (await fetch(`${url}/api/v1/malls/kendari`)).status === 200, { timeoutMs: 180_000, intervalMs: 250, what: 'the platform and its demo mall' });
}

/** Waits until the platform's consumer groups have read everything on Kafka (at most `timeoutMs`); how long it took. */
async function settle(timeoutMs: number): Promise<{ ms: number; lag: number }> {
  const began = Date.now();
  if (!broker) {
    await sleep(5_000);
    return { ms: Date.now() - began, lag: -1 };
  }
  let lag = -1;
  let zeroInRow = 0;
  while (Date.now() - began < timeoutMs) {
    lag = (await kafkaLag(broker.brokers, `${id}.`)).total;
    zeroInRow = lag === 0 ? zeroInRow + 1 : 0;
    if (zeroInRow >= 3) break; // three looks a second apart: the relay has nothing more in flight either
    await sleep(1_000);
  }
  return { ms: Date.now() - began, lag };
}

async function down(): Promise<void> {
  await platform?.stop();
  await broker?.stop();
  if (database) await dropScaleDatabase(database).catch((e) => process.stderr.write(`scale: dropping ${database}: ${(e as Error).message}\n`));
  if (platform) await copyFile(platform.logFile, `/tmp/${id}-platform.log`).catch(() => undefined);
  if (!values['data-dir'] && !values.url) await rm(dataDir, { recursive: true, force: true });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the load JSON as mpp load writes it
type LoadJson = any;

async function load(speedup: number, seconds: number, out: string): Promise<{ code: number | null; report: LoadJson; stdout: string; stderr: string }> {
  const args = [MPP_BIN, 'load', '--url', url!, '--malls', String(malls), '--speedup', String(speedup), '--duration', String(seconds), '--tickets', String(tickets), '--seed', String(speedup), '--out', out];
  if (platformPids.length) args.push('--pids', platformPids.join(','));
  const r = await run('taskset', ['-c', values['generator-cpu']!, NODE, ...args], { MPP_DATA_DIR: dataDir, OTEL_SDK_DISABLED: 'true' });
  let report: LoadJson;
  try {
    report = JSON.parse(await readFile(out, 'utf8'));
  } catch {
    report = undefined;
  }
  return { ...r, report };
}

const TICKET_ROUTES = ['POST /malls/{mallId}/tickets', 'POST /bookings', 'POST /bookings/{bookingId}/check-in', 'POST /counters/{counterId}/call-next', 'POST /tickets/{ticketId}/recall', 'POST /tickets/{ticketId}/start', 'POST /tickets/{ticketId}/complete', 'POST /tickets/{ticketId}/no-show', 'POST /tickets/{ticketId}/transfer', 'POST /surveys/{ticketId}/responses'];

function stepOf(speedup: number, file: string, r: LoadJson, code: number | null, cpu: Record<string, unknown>) {
  const t = r.throughput;
  const routesP99 = Object.fromEntries(Object.entries(r.routes as Record<string, { p99: number; count: number }>).map(([route, x]) => [route, { p99: x.p99, count: x.count }]));
  const issuedShare = t.offeredTicketsPerSec > 0 ? t.achievedTicketsPerSec / t.offeredTicketsPerSec : 1;
  const checks = {
    gatewayP99: r.latency.all.p99 < LIMITS.gatewayP99Ms,
    boardLagP99: r.lag.board.p99 < LIMITS.boardLagP99Ms && r.lag.board.missed === 0,
    no5xx: r.errors.serverErrors === 0,
    issued: issuedShare >= LIMITS.issuedShare,
    reportsMatch: (r.malls as { reportMatches: boolean }[]).every((m) => m.reportMatches),
  };
  return {
    speedup,
    malls,
    loadFile: file,
    exitCode: code,
    offeredOpsPerSec: t.offeredOpsPerSec,
    achievedOpsPerSec: t.achievedOpsPerSec,
    offeredTicketsPerSec: t.offeredTicketsPerSec,
    achievedTicketsPerSec: t.achievedTicketsPerSec,
    requestsPerSec: t.requestsPerSec,
    otherRequestsPerSec: t.otherRequestsPerSec,
    maxKioskDelayMs: t.maxKioskDelayMs,
    gateway: { all: r.latency.all, ticketOps: r.latency.ticketOps, ticketRoutesP99: Object.fromEntries(TICKET_ROUTES.filter((x) => routesP99[x]).map((x) => [x, routesP99[x]])), otherRoutesP99: Object.fromEntries(Object.entries(routesP99).filter(([x]) => !TICKET_ROUTES.includes(x))) },
    lag: r.lag,
    errors: { serverErrors: r.errors.serverErrors, failureCount: r.errors.failureCount, failures: r.errors.failures },
    perMall: (r.malls as Record<string, unknown>[]).map((m) => ({ id: m.id, planned: m.planned, issued: m.issued, bookings: m.bookings, bookingsRefused: m.bookingsRefused, checkIns: m.checkIns, served: m.served, noShows: m.noShows, transfers: m.transfers, surveys: m.surveys, reportMatches: m.reportMatches })),
    cpu: { ...cpu, generator: { cpuMs: r.cpu.generatorMs, cores: r.cpu.generatorShare } },
    checks,
    passed: Object.values(checks).every(Boolean),
  };
}

async function main(): Promise<void> {
  const started = new Date().toISOString();
  await up();
  const stepFiles: string[] = [];
  // Setup: the malls are imported and opened once, outside the measured steps.
  process.stderr.write(`scale: setting up ${malls} mall(s)…\n`);
  const setupFile = join(resultsDir, `load-scale-${when}-setup.json`);
  const setup = await load(60, 5, setupFile);
  if (!setup.report) throw new Error(`the setup run failed (exit ${setup.code}): ${setup.stderr.slice(-2000)}`);
  stepFiles.push(setupFile);
  const settled = await settle(300_000);
  process.stderr.write(`scale: settled after setup in ${settled.ms} ms (lag ${settled.lag})\n`);
  // The platform with no load (its pollers, relays, consumers, timers): the floor under every step.
  const idleSpan = cpuSpan({ platform: () => platformPids, kafka: () => (broker ? [broker.pid] : []), postgres: () => (database ? backendPids(database) : []) });
  await idleSpan.ready;
  const idleBackends = database ? sampleBackends(database) : undefined;
  await sleep(20_000);
  const idle = { seconds: 20, cpu: await idleSpan.stop(), postgresBackends: idleBackends ? await idleBackends.stop() : null };
  process.stderr.write(`scale: idle platform: ${JSON.stringify(idle)}\n`);
  const steps: (ReturnType<typeof stepOf> & { settledBeforeMs: number; kafkaLagBefore: number; platformEventLoopDelay: unknown; postgresBackends: unknown })[] = [];
  const profiles: { step: number; speedup: number; file: string; summary: ProfileSummary }[] = [];
  let failuresInRow = 0;
  for (const [i, speedup] of speedups.entries()) {
    const before = await settle(120_000); // the previous step's backlog is consumed
    const file = join(resultsDir, `load-scale-${when}-${malls}x${speedup}.json`);
    const groups = { platform: () => platformPids, kafka: () => (broker ? [broker.pid] : []), postgres: () => (database ? backendPids(database) : []) };
    const span = cpuSpan(groups);
    await span.ready;
    const inspector = inspectPort !== undefined ? await connectInspector(inspectPort) : undefined;
    const loop = inspector ? await eventLoopDelay(inspector) : undefined;
    const profiler = inspector && (profileAll || i === profileStep) ? await inspectorProfiler(inspector) : undefined;
    await profiler?.start();
    const backends = database ? sampleBackends(database) : undefined;
    process.stderr.write(`scale: step ${i}: ${malls} malls × ${speedup}× for ${duration} s…\n`);
    const r = await load(speedup, duration, file);
    const recorded = profiler ? await profiler.stop() : undefined;
    const cpu = await span.stop();
    const eventLoop = loop ? await loop.stop() : null;
    inspector?.close();
    const postgresBackends = backends ? await backends.stop() : null;
    if (!r.report) {
      process.stderr.write(`scale: step ${i} wrote no report (exit ${r.code}): ${r.stderr.slice(-2000)}\n`);
      break;
    }
    stepFiles.push(file);
    const step = { ...stepOf(speedup, file.slice(ROOT.length), r.report, r.code, cpu), settledBeforeMs: before.ms, kafkaLagBefore: before.lag, platformEventLoopDelay: eventLoop, postgresBackends };
    steps.push(step);
    process.stdout.write(r.stdout);
    process.stderr.write(`scale: step ${i}: ops offered ${step.offeredOpsPerSec}/s achieved ${step.achievedOpsPerSec}/s; gateway p99 ${step.gateway.all.p99} ms; board lag p99 ${step.lag.board.p99} ms; loop delay ${JSON.stringify(eventLoop)}; pg ${JSON.stringify(postgresBackends)}; ${step.passed ? 'PASS' : `FAIL ${JSON.stringify(step.checks)}`}\n`);
    if (recorded) {
      const profileFile = `/tmp/${id}-step${i}.cpuprofile`; // large: kept out of the repository
      await saveProfile(profileFile, recorded);
      profiles.push({ step: i, speedup, file: profileFile, summary: summarize(recorded) });
    }
    failuresInRow = step.passed ? 0 : failuresInRow + 1;
    if (failuresInRow >= Number(values['stop-after-failures']) && (profileStep === undefined || profileStep <= i)) break;
  }
  const passing = steps.filter((s) => s.passed);
  const best = passing.reduce<(typeof steps)[number] | undefined>((a, s) => (!a || s.achievedOpsPerSec > a.achievedOpsPerSec ? s : a), undefined);
  const result = {
    started,
    finished: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, postgres: await serverVersion(), kafka: broker ? '3.9.1 single node (KRaft), 3 partitions per topic' : 'as running' },
    config: { settledAfterSetupMs: settled.ms, url: values.url ?? 'started by the script (all-in-one on Kafka)', malls, speedups, durationSec: duration, ticketsPerMallDay: tickets, generatorPinnedToCpu: values['generator-cpu'], platformLogLevel: values.url ? 'as running' : 'warn', limits: LIMITS },
    setup: setupFile.slice(ROOT.length),
    idle,
    steps,
    highestPassing: best ? { speedup: best.speedup, malls, achievedOpsPerSec: best.achievedOpsPerSec, offeredOpsPerSec: best.offeredOpsPerSec, gatewayP99Ms: best.gateway.all.p99, boardLagP99Ms: best.lag.board.p99 } : null,
    profiled: profiling ? 'every step with a profile file was sampled by the V8 profiler (1 ms interval) through the inspector while it ran' : 'no',
    profiles,
  };
  const out = join(resultsDir, `scale-${when}.json`);
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`scale: wrote ${out.slice(ROOT.length)}; highest passing: ${best ? `${best.achievedOpsPerSec} ticket ops/s (${malls} malls × ${best.speedup}×)` : 'none'}\n`);
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await down();
};
process.on('SIGINT', () => void stop().then(() => process.exit(130)));
process.on('SIGTERM', () => void stop().then(() => process.exit(143)));
try {
  await main();
} finally {
  await stop();
}
