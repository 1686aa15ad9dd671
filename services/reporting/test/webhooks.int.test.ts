import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { create, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  DeliveryStatus,
  EventMetadataSchema,
  NoticeSetSchema,
  ReportingService,
  Role,
  ServingStartedSchema,
  TicketCalledSchema,
  TicketCompletedSchema,
  TicketIssuedSchema,
  WebhookStatus,
  type Actor,
} from '@mpp/contracts';
import { createEventStore, EventTypes, type EventStore } from '@mpp/eventstore';
import { createClient } from '@mpp/grpc';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadConfig } from '../src/index.js';
import { verify } from '../src/webhooks/signature.js';

// Webhooks against real local HTTP receivers, from events in the queue's and the catalog's logs
// (single-node mode: the PostgreSQL log transport): every event arrives at least once through
// failures and timeouts, every delivery is signed, a failing endpoint is disabled and stops
// receiving, and enabling it sends what it missed.

const actor = (role: Role, agencyCode = ''): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject: `${role}-1`, role, agencyCode, mallId: '' });
const polri = actor(Role.PARTNER, 'polri');
const bpjs = actor(Role.PARTNER, 'bpjs-kesehatan');
const DISABLE_AFTER = 8;
const TIMEOUT_MS = 500;

interface Received {
  readonly body: string;
  readonly headers: IncomingMessage['headers'];
  readonly answered: number;
}

/** A partner's endpoint: records every request; `answer` decides each one's fate. */
class Receiver {
  readonly received: Received[] = [];
  answer: (body: { id: string }, n: number) => number | 'hang' = () => 204;
  #server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const fate = this.answer(JSON.parse(body) as { id: string }, this.received.length);
        this.received.push({ body, headers: req.headers, answered: fate === 'hang' ? 0 : fate });
        if (fate === 'hang') setTimeout(() => res.destroy(), TIMEOUT_MS * 4).unref();
        else res.writeHead(fate).end();
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as { port: number }).port}/hooks/mpp`;
    return this;
  }

  /** Event ids the receiver answered with a 2xx. */
  delivered(): Set<string> {
    return new Set(this.received.filter((r) => r.answered >= 200 && r.answered < 300).map((r) => (JSON.parse(r.body) as { id: string }).id));
  }

  stop(): Promise<void> {
    this.#server?.closeAllConnections();
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }
}

const types = new EventTypes();
const T = {
  TicketIssued: types.register(TicketIssuedSchema),
  TicketCalled: types.register(TicketCalledSchema),
  ServingStarted: types.register(ServingStartedSchema),
  TicketCompleted: types.register(TicketCompletedSchema),
  NoticeSet: types.register(NoticeSetSchema),
};

let db: TestDatabase;
let pool: pg.Pool;
let queueLog: EventStore;
let catalogLog: EventStore;
let reporting: RunningService;
const receivers: Receiver[] = [];
const closers: (() => void)[] = [];
const clientAs = (as: Actor) => {
  const c = createClient(ReportingService, { address: `127.0.0.1:${reporting.grpcPort}`, actor: as });
  closers.push(c.close);
  return c.client;
};
const receiver = async () => {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
};

/** One ticket's life at an agency's service, appended as the queue would; returns the event ids. */
async function ticketLife(agencyCode: string, officer = 'oidc|budi.santoso'): Promise<string[]> {
  const ticketId = `ticket-${randomUUID()}`;
  const at = timestampFromDate(new Date('2026-11-24T02:00:00Z'));
  const metadata = create(EventMetadataSchema, { mallId: 'palu', agencyCode, serviceId: `palu:${agencyCode}-svc` });
  const event = <D extends DescMessage>(type: Parameters<typeof types.encode<D>>[0], data: MessageInitShape<D>) => ({ id: randomUUID(), ...types.encode(type, data), metadata });
  const events = [
    event(T.TicketIssued, { ticket: { id: ticketId, number: 'A-001', mallId: 'palu', serviceId: `palu:${agencyCode}-svc` } }),
    event(T.TicketCalled, { ticketId, counterId: 'palu:c1', at, officer }),
    event(T.ServingStarted, { ticketId, counterId: 'palu:c1', at }),
    event(T.TicketCompleted, { ticketId, counterId: 'palu:c1', at }),
  ];
  await queueLog.appendMany([{ streamId: ticketId, expectedVersion: 0, events }]);
  return events.map((e) => e.id);
}

beforeAll(async () => {
  db = await testDatabase('webhooks');
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  queueLog = createEventStore({ pool, schema: 'queue' });
  catalogLog = createEventStore({ pool, schema: 'catalog' });
  await queueLog.migrate();
  await catalogLog.migrate();
  await createEventStore({ pool, schema: 'survey' }).migrate();
  reporting = await build(
    loadConfig({
      DATABASE_URL: db.url,
      GRPC_HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      REPORTING_GRPC_PORT: '0',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_BACKOFF_MS: '50',
      WEBHOOK_MAX_BACKOFF_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '100',
      WEBHOOK_DISABLE_AFTER: String(DISABLE_AFTER),
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    }),
  ).start();
}, 180_000);

afterAll(async () => {
  closers.forEach((close) => close());
  await reporting?.stop();
  await Promise.all(receivers.map((r) => r.stop()));
  await pool?.end();
  await db?.drop();
});

describe('webhooks', () => {
  it('deliver every event of the agency at least once, signed, through failed and timed-out attempts', async () => {
    const api = clientAs(polri);
    const endpoint = await receiver();
    const seen = new Map<string, number>();
    // The first attempt of every third event fails (500), one of them by never answering.
    endpoint.answer = (body) => {
      const tries = (seen.get(body.id) ?? 0) + 1;
      seen.set(body.id, tries);
      if (tries === 1 && seen.size % 3 === 0) return seen.size === 3 ? 'hang' : 500;
      return 204;
    };
    const { webhook, secret } = await api.createWebhook({ url: endpoint.url, description: 'SIM online' });
    expect(webhook).toMatchObject({ agencyCode: 'polri', status: WebhookStatus.ACTIVE, url: endpoint.url });
    expect(secret).toMatch(/^whsec_/);

    const expected = [...(await ticketLife('polri')), ...(await ticketLife('polri')), ...(await ticketLife('polri')), ...(await ticketLife('polri'))];
    await ticketLife('bpjs-kesehatan');
    const notice = { id: randomUUID(), ...types.encode(T.NoticeSet, { mallId: 'palu' }), metadata: create(EventMetadataSchema, { mallId: 'palu' }) };
    await catalogLog.appendMany([{ streamId: 'mall-palu', expectedVersion: 0, events: [notice] }]);
    // A poison event: an entitled type whose bytes are not that type. It is set aside; the rest flows.
    const poison = { id: randomUUID(), type: T.TicketCalled.name, data: new Uint8Array([0xff, 0xff, 0xff]), metadata: create(EventMetadataSchema, { mallId: 'palu', agencyCode: 'polri' }) };
    await queueLog.appendMany([{ streamId: 'ticket-poison', expectedVersion: 0, events: [poison] }]);
    expected.push(...(await ticketLife('polri')));

    await waitFor(() => expected.every((id) => endpoint.delivered().has(id)), { timeoutMs: 120_000, what: 'every polri event delivered' });
    const bodies = endpoint.received.map((r) => JSON.parse(r.body) as { id: string; type: string; agencycode: string; data: { officer?: string } });
    // Only the agency's own entitled events; the same event always under the same id.
    expect(new Set(bodies.map((b) => b.id))).toEqual(new Set(expected));
    expect(bodies.every((b) => b.agencycode === 'polri')).toBe(true);
    expect(bodies.filter((b) => b.type === 'id.mpp.queue.TicketCalled.v1').every((b) => b.data.officer === '***')).toBe(true);
    expect(endpoint.received.some((r) => r.body.includes('budi'))).toBe(false);
    // Every request is signed over its timestamp and body with the webhook's secret.
    for (const r of endpoint.received) {
      expect(r.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
      expect(r.headers['mpp-webhook-id']).toBe(webhook!.id);
      expect(verify(secret, r.headers['mpp-signature'] as string, r.body, Math.floor(Date.now() / 1000))).toMatchObject({ ok: true });
      expect(verify(secret, r.headers['mpp-signature'] as string, r.body.replace('polri', 'POLRI'), Math.floor(Date.now() / 1000)).ok).toBe(false);
    }
    // Failed first attempts were retried; the log says so.
    expect(endpoint.received.length).toBeGreaterThan(expected.length);
    await waitFor(async () => (await api.listWebhookDeliveries({ id: webhook!.id, pageSize: 500 })).deliveries.every((d) => d.status === DeliveryStatus.DELIVERED), { what: 'the log updated' });
    const log = (await api.listWebhookDeliveries({ id: webhook!.id, pageSize: 500 })).deliveries;
    expect(log).toHaveLength(expected.length);
    expect(log.filter((d) => d.attempts > 1).length).toBeGreaterThanOrEqual(Math.floor(expected.length / 3));
    // Paged, newest first, nothing twice.
    const first = await api.listWebhookDeliveries({ id: webhook!.id, pageSize: 7 });
    const second = await api.listWebhookDeliveries({ id: webhook!.id, pageSize: 7, pageToken: first.nextPageToken });
    expect(first.nextPageToken).not.toBe('');
    expect(new Set([...first.deliveries, ...second.deliveries].map((d) => d.id)).size).toBe(14);
    expect(first.deliveries.map((d) => d.createdAt!.seconds)).toEqual([...first.deliveries.map((d) => d.createdAt!.seconds)].sort((a, b) => Number(b - a)));
    // The poison event is a dead letter of the router, with its reason.
    const { rows } = await pool.query(`select consumer, error from reporting.dead_letters where event_id = $1 and consumer like 'partner_router@%'`, [poison.id]);
    expect(rows).toEqual([{ consumer: 'partner_router@v1', error: expect.stringMatching(/\S/) }]);
    expect((await api.getWebhook({ id: webhook!.id })).webhook).toMatchObject({ status: WebhookStatus.ACTIVE, consecutiveFailures: 0, pendingDeliveries: 0 });
  });

  it('disables an endpoint that keeps failing; it receives nothing more until enabled, then everything it missed', async () => {
    const api = clientAs(polri);
    const healthy = await receiver();
    const failing = await receiver();
    failing.answer = () => 503;
    const good = await api.createWebhook({ url: healthy.url, eventTypes: ['id.mpp.queue.TicketCompleted.v1'] });
    const bad = await api.createWebhook({ url: failing.url, eventTypes: ['id.mpp.queue.TicketCompleted.v1'] });
    const completedOf = async () => (await ticketLife('polri')).at(-1)!;
    const before = [await completedOf(), await completedOf()];
    await waitFor(async () => (await api.getWebhook({ id: bad.webhook!.id })).webhook!.status === WebhookStatus.DISABLED, { timeoutMs: 120_000, what: 'the failing webhook disabled' });
    const disabled = (await api.getWebhook({ id: bad.webhook!.id })).webhook!;
    expect(disabled.disabledReason).toContain(`disabled after ${DISABLE_AFTER} failed attempts in a row; last: the endpoint answered HTTP 503`);
    expect(failing.received.length).toBe(DISABLE_AFTER);

    // New events: the healthy webhook gets them; the disabled one keeps them queued, unsent.
    const after = [await completedOf(), await completedOf()];
    await waitFor(() => [...before, ...after].every((id) => healthy.delivered().has(id)), { what: 'the healthy webhook served' });
    expect(failing.received.length).toBe(DISABLE_AFTER);
    const queued = (await api.listWebhookDeliveries({ id: bad.webhook!.id, status: DeliveryStatus.PENDING })).deliveries;
    expect(new Set(queued.map((d) => d.eventId))).toEqual(new Set([...before, ...after]));
    expect(queued.filter((d) => after.includes(d.eventId)).every((d) => d.attempts === 0)).toBe(true);

    // Fixed and enabled: what it missed arrives.
    failing.answer = () => 200;
    expect((await api.enableWebhook({ id: bad.webhook!.id })).webhook).toMatchObject({ status: WebhookStatus.ACTIVE, disabledReason: '', consecutiveFailures: 0 });
    await waitFor(() => [...before, ...after].every((id) => failing.delivered().has(id)), { timeoutMs: 120_000, what: 'the backlog delivered after enabling' });
    expect(verify(bad.secret, failing.received.at(-1)!.headers['mpp-signature'] as string, failing.received.at(-1)!.body, Math.floor(Date.now() / 1000)).ok).toBe(true);

    // A rotated secret signs from then on; the old one no longer verifies.
    const rotated = await api.rotateWebhookSecret({ id: good.webhook!.id });
    const next = await completedOf();
    await waitFor(() => healthy.delivered().has(next), { what: 'a delivery after the rotation' });
    const last = healthy.received.find((r) => r.body.includes(next))!;
    expect(verify(rotated.secret, last.headers['mpp-signature'] as string, last.body, Math.floor(Date.now() / 1000)).ok).toBe(true);
    expect(verify(good.secret, last.headers['mpp-signature'] as string, last.body, Math.floor(Date.now() / 1000)).ok).toBe(false);
  });

  it('belong to their agency alone, and refuse what they cannot deliver', async () => {
    const mine = await clientAs(polri).createWebhook({ url: 'http://127.0.0.1:9/x' });
    const other = clientAs(bpjs);
    await expect(other.getWebhook({ id: mine.webhook!.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(other.deleteWebhook({ id: mine.webhook!.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await other.listWebhooks({})).webhooks.map((w) => w.id)).not.toContain(mine.webhook!.id);
    await expect(clientAs(actor(Role.MALL_ADMIN)).listWebhooks({})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(clientAs(polri).createWebhook({ url: 'ftp://example.org/x' })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('must use https') });
    await expect(clientAs(polri).createWebhook({ url: 'https://example.org/x', eventTypes: ['id.mpp.queue.BookingMade.v1'] })).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('polri does not receive id.mpp.queue.BookingMade.v1') });
    await expect(clientAs(polri).getWebhook({ id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'invalid' });
    await clientAs(polri).deleteWebhook({ id: mine.webhook!.id });
    await expect(clientAs(polri).getWebhook({ id: mine.webhook!.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});
