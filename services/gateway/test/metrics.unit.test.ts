import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetrics, type Metrics } from '@mpp/telemetry';
import { sampleValue, samplesOf } from '@mpp/testing';
import { UNMATCHED_ROUTE, type GatewayApp } from '../src/app.js';
import { loadDemoIssuer } from '../src/auth/demo-issuer.js';
import { edgeGateway } from './edge.js';

// `mpp_http_server_duration_seconds{method, route, status_code}` as Prometheus scrapes it: the
// route is fastify's template, never the URL a caller sent. The services are unreachable (503).
describe('the gateway’s HTTP metrics', () => {
  let metrics: Metrics;
  let gateway: GatewayApp;
  let dir: string;

  beforeAll(async () => {
    metrics = startMetrics({ serviceName: 'gateway-test' });
    dir = mkdtempSync(join(tmpdir(), 'mpp-gw-metrics-'));
    const issuer = await loadDemoIssuer(join(dir, 'key.json'), 'http://localhost:8080/oidc');
    gateway = await edgeGateway(issuer, { anonymousRateLimit: 100 });
  });
  afterAll(async () => {
    await gateway.app.close();
    await metrics.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('labels each request with its method, route template and status', async () => {
    for (const ticketId of ['ticket-1', 'ticket-2']) expect((await gateway.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}` })).statusCode).toBe(503);
    expect((await gateway.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await gateway.app.inject({ method: 'GET', url: '/api/v1/no/such/route' })).statusCode).toBe(404);

    const text = await metrics.scrape();
    expect(text).toContain('# TYPE mpp_http_server_duration_seconds histogram');
    const ticket = { service: 'gateway', method: 'GET', route: '/api/v1/tickets/:ticketId', status_code: '503' };
    expect(sampleValue(text, 'mpp_http_server_duration_seconds_count', ticket)).toBe(2);
    expect(sampleValue(text, 'mpp_http_server_duration_seconds_count', { route: '/healthz', status_code: '200' })).toBe(1);
    expect(sampleValue(text, 'mpp_http_server_duration_seconds_count', { route: UNMATCHED_ROUTE, status_code: '404' })).toBe(1);
    const routes = samplesOf(text, 'mpp_http_server_duration_seconds_count').map((s) => s.labels.route);
    expect(routes.filter((r) => r?.includes('ticket-1') || r?.includes('/no/such'))).toEqual([]);
  });
});
