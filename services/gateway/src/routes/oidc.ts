import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { create } from '@bufbuild/protobuf';
import { ActorSchema, Role } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { DemoIssuer, TokenClaims } from '../auth/demo-issuer.js';
import type { Clients } from './route.js';

/** Someone the demo sign-in page offers: the roster's officers, each agency's admin, the mall-admin, an auditor. */
export interface DemoIdentity extends TokenClaims {
  readonly label: string;
}

interface PendingCode {
  readonly identity: DemoIdentity;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string;
  readonly expires: number;
}

const SYSTEM = create(ActorSchema, { role: Role.SYSTEM });
const CODE_TTL_MS = 60_000;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Who may sign in on the demo page, read from the catalog (malls, agencies, roster). */
export async function demoIdentities(clients: Clients): Promise<DemoIdentity[]> {
  const out: DemoIdentity[] = [{ role: 'auditor', subject: 'demo-auditor', name: 'Auditor (KemenPAN-RB)', label: 'Auditor — KemenPAN-RB' }];
  const { malls } = await clients.catalog.listMalls({}, { actor: SYSTEM });
  for (const mall of malls) {
    out.push({ role: 'mall-admin', subject: `demo-admin-${mall.id}`, mall: mall.id, name: `Admin ${mall.name}`, label: `Mall admin — ${mall.name}` });
    out.push({ role: 'kiosk', subject: `demo-kiosk-${mall.id}`, mall: mall.id, name: `Kiosk ${mall.name}`, label: `Kiosk — ${mall.name}` });
    const { officers } = await clients.catalog.listOfficers({ mallId: mall.id }, { actor: SYSTEM });
    const agencies = new Set<string>();
    for (const o of officers) {
      if (!o.active) continue;
      agencies.add(o.agencyCode);
      out.push({ role: 'officer', subject: o.subject, mall: mall.id, agency: o.agencyCode, name: o.displayName, label: `Officer — ${o.displayName} (${o.agencyCode})` });
    }
    for (const code of [...agencies].sort()) out.push({ role: 'agency-admin', subject: `demo-admin-${code}`, mall: mall.id, agency: code, name: `Admin ${code}`, label: `Agency admin — ${code}` });
  }
  return out;
}

function redirectAllowed(uri: string, publicUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return true;
  return publicUrl !== '' && url.origin === new URL(publicUrl).origin;
}

/** Parameters as single strings; a repeated one (`?state=a&state=b`) is refused, not guessed. */
function single(values: unknown, where: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    if (typeof v !== 'string') invalid(`${where}.${k}`, 'must be given once, as text');
    out[k] = v as string;
  }
  return out;
}

const invalid = (field: string, reason: string): never => {
  throw new AppError('invalid', `${field} ${reason}`, { violations: [{ field, reason }] });
};

/**
 * The demo issuer's OpenID Connect endpoints under `/oidc` (all-in-one mode only): discovery,
 * JWKS, a sign-in page (authorization code flow with PKCE S256, as the web UI uses against a
 * city's real provider) and the token endpoint.
 */
export function registerDemoIssuer(app: FastifyInstance, issuer: DemoIssuer, clients: Clients, publicUrl: string): void {
  const codes = new Map<string, PendingCode>();
  const base = issuer.issuer.replace(/\/$/, '');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.get('/oidc/.well-known/openid-configuration', { schema: { hide: true } }, async () => ({
    issuer: issuer.issuer,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/token`,
    jwks_uri: `${base}/jwks`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['openid', 'profile'],
    claims_supported: ['sub', 'name', 'mpp_role', 'mpp_agency', 'mpp_mall'],
  }));
  app.get('/oidc/jwks', { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(issuer.jwks));

  app.get('/oidc/authorize', { schema: { hide: true } }, async (request, reply) => {
    const q = single(request.query, 'query');
    if (q.response_type !== 'code') invalid('response_type', 'must be code');
    if (!q.client_id) invalid('client_id', 'is required');
    if (!q.redirect_uri || !redirectAllowed(q.redirect_uri, publicUrl)) invalid('redirect_uri', 'must be a URL of this deployment (or localhost)');
    if (q.code_challenge_method !== 'S256' || !q.code_challenge || !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge)) invalid('code_challenge', 'must be an S256 PKCE challenge (code_challenge_method=S256)');
    const people = await demoIdentities(clients);
    const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'nonce'].map((k) => `<input type="hidden" name="${k}" value="${escape(q[k] ?? '')}">`).join('');
    const options = people.map((p, i) => `<option value="${i}">${escape(p.label)}</option>`).join('');
    reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Masuk — MPP demo</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}select,button{font-size:1rem;padding:.5rem;width:100%;margin:.5rem 0}</style></head>
<body><h1>Masuk (demo)</h1><p>Demo sign-in of the all-in-one platform: choose who you are. A real deployment signs in against the city's identity provider.</p>
<form method="post" action="${base}/authorize">${hidden}<label for="who">Sign in as</label><select id="who" name="who">${options}</select><button type="submit">Masuk / Sign in</button></form></body></html>`);
  });

  app.post('/oidc/authorize', { schema: { hide: true } }, async (request, reply) => {
    const f = single(request.body, 'form');
    if (!f.redirect_uri || !redirectAllowed(f.redirect_uri, publicUrl)) invalid('redirect_uri', 'must be a URL of this deployment (or localhost)');
    if (!f.code_challenge || !/^[A-Za-z0-9_-]{43}$/.test(f.code_challenge)) invalid('code_challenge', 'must be an S256 PKCE challenge');
    const people = await demoIdentities(clients);
    const identity = people[Number(f.who)];
    if (!/^\d+$/.test(f.who ?? '') || !identity) invalid('who', 'must be one of the offered people');
    const code = randomBytes(24).toString('base64url');
    const now = Date.now();
    for (const [k, v] of codes) if (v.expires < now) codes.delete(k);
    codes.set(code, { identity: identity!, clientId: f.client_id ?? '', redirectUri: f.redirect_uri!, challenge: f.code_challenge!, nonce: f.nonce ?? '', expires: now + CODE_TTL_MS });
    const target = new URL(f.redirect_uri!);
    target.searchParams.set('code', code);
    if (f.state) target.searchParams.set('state', f.state);
    target.searchParams.set('iss', issuer.issuer);
    return reply.redirect(target.toString(), 303);
  });

  app.post('/oidc/token', { schema: { hide: true } }, async (request, reply) => {
    const f = (request.body ?? {}) as Record<string, string | undefined>;
    const fail = (error: string, description: string) => reply.code(400).header('cache-control', 'no-store').send({ error, error_description: description });
    if (f.grant_type !== 'authorization_code') return fail('unsupported_grant_type', 'only authorization_code');
    const pending = f.code ? codes.get(f.code) : undefined;
    if (f.code) codes.delete(f.code); // one use, right or wrong
    if (!pending || pending.expires < Date.now()) return fail('invalid_grant', 'unknown, used or expired code');
    if (pending.redirectUri !== f.redirect_uri || pending.clientId !== (f.client_id ?? '')) return fail('invalid_grant', 'redirect_uri or client_id differ from the authorization request');
    const challenge = createHash('sha256').update(f.code_verifier ?? '').digest('base64url');
    if (!f.code_verifier || challenge !== pending.challenge) return fail('invalid_grant', 'code_verifier does not match the code_challenge');
    const ttlSec = 12 * 3600;
    const token = await issuer.mint({ ...pending.identity, ttlSec });
    const idToken = await issuer.mint({ ...pending.identity, ttlSec }, { clientId: pending.clientId, ...(pending.nonce ? { nonce: pending.nonce } : {}) });
    return reply.header('cache-control', 'no-store').send({ access_token: token, token_type: 'Bearer', expires_in: ttlSec, id_token: idToken, scope: 'openid profile' });
  });
}
