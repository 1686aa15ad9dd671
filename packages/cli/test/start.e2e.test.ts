import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Health, HealthCheckResponse_ServingStatus as S } from '@mpp/contracts';
import { createClient } from '@mpp/grpc';
import { freePort, waitFor, type TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase } from '@mpp/testing/fixtures';
import { mpp, mppDone } from './run-cli.js';
import { Kafka, logLevel } from 'kafkajs';

const SERVICES = ['catalog', 'queue', 'survey', 'reporting', 'gateway'] as const;
const API: Record<string, string | undefined> = {
  catalog: 'mpp.catalog.v1.CatalogService',
  queue: 'mpp.queue.v1.QueueService',
  survey: 'mpp.survey.v1.SurveyService',
  reporting: 'mpp.reporting.v1.ReportingService',
};

async function serving(port: number, service: string): Promise<boolean> {
  const { client, close } = createClient(Health, { address: `127.0.0.1:${port}`, defaultTimeoutMs: 2_000 });
  try {
    return (await client.check({ service })).status === S.SERVING;
  } catch {
    return false;
  } finally {
    close();
  }
}

describe('mpp start --target=all', () => {
  let db: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    db = await testDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'mpp-start-'));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers gRPC health for all five shells, each in its own schema, and exits 0 on SIGTERM', async () => {
    const ports: Record<string, number> = {};
    for (const name of SERVICES) ports[name] = await freePort();
    const http = await freePort();
    const env: Record<string, string> = {
      QUEUE_HOLDER_KEY: 'test-holder-key-0123456789',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      GRPC_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      GATEWAY_HTTP_HOST: '127.0.0.1',
      GATEWAY_HTTP_PORT: String(http),
      MPP_DATA_DIR: dataDir,
    };
    for (const name of SERVICES) env[`${name.toUpperCase()}_GRPC_PORT`] = String(ports[name]);
    const run = mpp(['start', '--target=all'], env);
    try {
      for (const name of SERVICES) {
        await waitFor(() => serving(ports[name]!, ''), { timeoutMs: 120_000, what: `${name} health` });
        const api = API[name];
        if (api) expect(await serving(ports[name]!, api)).toBe(true);
      }
    } catch (error) {
      run.child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`, { cause: error });
    }

    // The public API answers, the demo MPP is loaded, and the printed demo tokens work.
    await waitFor(() => run.stdout.includes('Stop with Ctrl-C'), { what: 'the start banner' });
    const malls = (await (await fetch(`http://127.0.0.1:${http}/api/v1/malls`)).json()) as { malls: { id: string }[] };
    expect(malls.malls.map((m) => m.id)).toContain('kendari');
    const adminToken = /mall-admin\s+(\S+)/.exec(run.stdout)?.[1];
    expect(adminToken, run.stdout).toBeDefined();
    const officers = await fetch(`http://127.0.0.1:${http}/api/v1/malls/kendari/officers`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(officers.status).toBe(200);
    // The web UI's build is served at / and at its page paths (npm test and npm start build it first).
    for (const path of ['/', '/m/kendari/kiosk']) {
      const page = await fetch(`http://127.0.0.1:${http}${path}`, { headers: { accept: 'text/html' } });
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('<div id="app">');
    }
    expect(await (await fetch(`http://127.0.0.1:${http}/ui-config.json`)).json()).toMatchObject({ issuer: expect.stringMatching(/\/oidc$/), clientId: 'mpp-web' });
    expect(run.stdout).toMatch(/Web UI +http:\/\/\S+\/ +\(kiosk/);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ schema_name: string }>('select schema_name from information_schema.schemata');
    expect(rows.map((r) => r.schema_name)).toEqual(expect.arrayContaining(['catalog', 'queue', 'survey', 'reporting']));
    const stores = await client.query<{ table_schema: string }>("select table_schema from information_schema.tables where table_name = 'events'");
    expect(stores.rows.map((r) => r.table_schema).sort()).toEqual(['catalog', 'queue', 'reporting', 'survey']);
    await client.end();

    // Each data-owning service relays its events to its own topic.
    const admin = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    expect(topics).toEqual(expect.arrayContaining(['mpp.catalog.v1', 'mpp.queue.v1', 'mpp.survey.v1', 'mpp.reporting.v1']));

    run.child.kill('SIGTERM');
    const exit = await run.exit;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(run.stdout).toContain('"msg":"stopping"');
    for (const name of SERVICES) expect(await serving(ports[name]!, '')).toBe(false);
  });
});

describe('mpp start with no settings at all (the README\'s npm start)', () => {
  it('runs on an embedded PostgreSQL and the PostgreSQL log, loads the demo once, keeps its data across a restart, and mpp token mints working tokens', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mpp-embedded-'));
    chmodSync(dataDir, 0o755);
    try {
      const http = await freePort();
      const env: Record<string, string> = { GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'info', GATEWAY_HTTP_HOST: '127.0.0.1', GATEWAY_HTTP_PORT: String(http), MPP_DATA_DIR: dataDir };
      for (const name of SERVICES) env[`${name.toUpperCase()}_GRPC_PORT`] = String(await freePort());
      const base = `http://127.0.0.1:${http}/api/v1`;
      const started = async () => {
        const run = mpp(['start'], env);
        try {
          await waitFor(() => run.stdout.includes('Stop with Ctrl-C') || run.child.exitCode !== null, { timeoutMs: 240_000, what: 'the start banner' });
        } catch (error) {
          run.child.kill('SIGKILL');
          throw error;
        }
        expect(run.stdout, run.stderr).toContain('Stop with Ctrl-C');
        return run;
      };
      const first = await started();
      expect(first.stdout).toContain('embedded PostgreSQL');
      expect(first.stdout).toContain('demo MPP loaded');
      const taken = await fetch(`${base}/malls/kendari/services?q=paspor`);
      expect(taken.status).toBe(200);
      // A change made through the API, to find again after the restart.
      const token = await mppDone(['token', '--role', 'mall-admin', '--mall', 'kendari'], env);
      expect(token.code, token.stderr).toBe(0);
      const notice = await fetch(`${base}/malls/kendari/notice`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token.stdout.trim()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'information', textId: 'Layanan paspor tutup pukul 14.00', textEn: 'Passports close at 2 pm', active: true }),
      });
      expect(notice.status, await notice.clone().text()).toBe(200);
      first.child.kill('SIGTERM');
      expect(await first.exit).toEqual({ code: 0, signal: null });

      const second = await started();
      try {
        expect(second.stdout).not.toContain('demo MPP loaded');
        // The catalog's reads follow its events, so the notice may show a moment after start.
        const mall = await waitFor(async () => {
          const m = (await (await fetch(`${base}/malls/kendari`)).json()) as { notice?: { textId: string } };
          return m.notice ? m : undefined;
        }, { what: 'the notice set before the restart' });
        expect(mall.notice!.textId).toBe('Layanan paspor tutup pukul 14.00');
        const refused = await mppDone(['token', '--role', 'officer', '--mall', 'kendari'], env);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('--agency');
      } finally {
        second.child.kill('SIGTERM');
        expect(await second.exit).toEqual({ code: 0, signal: null });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('mpp start, refusing to start', () => {
  it('a per-service process missing a setting exits 78 and names the variable', async () => {
    const run = mpp(['start', '--target=queue'], {});
    expect(await run.exit).toEqual({ code: 78, signal: null });
    expect(run.stderr).toContain('DATABASE_URL is required');
  });

  it('names every invalid setting at once', async () => {
    const run = mpp(['start', '--target=catalog'], { DATABASE_URL: 'not a url', CATALOG_GRPC_PORT: '99999' });
    expect(await run.exit).toEqual({ code: 78, signal: null });
    expect(run.stderr).toContain('DATABASE_URL="not a url" is invalid');
    expect(run.stderr).toContain('CATALOG_GRPC_PORT="99999" is invalid');
  });

  it('an unknown target or command is a usage error (exit 2) with help', async () => {
    const target = mpp(['start', '--target=kitchen'], {});
    expect((await target.exit).code).toBe(2);
    expect(target.stderr).toContain('unknown target "kitchen"');
    const command = mpp(['frobnicate'], {});
    expect((await command.exit).code).toBe(2);
    expect(command.stderr).toContain('Usage: mpp <command>');
  });

  it('prints help', async () => {
    const run = mpp(['start', '--help'], {});
    expect((await run.exit).code).toBe(0);
    expect(run.stdout).toContain('--target <name>');
  });
});
