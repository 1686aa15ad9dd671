import { build as buildCatalog, loadConfig as catalogConfig, type ImportDocument } from '@mpp/catalog';
import { CatalogService, Role, type Actor } from '@mpp/contracts';
import { createManualClock, type ManualClock } from '@mpp/eventstore';
import { createClient } from '@mpp/grpc';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import pg from 'pg';
import type { QueueApp } from '../src/app/queue-app.js';
import { build, loadConfig } from '../src/index.js';
import type { Notice } from '../src/infra/notify/notifier.js';
import { createReplicaQueries } from '../src/infra/replica-queries.js';
import { queueClients } from './clients.js';

export interface QueueHarness {
  readonly db: TestDatabase;
  readonly pool: pg.Pool;
  readonly clock: ManualClock;
  readonly app: QueueApp;
  readonly notices: Notice[];
  readonly client: ReturnType<typeof queueClients>['client'];
  stop(): Promise<void>;
}

const system: Actor = { $typeName: 'mpp.common.v1.Actor', subject: 'import', role: Role.SYSTEM, agencyCode: '', mallId: '' };

/**
 * A running catalog and queue on a fresh database (and Kafka, when `env` names brokers), the
 * mall `doc` imported into the catalog and waited for in the queue's replica — every service,
 * counter and officer of it (over Kafka each record is its own key, so one arriving says nothing
 * of the others) — the queue's clock manual from `start`, its notices collected.
 */
export async function startQueueHarness(options: { doc: ImportDocument; mallId: string; start: Date; env?: Record<string, string>; queueEnv?: Record<string, string>; timerPollMs: number }): Promise<QueueHarness> {
  const db = await testDatabase();
  const started: { stop(): Promise<unknown> }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    await db.drop();
  };
  try {
    const env = { DATABASE_URL: db.url, GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...options.env };
    const catalog: RunningService = await buildCatalog(catalogConfig({ ...env, CATALOG_GRPC_PORT: '0' })).start();
    started.push(catalog);
    const clock = createManualClock(options.start);
    const notices: Notice[] = [];
    let app: QueueApp | undefined;
    const queue: RunningService = await build(loadConfig({ ...env, QUEUE_GRPC_PORT: '0', QUEUE_HOLDER_KEY: 'test-holder-key-0123456789', ...options.queueEnv }), {
      clock,
      notifier: { send: async (n) => void notices.push(n) },
      onApp: (a) => (app = a),
      timerPollMs: options.timerPollMs,
    }).start();
    started.push(queue);
    await importDoc(catalog, options);
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    started.push({ stop: () => pool.end() });
    await replicated(pool, options);
    const clients = queueClients(() => `127.0.0.1:${queue.grpcPort}`);
    started.push({ stop: async () => clients.closeAll() });
    return { db, pool, clock, app: app!, notices, client: clients.client, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function importDoc(catalog: RunningService, options: { doc: ImportDocument; mallId: string }): Promise<void> {
  const { client: cat, close } = createClient(CatalogService, { address: `127.0.0.1:${catalog.grpcPort}`, actor: system });
  try {
    for await (const m of cat.importCatalog({ fileName: `${options.mallId}.json`, content: new TextEncoder().encode(JSON.stringify(options.doc)) }, { timeoutMs: 180_000 })) {
      if (m.event.case === 'report' && m.event.value.errors.length > 0) throw new Error(`the import was refused: ${JSON.stringify(m.event.value.errors.slice(0, 3))}`);
    }
  } finally {
    close();
  }
}

async function replicated(pool: pg.Pool, options: { doc: ImportDocument; mallId: string }): Promise<void> {
  const ids = (records: readonly unknown[] | undefined, key: string) => (records ?? []).map((r) => String((r as Record<string, unknown>)[key]));
  const counters = ids(options.doc.counters, 'id');
  const officers = ids(options.doc.officers, 'subject');
  const count = async (table: string, column: string, values: string[]) =>
    (await pool.query<{ n: number }>(`select count(*)::int as n from queue.${table} where ${column} = any($1::text[])`, [values])).rows[0]!.n;
  const replica = createReplicaQueries(pool);
  await waitFor(
    async () =>
      (await replica.serviceCount(options.mallId)) === options.doc.services!.length &&
      (await count('catalog_counters', 'id', counters).catch(() => -1)) === counters.length &&
      (await count('catalog_officers', 'subject', officers).catch(() => -1)) === officers.length,
    { timeoutMs: 180_000, what: `mall ${options.mallId} in the queue replica (services, counters, officers)` },
  );
}
