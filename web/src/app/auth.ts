import { sha256 } from './sha256';

/**
 * Sign-in for staff screens and kiosks: OpenID Connect authorization code with PKCE (S256)
 * against the configured issuer (the demo issuer in all-in-one mode). The browser is a public
 * client: no secret; the gateway verifies every access token it is sent.
 */
export interface UiConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

export interface Claims {
  readonly sub: string;
  readonly name?: string;
  readonly mpp_role?: string;
  readonly mpp_agency?: string;
  readonly mpp_mall?: string;
  readonly exp?: number;
  readonly nonce?: string;
}

export interface Session {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly claims: Claims;
}

const SESSION = 'mpp.session';
const PENDING = 'mpp.signin';

let config: Promise<UiConfig> | undefined;
export function uiConfig(): Promise<UiConfig> {
  config ??= fetch('/ui-config.json', { headers: { accept: 'application/json' } }).then((r) => {
    if (!r.ok) throw new Error(`ui-config.json: HTTP ${r.status}`);
    return r.json() as Promise<UiConfig>;
  });
  return config;
}

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (n: number) => b64url(crypto.getRandomValues(new Uint8Array(n)));

async function challengeOf(verifier: string): Promise<string> {
  const data = new TextEncoder().encode(verifier);
  if (globalThis.crypto?.subtle) return b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
  return b64url(sha256(data));
}

function decodePayload(jwt: string): Claims {
  const part = jwt.split('.')[1] ?? '';
  const json = decodeURIComponent(
    atob(part.replace(/-/g, '+').replace(/_/g, '/'))
      .split('')
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  return JSON.parse(json) as Claims;
}

const listeners = new Set<() => void>();
export const onSessionChange = (fn: () => void) => {
  listeners.add(fn);
  return () => void listeners.delete(fn);
};

let expiry: ReturnType<typeof setTimeout> | undefined;

/** The signed-in session, if any and not expired (an expired one is dropped and the screens told). */
export function session(): Session | undefined {
  const raw = sessionStorage.getItem(SESSION) ?? localStorage.getItem(SESSION);
  if (!raw) return undefined;
  try {
    const s = JSON.parse(raw) as Session;
    if (s.expiresAt > Date.now() + 30_000) {
      // Tell the screens when it runs out, so they offer sign-in instead of failing calls.
      expiry ??= setTimeout(() => {
        expiry = undefined;
        if (!session()) for (const l of listeners) l();
      }, Math.min(s.expiresAt - Date.now() - 29_000, 2_000_000_000));
      return s;
    }
  } catch {
    // a damaged entry: sign in again
  }
  signOut();
  return undefined;
}

export function signOut(): void {
  const had = localStorage.getItem(SESSION) !== null || sessionStorage.getItem(SESSION) !== null;
  localStorage.removeItem(SESSION);
  sessionStorage.removeItem(SESSION);
  clearTimeout(expiry);
  expiry = undefined;
  if (had) for (const l of listeners) l();
}

async function discovery(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`the identity provider's discovery answered HTTP ${res.status}`);
  return res.json() as Promise<{ authorization_endpoint: string; token_endpoint: string }>;
}

const redirectUri = () => `${location.origin}/signin/callback`;

/** Leaves for the issuer's sign-in page; it comes back to /signin/callback, then to `returnTo`. */
export async function signIn(returnTo: string): Promise<void> {
  const cfg = await uiConfig();
  const meta = await discovery(cfg.issuer);
  const verifier = random(32);
  const state = random(16);
  const nonce = random(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, nonce, returnTo, tokenEndpoint: meta.token_endpoint }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: redirectUri(),
    scope: cfg.scope,
    state,
    nonce,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Finishes a sign-in on /signin/callback: checks state and nonce, trades the code (with the verifier) for tokens. */
export async function completeSignIn(params: URLSearchParams): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; nonce: string; returnTo: string; tokenEndpoint: string } | null;
  sessionStorage.removeItem(PENDING);
  // The state first: a callback this browser did not start shows nothing of what it carries.
  if (!pending || params.get('state') !== pending.state) throw new Error('this sign-in was not started here (state differs); start again');
  if (params.get('error')) throw new Error(`${params.get('error')}: ${params.get('error_description') ?? ''}`);
  const cfg = await uiConfig();
  // RFC 9207: a provider that names itself must be the one asked.
  const iss = params.get('iss');
  if (iss !== null && iss.replace(/\/$/, '') !== cfg.issuer.replace(/\/$/, '')) throw new Error(`the answer came from ${iss}, not the configured issuer`);
  const res = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: redirectUri(), client_id: cfg.clientId, code_verifier: pending.verifier }).toString(),
  });
  const body = (await res.json()) as { access_token?: string; id_token?: string; expires_in?: number; error?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`${body.error ?? res.status}: ${body.error_description ?? 'no token'}`);
  if (!body.id_token || decodePayload(body.id_token).nonce !== pending.nonce) throw new Error('the ID token is missing or does not carry this sign-in’s nonce');
  const claims = decodePayload(body.access_token);
  const expiresAt = (claims.exp ? claims.exp * 1000 : Date.now() + (body.expires_in ?? 3600) * 1000);
  // A kiosk stays signed in across reloads and restarts (a device account); a person's session
  // ends with the browser tab, so a shared office PC does not keep an officer signed in.
  const store = claims.mpp_role === 'kiosk' ? localStorage : sessionStorage;
  signOut();
  store.setItem(SESSION, JSON.stringify({ accessToken: body.access_token, expiresAt, claims } satisfies Session));
  for (const l of listeners) l();
  return pending.returnTo;
}
