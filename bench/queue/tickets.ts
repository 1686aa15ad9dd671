import { build as buildCatalog, demoMall, loadConfig as catalogConfig } from '@mpp/catalog';
import { CatalogService, Role, Source, type Actor } from '@mpp/contracts';
import { createManualClock } from '@mpp/eventstore';
import { createClient } from '@mpp/grpc';
import { build, loadConfig, type QueueApp } from '@mpp/queue';
import type pg from 'pg';
import type { Op } from '../eventstore/measure.js';

const actor = (role: Role, subject: string): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject, role, agencyCode: '', mallId: 'kendari' });
// A Disdukcapil service of queue A without a daily quota, on a Monday morning in Kendari (WITA).
const SERVICE = 'kendari:ktp-el-pindah-datang';

/**
 * Tickets issued on one hot queue (the queue app with its catalog replica, no gRPC) versus the
 * same number of single-row INSERTs into a table with a unique (queue, day, number) constraint.
 */
export async function ticketsBench(url: string, rawPool: pg.Pool, log: (m: string) => void): Promise<{ ours: Op; baseline: Op; stop(): Promise<void> }> {
  const env = { DATABASE_URL: url, GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  const catalog = await buildCatalog(catalogConfig({ ...env, CATALOG_GRPC_PORT: '0' })).start();
  let app: QueueApp | undefined;
  const clock = createManualClock(new Date('2026-11-23T01:00:00Z'));
  const queue = await build(loadConfig({ ...env, QUEUE_GRPC_PORT: '0', QUEUE_HOLDER_KEY: 'bench-holder-key-0123456789' }), { clock, onApp: (a) => (app = a) }).start();
  const { client, close } = createClient(CatalogService, { address: `127.0.0.1:${catalog.grpcPort}`, actor: actor(Role.SYSTEM, 'bench') });
  try {
    for await (const m of client.importCatalog({ fileName: 'demo.json', content: new TextEncoder().encode(JSON.stringify(demoMall())) }, { timeoutMs: 180_000 })) {
      if (m.event.case === 'report' && m.event.value.errors.length > 0) throw new Error(`demo import refused: ${m.event.value.errors[0]!.reason}`);
    }
  } finally {
    close();
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await rawPool.query<{ n: number }>(`select count(*)::int as n from queue.catalog_services where id = $1`, [SERVICE]).catch(() => ({ rows: [{ n: 0 }] }));
    if (rows[0]!.n === 1) break;
    if (Date.now() > deadline) throw new Error('the demo mall did not reach the queue replica in 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  log('tickets: demo mall in the queue replica');
  await rawPool.query(`create table if not exists bench_tickets (queue_id text not null, day date not null, number integer not null, service_id text not null, issued_at timestamptz not null default now(), unique (queue_id, day, number))`);
  let next = 0;
  const kiosk = actor(Role.KIOSK, 'bench-kiosk');
  return {
    ours: async () => {
      await app!.tickets.issue(kiosk, { mallId: 'kendari', serviceId: SERVICE, source: Source.KIOSK, priorityGroup: '', notifyPhone: '', requestId: '' });
      return 1;
    },
    baseline: async () => {
      await rawPool.query({ name: 'bench-ticket-insert', text: `insert into bench_tickets (queue_id, day, number, service_id) values ($1, $2, $3, $4)`, values: ['kendari:A', '2026-11-23', ++next, SERVICE] });
      return 1;
    },
    async stop() {
      await queue.stop();
      await catalog.stop();
    },
  };
}
