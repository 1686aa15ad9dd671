import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { ConfigError } from '@mpp/config';
import { AppError } from '@mpp/errors';
import type { GatewayApp } from '../src/app.js';
import { loadDemoIssuer, type DemoIssuer } from '../src/auth/demo-issuer.js';
import { loadConfig } from '../src/config.js';
import { problemOf } from '../src/http/problem.js';
import { edgeGateway } from './edge.js';

// The HTTP edge alone: services unreachable (a closed port), so every call that gets through is a
// 503 — enough to see limits, headers, CORS and the documents around it.
describe('the gateway’s HTTP edge', () => {
  let gateway: GatewayApp;
  let issuer: DemoIssuer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mpp-gw-'));
    issuer = await loadDemoIssuer(join(dir, 'key.json'), 'http://localhost:8080/oidc');
    gateway = await edgeGateway(issuer, { corsOrigins: ['https://dashboard.kendarikota.go.id'] });
  });
  afterAll(async () => {
    await gateway.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('limits anonymous callers per address (429 with Retry-After), not signed-in ones; an unreachable service is a 503 problem', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await gateway.app.inject({ method: 'GET', url: '/api/v1/malls', remoteAddress: '10.0.0.7' })).statusCode);
    expect(statuses).toEqual([503, 503, 503, 429]);
    const limited = await gateway.app.inject({ method: 'GET', url: '/api/v1/malls', remoteAddress: '10.0.0.7' });
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ status: 429, type: 'urn:mpp:problem:too-many-requests' });
    // A forged X-Forwarded-For does not make a new client (GATEWAY_TRUST_PROXY is false by default).
    expect((await gateway.app.inject({ method: 'GET', url: '/api/v1/malls', remoteAddress: '10.0.0.7', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(429);
    expect((await gateway.app.inject({ method: 'GET', url: '/api/v1/malls', remoteAddress: '10.0.0.8' })).statusCode).toBe(503);
    // The 503 says what failed and the trace id, not grpc-js's message with the service's address.
    expect(JSON.stringify((await gateway.app.inject({ method: 'GET', url: '/api/v1/malls', remoteAddress: '10.0.0.8' })).json())).not.toContain('127.0.0.1');
    // A refused token counts as an anonymous caller.
    const garbage: number[] = [];
    for (let i = 0; i < 4; i++) garbage.push((await gateway.app.inject({ method: 'GET', url: '/api/v1/malls', remoteAddress: '10.0.0.9', headers: { authorization: 'Bearer not.a.jwt' } })).statusCode);
    expect(garbage).toEqual([401, 401, 401, 429]);
    const kiosk = await issuer.mint({ role: 'kiosk', mall: 'kendari' });
    for (let i = 0; i < 5; i++) {
      const r = await gateway.app.inject({ method: 'GET', url: '/api/v1/malls', remoteAddress: '10.0.0.7', headers: { authorization: `Bearer ${kiosk}` } });
      expect(r.statusCode).toBe(503);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('sends security headers and answers CORS only for the configured origins', async () => {
    const allowed = await gateway.app.inject({ method: 'OPTIONS', url: '/api/v1/malls', headers: { origin: 'https://dashboard.kendarikota.go.id', 'access-control-request-method': 'GET' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboard.kendarikota.go.id');
    const other = await gateway.app.inject({ method: 'OPTIONS', url: '/api/v1/malls', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const any = await gateway.app.inject({ method: 'GET', url: '/healthz' });
    expect(any.headers['x-content-type-options']).toBe('nosniff');
    expect(any.headers['content-security-policy']).toContain("default-src 'self'");
    expect(any.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('serves the OpenAPI document and its viewer at /docs; unknown paths are problems', async () => {
    const doc = await gateway.app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.json().openapi).toBe('3.1.0');
    expect((await gateway.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
    const missing = await gateway.app.inject({ method: 'GET', url: '/api/v2/malls' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toContain('/api/v1');
  });
});

describe('the web UI’s files', () => {
  let dir: string;
  const apps: GatewayApp[] = [];
  const uiConfig = { issuer: 'https://sso.kendarikota.go.id/realms/mpp', clientId: 'mpp-web', scope: 'openid profile' };
  async function gatewayServing(root: string): Promise<GatewayApp> {
    const issuer = await loadDemoIssuer(join(dir, 'key.json'), 'http://localhost:8080/oidc');
    const g = await edgeGateway(issuer, { web: { root, uiConfig } });
    apps.push(g);
    return g;
  }
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mpp-web-'));
    mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>MPP</title><div id="app"></div>');
    writeFileSync(join(dir, 'dist', 'assets', 'index-abc123.js'), 'console.log(1)');
    mkdirSync(join(dir, 'empty'));
  });
  afterAll(async () => {
    for (const g of apps) await g.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every page path with index.html (never cached), hashed assets for a year, and keeps API and file 404s as problems', async () => {
    const { app } = await gatewayServing(join(dir, 'dist'));
    const html = { accept: 'text/html,application/xhtml+xml' };
    for (const url of ['/', '/m/kendari/kiosk', '/ticket/a2VuZGFyaTpB.O7tjKJVka7GF', '/admin?tab=services', '/signin/callback?code=x&state=y']) {
      const page = await app.inject({ method: 'GET', url, headers: html });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('<div id="app">');
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/gone-999.js', headers: html })).headers['content-type']).toContain('application/problem+json');
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing/here', headers: html });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    // A script asking for a page path gets the problem, not HTML.
    expect((await app.inject({ method: 'GET', url: '/m/kendari/kiosk', headers: { accept: 'application/json' } })).statusCode).toBe(404);
    // The UI's files are not counted against the anonymous limit (3 a minute here).
    for (let i = 0; i < 6; i++) expect((await app.inject({ method: 'GET', url: '/assets/index-abc123.js', remoteAddress: '10.1.1.1' })).statusCode).toBe(200);
  });

  it('tells the browser how to sign in, and lets it call an outside issuer under the CSP', async () => {
    const { app } = await gatewayServing(join(dir, 'dist'));
    const config = await app.inject({ method: 'GET', url: '/ui-config.json' });
    expect(config.json()).toEqual(uiConfig);
    const csp = (await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } })).headers['content-security-policy'] as string;
    expect(csp).toMatch(/connect-src 'self' https:\/\/sso\.kendarikota\.go\.id(;|$)/);
    expect(csp).toContain("script-src 'self'");
  });

  it('without a build, says how to make one and still serves the API', async () => {
    const { app } = await gatewayServing(join(dir, 'empty'));
    const page = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('npm run build');
    expect((await app.inject({ method: 'GET', url: '/m/kendari/kiosk', headers: { accept: 'text/html' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });
});

describe('problem details', () => {
  const request = { url: '/api/v1/tickets/x?y=1' } as FastifyRequest;
  it('keeps a service’s reason and field violations; hides a bug’s details behind its trace id', () => {
    const refused = problemOf(new AppError('illegal_state', 'ticket A-001 is completed', { violations: [{ field: 'ticket_id', reason: 'completed' }] }), request);
    expect(refused).toMatchObject({ status: 409, type: 'urn:mpp:problem:illegal-state', detail: 'ticket A-001 is completed', instance: '/api/v1/tickets/x', errors: [{ field: 'ticket_id', reason: 'completed' }] });
    const bug = problemOf(new Error('password authentication failed for user "queue"'), request);
    expect(bug.status).toBe(500);
    expect(JSON.stringify(bug)).not.toContain('password');
    const internal = problemOf(new AppError('internal', 'relation "queue.x" does not exist'), request);
    expect(JSON.stringify(internal)).not.toContain('relation');
  });
});

describe('gateway configuration', () => {
  it('names every missing or invalid variable at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ GATEWAY_CORS_ORIGINS: 'https://a.example/path', GATEWAY_HTTP_PORT: '70000' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    for (const name of ['OIDC_ISSUER is required', 'CATALOG_ADDRESS is required', 'QUEUE_ADDRESS is required', 'SURVEY_ADDRESS is required', 'REPORTING_ADDRESS is required', 'GATEWAY_CORS_ORIGINS=', 'GATEWAY_HTTP_PORT=']) expect(text).toContain(name);
  });
  it('reads a complete per-service configuration', () => {
    const config = loadConfig({ OIDC_ISSUER: 'https://sso.example.go.id/realms/mpp/', CATALOG_ADDRESS: 'catalog:50051', QUEUE_ADDRESS: 'queue:50052', SURVEY_ADDRESS: 'survey:50053', REPORTING_ADDRESS: 'reporting:50054', GATEWAY_CORS_ORIGINS: 'https://a.example, https://b.example:8443' });
    expect(config).toMatchObject({ oidcIssuer: 'https://sso.example.go.id/realms/mpp', httpPort: 8080, corsOrigins: ['https://a.example', 'https://b.example:8443'], anonymousRateLimit: 300 });
  });
});
