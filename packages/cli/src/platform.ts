import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { ConfigError, readConfig, type Env } from '@mpp/config';
import { ActorSchema, CatalogService, Role, type ImportReport } from '@mpp/contracts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@mpp/embedded-postgres';
import * as gateway from '@mpp/gateway';
import { createClient } from '@mpp/grpc';
import type { RunningService } from '@mpp/runtime';
import { demoMall } from '@mpp/catalog';
import type { Logger } from '@mpp/telemetry';
import { TARGETS } from './targets.js';

/** Where the all-in-one platform keeps its embedded database, demo issuer key and secrets. */
export const dataDirOf = (env: Env): string => resolve(env.MPP_DATA_DIR?.trim() || '.data');

/** The demo issuer's URL: the gateway's public URL (or localhost and its port) + `/oidc`. */
export function demoIssuerUrl(env: Env): string {
  const base = env.GATEWAY_PUBLIC_URL?.trim().replace(/\/$/, '') || `http://localhost:${env.GATEWAY_HTTP_PORT?.trim() || '8080'}`;
  return `${base}/oidc`;
}

export const demoKeyFile = (env: Env): string => join(dataDirOf(env), 'demo-issuer.json');

const SERVICES = ['catalog', 'queue', 'survey', 'reporting'] as const;

/** A service's gRPC port when its variable is unset: the default its own configuration declares. */
const defaultPortOf = (service: (typeof SERVICES)[number]): number => (TARGETS[service].configSpec as { grpcPort: { default: number } }).grpcPort.default;

export interface RunningPlatform {
  readonly services: readonly RunningService[];
  readonly gateway: gateway.RunningGateway;
  readonly databaseUrl: string;
  readonly demoIssuer: gateway.DemoIssuer | undefined;
  /** What was set for this run (demo defaults, addresses): the README's table names them all. */
  readonly env: Env;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  readonly env: Env;
  readonly log: Logger;
  /** Load the demo MPP into an empty catalog (default true). */
  readonly demoData?: boolean;
}

interface Secrets {
  readonly queueHolderKey: string;
  /** The embedded PostgreSQL's superuser password, set when its data folder is made. */
  readonly postgresPassword: string;
}

async function secrets(dir: string): Promise<Secrets> {
  const file = join(dir, 'secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const made: Secrets = { queueHolderKey: randomBytes(24).toString('base64url'), postgresPassword: randomBytes(18).toString('base64url') };
    await mkdir(dir, { recursive: true });
    await writeFile(file, JSON.stringify(made), { mode: 0o600 });
    return made;
  }
}

/**
 * The whole platform in one process (`mpp start --target=all`): every service behind its own
 * gRPC port and schema, then the gateway. Demo defaults apply only here and only where a
 * variable is unset: an embedded PostgreSQL with its data under MPP_DATA_DIR (kept across
 * restarts), a generated queue holder key (kept), the demo token issuer, and the demo MPP loaded
 * into an empty catalog. Every configuration problem of every service is reported together.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const { log } = options;
  const dir = dataDirOf(options.env);
  const overlay: Record<string, string> = {};
  const kept = await secrets(dir);
  if (!options.env.QUEUE_HOLDER_KEY?.trim()) overlay.QUEUE_HOLDER_KEY = kept.queueHolderKey;
  const demo = !options.env.OIDC_ISSUER?.trim();
  if (demo) overlay.OIDC_ISSUER = demoIssuerUrl(options.env);
  // The services' gRPC ports trust the actor a caller names: in one process only the gateway
  // calls them, so they listen on loopback unless told otherwise. The demo issuer hands out any
  // role to whoever opens its page, so with it the API too stays on this machine unless
  // GATEWAY_HTTP_HOST says otherwise (a mall's LAN: set it, and a real OIDC_ISSUER).
  if (!options.env.GRPC_HOST?.trim()) overlay.GRPC_HOST = '127.0.0.1';
  if (demo && !options.env.GATEWAY_HTTP_HOST?.trim()) overlay.GATEWAY_HTTP_HOST = '127.0.0.1';
  // A demo on one machine: a partner's webhook receiver is on localhost too.
  if (demo && !options.env.WEBHOOK_ALLOW_PRIVATE_TARGETS?.trim()) overlay.WEBHOOK_ALLOW_PRIVATE_TARGETS = 'true';
  for (const s of SERVICES) {
    const key = `${s.toUpperCase()}_ADDRESS`;
    if (!options.env[key]?.trim()) overlay[key] = `127.0.0.1:${options.env[`${s.toUpperCase()}_GRPC_PORT`]?.trim() || defaultPortOf(s)}`;
  }
  // Check everything before starting anything (the database URL is filled in below if unset).
  const check = { ...options.env, ...overlay, DATABASE_URL: options.env.DATABASE_URL?.trim() || 'postgres://embedded' };
  const problems: string[] = [];
  for (const name of [...SERVICES, 'gateway'] as const) {
    try {
      readConfig(TARGETS[name].configSpec, check);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const p of error.problems) if (!problems.includes(p)) problems.push(p);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  let embedded: EmbeddedPostgres | undefined;
  if (!options.env.DATABASE_URL?.trim()) {
    log.info({ dataDir: join(dir, 'postgres') }, 'starting the embedded PostgreSQL (data kept across restarts)');
    embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), password: kept.postgresPassword ?? 'postgres' });
    overlay.DATABASE_URL = embedded.url;
  }
  const env: Record<string, string | undefined> = { ...options.env, ...overlay };
  const services: RunningService[] = [];
  // Every part is stopped even when one fails to; the first failure is reported after.
  const stopAll = async () => {
    const failures: unknown[] = [];
    for (const s of [...services].reverse()) await s.stop().catch((error: unknown) => failures.push(error));
    await embedded?.stop().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) log.error({ err: failures[0], failures: failures.length }, 'the platform did not stop cleanly');
  };
  try {
    for (const name of SERVICES) {
      const running = await TARGETS[name].load(env).start();
      services.push(running);
      if (!options.env[`${name.toUpperCase()}_ADDRESS`]?.trim()) env[`${name.toUpperCase()}_ADDRESS`] = `127.0.0.1:${running.grpcPort}`;
    }
    const demoIssuer = demo ? await gateway.loadDemoIssuer(demoKeyFile(options.env), env.OIDC_ISSUER!) : undefined;
    const gw = await gateway.build(gateway.loadConfig(env), demoIssuer ? { demoIssuer } : {}).start();
    services.push(gw);
    if (options.demoData !== false) await loadDemoIfEmpty(env.CATALOG_ADDRESS!, log);
    return { services, gateway: gw, databaseUrl: env.DATABASE_URL!, demoIssuer, env, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function loadDemoIfEmpty(catalogAddress: string, log: Logger): Promise<void> {
  const { client, close } = createClient(CatalogService, { address: catalogAddress, actor: create(ActorSchema, { role: Role.SYSTEM }) });
  try {
    const { malls } = await client.listMalls({});
    if (malls.length > 0) return;
    log.info('loading the demo MPP (first start)');
    const content = new TextEncoder().encode(JSON.stringify(demoMall()));
    let report: ImportReport | undefined;
    for await (const m of client.importCatalog({ fileName: 'demo.json', content, dryRun: false }, { timeoutMs: 10 * 60_000 })) if (m.event.case === 'report') report = m.event.value;
    if (!report?.applied) throw new Error(`the demo MPP was not loaded: ${report?.errors.map((e) => `${e.location} ${e.field}: ${e.reason}`).join('; ') ?? 'no report'}`);
    // The catalog's reads follow its events: wait (with a deadline) until the mall can be read.
    const deadline = Date.now() + 60_000;
    while ((await client.listMalls({})).malls.length === 0) {
      if (Date.now() > deadline) throw new Error('the demo MPP was imported but the catalog did not show it within 60 s; see the catalog log');
      await new Promise((r) => setTimeout(r, 100));
    }
    log.info({ events: report.events }, 'demo MPP loaded');
  } finally {
    close();
  }
}

/** The first mall and a few of its people, for the start banner's demo tokens. */
export async function demoPeople(catalogAddress: string): Promise<{ id: string; people: (gateway.TokenClaims & { label: string })[] } | undefined> {
  const { client, close } = createClient(CatalogService, { address: catalogAddress, actor: create(ActorSchema, { role: Role.SYSTEM }) });
  try {
    const mall = (await client.listMalls({})).malls[0];
    if (!mall) return undefined;
    const officer = (await client.listOfficers({ mallId: mall.id })).officers.find((o) => o.active);
    const people: (gateway.TokenClaims & { label: string })[] = [
      { role: 'kiosk', subject: `demo-kiosk-${mall.id}`, mall: mall.id, label: 'kiosk' },
      { role: 'mall-admin', subject: `demo-admin-${mall.id}`, mall: mall.id, label: 'mall-admin' },
      { role: 'auditor', subject: 'demo-auditor', label: 'auditor' },
    ];
    if (officer) {
      people.splice(1, 0, { role: 'officer', subject: officer.subject, mall: mall.id, agency: officer.agencyCode, name: officer.displayName, label: `officer ${officer.displayName} (${officer.agencyCode}, counters ${officer.counterIds.join(', ')})` });
      people.splice(2, 0, { role: 'agency-admin', subject: `demo-admin-${officer.agencyCode}`, mall: mall.id, agency: officer.agencyCode, label: `agency-admin (${officer.agencyCode})` });
      people.push({ role: 'partner', subject: `demo-partner-${officer.agencyCode}`, agency: officer.agencyCode, label: `partner (${officer.agencyCode}: webhooks)` });
    }
    return { id: mall.id, people };
  } finally {
    close();
  }
}
