import { CatalogService, Role, ServiceStatus, type Actor } from '@mpp/contracts';
import { build as buildCatalog, demoMall, loadConfig as catalogConfig } from '@mpp/catalog';
import { createClient } from '@mpp/grpc';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedReason, dayOf, orderingPolicy, priorityGroupsFor } from '../src/domain/rules.js';
import { build, loadConfig } from '../src/index.js';
import { createReplicaQueries } from '../src/infra/replica-queries.js';

// The queue keeps its own replica of the catalog from the catalog's events (single-node mode:
// the catalog's log) and answers "may this service take a ticket now?" from it alone.
const system: Actor = { $typeName: 'mpp.common.v1.Actor', subject: 'import', role: Role.SYSTEM, agencyCode: '', mallId: '' };
let db: TestDatabase;
let catalog: RunningService;
let queue: RunningService;
let pool: pg.Pool;
const demo = demoMall();

beforeAll(async () => {
  db = await testDatabase();
  const env = { DATABASE_URL: db.url, GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  catalog = await buildCatalog(catalogConfig({ ...env, CATALOG_GRPC_PORT: '0' })).start();
  queue = await build(loadConfig({ ...env, QUEUE_GRPC_PORT: '0', QUEUE_HOLDER_KEY: 'test-holder-key-0123456789' })).start();
  const { client, close } = createClient(CatalogService, { address: `127.0.0.1:${catalog.grpcPort}`, actor: system });
  try {
    for await (const m of client.importCatalog({ fileName: 'demo.json', content: new TextEncoder().encode(JSON.stringify(demo)) }, { timeoutMs: 180_000 })) {
      if (m.event.case === 'report') expect(m.event.value.errors).toEqual([]);
    }
  } finally {
    close();
  }
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const replica = createReplicaQueries(pool);
  await waitFor(async () => (await replica.serviceCount('kendari')) === demo.services!.length, { timeoutMs: 120_000, what: `the ${demo.services!.length} demo services in the queue's replica` });
}, 240_000);

afterAll(async () => {
  await pool?.end();
  await queue?.stop();
  await catalog?.stop();
  await db?.drop();
});

describe("the queue's catalog replica", () => {
  it('answers from the replica: open on a weekday morning, closed on Sunday and on a retired service, in WITA', async () => {
    const replica = createReplicaQueries(pool);
    const ktp = (await replica.serviceFacts('kendari:ktp-el-perekaman'))!;
    expect(ktp.queuePrefix).toMatch(/^[A-Z]{1,2}$/);
    // Monday 23 November 2026, 09:00 WITA = 01:00 UTC.
    expect(closedReason(ktp, new Date('2026-11-23T01:00:00Z'))).toBeUndefined();
    expect(dayOf(ktp.mall, new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23'); // 00:30 WITA
    expect(closedReason(ktp, new Date('2026-11-22T01:00:00Z'))).toMatchObject({ reason: 'closed-today' }); // Sunday
    const retiredId = demo.services!.find((s) => s.status === 'SERVICE_STATUS_RETIRED')!;
    const retired = (await replica.serviceFacts(`kendari:${String(retiredId.code)}`))!;
    expect(retired.service.status).toBe(ServiceStatus.RETIRED);
    expect(closedReason(retired, new Date('2026-11-23T01:00:00Z'))).toMatchObject({ reason: 'retired' });
    expect(await replica.serviceFacts('kendari:nope')).toBeUndefined();
  });

  it("carries the mall's queue policy for ordering and priority groups", async () => {
    const ktp = (await createReplicaQueries(pool).serviceFacts('kendari:ktp-el-perekaman'))!;
    const policy = orderingPolicy(ktp.policy);
    expect(policy.interleaveRatio).toBe(3);
    expect(policy.weights.get('lansia')).toBe(3);
    expect(priorityGroupsFor(ktp).length).toBeGreaterThan(0);
  });
});
