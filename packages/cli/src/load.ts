import { setMaxListeners } from 'node:events';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Env } from '@mpp/config';
import { loadDemoIssuer, type DemoIssuer } from '@mpp/gateway';
import { EXIT_USAGE, type Io } from './io.js';
import { runKiosks, runOfficer } from './load/actors.js';
import { sleep, waitUntil } from './load/clock.js';
import { processCpuMs } from './load/cpu.js';
import { ApiClient } from './load/http.js';
import { LagTracker } from './load/lag.js';
import { DAY_SECONDS, DEFAULT_SHARES, planDay } from './load/plan.js';
import { formatReport, lagReport, mallReport, routesReport, type LoadReport } from './load/report.js';
import type { MallRun, RunContext } from './load/run-state.js';
import { DEMO_MALL, reportedIssued, setUpMall, SetupError, type MallSetup } from './load/setup.js';
import { Recorder } from './load/stats.js';
import { demoKeyFile } from './platform.js';

export const LOAD_HELP = `Usage: mpp load [--malls <n>] [--speedup <x>] [--duration <s>] [--url <gateway>] [--seed <n>]
                [--tickets <per mall per day>] [--officers <per mall>] [--bookings <share>] [--pids <pid,…>]
                [--out <file.json>]

Drives malls' days through the gateway's public HTTP API, as kiosks and officers would, at
--speedup times real time, then prints a table and writes the measures as JSON.

Malls: the first is the demo mall "${DEMO_MALL}" the all-in-one platform loads; mall 2… are real
copies of it imported through the catalog import API as load2, load3, … (their own queues,
counters and reports; kept for later runs). Each is opened 00:00–23:59 every day (PUT hours), so any hour works,
and its rostered officers (GET /malls/{id}/officers) open their first counter for their agency's
queues. Tokens come from the demo issuer (the key under MPP_DATA_DIR, as for mpp token); against
a platform with a real OIDC_ISSUER the command refuses.

The simulated day runs from 08:00 local with a morning peak at 09:00–11:00; --duration × --speedup
simulated seconds of it are covered (at most the 8-hour day). Kiosks issue tickets at their
planned times (open loop): each queue gets tickets in proportion to its open counters, and within
a queue a Zipf mix of its services (unlimited and large-quota services most popular). Officers
call next (an idle one looks again after about a simulated minute, at least 0.5 s, each officer at
its own moments), start, serve
for a log-normal time around the service's expected minutes, complete; about ${DEFAULT_SHARES.noShowShare * 100}% do not come (recalled, then marked no-show), ${DEFAULT_SHARES.transferShare * 100}% are transferred to
another queue, ${DEFAULT_SHARES.surveyShare * 100}% answer the SKM survey. About ${DEFAULT_SHARES.bookingShare * 100}% (--bookings) booked a slot
online 10 minutes to 2 hours (simulated) before coming: they look at the service's slots, book one
that has begun by their arrival and has room, and check the booking in on arrival (its ticket);
when no such slot has room — the real clock runs slower than the day, so only the slots of the next
real minutes fit, and a slot holds a share of the counters' capacity — they take a kiosk ticket.

Measures: offered vs achieved ticket operations/s — the writes on tickets and bookings (issue,
book, check in, call, recall, start, complete, no-show, transfer, survey answer), apart from reads
and idle officers' polls, which are counted in requests/s; offered vs achieved tickets/s; p50/p90/p99/max latency per route; answers by status,
refusals the workload expects (no one waiting, quota reached, survey not open yet) apart from
failures; lag from a sampled ticket's 201 until the board shows it and until the day report
counts it; the day report's issued against the tickets issued (+ transfers, which it counts);
CPU time of the generator and, with --pids, of the platform's processes (/proc/<pid>/stat).

Options:
  --malls <n>        malls to drive (default 1)
  --speedup <x>      simulated seconds per real second (default 60)
  --duration <s>     real seconds to run (default 60)
  --url <url>        the gateway (default http://localhost:8080)
  --seed <n>         the plan's seed: the same seed gives the same arrivals (default 1)
  --tickets <n>      tickets per mall over the whole simulated day (default 800)
  --officers <n>     officers (counters) per mall, 0 for the whole roster (default 0)
  --bookings <share> share of arrivals that book a slot first, 0 to 1 (default ${DEFAULT_SHARES.bookingShare})
  --pids <pid,…>     platform processes whose CPU time to measure (e.g. "$(pgrep -d, -f 'mpp.mjs start')")
  --out <file>       the JSON report (default bench/results/load-<time>.json)

On a shared machine pin the generator to its own core, away from the platform:
  taskset -c 1 mpp load --malls 2 --speedup 60 --duration 120

Exit codes: 0 ok; 1 setup failed, a request failed with 5xx or no answer, or a day report did not
count the tickets issued and checked in; ${EXIT_USAGE} bad command line.
`;

interface LoadOptions {
  readonly malls: number;
  readonly speedup: number;
  readonly durationSec: number;
  readonly url: string;
  readonly seed: number;
  readonly ticketsPerDay: number;
  readonly officers: number;
  readonly bookingShare: number;
  readonly pids: readonly number[];
  readonly out: string;
}

function number(value: string | undefined, fallback: number, name: string, check: (x: number) => boolean, rule: string): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (!Number.isFinite(x) || !check(x)) throw new Error(`--${name} must be ${rule}, not "${value}"`);
  return x;
}

function options(args: string[]): LoadOptions | 'help' {
  const { values } = parseArgs({
    args,
    options: { malls: { type: 'string' }, speedup: { type: 'string' }, duration: { type: 'string' }, url: { type: 'string' }, seed: { type: 'string' }, tickets: { type: 'string' }, officers: { type: 'string' }, bookings: { type: 'string' }, pids: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  const whole = (x: number) => Number.isInteger(x) && x >= 1;
  const pids = (values.pids ?? '').split(',').filter(Boolean).map((p) => number(p, 0, 'pids', whole, 'process ids separated by commas'));
  return {
    malls: number(values.malls, 1, 'malls', (x) => whole(x) && x <= 50, 'a whole number from 1 to 50'),
    speedup: number(values.speedup, 60, 'speedup', (x) => x > 0 && x <= 10_000, 'a number above 0, at most 10000'),
    durationSec: number(values.duration, 60, 'duration', (x) => x > 0 && x <= 24 * 3600, 'seconds above 0'),
    url: (values.url ?? 'http://localhost:8080').replace(/\/+$/, ''),
    seed: number(values.seed, 1, 'seed', (x) => Number.isInteger(x) && x >= 0, 'a whole number'),
    ticketsPerDay: number(values.tickets, 800, 'tickets', whole, 'a whole number from 1'),
    officers: number(values.officers, 0, 'officers', (x) => Number.isInteger(x) && x >= 0, 'a whole number (0: all)'),
    bookingShare: number(values.bookings, DEFAULT_SHARES.bookingShare, 'bookings', (x) => x >= 0 && x <= 1, 'a share from 0 to 1'),
    pids,
    out: values.out ?? `bench/results/load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  };
}

/** The demo issuer the gateway at `url` trusts, or why not. */
async function demoIssuer(url: string, env: Env): Promise<DemoIssuer | string> {
  if (env.OIDC_ISSUER?.trim()) return 'OIDC_ISSUER is set: the platform then accepts only the city’s provider tokens, and mpp load mints its officers’ and kiosks’ tokens from the demo issuer; run it against the all-in-one demo (npm start)';
  let issuerUrl: string;
  try {
    const r = await fetch(`${url}/oidc/.well-known/openid-configuration`);
    if (r.status === 404) return `the gateway at ${url} has no demo issuer (is OIDC_ISSUER set there?): mpp load needs the all-in-one demo's issuer`;
    if (r.status !== 200) return `the gateway at ${url} answered ${r.status} for its demo issuer's configuration`;
    issuerUrl = ((await r.json()) as { issuer: string }).issuer;
  } catch (error) {
    return `no gateway answers at ${url} (${(error as Error).message}): start the platform (npm start) or pass --url`;
  }
  const keyFile = demoKeyFile(env);
  try {
    await access(keyFile);
  } catch {
    return `no demo issuer key at ${keyFile}: set MPP_DATA_DIR to the data folder of the platform at ${url}`;
  }
  return loadDemoIssuer(keyFile, issuerUrl);
}

async function finalIssued(api: ApiClient, mall: MallRun, timeoutMs: number): Promise<number | undefined> {
  const expected = mall.setup.issuedBefore + mall.counts.issued + mall.counts.checkIns + mall.counts.transfers;
  let last: number | undefined;
  await waitUntil(async () => {
    last = await reportedIssued(api, mall.setup.id, mall.setup.date, mall.setup.adminToken);
    return last === expected ? true : undefined;
  }, timeoutMs, 250);
  return last;
}

async function drive(o: LoadOptions, issuer: DemoIssuer, io: Io): Promise<LoadReport> {
  const setupApi = new ApiClient(o.url, new Recorder());
  const setups: MallSetup[] = [];
  for (let i = 0; i < o.malls; i++) {
    io.err(`mpp load: setting up mall ${i + 1} of ${o.malls}…\n`);
    setups.push(await setUpMall(setupApi, issuer, i, o.officers));
  }
  const coveredSec = Math.min(DAY_SECONDS, o.durationSec * o.speedup);
  const runs: MallRun[] = setups.map((setup, i) => ({
    setup,
    plan: planDay(setup.services, { seed: o.seed * 1000 + i, ticketsPerDay: o.ticketsPerDay, coveredSec, sampleEvery: 5, ...DEFAULT_SHARES, bookingShare: o.bookingShare }),
    fates: new Map(),
    counts: { planned: 1, plannedOps: 0, issued: 1, refused: 0, bookings: 0, bookingsRefused: 0, checkIns: 0, checkInsRefused: 0, transfers: 0, called: 0, served: 0, noShows: 0, surveys: 0 },
  }));
  const recorder = new Recorder();
  const api = new ApiClient(o.url, recorder);
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // every officer, kiosk and poller sleeps on it
  const lag = new LagTracker(api);
  const cpuBefore = o.pids.map(processCpuMs);
  const generatorBefore = process.cpuUsage();
  const context: RunContext = { api, speedup: o.speedup, startedAt: performance.now(), signal: controller.signal, lag };
  io.err(`mpp load: driving ${runs.length} mall(s) for ${o.durationSec} s at ${o.speedup}× (${runs.reduce((n, r) => n + r.plan.length, 0)} tickets planned)\n`);
  const timer = setTimeout(() => controller.abort(), o.durationSec * 1000);
  const surveys: Promise<void>[] = [];
  const watching = lag.watch(setups, controller.signal, 30_000);
  const [kioskDelays] = await Promise.all([Promise.all(runs.map((run) => runKiosks(context, run))), ...runs.flatMap((run) => run.setup.counters.map((counter) => runOfficer(context, run, counter, surveys))), sleep(o.durationSec * 1000, controller.signal)]);
  clearTimeout(timer);
  const elapsedSec = (performance.now() - context.startedAt) / 1000;
  const generatorCpu = process.cpuUsage(generatorBefore);
  const cpuAfter = o.pids.map(processCpuMs);
  await Promise.all(surveys);
  await watching;
  const reported = await Promise.all(runs.map((run) => finalIssued(setupApi, run, 30_000)));

  const { routes, latency, errors, requests, successes, ticketOps } = routesReport(recorder, elapsedSec);
  const issued = runs.reduce((n, r) => n + r.counts.issued - 1 + r.counts.checkIns, 0);
  const plannedOps = runs.reduce((n, r) => n + r.counts.plannedOps, 0);
  const planned = runs.reduce((n, r) => n + r.counts.planned - 1, 0);
  const generatorMs = (generatorCpu.user + generatorCpu.system) / 1000;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    config: { url: o.url, malls: o.malls, speedup: o.speedup, durationSec: o.durationSec, seed: o.seed, ticketsPerDay: o.ticketsPerDay, officers: o.officers, bookingShare: o.bookingShare, simulatedFrom: '08:00', simulatedSec: coveredSec, mallsAre: 'the demo mall and imported copies of it', startedAt: new Date(Date.now() - elapsedSec * 1000).toISOString() },
    malls: runs.map((run, i) => mallReport(run, reported[i])),
    throughput: { elapsedSec: r1(elapsedSec), offeredTicketsPerSec: r1(planned / elapsedSec), achievedTicketsPerSec: r1(issued / elapsedSec), offeredOpsPerSec: r1(plannedOps / elapsedSec), ticketOps, achievedOpsPerSec: r1(ticketOps / elapsedSec), otherRequestsPerSec: r1((requests - ticketOps) / elapsedSec), requests, requestsPerSec: r1(requests / elapsedSec), successPerSec: r1(successes / elapsedSec), maxKioskDelayMs: Math.round(Math.max(0, ...kioskDelays)) },
    routes,
    latency,
    errors,
    lag: { board: lagReport(lag.boardResult), report: lagReport(lag.reportResult) },
    cpu: {
      generatorMs: Math.round(generatorMs),
      generatorShare: Math.round((generatorMs / 1000 / elapsedSec) * 100) / 100,
      platform: o.pids.map((pid, i) => {
        const before = cpuBefore[i];
        const after = cpuAfter[i];
        const cpuMs = before === undefined || after === undefined ? null : Math.round(after - before);
        return { pid, cpuMs, share: cpuMs === null ? null : Math.round((cpuMs / 1000 / elapsedSec) * 100) / 100 };
      }),
    },
  };
}

export async function load(args: string[], io: Io, env: Env = process.env): Promise<number> {
  let o: LoadOptions | 'help';
  try {
    o = options(args);
  } catch (error) {
    io.err(`mpp load: ${(error as Error).message}\n\n${LOAD_HELP}`);
    return EXIT_USAGE;
  }
  if (o === 'help') {
    io.out(LOAD_HELP);
    return 0;
  }
  const issuer = await demoIssuer(o.url, env);
  if (typeof issuer === 'string') {
    io.err(`mpp load: ${issuer}\n`);
    return 1;
  }
  let report: LoadReport;
  try {
    report = await drive(o, issuer, io);
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    io.err(`mpp load: ${error.message}\n`);
    return 1;
  }
  await mkdir(dirname(o.out), { recursive: true });
  await writeFile(o.out, `${JSON.stringify(report, null, 2)}\n`);
  io.out(formatReport(report));
  io.out(`report written to ${o.out}\n`);
  const mismatched = report.malls.filter((m) => !m.reportMatches).map((m) => m.id);
  if (report.errors.serverErrors > 0 || mismatched.length > 0) {
    io.err(`mpp load: ${report.errors.serverErrors} requests failed with 5xx or no answer${mismatched.length ? `; the day report of ${mismatched.join(', ')} did not count the issued tickets within 30 s` : ''}\n`);
    return 1;
  }
  return 0;
}
