import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health } from '@mpp/contracts';
import { createClient } from '@mpp/grpc';
import { freePort, parseSamples, waitFor, type TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase, uniqueTopic } from '@mpp/testing/fixtures';
import { mpp, mppDone } from './run-cli.js';

// The all-in-one platform started the production way with OTEL_METRICS_EXPORTER=prometheus
// serves /metrics with the names the Kubernetes alerts use, each series naming its service.
const SERVICES = ['catalog', 'queue', 'survey', 'reporting', 'gateway'] as const;
/** Every metric of DESIGN.md §9 (on Kafka, a lag only for the consumers of a service's own PostgreSQL log). */
const EXPECTED = [
  'mpp_rpc_server_duration_seconds_count',
  'mpp_http_server_duration_seconds_count',
  'mpp_outbox_backlog_events',
  'mpp_outbox_oldest_age_seconds',
  'mpp_consumer_applied_events_total',
  'mpp_consumer_failures_total',
  'mpp_dead_letters_total',
  'mpp_consumer_lag_events',
  'mpp_tickets_waiting',
  'mpp_webhook_deliveries_total',
  'mpp_webhook_pending_deliveries',
] as const;

async function checkHealth(port: number): Promise<void> {
  const { client, close } = createClient(Health, { address: `127.0.0.1:${port}`, defaultTimeoutMs: 5_000 });
  try {
    await client.check({ service: '' });
  } finally {
    close();
  }
}

describe('mpp start --target=all with OTEL_METRICS_EXPORTER=prometheus', () => {
  let db: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    db = await testDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'mpp-metrics-'));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves every metric on /metrics with its service label', async () => {
    const grpcPorts: Record<string, number> = {};
    for (const name of SERVICES) grpcPorts[name] = await freePort();
    const http = await freePort();
    const metricsPort = await freePort();
    const env: Record<string, string> = {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: `${uniqueTopic('metrics')}.`,
      QUEUE_HOLDER_KEY: 'test-holder-key-0123456789',
      GRPC_HOST: '127.0.0.1',
      GATEWAY_HTTP_HOST: '127.0.0.1',
      GATEWAY_HTTP_PORT: String(http),
      MPP_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    };
    for (const name of SERVICES) env[`${name.toUpperCase()}_GRPC_PORT`] = String(grpcPorts[name]);
    const run = mpp(['start', '--target=all'], env);
    try {
      await waitFor(() => run.stdout.includes('Stop with Ctrl-C') || run.child.exitCode !== null, { timeoutMs: 240_000, what: 'the start banner' });
      expect(run.stdout, run.stderr).toContain('Stop with Ctrl-C');
      // A request through the gateway, and a gRPC call to each service.
      expect((await fetch(`http://127.0.0.1:${http}/api/v1/malls/kendari`)).status).toBe(200);
      for (const name of SERVICES) await checkHealth(grpcPorts[name]!);

      const text = await waitFor(async () => {
        const scraped = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        const names = new Set(parseSamples(scraped).map((s) => s.name));
        return EXPECTED.every((name) => names.has(name)) ? scraped : undefined;
      }, { timeoutMs: 120_000, what: `every expected metric on /metrics (stderr: ${run.stderr})` });
      const samples = parseSamples(text).filter((s) => s.name.startsWith('mpp_'));
      expect(samples.filter((s) => !s.labels.service)).toEqual([]);
      const servicesOf = (name: string) => new Set(samples.filter((s) => s.name === name).map((s) => s.labels.service));
      expect(servicesOf('mpp_rpc_server_duration_seconds_count')).toEqual(new Set(SERVICES));
      expect(servicesOf('mpp_outbox_backlog_events')).toEqual(new Set(['catalog', 'queue', 'survey', 'reporting']));
      expect(servicesOf('mpp_http_server_duration_seconds_count')).toEqual(new Set(['gateway']));
      expect(samples.find((s) => s.name === 'mpp_http_server_duration_seconds_count' && s.labels.route === '/api/v1/malls/:mallId')).toBeDefined();
      expect(samples.find((s) => s.name === 'mpp_tickets_waiting')?.labels).toMatchObject({ service: 'queue', mall_id: 'kendari' });
      const transports = new Set(samples.filter((s) => s.name === 'mpp_consumer_applied_events_total').map((s) => s.labels.transport));
      expect(transports).toEqual(new Set(['kafka', 'log']));
      // Lag is measured on the PostgreSQL log only (a service's own); Kafka's comes from the Kafka Exporter.
      const lagging = samples.filter((s) => s.name === 'mpp_consumer_lag_events');
      expect(lagging.filter((s) => s.labels.source !== s.labels.service)).toEqual([]);
    } catch (error) {
      run.child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\nstderr:\n${run.stderr}`, { cause: error });
    }
    run.child.kill('SIGTERM');
    expect(await run.exit).toEqual({ code: 0, signal: null });
  });
});

describe('a one-off mpp command beside a serving process', () => {
  it('does not try to serve metrics on the service’s port (a `kubectl exec … mpp rebuild` in its pod)', async () => {
    const port = await freePort();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const env = { OTEL_METRICS_EXPORTER: 'prometheus', OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1', OTEL_EXPORTER_PROMETHEUS_PORT: String(port) };
      const run = await mppDone(['rebuild', '--help'], env);
      expect(run.code).toBe(0);
      expect(run.stderr).not.toContain('metrics: could not serve');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
