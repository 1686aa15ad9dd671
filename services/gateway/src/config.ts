import { int, port, readConfig, str, url, type Env, type Setting } from '@mpp/config';
import { grpcHost, grpcPort, logLevel } from '@mpp/runtime';

const hostPort = (raw: string): string => {
  if (!/^[^\s:/]+:\d{1,5}$/.test(raw)) throw new Error('expected host:port, e.g. queue:50052');
  return raw;
};

const address = (service: string, example: string): Setting<string> => ({
  env: `${service.toUpperCase()}_ADDRESS`,
  parse: hostPort,
  doc: `host:port of the ${service} service's gRPC API (e.g. ${example})`,
});

const range = (min: number, max: number, what: string) => (raw: string) => {
  const n = int(raw);
  if (n < min || n > max) throw new Error(`expected ${what} from ${min} to ${max}`);
  return n;
};

function origins(raw: string): string[] {
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const o of list) {
    let parsed: URL;
    try {
      parsed = new URL(o);
    } catch {
      throw new Error(`expected origins like https://dashboard.example.go.id, got "${o}"`);
    }
    if (parsed.origin !== o) throw new Error(`"${o}" is not an origin (scheme://host[:port], no path or trailing slash)`);
  }
  return list;
}

/** Which proxies' `X-Forwarded-For` to believe for a client's address (rate limits, logs). */
function trustProxy(raw: string): boolean | string[] {
  if (raw === 'false') return false;
  if (raw === 'true') return true;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const a of list) if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a)) throw new Error(`expected false, true, or the addresses/CIDRs of the proxies (10.0.0.0/8,…), got "${a}"`);
  return list;
}

const publicUrl = (raw: string) => url(raw).replace(/\/$/, '');

/** Every setting of the gateway, read from the environment once at start. */
export const configSpec = {
  grpcHost,
  grpcPort: grpcPort('gateway', 50055),
  logLevel,
  httpHost: { env: 'GATEWAY_HTTP_HOST', parse: str, default: '0.0.0.0', doc: 'address the HTTP API binds' } as Setting<string>,
  httpPort: { env: 'GATEWAY_HTTP_PORT', parse: port, default: 8080, doc: 'port of the HTTP API (and the web UI)' } as Setting<number>,
  publicUrl: { env: 'GATEWAY_PUBLIC_URL', parse: publicUrl, default: '', doc: 'the URL citizens reach the platform at (QR codes, links in notices, allowed sign-in redirects); unset: links are paths' } as Setting<string>,
  catalogAddress: address('catalog', 'catalog:50051'),
  queueAddress: address('queue', 'queue:50052'),
  surveyAddress: address('survey', 'survey:50053'),
  reportingAddress: address('reporting', 'reporting:50054'),
  oidcIssuer: { env: 'OIDC_ISSUER', parse: publicUrl, doc: 'the OpenID Connect issuer whose tokens the API accepts (its keys are found through /.well-known/openid-configuration)' } as Setting<string>,
  oidcAudience: { env: 'OIDC_AUDIENCE', parse: str, default: 'mpp', doc: 'the audience (aud) tokens must name' } as Setting<string>,
  oidcJwksUrl: { env: 'OIDC_JWKS_URL', parse: url, default: '', doc: 'the issuer’s JWKS URL when discovery should be skipped' } as Setting<string>,
  corsOrigins: { env: 'GATEWAY_CORS_ORIGINS', parse: origins, default: [], doc: 'comma list of browser origins allowed to call the API (CORS); unset: same origin only' } as Setting<string[]>,
  anonymousRateLimit: { env: 'GATEWAY_ANONYMOUS_RATE_LIMIT', parse: range(1, 1_000_000, 'requests a minute'), default: 300, doc: 'requests a minute per client address for anonymous callers (a kiosk or officer signs in and is not limited)' } as Setting<number>,
  bodyLimit: { env: 'GATEWAY_BODY_LIMIT_BYTES', parse: range(1024, 100 * 1024 * 1024, 'bytes'), default: 1024 * 1024, doc: 'largest request body (bytes); the catalog import takes up to 20 MiB' } as Setting<number>,
  trustProxy: { env: 'GATEWAY_TRUST_PROXY', parse: trustProxy, default: false, doc: 'which proxies’ X-Forwarded-For to believe for the client address: false, true (any: only behind a proxy that overwrites it), or the proxies’ addresses/CIDRs' } as Setting<boolean | string[]>,
  webRoot: { env: 'WEB_ROOT', parse: str, default: '', doc: 'folder of the web UI’s build to serve; unset: the repository’s web/dist (run npm run build); a folder without index.html: API only' } as Setting<string>,
  webClientId: { env: 'WEB_OIDC_CLIENT_ID', parse: str, default: 'mpp-web', doc: 'the OpenID Connect client id of the web UI (a public client: authorization code with PKCE, redirect URI <public URL>/signin/callback)' } as Setting<string>,
  webScope: { env: 'WEB_OIDC_SCOPE', parse: str, default: 'openid profile', doc: 'the scopes the web UI asks for at sign-in' } as Setting<string>,
  heartbeatMs: { env: 'GATEWAY_SSE_HEARTBEAT_MS', parse: range(1000, 300_000, 'milliseconds'), default: 15_000, doc: 'heartbeat comment interval of the board’s event stream (ms)' } as Setting<number>,
};

export type GatewayConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env?: Env) {
  return readConfig(configSpec, env);
}
