import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { startPlatform } from '@mpp/cli';
import { createLogger } from '@mpp/telemetry';
import type { Sample } from '../eventstore/measure.js';

// A Disdukcapil service of queue A without a daily quota (so every request is a ticket).
const SERVICE = 'kendari:ktp-el-pindah-datang';
const ALL_DAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((weekday) => ({ weekday, intervals: [{ open: '00:00', close: '24:00' }] }));

export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly errors: number;
}

export interface GatewayBenchResult {
  /** Throughput at full load (op = one ticket), both sides over the same rounds. */
  readonly ours: Sample;
  readonly baseline: Sample;
  /** Latency at the same fixed offered load. */
  readonly offered: number;
  readonly oursLatency: Latency;
  readonly baselineLatency: Latency;
  readonly connections: number;
}

interface Run {
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly ms: number;
  readonly p50: number;
  readonly p99: number;
}

async function cannon(url: string, token: string | undefined, body: string, o: { connections: number; seconds: number; rate?: number }): Promise<Run> {
  const started = performance.now();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: o.connections,
    duration: o.seconds,
    // The load comes from a worker thread, not the event loop the platform and the bare route run on.
    workers: 1,
    ...(o.rate ? { overallRate: o.rate } : {}),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const ms = performance.now() - started;
  return { ok: result['2xx'], non2xx: result.non2xx, errors: result.errors + result.timeouts, ms, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * Ticket issue through the whole gateway path (HTTP → JSON Schema → auth → gRPC → the queue's
 * command handler → append, all-in-one platform on the PostgreSQL log) against a bare fastify
 * route doing the same single-row INSERT directly (unique (queue, day, number), same pool size):
 * throughput at full load with rounds interleaved, then p50/p99 at one fixed offered load.
 */
export async function gatewayBench(o: { databaseUrl: string; quick: boolean; log: (m: string) => void }): Promise<GatewayBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mpp-bench-gw-'));
  const platform = await startPlatform({
    env: { DATABASE_URL: o.databaseUrl, LOG_LEVEL: 'silent', GRPC_HOST: '127.0.0.1', CATALOG_GRPC_PORT: '0', QUEUE_GRPC_PORT: '0', SURVEY_GRPC_PORT: '0', REPORTING_GRPC_PORT: '0', GATEWAY_GRPC_PORT: '0', GATEWAY_HTTP_HOST: '127.0.0.1', GATEWAY_HTTP_PORT: '0', MPP_DATA_DIR: dataDir },
    log: createLogger({ service: 'bench', level: 'silent' }),
  });
  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: 16 });
  const bare = Fastify({ logger: false });
  try {
    const base = `http://127.0.0.1:${platform.gateway.httpPort}/api/v1`;
    const admin = await platform.demoIssuer!.mint({ role: 'mall-admin', mall: 'kendari' });
    const kiosk = await platform.demoIssuer!.mint({ role: 'kiosk', mall: 'kendari' });
    const hours = await fetch(`${base}/malls/kendari/hours`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ weeklyHours: ALL_DAY, specialDays: [] }) });
    if (hours.status !== 200) throw new Error(`opening the demo mall all day failed: ${hours.status} ${await hours.text()}`);
    const body = JSON.stringify({ serviceId: SERVICE, source: 'kiosk' });
    // The queue reads the hours from its catalog replica: wait until a ticket is issued.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const r = await fetch(`${base}/malls/kendari/tickets`, { method: 'POST', headers: { authorization: `Bearer ${kiosk}`, 'content-type': 'application/json' }, body });
      if (r.status === 201) break;
      if (Date.now() > deadline) throw new Error(`no ticket within 120 s: ${r.status} ${await r.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    await pool.query(`create table if not exists bench_gateway_tickets (queue_id text not null, day date not null, number integer not null, service_id text not null, source text not null, issued_at timestamptz not null default now(), unique (queue_id, day, number))`);
    let next = 0;
    bare.post<{ Body: { serviceId: string; source: string } }>(
      '/tickets',
      { schema: { body: { type: 'object', required: ['serviceId', 'source'], additionalProperties: false, properties: { serviceId: { type: 'string' }, source: { type: 'string' } } } } },
      async (request, reply) => {
        const number = ++next;
        await pool.query({ name: 'bench-gw-insert', text: `insert into bench_gateway_tickets (queue_id, day, number, service_id, source) values ($1, $2, $3, $4, $5)`, values: ['kendari:A', '2026-11-23', number, request.body.serviceId, request.body.source] });
        return reply.code(201).send({ number: `A-${String(number).padStart(3, '0')}` });
      },
    );
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/tickets`;
    const oursUrl = `${base}/malls/kendari/tickets`;

    const connections = 50;
    const seconds = o.quick ? 2 : 8;
    const rounds = o.quick ? 1 : 3;
    await cannon(oursUrl, kiosk, body, { connections, seconds: 1 }); // warm-up
    await cannon(bareUrl, undefined, body, { connections, seconds: 1 });
    let ours: Sample = { ops: 0, events: 0, ms: 0 };
    let baseline: Sample = { ops: 0, events: 0, ms: 0 };
    for (let i = 0; i < rounds; i++) {
      const a = await cannon(oursUrl, kiosk, body, { connections, seconds });
      const b = await cannon(bareUrl, undefined, body, { connections, seconds });
      if (a.non2xx + a.errors > 0 || b.non2xx + b.errors > 0) o.log(`gateway: round ${i + 1} had failures — ours ${a.non2xx} non-2xx / ${a.errors} errors, bare ${b.non2xx} / ${b.errors}`);
      ours = { ops: ours.ops + a.ok, events: ours.events + a.ok, ms: ours.ms + a.ms };
      baseline = { ops: baseline.ops + b.ok, events: baseline.events + b.ok, ms: baseline.ms + b.ms };
      o.log(`gateway: round ${i + 1}: ours ${Math.round((a.ok * 1000) / a.ms)} tickets/s, bare ${Math.round((b.ok * 1000) / b.ms)} inserts/s`);
    }

    // The same offered load on both: well under either's capacity, so latency is the path's own.
    const offered = Math.max(50, Math.floor(Math.min((ours.ops * 1000) / ours.ms, (baseline.ops * 1000) / baseline.ms) * 0.4));
    const la = await cannon(oursUrl, kiosk, body, { connections: 20, seconds, rate: offered });
    const lb = await cannon(bareUrl, undefined, body, { connections: 20, seconds, rate: offered });
    return {
      ours,
      baseline,
      offered,
      connections,
      oursLatency: { p50: la.p50, p99: la.p99, requests: la.ok, errors: la.non2xx + la.errors },
      baselineLatency: { p50: lb.p50, p99: lb.p99, requests: lb.ok, errors: lb.non2xx + lb.errors },
    };
  } finally {
    await bare.close();
    await pool.end();
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
