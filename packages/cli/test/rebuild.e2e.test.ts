import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { create } from '@bufbuild/protobuf';
import { EventMetadataSchema } from '@mpp/contracts';
import { createEventStore, type EventStore } from '@mpp/eventstore';
import { freePort, waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { mpp, mppDone } from './run-cli.js';

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await testDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

async function append(store: EventStore, n: number) {
  const metadata = create(EventMetadataSchema, { mallId: 'mall-kendari' });
  for (let i = 0; i < n; i++) {
    await store.append(`ticket-${i % 7}`, 'any', [{ id: randomUUID(), type: 'id.mpp.queue.TicketIssued.v1', data: new Uint8Array([8, i]), metadata }]);
  }
}

const counted = async () => {
  const { rows } = await pool.query<{ n: number }>(`select coalesce(sum(events), 0)::int as n from reporting.event_counts where source = 'queue'`);
  return rows[0]!.n;
};

describe('mpp rebuild', () => {
  it('rebuilds a read model of the running platform beside the live one; the service follows the switch', async () => {
    const env: Record<string, string> = { DATABASE_URL: db.url, QUEUE_HOLDER_KEY: 'test-holder-key-0123456789', GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    for (const name of ['catalog', 'queue', 'survey', 'reporting', 'gateway']) env[`${name.toUpperCase()}_GRPC_PORT`] = String(await freePort());
    const dataDir = mkdtempSync(join(tmpdir(), 'mpp-rebuild-'));
    Object.assign(env, { GATEWAY_HTTP_HOST: '127.0.0.1', GATEWAY_HTTP_PORT: String(await freePort()), MPP_DATA_DIR: dataDir });
    const platform = mpp(['start', '--target=all'], env);
    try {
      await waitFor(async () => (await pool.query(`select 1 from information_schema.views where table_schema = 'reporting' and table_name = 'event_counts'`)).rowCount === 1, {
        timeoutMs: 120_000,
        what: `the reporting service to start (stderr: ${platform.stderr})`,
      });
      const store = createEventStore({ pool, schema: 'queue' });
      await append(store, 50);
      await waitFor(async () => (await counted()) === 50, { timeoutMs: 120_000, what: 'the live read model to count 50 events' });

      const result = await mppDone(['rebuild', 'event_counts'], { DATABASE_URL: db.url });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('event_counts v2 is live; the reporting service follows and drops v1');
      // Every source's events: the 50 queue events and the demo MPP's catalog events.
      const done = /event_counts \[#+\] 100% (\d+)\/(\d+) events/.exec(result.stderr);
      expect(done, result.stderr).not.toBeNull();
      expect(done![1]).toBe(done![2]);
      expect(Number(done![1])).toBeGreaterThanOrEqual(50);

      await waitFor(async () => (await pool.query(`select 1 from information_schema.tables where table_schema = 'reporting' and table_name = 'event_counts_v1'`)).rowCount === 0, {
        timeoutMs: 120_000,
        what: 'the service to follow the switch and drop v1',
      });
      await append(store, 10);
      await waitFor(async () => (await counted()) === 60, { timeoutMs: 120_000, what: 'v2, now live in the service, to count new events' });
    } finally {
      platform.child.kill('SIGTERM');
    }
    expect(await platform.exit).toEqual({ code: 0, signal: null });
    rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);

  it('names the projections it knows when asked for another', async () => {
    const result = await mppDone(['rebuild', 'nope'], { DATABASE_URL: db.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown projection "nope"');
    expect(result.stderr).toMatch(/Projections: .*event_counts/);
  });
});
