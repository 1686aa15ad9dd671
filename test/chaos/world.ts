import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DescService } from '@bufbuild/protobuf';
import { demoMall } from '@mpp/catalog';
import { CatalogService, type Actor, Role } from '@mpp/contracts';
import { createClient } from '@mpp/grpc';
import { loadDemoIssuer, type DemoIssuer } from '@mpp/gateway';
import { freePort, startEmbeddedPostgres, startKafkaBroker, waitFor, type KafkaBroker } from '@mpp/testing';
import { uniqueTopic } from '@mpp/testing/fixtures';
import pg from 'pg';
import { startService, type ServiceName, type ServiceProcess } from './processes.js';

// The fault suite's private world: its own PostgreSQL (embedded, data kept in a folder so it can
// be stopped and started again), its own Kafka broker (likewise), a stand-in OpenID Connect
// issuer (a JWKS served from this process, as a city's identity provider would), and the five
// services each as its own `mpp start --target=<name>` process. Nothing here is shared with the
// rest of the test run, so stopping the database or the broker disturbs no other test.

export const MALL = 'chaos';
const ALL_DAY = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((d) => ({ weekday: `WEEKDAY_${d}`, intervals: [{ open: '00:00', close: '24:00' }] }));
export const SERVICES: readonly ServiceName[] = ['catalog', 'queue', 'survey', 'reporting', 'gateway'];

export const actor = (role: Role, subject: string, agencyCode = '', mallId = MALL): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject, role, agencyCode, mallId });

/** The demo mall, open all day every day (the suite runs at any hour). */
export function chaosMall(): ReturnType<typeof demoMall> {
  const doc = demoMall({ mallId: MALL });
  (doc.malls![0] as unknown as { weeklyHours: unknown }).weeklyHours = ALL_DAY;
  return doc;
}

export interface World {
  /** The platform's database (on the private server). */
  readonly databaseUrl: string;
  /** A small pool on it for the checks; it reconnects by itself after the server restarts. */
  readonly pool: pg.Pool;
  readonly prefix: string;
  readonly env: Record<string, string>;
  readonly procs: ReadonlyMap<ServiceName, ServiceProcess>;
  readonly issuer: DemoIssuer;
  readonly gatewayUrl: string;
  brokers(): string[];
  /** SIGTERM to the broker, data kept. */
  stopBroker(): Promise<void>;
  /** The broker again, same ports and data. */
  startBroker(): Promise<void>;
  /** PostgreSQL's fast shutdown (every connection is cut), data kept. */
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  /** A client of a service as `as`, made once per pair (it reconnects after a restart on the same port). */
  client<T extends DescService>(service: T, name: ServiceName, as: Actor): ReturnType<typeof createClient<T>>['client'];
  close(): Promise<void>;
}

/** A progress line on stderr: when a step hangs, the run's output says which. */
const t0 = Date.now();
export const step = (what: string): void => void process.stderr.write(`[chaos +${((Date.now() - t0) / 1000).toFixed(1)}s] ${what}\n`);

export async function startWorld(): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), 'mpp-chaos-'));
  const pgDir = join(root, 'postgres');
  const brokerDir = join(root, 'kafka');
  const pgPort = await freePort();
  const password = 'chaos';
  let postgres = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, password });
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query('create database mpp_chaos');
  await admin.end();
  const databaseUrl = `postgres://postgres:${password}@127.0.0.1:${pgPort}/mpp_chaos`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined); // an idle connection cut by the restart: the next query opens a new one
  step('private PostgreSQL up');

  let broker: KafkaBroker = await startKafkaBroker({ dataDir: brokerDir });
  step('private broker up');

  // The identity provider stand-in: the gateway fetches this JWKS and checks tokens against it.
  const jwksServer: Server = createServer((req, res) => {
    res.writeHead(req.url === '/jwks' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(req.url === '/jwks' ? JSON.stringify(issuer.jwks) : '{}');
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksPort = (jwksServer.address() as { port: number }).port;
  const issuerUrl = `http://127.0.0.1:${jwksPort}`;
  const issuer = await loadDemoIssuer(join(root, 'issuer.json'), issuerUrl);

  const ports = new Map<ServiceName, number>();
  for (const name of SERVICES) ports.set(name, await freePort());
  const httpPort = await freePort();
  const prefix = `${uniqueTopic('chaos')}.`;
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: broker.brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    GRPC_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    QUEUE_HOLDER_KEY: 'chaos-holder-key-0123456789',
    REPORTING_BOARD_POLL_MS: '100',
    OIDC_ISSUER: issuerUrl,
    OIDC_JWKS_URL: `${issuerUrl}/jwks`,
    GATEWAY_HTTP_HOST: '127.0.0.1',
    GATEWAY_HTTP_PORT: String(httpPort),
    GATEWAY_ANONYMOUS_RATE_LIMIT: '100000',
    WEB_ROOT: join(root, 'no-web'),
    ...Object.fromEntries(SERVICES.filter((s) => s !== 'gateway').map((s) => [`${s.toUpperCase()}_ADDRESS`, `127.0.0.1:${ports.get(s)}`])),
  };
  const procs = new Map<ServiceName, ServiceProcess>();
  const clients = new Map<string, unknown>();
  const closers: (() => void)[] = [];
  const world: World = {
    databaseUrl,
    pool,
    prefix,
    env,
    procs,
    issuer,
    gatewayUrl: `http://127.0.0.1:${httpPort}`,
    brokers: () => broker.brokers,
    stopBroker: () => broker.stop(),
    startBroker: async () => {
      broker = await startKafkaBroker({ dataDir: brokerDir, ports: broker.ports });
    },
    stopPostgres: () => postgres.stop(),
    startPostgres: async () => {
      postgres = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, password });
    },
    client(service, name, as) {
      const key = `${service.typeName}|${as.role}|${as.subject}`;
      if (!clients.has(key)) {
        const c = createClient(service, { address: `127.0.0.1:${ports.get(name)}`, actor: as, defaultTimeoutMs: 5_000 });
        closers.push(c.close);
        clients.set(key, c.client);
      }
      return clients.get(key) as never;
    },
    async close() {
      closers.forEach((close) => close());
      for (const p of [...procs.values()].reverse()) await p.stop();
      await broker.stop();
      await pool.end().catch(() => undefined);
      await postgres.stop();
      await new Promise((resolve) => jwksServer.close(resolve));
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    for (const name of SERVICES) procs.set(name, await startService(name, ports.get(name)!, env));
    step('the five services answer');
    await importMall(world);
  } catch (error) {
    await world.close().catch(() => undefined);
    throw error;
  }
  return world;
}

/** The demo catalog, imported as `mpp start` loads it, and waited for in the queue's replica. */
async function importMall(world: World): Promise<void> {
  const doc = chaosMall();
  const catalog = world.client(CatalogService, 'catalog', actor(Role.SYSTEM, 'chaos-import', '', ''));
  for await (const m of catalog.importCatalog({ fileName: 'chaos.json', content: new TextEncoder().encode(JSON.stringify(doc)), dryRun: false }, { timeoutMs: 180_000 })) {
    if (m.event.case === 'report' && !m.event.value.applied) throw new Error(`the import was refused: ${JSON.stringify(m.event.value.errors.slice(0, 3))}`);
  }
  step('catalog imported');
  const count = async (table: string): Promise<number> => (await world.pool.query<{ n: number }>(`select count(*)::int as n from queue.${table} where mall_id = $1`, [MALL])).rows[0]!.n;
  await waitFor(async () => (await count('catalog_services')) === doc.services!.length && (await count('catalog_counters')) === doc.counters!.length && (await count('catalog_officers')) === doc.officers!.length, {
    timeoutMs: 180_000,
    what: 'the demo mall in the queue replica',
  });
}
