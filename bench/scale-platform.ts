/**
 * Helpers of the scale scripts (`bench/scale.ts`, `bench/two-instance.ts`): a fresh database on the
 * machine's PostgreSQL, a Kafka broker, platform processes started from `bin/mpp.mjs` (each tracked by
 * pid and stopped by that pid), and CPU time per process from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { processCpuMs } from '../packages/cli/src/load/cpu.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MPP_BIN = fileURLToPath(new URL('../bin/mpp.mjs', import.meta.url));
/** The repository's Node (24), not the machine's. */
export const NODE = process.execPath;
export const ADMIN_URL = process.env.SCALE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A new database on the machine's PostgreSQL; its URL. */
export async function createScaleDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScaleDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

export async function serverVersion(): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  } finally {
    await admin.end();
  }
}

/** PostgreSQL backends serving a database now (their pids). */
export async function backendPids(database: string): Promise<number[]> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const r = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    return r.rows.map((row) => row.pid);
  } finally {
    await admin.end();
  }
}

let ticks: number | undefined;
function clockTicks(): number {
  ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks;
}

/** CPU time (user + system, ms) of a process so far, as `mpp load --pids` reads it; undefined when it is gone. */
export const cpuMs = processCpuMs;

/** The machine's busy and total CPU time (ms, all cores) from /proc/stat. */
export function machineCpu(): { busyMs: number; totalMs: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const ms = 1000 / clockTicks();
  return { busyMs: (total - idle) * ms, totalMs: total * ms };
}

/** CPU time per named group of processes over a span: start, then `stop()` gives ms and cores per group. */
export function cpuSpan(groups: Record<string, () => number[] | Promise<number[]>>) {
  const started = performance.now();
  const machine0 = machineCpu();
  const before = new Map<string, Map<number, number>>();
  const snapshot = async () => {
    const out = new Map<string, Map<number, number>>();
    for (const [name, pids] of Object.entries(groups)) {
      const m = new Map<number, number>();
      for (const pid of await pids()) {
        const t = cpuMs(pid);
        if (t !== undefined) m.set(pid, t);
      }
      out.set(name, m);
    }
    return out;
  };
  const ready = snapshot().then((s) => s.forEach((v, k) => before.set(k, v)));
  return {
    ready,
    async stop(): Promise<Record<string, { cpuMs: number; cores: number; pids: number }>> {
      const after = await snapshot();
      const sec = (performance.now() - started) / 1000;
      const machine1 = machineCpu();
      const result: Record<string, { cpuMs: number; cores: number; pids: number }> = {};
      for (const [name, m] of after) {
        const b = before.get(name) ?? new Map<number, number>();
        let total = 0;
        // A process that appeared during the span counts whole (it started inside it).
        for (const [pid, t] of m) total += t - (b.get(pid) ?? 0);
        result[name] = { cpuMs: Math.round(total), cores: Math.round((total / 1000 / sec) * 100) / 100, pids: m.size };
      }
      const busy = machine1.busyMs - machine0.busyMs;
      result.machine = { cpuMs: Math.round(busy), cores: Math.round((busy / 1000 / sec) * 100) / 100, pids: 0 };
      return result;
    },
  };
}

export interface PlatformProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Starts `mpp start --target=<target>` (telemetry registered first, as `npm start` does); output to `logFile`. */
export async function startMpp(target: string, env: Record<string, string>, logFile: string, nodeArgs: string[] = []): Promise<PlatformProcess> {
  await mkdir(logFile.slice(0, logFile.lastIndexOf('/')), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(NODE, [...nodeArgs, '--import', '@mpp/telemetry/register', MPP_BIN, 'start', `--target=${target}`], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pid: child.pid!,
    logFile,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Runs a command to its end; its exit code, stdout and stderr. */
export function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Messages the platform's consumer groups (those named with `prefix`) have not yet read, over all their topics. */
export async function kafkaLag(brokers: string[], prefix: string): Promise<{ total: number; byGroup: Record<string, number> }> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    const ends = new Map<string, Map<number, number>>();
    const endOf = async (topic: string) => {
      let m = ends.get(topic);
      if (!m) {
        m = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
        ends.set(topic, m);
      }
      return m;
    };
    const byGroup: Record<string, number> = {};
    let total = 0;
    for (const groupId of groups) {
      let lag = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const end = await endOf(topic);
        for (const p of partitions) lag += Math.max(0, (end.get(p.partition) ?? 0) - Math.max(0, Number(p.offset)));
      }
      byGroup[groupId] = lag;
      total += lag;
    }
    return { total, byGroup };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Samples what the database's backends are doing every `everyMs` until `stop()`: per sample the
 * active ones by wait event (`CPU` when active without one), so the report says whether queries
 * wait on commits (IO WALSync / WALWrite), locks, or the client.
 */
export function sampleBackends(database: string, everyMs = 200) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  const byWait = new Map<string, number>();
  let samples = 0;
  let active = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const r = await client.query<{ wait: string; n: number }>(
        "select coalesce(wait_event_type || ':' || wait_event, 'CPU') as wait, count(*)::int as n from pg_stat_activity where datname = $1 and state = 'active' and pid <> pg_backend_pid() group by 1",
        [database],
      );
      samples++;
      for (const row of r.rows) {
        byWait.set(row.wait, (byWait.get(row.wait) ?? 0) + row.n);
        active += row.n;
      }
      await sleep(everyMs);
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const round = (x: number) => Math.round(x * 100) / 100;
      return { samples, activeBackendsAvg: round(active / Math.max(1, samples)), byWaitAvg: Object.fromEntries([...byWait.entries()].sort((a, b) => b[1] - a[1]).map(([w, n]) => [w, round(n / Math.max(1, samples))])) };
    },
  };
}
