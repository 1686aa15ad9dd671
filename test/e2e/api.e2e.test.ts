import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { waitFor } from '@mpp/testing';
import { startTestPlatform, type TestPlatform } from './platform.js';
import { openSse } from './sse.js';

type Role = 'citizen' | 'kiosk' | 'officer' | 'agency-admin' | 'mall-admin' | 'partner' | 'auditor';
const ROLES: readonly Role[] = ['citizen', 'kiosk', 'officer', 'agency-admin', 'mall-admin', 'partner', 'auditor'];

/**
 * Who may call what (DESIGN.md §6), written out here independently of the gateway's route table:
 * 'anyone' includes the anonymous citizen; a refused anonymous caller gets 401, a refused
 * signed-in one 403. The services check the finer scoping (own agency, rostered counters) again.
 */
const MATRIX: readonly (readonly [string, string, 'anyone' | readonly Role[]])[] = [
  ['GET', '/malls', 'anyone'],
  ['GET', '/malls/{mallId}', 'anyone'],
  ['GET', '/malls/{mallId}/agencies', 'anyone'],
  ['GET', '/agencies/{code}', 'anyone'],
  ['GET', '/malls/{mallId}/booths', 'anyone'],
  ['GET', '/malls/{mallId}/queues', 'anyone'],
  ['GET', '/malls/{mallId}/services', 'anyone'],
  ['GET', '/services/{serviceId}', 'anyone'],
  ['GET', '/services/{serviceId}/standard', ['officer', 'agency-admin', 'mall-admin', 'auditor']],
  ['GET', '/malls/{mallId}/mobile-schedule', 'anyone'],
  ['GET', '/malls/{mallId}/hours', 'anyone'],
  ['PUT', '/malls/{mallId}/hours', ['mall-admin']],
  ['PUT', '/malls/{mallId}', ['mall-admin']],
  ['POST', '/malls/{mallId}/national-holidays', ['mall-admin']],
  ['PUT', '/malls/{mallId}/queue-policy', ['mall-admin']],
  ['PUT', '/malls/{mallId}/notice', ['mall-admin']],
  ['PUT', '/malls/{mallId}/agencies/{code}', ['mall-admin', 'agency-admin']],
  ['PUT', '/malls/{mallId}/booths/{boothId}', ['mall-admin']],
  ['PUT', '/malls/{mallId}/counters/{counterId}', ['mall-admin', 'agency-admin']],
  ['PUT', '/malls/{mallId}/queues/{queueId}', ['mall-admin']],
  ['PUT', '/malls/{mallId}/services/{serviceId}', ['mall-admin', 'agency-admin']],
  ['PUT', '/malls/{mallId}/services/{serviceId}/standard', ['mall-admin', 'agency-admin']],
  ['PUT', '/malls/{mallId}/mobile-schedule/{visitId}', ['mall-admin']],
  ['DELETE', '/malls/{mallId}/mobile-schedule/{visitId}', ['mall-admin']],
  ['GET', '/malls/{mallId}/officers', ['mall-admin', 'agency-admin']],
  ['PUT', '/malls/{mallId}/officers/{subject}', ['mall-admin', 'agency-admin']],
  ['POST', '/malls/{mallId}/import', ['mall-admin']],
  ['POST', '/malls/{mallId}/tickets', ['citizen', 'kiosk', 'officer', 'agency-admin', 'mall-admin']],
  ['GET', '/tickets/{ticketId}', 'anyone'],
  ['POST', '/tickets/{ticketId}/cancel', 'anyone'],
  ['GET', '/counters/{counterId}', ['officer', 'agency-admin', 'mall-admin', 'auditor']],
  ['GET', '/counters/{counterId}/waiting', ['officer', 'agency-admin', 'mall-admin', 'auditor']],
  ['POST', '/counters/{counterId}/open', ['officer', 'agency-admin']],
  ['POST', '/counters/{counterId}/pause', ['officer', 'agency-admin']],
  ['POST', '/counters/{counterId}/close', ['officer', 'agency-admin']],
  ['POST', '/counters/{counterId}/call-next', ['officer', 'agency-admin']],
  ['POST', '/counters/{counterId}/call', ['officer', 'agency-admin']],
  ['POST', '/tickets/{ticketId}/recall', ['officer', 'agency-admin']],
  ['POST', '/tickets/{ticketId}/start', ['officer', 'agency-admin']],
  ['POST', '/tickets/{ticketId}/complete', ['officer', 'agency-admin']],
  ['POST', '/tickets/{ticketId}/no-show', ['officer', 'agency-admin']],
  ['POST', '/tickets/{ticketId}/transfer', ['officer', 'agency-admin']],
  ['POST', '/queues/{queueId}/days/{date}/close', ['mall-admin']],
  ['GET', '/malls/{mallId}/audit', ['auditor', 'mall-admin']],
  ['GET', '/applications/{trackingCode}', 'anyone'],
  ['POST', '/applications/{applicationId}/status', ['officer', 'agency-admin']],
  ['GET', '/malls/{mallId}/applications', ['officer', 'agency-admin', 'mall-admin', 'auditor']],
  ['GET', '/malls/{mallId}/services/{serviceId}/slots', 'anyone'],
  ['POST', '/bookings', ['citizen', 'kiosk', 'officer', 'agency-admin', 'mall-admin']],
  ['GET', '/bookings/{bookingId}', 'anyone'],
  ['POST', '/bookings/{bookingId}/check-in', ['citizen', 'kiosk', 'officer', 'agency-admin', 'mall-admin']],
  ['POST', '/bookings/{bookingId}/cancel', 'anyone'],
  ['GET', '/surveys/{token}', 'anyone'],
  ['POST', '/surveys/{token}/responses', ['citizen', 'kiosk']],
  ['POST', '/complaints', 'anyone'],
  ['GET', '/complaints', ['agency-admin', 'mall-admin', 'auditor']],
  ['GET', '/complaints/{complaintId}', ['agency-admin', 'mall-admin', 'auditor']],
  ['POST', '/complaints/{complaintId}/respond', ['agency-admin', 'mall-admin']],
  ['POST', '/complaints/{complaintId}/resolve', ['agency-admin', 'mall-admin']],
  ['POST', '/complaints/{complaintId}/forward', ['agency-admin', 'mall-admin']],
  ['GET', '/malls/{mallId}/skm-actions', ['agency-admin', 'mall-admin', 'auditor']],
  ['POST', '/malls/{mallId}/skm-actions', ['agency-admin', 'mall-admin']],
  ['POST', '/skm-actions/{actionId}/status', ['agency-admin', 'mall-admin']],
  ['POST', '/malls/{mallId}/skm-results/{period}/publish', ['mall-admin']],
  ['GET', '/malls/{mallId}/skm-results', 'anyone'],
  ['GET', '/malls/{mallId}/board', 'anyone'],
  ['GET', '/malls/{mallId}/board/stream', 'anyone'],
  ['GET', '/malls/{mallId}/reports/daily', ['officer', 'agency-admin', 'mall-admin', 'auditor']],
  ['GET', '/malls/{mallId}/reports/statistics', ['officer', 'agency-admin', 'mall-admin', 'auditor']],
  ['GET', '/malls/{mallId}/reports/ikm', ['officer', 'agency-admin', 'mall-admin', 'auditor']],
  ['GET', '/malls/{mallId}/reports/fairness', ['mall-admin', 'auditor']],
  ['GET', '/malls/{mallId}/reports/evaluation', ['mall-admin', 'auditor']],
  ['POST', '/webhooks', ['partner']],
  ['GET', '/webhooks', ['partner']],
  ['GET', '/webhooks/{webhookId}', ['partner']],
  ['DELETE', '/webhooks/{webhookId}', ['partner']],
  ['POST', '/webhooks/{webhookId}/enable', ['partner']],
  ['POST', '/webhooks/{webhookId}/rotate-secret', ['partner']],
  ['GET', '/webhooks/{webhookId}/deliveries', ['partner']],
];

describe('the public API: authorisation, bad input, live board, sign-in (PostgreSQL log transport)', () => {
  let p: TestPlatform;
  let tokens: Record<Exclude<Role, 'citizen'>, string>;
  let ids: Record<string, string>;
  let openapi: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    p = await startTestPlatform('postgres-log');
    const adminToken = await p.token({ role: 'mall-admin', mall: p.mallId, subject: 'matrix-admin' });
    const officers = (await p.api('GET', `/api/v1/malls/${p.mallId}/officers`, { token: adminToken })).body.officers as { subject: string; agencyCode: string; counterIds: string[] }[];
    const officer = officers.find((o) => o.counterIds.length > 0)!;
    const services = (await p.api('GET', `/api/v1/malls/${p.mallId}/services?agency=${officer.agencyCode}`)).body.services as { id: string; queueId: string }[];
    const service = services[0]!;
    tokens = {
      kiosk: await p.token({ role: 'kiosk', mall: p.mallId, subject: 'matrix-kiosk' }),
      officer: await p.token({ role: 'officer', mall: p.mallId, agency: officer.agencyCode, subject: officer.subject }),
      // An agency-admin who is on the roster too (a supervisor who covers a counter).
      'agency-admin': await p.token({ role: 'agency-admin', mall: p.mallId, agency: officer.agencyCode, subject: officer.subject }),
      'mall-admin': adminToken,
      partner: await p.token({ role: 'partner', agency: officer.agencyCode, subject: 'matrix-partner' }),
      auditor: await p.token({ role: 'auditor', subject: 'matrix-auditor' }),
    };
    const ticket = await p.api('POST', `/api/v1/malls/${p.mallId}/tickets`, { body: { serviceId: service.id, source: 'online' } });
    expect(ticket.status, ticket.text).toBe(201);
    const complaint = await p.api('POST', '/api/v1/complaints', { body: { mallId: p.mallId, serviceId: service.id, agencyCode: officer.agencyCode, kind: 'complaint', channel: 'web', category: 'time', text: 'Antrian terlalu lama' } });
    expect(complaint.status, complaint.text).toBe(201);
    const booths = (await p.api('GET', `/api/v1/malls/${p.mallId}/booths`)).body.booths as { booth: { id: string; agencyCode: string } }[];
    ids = {
      mallId: p.mallId,
      code: officer.agencyCode,
      serviceId: service.id,
      boothId: booths.find((b) => b.booth.agencyCode === officer.agencyCode)!.booth.id,
      counterId: officer.counterIds[0]!,
      queueId: service.queueId,
      visitId: 'matrix-visit',
      subject: officer.subject,
      ticketId: ticket.body.view.ticket.id,
      trackingCode: 'NOPE-0000',
      applicationId: 'no-such-application',
      bookingId: 'no-such-booking',
      token: 'no-such-survey',
      complaintId: complaint.body.complaint.id,
      actionId: 'no-such-action',
      webhookId: '00000000-0000-4000-8000-000000000000',
      period: '2026-11',
      date: ticket.body.view.ticket.date,
    };
    openapi = (await p.api('GET', '/docs/json')).body;
  });
  afterAll(async () => {
    await p?.stop();
  });

  const urlOf = (template: string) => `/api/v1${template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(ids[name] ?? name))}`;
  const QUERY: Record<string, string> = {
    '/malls/{mallId}/audit': `?date=DATE`,
    '/malls/{mallId}/services/{serviceId}/slots': '?date=DATE',
    // Agency staff read their own agency's figures: every role asks for the agency's here.
    '/malls/{mallId}/reports/daily': '?date=DATE&agency=CODE',
    '/malls/{mallId}/reports/statistics': '?period=2026-11&agency=CODE',
    '/malls/{mallId}/reports/ikm': '?period=2026-11&unit=agency&unitId=CODE',
    '/malls/{mallId}/reports/fairness': '?date=DATE',
    '/malls/{mallId}/reports/evaluation': '?period=2026-11',
  };

  // The smallest body that names what an agency-admin's scope is checked on; {} elsewhere.
  const bodyOf = (template: string): object =>
    ({
      '/malls/{mallId}/services/{serviceId}': { agencyCode: ids.code },
      '/malls/{mallId}/counters/{counterId}': { boothId: ids.boothId },
      '/malls/{mallId}/officers/{subject}': { agencyCode: ids.code },
      '/malls/{mallId}/skm-actions': { agencyCode: ids.code },
    })[template] ?? {};

  it('the OpenAPI document at /docs/json lists exactly the routes of the matrix, each with its schemas', () => {
    const documented = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`));
    expect(documented.sort()).toEqual(MATRIX.map(([m, u]) => `${m} ${u}`).sort());
    const post = openapi.paths['/api/v1/malls/{mallId}/tickets']!.post as { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } };
    expect(Object.keys(post.requestBody.content['application/json']!.schema.properties)).toEqual(expect.arrayContaining(['serviceId', 'source', 'priorityGroup', 'notifyPhone', 'bookingId']));
  });

  it('every route × every role is allowed or refused as specified (401 anonymous, 403 signed in)', async () => {
    const wrong: string[] = [];
    for (const [method, template, allowed] of MATRIX) {
      if (template.endsWith('/board/stream')) continue; // a stream: covered below
      if (template.endsWith('/days/{date}/close')) continue; // ends today's queue: run last
      for (const role of ROLES) {
        const url = urlOf(template) + (QUERY[template] ?? '').replace('DATE', ids.date!).replace('CODE', ids.code!);
        const r = await p.api(method, url, { ...(role === 'citizen' ? {} : { token: tokens[role] }), ...(method === 'POST' || method === 'PUT' ? { body: bodyOf(template) } : {}) });
        const may = allowed === 'anyone' || allowed.includes(role);
        const ok = may ? r.status !== 401 && r.status !== 403 && r.status < 500 : r.status === (role === 'citizen' ? 401 : 403);
        if (!ok) wrong.push(`${role} ${method} ${template}: ${r.status} ${r.text.slice(0, 200)}`);
        if (!may) expect(r.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    expect(wrong).toEqual([]);
  });

  it('bad input gets the right 4xx with a reason, never a 5xx', async () => {
    const url = `/api/v1/malls/${p.mallId}/tickets`;
    const malformed = await p.api('POST', url, { body: '{"serviceId": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('urn:mpp:problem:invalid');
    const wrongType = await p.api('POST', url, { body: { serviceId: 42, source: 'kiosk' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toContainEqual({ field: 'body.serviceId', reason: 'must be string' });
    const badEnum = await p.api('POST', url, { body: { serviceId: ids.serviceId, source: 'teleport' } });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.errors[0].reason).toContain('kiosk, online, mobile-unit, walk-in');
    const unknownField = await p.api('POST', url, { body: { serviceId: ids.serviceId, source: 'online', vip: true } });
    expect(unknownField.body.errors).toContainEqual({ field: 'body.vip', reason: 'is not a field of this request' });
    const unknownService = await p.api('POST', url, { body: { serviceId: 'no-such-service', source: 'online' } });
    expect(unknownService.status).toBe(404);
    const tooLarge = await p.api('POST', '/api/v1/complaints', { body: { text: 'x'.repeat(2 * 1024 * 1024) } });
    expect(tooLarge.status).toBe(413);
    // Who may call is decided before the body is read.
    const anonymousImport = await p.api('POST', `/api/v1/malls/${p.mallId}/import`, { body: { malls: [], filler: 'x'.repeat(200_000) } });
    expect(anonymousImport.status).toBe(401);
    const wrongMedia = await p.api('POST', url, { body: 'serviceId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect([400, 415]).toContain(wrongMedia.status);
    const notBearer = await p.api('GET', `/api/v1/counters/${ids.counterId}`, { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(notBearer.status).toBe(401);
    expect(notBearer.headers.get('www-authenticate')).toContain('Bearer');
    const garbage = await p.api('GET', `/api/v1/counters/${ids.counterId}`, { token: 'not.a.jwt' });
    expect(garbage.status).toBe(401);
    const expired = await p.token({ role: 'officer', mall: p.mallId, agency: ids.code!, subject: ids.subject!, ttlSec: -120 } as never);
    const late = await p.api('GET', `/api/v1/counters/${ids.counterId}`, { token: expired });
    expect(late.status).toBe(401);
    expect(late.body.detail).toContain('expired');
    const [h, b] = tokens['mall-admin'].split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(b!, 'base64url').toString()), mpp_role: 'auditor' })).toString('base64url')}.${tokens['mall-admin'].split('.')[2]}`;
    expect((await p.api('GET', `/api/v1/malls/${p.mallId}/reports/evaluation?period=2026-11`, { token: forged })).status).toBe(401);
    const otherMall = await p.api('PUT', `/api/v1/malls/somewhere-else/notice`, { token: tokens['mall-admin'], body: { kind: 'information', textId: 'x', active: true } });
    expect(otherMall.status).toBe(403);
  });

  it('the board stream sends the board, heartbeats, resumes by Last-Event-ID, delivers a change, and lets go when the client leaves', async () => {
    const url = `${p.base}/api/v1/malls/${p.mallId}/board/stream`;
    const first = await openSse(url);
    expect(first.status).toBe(200);
    const board = await first.waitFor((e) => e.event === 'board');
    first.close();
    await waitFor(() => p.platform.gateway.openStreams() === 0, { what: 'the first stream to close' });

    const resumed = await openSse(url, { 'last-event-id': board.id });
    try {
      await waitFor(() => resumed.comments.some((c) => c.startsWith('heartbeat')), { what: 'a heartbeat' });
      expect(resumed.events.filter((e) => e.event === 'board')).toHaveLength(0); // nothing changed since that id
      const ping = await resumed.waitFor((e) => e.event === 'ping');
      expect(JSON.parse(ping.data)).toMatchObject({ everyMs: 1000 });
      const taken = await p.api('POST', `/api/v1/malls/${p.mallId}/tickets`, { body: { serviceId: ids.serviceId, source: 'online' } });
      expect(taken.status).toBe(201);
      const changed = await resumed.waitFor((e) => e.event === 'board');
      expect(changed.id).not.toBe(board.id);
    } finally {
      resumed.close();
    }
    await waitFor(() => p.platform.gateway.openStreams() === 0, { what: 'the resumed stream to close' });
    const unknown = await fetch(`${p.base}/api/v1/malls/no-such-mall/board/stream`);
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    await unknown.body?.cancel();
  });

  it('the demo issuer signs staff in with the authorization code flow and PKCE', async () => {
    const config = await p.api('GET', '/oidc/.well-known/openid-configuration');
    expect(config.body.code_challenge_methods_supported).toEqual(['S256']);
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = 'http://localhost:5173/callback';
    const query = new URLSearchParams({ response_type: 'code', client_id: 'mpp-web', redirect_uri: redirect, state: 'xyz', code_challenge: challenge, code_challenge_method: 'S256' });
    const page = await p.api('GET', `/oidc/authorize?${query}`);
    expect(page.status).toBe(200);
    const options = [...page.text.matchAll(/<option value="(\d+)">([^<]+)<\/option>/g)];
    const officerOption = options.find((o) => o[2]!.includes(`(${ids.code})`) && o[2]!.startsWith('Officer'));
    expect(officerOption, 'the roster’s officers are offered').toBeDefined();
    const form = new URLSearchParams({ client_id: 'mpp-web', redirect_uri: redirect, state: 'xyz', nonce: 'n-0S6_WzA2Mj', code_challenge: challenge, who: officerOption![1]! });
    const signedIn = await fetch(`${p.base}/oidc/authorize`, { method: 'POST', body: form, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(signedIn.status).toBe(303);
    const location = new URL(signedIn.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code')!;
    const exchange = (v: string) =>
      fetch(`${p.base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: 'mpp-web', code_verifier: v }) });
    const wrong = await exchange('x'.repeat(43));
    expect(wrong.status).toBe(400); // and the code is spent
    // A fresh code, exchanged with the right verifier.
    const again = await fetch(`${p.base}/oidc/authorize`, { method: 'POST', body: form, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const code2 = new URL(again.headers.get('location')!).searchParams.get('code')!;
    const ok = await fetch(`${p.base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code: code2, redirect_uri: redirect, client_id: 'mpp-web', code_verifier: verifier }) });
    expect(ok.status).toBe(200);
    const { access_token, id_token } = (await ok.json()) as { access_token: string; id_token: string };
    const idClaims = JSON.parse(Buffer.from(id_token.split('.')[1]!, 'base64url').toString()) as { aud: string; nonce: string; sub: string };
    expect(idClaims).toMatchObject({ aud: 'mpp-web', nonce: 'n-0S6_WzA2Mj' });
    const counter = await p.api('GET', `/api/v1/counters/${encodeURIComponent(ids.counterId!)}`, { token: access_token });
    expect(counter.status, counter.text).toBe(200);
    expect((await p.api('GET', `/oidc/authorize?${query}&state=again`)).status).toBe(400); // a repeated parameter
    const evil = new URLSearchParams({ ...Object.fromEntries(query), redirect_uri: 'https://attacker.example/cb' });
    expect((await p.api('GET', `/oidc/authorize?${evil}`)).status).toBe(400);
  });

  it('fuzz: generated bad requests at every route never get a 5xx', async () => {
    const routes = MATRIX.filter(([, u]) => !u.endsWith('/board/stream'));
    const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('..', '%2e%2e', 'kendari', ids.ticketId!, ids.counterId!, '0', '-1', 'a'.repeat(300), '🚀', "' or 1=1 --"));
    const json = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ serviceId: fc.anything(), source: fc.anything(), answers: fc.array(fc.integer(), { maxLength: 12 }), text: fc.string() }, { requiredKeys: [] }));
    const role = fc.constantFrom<Role>(...ROLES);
    const contentType = fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/xml', 'application/json; charset=latin1');
    const query = fc.dictionary(fc.constantFrom('date', 'period', 'q', 'agency', 'channel', 'pageSize', 'dryRun', 'kind', 'unit', 'from', 'to', 'x'), fc.string({ maxLength: 30 }), { maxKeys: 3 });
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.array(segment, { minLength: 4, maxLength: 4 }), json, role, contentType, query, fc.boolean(), async ([method, template], segs, body, who, type, q, raw) => {
        let i = 0;
        const path = template.replace(/\{(\w+)\}/g, () => encodeURIComponent(segs[i++ % segs.length]!));
        const qs = new URLSearchParams(q).toString();
        const url = `/api/v1${path}${qs ? `?${qs}` : ''}`;
        const withBody = method === 'POST' || method === 'PUT';
        const r = await p.api(method, url, {
          ...(who === 'citizen' ? {} : { token: tokens[who] }),
          ...(withBody ? { body: raw ? String(JSON.stringify(body)).slice(0, -1) : body, headers: { 'content-type': type } } : {}),
        });
        if (r.status >= 500) failures.push(`${who} ${method} ${url} (${type}) → ${r.status} ${r.text.slice(0, 200)}`);
        return r.status < 500;
      }),
      { numRuns: 400, seed: 20261127 },
    );
    expect(failures).toEqual([]);
  });

  it('a mall-admin ends a queue’s day by hand; others may not', async () => {
    const url = urlOf('/queues/{queueId}/days/{date}/close');
    for (const role of ROLES.filter((r) => r !== 'mall-admin')) {
      const r = await p.api('POST', url, role === 'citizen' ? {} : { token: tokens[role], body: {} });
      expect(r.status, `${role}: ${r.text}`).toBe(role === 'citizen' ? 401 : 403);
    }
    const closed = await p.api('POST', url, { token: tokens['mall-admin'], body: {} });
    expect(closed.status, closed.text).toBe(200);
  });
}, 600_000);
