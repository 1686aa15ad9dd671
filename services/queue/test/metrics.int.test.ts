import { demoMall } from '@mpp/catalog';
import { Role, Source, TicketStatus, type Actor } from '@mpp/contracts';
import { startMetrics, type Metrics } from '@mpp/telemetry';
import { sampleValue, waitFor } from '@mpp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKETS_WAITING } from '../src/infra/metrics.js';
import { startQueueHarness, type QueueHarness } from './harness.js';

// `mpp_tickets_waiting{mall_id}` read from the queue's own view on each scrape: the demo mall
// (Kendari) on Monday 23 November 2026 09:00 WITA.
const actor = (role: Role, subject: string, agencyCode = ''): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject, role, agencyCode, mallId: 'kendari' });
const kiosk = actor(Role.KIOSK, 'kiosk-1');
const officer = actor(Role.OFFICER, 'demo-officer-001', 'disdukcapil-kendari');
const KTP = 'kendari:ktp-el-perekaman';
let metrics: Metrics;
let h: QueueHarness;

beforeAll(async () => {
  metrics = startMetrics({ serviceName: 'queue-test' });
  h = await startQueueHarness({ doc: demoMall(), mallId: 'kendari', start: new Date('2026-11-23T01:00:00Z'), timerPollMs: 60_000 });
}, 240_000);

afterAll(async () => {
  await h?.stop();
  await metrics.shutdown();
});

/** The gauge as scraped once the queue's view has what the last command wrote. */
async function waitingOnceViewed(tickets: readonly string[], status: TicketStatus): Promise<number | undefined> {
  const { rows } = await h.pool.query<{ n: number }>('select count(*)::int as n from queue.queue_tickets where id = any($1) and status = $2', [tickets, status]);
  return rows[0]!.n === tickets.length ? sampleValue(await metrics.scrape(), TICKETS_WAITING, { service: 'queue', mall_id: 'kendari' }) : undefined;
}

describe('tickets waiting', () => {
  it('counts the tickets in line per mall, 0 for a mall with none', async () => {
    expect(sampleValue(await metrics.scrape(), TICKETS_WAITING, { service: 'queue', mall_id: 'kendari' })).toBe(0);
    const k = h.client(kiosk);
    const issued: string[] = [];
    for (let i = 0; i < 3; i++) issued.push((await k.issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK })).ticket!.id);
    expect(await waitFor(() => waitingOnceViewed(issued, TicketStatus.WAITING), { timeoutMs: 30_000, what: 'the three tickets in the view' })).toBe(3);

    const o = h.client(officer);
    await o.openCounter({ counterId: 'kendari:1', queueIds: ['kendari:A'] });
    const called = (await o.callNext({ counterId: 'kendari:1' })).ticket!.id;
    expect(await waitFor(() => waitingOnceViewed([called], TicketStatus.CALLED), { timeoutMs: 30_000, what: 'the called ticket in the view' })).toBe(2);
  });
});
