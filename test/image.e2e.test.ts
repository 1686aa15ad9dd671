import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { freePort, waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageTree } from './image-tree.js';

// The container image cannot be built here (no Docker engine). This runs its ENTRYPOINT the way
// the image does — `node --import @mpp/telemetry/register bin/mpp.mjs`, NODE_ENV=production, no
// source condition — from a tree laid out like its /app: dist folders and production
// dependencies only. Needs the build (npm test builds first).
const ENTRYPOINT = ['--import', '@mpp/telemetry/register', 'bin/mpp.mjs'];

let app: string;
let db: TestDatabase;

interface Started {
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  stop(): void;
}

/** The image's command with `args` (its CMD), in the tree, with only `env` (no NODE_OPTIONS, no conditions). */
function run(args: readonly string[], env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, [...ENTRYPOINT, ...args], {
    cwd: app,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', OTEL_TRACES_EXPORTER: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started: Started = {
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    stop: () => child.kill('SIGTERM'),
  };
  child.stdout.on('data', (d: Buffer) => (started.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (started.stderr += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  void started.exit.then(() => clearTimeout(killer));
  return started;
}

beforeAll(async () => {
  app = imageTree();
  db = await testDatabase();
});

afterAll(async () => {
  await db?.drop();
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('the image\'s command, from dist only', () => {
  it('prints the help and exits 0', async () => {
    const help = run(['--help']);
    expect(await help.exit, help.stderr).toBe(0);
    expect(help.stdout).toContain('mpp — the MPP Platform command line');
  });

  it('refuses a service without its settings with exit code 78, naming them', async () => {
    const refused = run(['start', '--target=queue']);
    expect(await refused.exit).toBe(78);
    expect(refused.stderr).toContain('DATABASE_URL is required');
    expect(refused.stderr).toContain('QUEUE_HOLDER_KEY is required');
  });

  it('runs one service (as a Deployment does) and stops on SIGTERM with exit code 0', async () => {
    const catalog = run(['start', '--target=catalog'], { DATABASE_URL: db.url, GRPC_HOST: '127.0.0.1', CATALOG_GRPC_PORT: String(await freePort()) });
    try {
      await waitFor(() => catalog.stdout.includes('"msg":"ready"'), { timeoutMs: 60_000, what: `the catalog to be ready:\n${catalog.stdout}${catalog.stderr}` });
    } finally {
      catalog.stop();
    }
    expect(await catalog.exit, catalog.stderr).toBe(0);
  });
});
