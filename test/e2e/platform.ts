import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type RunningPlatform } from '@mpp/cli';
import { demoMall } from '@mpp/catalog';
import { freePort, waitFor, type TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase, uniqueTopic } from '@mpp/testing/fixtures';
import { createLogger } from '@mpp/telemetry';
import type { TokenClaims } from '@mpp/gateway';

export type Transport = 'postgres-log' | 'kafka';

/** The all-in-one platform as `npm start` runs it, on a test database, over one transport. */
export interface TestPlatform {
  readonly platform: RunningPlatform;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  /** A demo MPP of this test's own, open every day all day (tests run at any hour). */
  readonly mallId: string;
  token(claims: TokenClaims): Promise<string>;
  api(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  stop(): Promise<void>;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read what they assert on
  readonly body: any;
  readonly text: string;
}

const ALL_DAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((weekday) => ({ weekday, intervals: [{ open: '00:00', close: '24:00' }] }));

export async function startTestPlatform(transport: Transport, options: { readonly rateLimit?: number } = {}): Promise<TestPlatform> {
  const db: TestDatabase = await testDatabase('mpp_e2e');
  const dataDir = mkdtempSync(join(tmpdir(), 'mpp-e2e-'));
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    GRPC_HOST: '127.0.0.1',
    CATALOG_GRPC_PORT: '0',
    QUEUE_GRPC_PORT: '0',
    SURVEY_GRPC_PORT: '0',
    REPORTING_GRPC_PORT: '0',
    GATEWAY_GRPC_PORT: '0',
    GATEWAY_HTTP_HOST: '127.0.0.1',
    GATEWAY_HTTP_PORT: String(port),
    GATEWAY_ANONYMOUS_RATE_LIMIT: String(options.rateLimit ?? 100_000),
    GATEWAY_SSE_HEARTBEAT_MS: '1000',
    REPORTING_BOARD_POLL_MS: '100',
    MPP_DATA_DIR: dataDir,
    ...(transport === 'kafka' ? { KAFKA_BROKERS: kafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: `${uniqueTopic('e2e')}.` } : {}),
  };
  const platform = await startPlatform({ env, log: createLogger({ service: 'e2e', level: 'silent' }), demoData: false });
  const base = `http://127.0.0.1:${platform.gateway.httpPort}`;
  const issuer = platform.demoIssuer!;
  const token = (claims: TokenClaims) => issuer.mint(claims);
  const api: TestPlatform['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  const mallId = `e2e${Math.random().toString(36).slice(2, 8)}`;
  const admin = await token({ role: 'mall-admin', mall: mallId, subject: `admin-${mallId}` });
  const imported = await api('POST', `/api/v1/malls/${mallId}/import`, { token: admin, body: demoMall({ mallId }) });
  if (imported.status !== 200 || !imported.body?.applied) throw new Error(`demo import failed: ${imported.status} ${imported.text.slice(0, 500)}`);
  const mall = await waitFor(async () => {
    const r = await api('GET', `/api/v1/malls/${mallId}`);
    return r.status === 200 ? r.body.mall : undefined;
  }, { what: 'the imported mall' });
  const put = await api('PUT', `/api/v1/malls/${mallId}`, { token: admin, body: { ...mall, id: undefined, weeklyHours: ALL_DAY, specialDays: [] } });
  if (put.status !== 200) throw new Error(`opening the mall all day failed: ${put.status} ${put.text}`);
  await waitFor(async () => {
    const r = await api('GET', `/api/v1/malls/${mallId}/hours`);
    return r.body?.weeklyHours?.length === 7 && r.body.weeklyHours.every((d: { intervals: { close: string }[] }) => d.intervals[0]?.close === '24:00');
  }, { what: 'the all-day hours' });
  return {
    platform,
    base,
    mallId,
    token,
    api,
    async stop() {
      await platform.stop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
