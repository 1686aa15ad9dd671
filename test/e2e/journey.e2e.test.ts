import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafkaClient, type IncomingMessage } from '@mpp/kafka';
import { waitFor } from '@mpp/testing';
import { startTestPlatform, type TestPlatform, type Transport } from './platform.js';
import { openSse, type SseClient } from './sse.js';

// The citizen's journey and an officer's day over HTTP against the all-in-one platform, once per
// event transport: the PostgreSQL log (single node) and a real Kafka broker.
describe.each<Transport>(['postgres-log', 'kafka'])('the platform over HTTP (%s transport)', (transport) => {
  let p: TestPlatform;
  let officer: { subject: string; agencyCode: string; counterIds: string[] };
  let officerToken: string;
  let adminToken: string;
  let service: { id: string; queueId: string; agencyCode: string; boothIds: string[] };
  let counterId: string;

  beforeAll(async () => {
    p = await startTestPlatform(transport);
    adminToken = await p.token({ role: 'mall-admin', mall: p.mallId, subject: 'admin-1' });
    const officers = await p.api('GET', `/api/v1/malls/${p.mallId}/officers`, { token: adminToken });
    expect(officers.status).toBe(200);
    const booths = await p.api('GET', `/api/v1/malls/${p.mallId}/booths`);
    const boothOfCounter = new Map<string, string>();
    for (const b of booths.body.booths) for (const c of b.counters) boothOfCounter.set(c.id, b.booth.id);
    // A KTP-el service and an officer of its agency rostered on a counter of its booth.
    const hits = await p.api('GET', `/api/v1/malls/${p.mallId}/services?q=${encodeURIComponent('perekaman ktp')}`);
    expect(hits.status).toBe(200);
    for (const hit of hits.body.hits) {
      const s = hit.service;
      const o = officers.body.officers.find((x: typeof officer) => x.agencyCode === s.agencyCode && x.counterIds.some((c) => s.boothIds.includes(boothOfCounter.get(c))));
      if (o) {
        service = s;
        officer = o;
        counterId = o.counterIds.find((c: string) => s.boothIds.includes(boothOfCounter.get(c)));
        break;
      }
    }
    expect(service, 'a searchable service with a rostered officer').toBeDefined();
    officerToken = await p.token({ role: 'officer', subject: officer.subject, mall: p.mallId, agency: officer.agencyCode });
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('a citizen finds a service, takes a ticket, is called, served, answers the survey; the board and the day’s report show it', async () => {
    const detail = await p.api('GET', `/api/v1/services/${encodeURIComponent(service.id)}`);
    expect(detail.status).toBe(200);
    expect(detail.body.service.id).toBe(service.id);

    const taken = await p.api('POST', `/api/v1/malls/${p.mallId}/tickets`, { body: { serviceId: service.id, source: 'online' } });
    expect(taken.status, taken.text).toBe(201);
    const view = taken.body.view;
    expect(view.ticket.status).toBe('waiting');
    expect(view.ticket.number).toMatch(/^[A-Z]+-?\d+$/);
    expect(view.position).toBeGreaterThanOrEqual(1);
    expect(taken.headers.get('location')).toBe(`/api/v1/tickets/${view.ticket.id}`);
    expect(taken.body.statusUrl).toBe(`/ticket/${encodeURIComponent(view.ticket.id)}`); // the web UI's status page; GATEWAY_PUBLIC_URL unset: a path
    const ticketId: string = view.ticket.id;

    // The day's report sees it in line: open and not called yet.
    const inLine = await waitFor(async () => {
      const r = await p.api('GET', `/api/v1/malls/${p.mallId}/reports/daily?date=${view.ticket.date}&groupBy=mall&bucket=period`, { token: adminToken });
      return r.status === 200 && r.body.total.issued >= 1 ? r.body.total : undefined;
    }, { what: 'the day’s report to count the ticket in line' });
    expect(inLine).toMatchObject({ issued: 1, open: 1, notCalled: 1, served: 0 });

    // The survey is not open before the visit is completed.
    const early = await p.api('GET', `/api/v1/surveys/${ticketId}`);
    expect([404, 409]).toContain(early.status);
    expect(early.headers.get('content-type')).toContain('application/problem+json');

    const board: SseClient = await openSse(`${p.base}/api/v1/malls/${p.mallId}/board/stream`);
    try {
      const opened = await p.api('POST', `/api/v1/counters/${encodeURIComponent(counterId)}/open`, { token: officerToken, body: { queueIds: [service.queueId] } });
      expect(opened.status, opened.text).toBe(200);
      const called = await p.api('POST', `/api/v1/counters/${encodeURIComponent(counterId)}/call-next`, { token: officerToken });
      expect(called.status, called.text).toBe(200);
      expect(JSON.stringify(called.body)).toContain(ticketId);

      // The board's stream delivers the call.
      const seen = await board.waitFor((e) => e.event === 'board' && JSON.parse(e.data).counters.some((c: { counterId: string; ticketNumber: string }) => c.counterId === counterId && c.ticketNumber === view.ticket.number));
      expect(seen.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    } finally {
      board.close();
    }
    await waitFor(() => p.platform.gateway.openStreams() === 0, { what: 'the board stream to close after the client left' });

    const status = await p.api('GET', `/api/v1/tickets/${ticketId}`);
    expect(status.body.view.ticket.status).toBe('called');
    expect(status.body.view.ticket.counterId).toBe(counterId);

    expect((await p.api('POST', `/api/v1/tickets/${ticketId}/start`, { token: officerToken })).status).toBe(200);
    const done = await p.api('POST', `/api/v1/tickets/${ticketId}/complete`, { token: officerToken, body: { outcome: 'done', deliveredServiceIds: [service.id] } });
    expect(done.status, done.text).toBe(200);
    const after = await p.api('GET', `/api/v1/tickets/${ticketId}`);
    expect(after.body.view.ticket.status).toBe('completed');
    expect(after.body.view.surveyPath).toBe(`/api/v1/surveys/${ticketId}`);

    const survey = await waitFor(async () => {
      const r = await p.api('GET', after.body.view.surveyPath);
      return r.status === 200 ? r.body : undefined;
    }, { what: 'the survey to open from the completion event' });
    expect(survey.questions).toHaveLength(9);
    const answer = { answers: [4, 4, 3, 4, 3, 4, 4, 3, 4], profile: { ageGroup: '30-to-39', sex: 'female', education: 'bachelor', occupation: 'entrepreneur' }, suggestion: 'Pelayanan cepat' };
    const submitted = await p.api('POST', `${after.body.view.surveyPath}/responses`, { body: answer });
    expect(submitted.status, submitted.text).toBe(201);
    // A double tap changes nothing; a different second answer is refused.
    const again = await p.api('POST', `${after.body.view.surveyPath}/responses`, { body: answer });
    expect(again.status).toBe(201);
    const other = await p.api('POST', `${after.body.view.surveyPath}/responses`, { body: { ...answer, answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] } });
    expect(other.status).toBe(409);
    expect(other.body.errors).toEqual([{ field: 'token', reason: 'answered already' }]);

    const board2 = await p.api('GET', `/api/v1/malls/${p.mallId}/board`);
    expect(board2.status).toBe(200);
    expect(board2.body.board.counters.some((c: { counterId: string }) => c.counterId === counterId)).toBe(true);

    const date: string = view.ticket.date;
    const report = await waitFor(async () => {
      const r = await p.api('GET', `/api/v1/malls/${p.mallId}/reports/daily?date=${date}&groupBy=mall&bucket=period`, { token: adminToken });
      if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
      return r.body.total.served >= 1 ? r.body : undefined;
    }, { what: 'the day’s report to count the served ticket' });
    expect(report.total).toMatchObject({ issued: 1, served: 1, noShow: 0, open: 0, notCalled: 0 });
    expect(report.rows).toHaveLength(1);

    const ikm = await waitFor(async () => {
      const r = await p.api('GET', `/api/v1/malls/${p.mallId}/reports/ikm?from=${date}&to=${date}`, { token: adminToken });
      if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
      return r.body.respondents >= 1 ? r.body : undefined;
    }, { what: 'the IKM to count the response' });
    // Answers 4,4,3,4,3,4,4,3,4 → NRR sum 33/9 × 25 = 91.67, grade A.
    expect(ikm).toMatchObject({ respondents: 1, ikmRounded: 91.67, grade: 'A' });
  });

  it('an officer’s day: walk-ins and kiosk tickets, recall, no-show, transfer, a chosen call with its reason, pause and close; refusals say why', async () => {
    const kiosk = await p.token({ role: 'kiosk', mall: p.mallId, subject: 'kiosk-1' });
    const take = async (token: string, source: string) => {
      const r = await p.api('POST', `/api/v1/malls/${p.mallId}/tickets`, { token, body: { serviceId: service.id, source } });
      expect(r.status, r.text).toBe(201);
      return r.body.view.ticket as { id: string; number: string; status: string };
    };
    const a = await take(kiosk, 'kiosk');
    const b = await take(kiosk, 'kiosk');
    const c = await take(officerToken, 'walk-in');
    // A kiosk cannot print an online ticket, nor act for another mall.
    expect((await p.api('POST', `/api/v1/malls/${p.mallId}/tickets`, { token: kiosk, body: { serviceId: service.id, source: 'online' } })).status).toBe(403);
    const otherKiosk = await p.token({ role: 'kiosk', mall: 'elsewhere', subject: 'kiosk-x' });
    const foreign = await p.api('POST', `/api/v1/malls/${p.mallId}/tickets`, { token: otherKiosk, body: { serviceId: service.id, source: 'kiosk' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toContain('elsewhere');

    const counter = encodeURIComponent(counterId);
    expect((await p.api('POST', `/api/v1/counters/${counter}/open`, { token: officerToken, body: { queueIds: [service.queueId] } })).status).toBe(200);
    const first = await p.api('POST', `/api/v1/counters/${counter}/call-next`, { token: officerToken });
    expect(first.status, first.text).toBe(200);
    expect(JSON.stringify(first.body)).toContain(a.id);
    // The mall's policy says how many recalls come before a no-show; too early is refused with the count.
    const { policy } = (await p.api('GET', `/api/v1/malls/${p.mallId}`)).body;
    expect(policy.recallsBeforeNoShow).toBeGreaterThan(0);
    const early = await p.api('POST', `/api/v1/tickets/${a.id}/no-show`, { token: officerToken });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain('before marking a no-show');
    for (let i = 0; i < policy.recallsBeforeNoShow; i++) {
      const recalled = await p.api('POST', `/api/v1/tickets/${a.id}/recall`, { token: officerToken });
      expect(recalled.status, recalled.text).toBe(200);
    }
    expect((await p.api('POST', `/api/v1/tickets/${a.id}/no-show`, { token: officerToken })).status).toBe(200);
    expect((await p.api('GET', `/api/v1/tickets/${a.id}`)).body.view.ticket.status).toBe('no-show');

    // Call the walk-in out of turn, with the reason on record.
    const chosen = await p.api('POST', `/api/v1/counters/${counter}/call`, { token: officerToken, body: { ticketId: c.id, reason: 'lansia, didahulukan' } });
    expect(chosen.status, chosen.text).toBe(200);
    expect((await p.api('POST', `/api/v1/tickets/${c.id}/start`, { token: officerToken })).status).toBe(200);
    const incomplete = await p.api('POST', `/api/v1/tickets/${c.id}/complete`, { token: officerToken, body: { outcome: 'documents-incomplete' } });
    expect(incomplete.status, incomplete.text).toBe(200);

    // Transfer b to another service of the same agency.
    const others = await p.api('GET', `/api/v1/malls/${p.mallId}/services?agency=${encodeURIComponent(service.agencyCode)}&pageSize=50`);
    const target = others.body.services.find((s: { id: string; status: string }) => s.id !== service.id && s.status === 'active');
    expect(target).toBeDefined();
    expect((await p.api('POST', `/api/v1/counters/${counter}/call-next`, { token: officerToken })).status).toBe(200);
    const moved = await p.api('POST', `/api/v1/tickets/${b.id}/transfer`, { token: officerToken, body: { toServiceId: target.id } });
    expect(moved.status, moved.text).toBe(200);
    // The old ticket's status page follows on to the new one.
    const old = await p.api('GET', `/api/v1/tickets/${b.id}`);
    expect(old.body.view.ticket).toMatchObject({ status: 'transferred', transferredTo: moved.body.to.ticket.id });

    // Refusals: a completed ticket cannot be completed again; an unknown counter; another agency's officer.
    const again = await p.api('POST', `/api/v1/tickets/${c.id}/complete`, { token: officerToken, body: { outcome: 'done' } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const unknown = await p.api('POST', `/api/v1/counters/nope/open`, { token: officerToken, body: { queueIds: [service.queueId] } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors).toEqual([{ field: 'counter_id', reason: 'unknown counter' }]);
    expect((await p.api('POST', `/api/v1/counters/nope/call-next`, { token: officerToken })).status).toBe(404);
    expect((await p.api('GET', `/api/v1/tickets/no-such-ticket`)).status).toBe(404);
    const stranger = await p.token({ role: 'officer', subject: 'stranger', mall: p.mallId, agency: 'bpjs-kesehatan' });
    const refused = await p.api('POST', `/api/v1/counters/${counter}/pause`, { token: stranger });
    expect(refused.status).toBe(403);

    expect((await p.api('POST', `/api/v1/counters/${counter}/pause`, { token: officerToken })).status).toBe(200);
    const closed = await p.api('POST', `/api/v1/counters/${counter}/close`, { token: officerToken });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.counter.status).toBe('closed');

    // The day's report counts them (issued 1 + 3, served 1 + 1 with documents incomplete, a no-show, a transfer).
    const admin = await p.token({ role: 'mall-admin', mall: p.mallId });
    const date: string = (await p.api('GET', `/api/v1/tickets/${a.id}`)).body.view.ticket.date;
    await waitFor(async () => {
      const r = await p.api('GET', `/api/v1/malls/${p.mallId}/reports/daily?groupBy=mall&bucket=period&date=${date}`, { token: admin });
      return r.status === 200 && r.body.total.noShow === 1 && r.body.total.transferred === 1 ? r.body : undefined;
    }, { what: 'the report to count the no-show and the transfer' });
  });

  it('a partner agency hears of its tickets: a signed webhook delivery, and its own Kafka topic', async () => {
    const bodies: { body: string; signature: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push({ body, signature: String(req.headers['mpp-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const partner = await p.token({ role: 'partner', agency: service.agencyCode, subject: `partner-${service.agencyCode}` });
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/mpp`;
      const created = await p.api('POST', '/api/v1/webhooks', { token: partner, body: { url, eventTypes: ['id.mpp.queue.TicketIssued.v1'] } });
      expect(created.status, created.text).toBe(201);
      expect(created.body.webhook).toMatchObject({ agencyCode: service.agencyCode, status: 'active', url });
      const secret: string = created.body.secret;
      const listed = await p.api('GET', '/api/v1/webhooks', { token: partner });
      expect(listed.body.webhooks.map((w: { id: string }) => w.id)).toContain(created.body.webhook.id);

      const taken = await p.api('POST', `/api/v1/malls/${p.mallId}/tickets`, { body: { serviceId: service.id, source: 'online' } });
      expect(taken.status, taken.text).toBe(201);
      const ticketId: string = taken.body.view.ticket.id;
      const delivery = await waitFor(() => bodies.find((b) => b.body.includes(ticketId)), { timeoutMs: 120_000, what: 'the webhook delivery of the new ticket' });
      const event = JSON.parse(delivery.body);
      expect(event).toMatchObject({ specversion: '1.0', type: 'id.mpp.queue.TicketIssued.v1', agencycode: service.agencyCode, data: { ticket: { id: ticketId } } });
      // Checked here as a partner would, from the documented recipe: HMAC-SHA256 of "<t>.<body>".
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery.signature)!;
      expect(createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex')).toBe(v1);
      expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(300);
      const log = await p.api('GET', `/api/v1/webhooks/${created.body.webhook.id}/deliveries?status=delivered`, { token: partner });
      expect(log.status, log.text).toBe(200);
      expect(log.body.deliveries.map((d: { eventId: string }) => d.eventId)).toContain(event.id);

      if (transport === 'kafka') {
        const topic = `${p.platform.env.KAFKA_TOPIC_PREFIX}mpp.partner.${service.agencyCode}.v1`;
        const kafka = createKafkaClient({ brokers: p.platform.env.KAFKA_BROKERS!.split(','), clientId: 'e2e-partner' });
        const got: IncomingMessage[] = [];
        const consumer = await kafka.consumer({ groupId: `${p.platform.env.KAFKA_TOPIC_PREFIX}mpp.partner.${service.agencyCode}.e2e`, topics: [topic], fromBeginning: true });
        void consumer.run(async (m) => void got.push(m));
        try {
          const m = await waitFor(() => got.find((x) => x.headers.ce_id === event.id), { timeoutMs: 120_000, what: 'the event on the partner topic' });
          expect(m.headers).toMatchObject({ ce_type: 'id.mpp.queue.TicketIssued.v1', ce_agencycode: service.agencyCode, ce_source: '/mpp/queue' });
        } finally {
          await consumer.close();
        }
      }
      expect((await p.api('DELETE', `/api/v1/webhooks/${created.body.webhook.id}`, { token: partner })).status).toBe(200);
      expect((await p.api('GET', `/api/v1/webhooks/${created.body.webhook.id}`, { token: partner })).status).toBe(404);
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
}, 600_000);
