import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createLogger, startMetrics, type Metrics } from '@mpp/telemetry';
import { sampleValue, waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENDING_DELIVERIES } from '../src/webhooks/metrics.js';
import { migrateWebhooks, webhookTables } from '../src/webhooks/schema.js';
import { createWebhookWorker } from '../src/webhooks/worker.js';

// The webhook sender's metrics as Prometheus scrapes them: attempts by outcome and the deliveries
// still pending, against two local endpoints (one answers 204, one 500) and a disabled webhook.
const SCHEMA = 'reporting';
const t = webhookTables(SCHEMA);
let metrics: Metrics;
let db: TestDatabase;
let pool: pg.Pool;
const servers: Server[] = [];

/** A local endpoint answering every POST with `status`; returns its URL. */
async function endpoint(status: number): Promise<string> {
  const server = createServer((req, res) => req.resume().on('end', () => res.writeHead(status).end()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
}

/** A webhook with one delivery queued. */
async function webhookWithDelivery(url: string, status: 'active' | 'disabled'): Promise<void> {
  const id = randomUUID();
  await pool.query(`insert into ${t.webhooks} (id, agency_code, url, secret, status) values ($1, 'polri', $2, 'secret-0123456789', $3)`, [id, url, status]);
  await pool.query(`insert into ${t.deliveries} (webhook_id, event_id, event_type, body) values ($1, $2, 'id.mpp.queue.TicketIssued.v1', '{}')`, [id, randomUUID()]);
}

beforeAll(async () => {
  metrics = startMetrics({ serviceName: 'reporting-test' });
  db = await testDatabase();
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  await pool.query(`create schema if not exists ${SCHEMA}`);
  await migrateWebhooks(pool, SCHEMA);
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await pool.end();
  await db.drop();
  await metrics.shutdown();
});

describe('webhook metrics', () => {
  it('counts attempts delivered, failed and given up, and the deliveries still pending', async () => {
    await webhookWithDelivery(await endpoint(204), 'active');
    await webhookWithDelivery(await endpoint(500), 'active');
    await webhookWithDelivery(await endpoint(204), 'disabled'); // its delivery waits for the partner to enable it
    const worker = createWebhookWorker({
      db: pool,
      schema: SCHEMA,
      pollMs: 20,
      log: createLogger({ service: 'reporting-test', level: 'silent' }),
      policy: { maxAttempts: 2, backoffMs: 1, maxBackoffMs: 1, disableAfter: 100, timeoutMs: 5_000, allowPrivateTargets: true },
    });
    const attempts = (text: string, outcome: string) => sampleValue(text, 'mpp_webhook_deliveries_total', { service: SCHEMA, outcome });
    expect(attempts(await metrics.scrape(), 'given_up')).toBe(0);
    worker.start();
    try {
      const text = await waitFor(async () => {
        const scraped = await metrics.scrape();
        return attempts(scraped, 'given_up') === 1 ? scraped : undefined;
      }, { timeoutMs: 60_000, what: 'the failing delivery given up' });
      expect(attempts(text, 'delivered')).toBe(1);
      expect(attempts(text, 'failed_attempt')).toBe(1);
      expect(text).toContain('# TYPE mpp_webhook_deliveries_total counter');
      expect(sampleValue(text, PENDING_DELIVERIES, { service: SCHEMA })).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
