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
 * mall `doc` imported into the catalog and waited for in the queue's replica (its `readyOfficer`
 * and all its services), the queue's clock manual from `start`, its notices collected.
 */
export async function startQueueHarness(options: { doc: ImportDocument; mallId: string; readyOfficer: string; start: Date; env?: Record<string, string>; queueEnv?: Record<string, string>; timerPollMs: number }): Promise<QueueHarness> {
  const db = await testDatabase();
  const env = { DATABASE_URL: db.url, GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...options.env };
  const catalog: RunningService = await buildCatalog(catalogConfig({ ...env, CATALOG_GRPC_PORT: '0' })).start();
  const clock = createManualClock(options.start);
  const notices: Notice[] = [];
  let app: QueueApp | undefined;
  const queue: RunningService = await build(loadConfig({ ...env, QUEUE_GRPC_PORT: '0', QUEUE_HOLDER_KEY: 'test-holder-key-0123456789', ...options.queueEnv }), {
    clock,
    notifier: { send: async (n) => void notices.push(n) },
    onApp: (a) => (app = a),
    timerPollMs: options.timerPollMs,
  }).start();
  const { client: cat, close } = createClient(CatalogService, { address: `127.0.0.1:${catalog.grpcPort}`, actor: system });
  try {
    for await (const m of cat.importCatalog({ fileName: `${options.mallId}.json`, content: new TextEncoder().encode(JSON.stringify(options.doc)) })) {
      if (m.event.case === 'report' && m.event.value.errors.length > 0) throw new Error(`the import was refused: ${JSON.stringify(m.event.value.errors.slice(0, 3))}`);
    }
  } finally {
    close();
  }
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const replica = createReplicaQueries(pool);
  await waitFor(async () => (await replica.officer(options.readyOfficer)) !== undefined && (await replica.serviceCount(options.mallId)) === options.doc.services!.length, {
    timeoutMs: 180_000,
    what: `mall ${options.mallId} in the queue replica`,
  });
  const clients = queueClients(() => `127.0.0.1:${queue.grpcPort}`);
  return {
    db,
    pool,
    clock,
    app: app!,
    notices,
    client: clients.client,
    async stop() {
      clients.closeAll();
      await pool.end();
      await queue.stop();
      await catalog.stop();
      await db.drop();
    },
  };
}
