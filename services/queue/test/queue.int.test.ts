import { timestampMs } from '@bufbuild/protobuf/wkt';
import { demoMall } from '@mpp/catalog';
import { ApplicationStatus, CallRule, Outcome, Role, Source, TicketStatus, type Actor } from '@mpp/contracts';
import { readStream, type ManualClock } from '@mpp/eventstore';
import { waitFor } from '@mpp/testing';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueApp } from '../src/app/queue-app.js';
import { queueEvents } from '../src/domain/events.js';
import type { Notice } from '../src/infra/notify/notifier.js';
import { startQueueHarness, type QueueHarness } from './harness.js';

// The queue over gRPC on a real PostgreSQL with the demo mall (Kendari, WITA = UTC+8), the
// service clock at Monday 23 November 2026 09:00 WITA and moved by hand.
const actor = (role: Role, subject = '', agencyCode = '', mallId = 'kendari'): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject, role, agencyCode, mallId });
const kiosk = actor(Role.KIOSK, 'kiosk-1');
const officer = (n: number) => actor(Role.OFFICER, `demo-officer-00${n}`, 'disdukcapil-kendari');
const KTP = 'kendari:ktp-el-perekaman';
let h: QueueHarness;
let pool: pg.Pool;
let clock: ManualClock;
let app!: QueueApp;
let notices: Notice[];
const client = (as: Actor) => h.client(as);

beforeAll(async () => {
  h = await startQueueHarness({ doc: demoMall(), mallId: 'kendari', start: new Date('2026-11-23T01:00:00Z'), queueEnv: { QUEUE_NOTIFY_FEW_AHEAD: '1' }, timerPollMs: 60_000 });
  ({ pool, clock, app, notices } = h);
}, 240_000);

afterAll(async () => {
  await h?.stop();
});

const minutes = (n: number) => clock.advance(n * 60_000);
const kioskClose = () => client(kiosk).closeQueueDay({ queueId: 'kendari:A', date: '2026-11-23' });

describe('tickets and counters', () => {
  it('issues numbered tickets with position and estimate, calls by policy with the reason recorded, serves, opens an application', async () => {
    const k = client(kiosk);
    const first = await k.issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK, notifyPhone: '0812 3456 7890' });
    expect(first.ticket).toMatchObject({ number: 'A-001', status: TicketStatus.WAITING, date: '2026-11-23' });
    expect(first).toMatchObject({ position: 1, peopleAhead: 0 });
    const second = await k.issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK });
    expect(second).toMatchObject({ position: 2, peopleAhead: 1 });
    expect(second.estimatedWaitMinutes).toBe(10); // the service's 10 minutes, one counter at least
    const elder = await k.issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK, priorityGroup: 'lansia' });
    expect(elder.ticket!.number).toBe('A-003');
    // A retried kiosk request issues nothing new.
    const once = await k.issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK, requestId: 'kiosk-1-0001' });
    const again = await k.issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK, requestId: 'kiosk-1-0001' });
    expect(again.ticket!.id).toBe(once.ticket!.id);
    expect(again.ticket!.number).toBe('A-004');

    const o1 = client(officer(1));
    await expect(o1.callNext({ counterId: 'kendari:1' })).rejects.toThrow(/is closed; open it first/);
    await expect(o1.openCounter({ counterId: 'kendari:2', serviceIds: [KTP] })).rejects.toThrow(/roster does not list counter kendari:2/);
    const opened = await o1.openCounter({ counterId: 'kendari:1', queueIds: ['kendari:A'] });
    expect(opened.serviceIds).toContain(KTP);
    // Ratio 3: three regular calls, then the waiting elder.
    const called = await o1.callNext({ counterId: 'kendari:1' });
    expect(called.ticket).toMatchObject({ number: 'A-001', status: TicketStatus.CALLED, counterId: 'kendari:1' });
    await expect(o1.callNext({ counterId: 'kendari:1' })).rejects.toThrow(/still has ticket/);
    await expect(client(officer(2)).startServing({ ticketId: called.ticket!.id })).rejects.toThrow(/another officer/);
    minutes(1);
    await o1.startServing({ ticketId: called.ticket!.id });
    await expect(o1.completeTicket({ ticketId: called.ticket!.id, outcome: Outcome.DONE, openApplication: true })).rejects.toThrow(/does not open a tracked application/);
    minutes(12);
    const done = await o1.completeTicket({ ticketId: called.ticket!.id, outcome: Outcome.DONE, deliveredServiceIds: [KTP] });
    expect(done.ticket!.ticket!.status).toBe(TicketStatus.COMPLETED);
    expect(done.ticket!.surveyPath).toBe(`/api/v1/surveys/${called.ticket!.id}`);
    expect((await k.getTicket({ ticketId: second.ticket!.id })).surveyPath).toBe(''); // only once completed
    // The day's pace is now 12 minutes a ticket: two people ahead of A-004 at one open counter.
    expect((await k.getTicket({ ticketId: once.ticket!.id })).estimatedWaitMinutes).toBe(24);

    // The citizen who left a number is told at the call; nothing about the phone is in the events.
    await waitFor(async () => notices.some((n) => n.kind === 'called' && n.ticketNumber === 'A-001'), { timeoutMs: 30_000, what: 'the called notice for A-001' });
    expect(notices.find((n) => n.kind === 'called')).toMatchObject({ to: '+6281234567890', text: expect.stringContaining('loket 1') });

    // No-show only after the policy's 3 recalls.
    const next = await o1.callNext({ counterId: 'kendari:1' });
    expect(next.ticket!.number).toBe('A-002');
    await expect(o1.markNoShow({ ticketId: next.ticket!.id })).rejects.toThrow(/recall A-002 3 more time/);
    for (let i = 0; i < 3; i++) await o1.recallTicket({ ticketId: next.ticket!.id });
    expect((await o1.markNoShow({ ticketId: next.ticket!.id })).ticket!.status).toBe(TicketStatus.NO_SHOW);
    expect((await o1.getCounter({ counterId: 'kendari:1' })).ticketId).toBe('');
    const third = await o1.callNext({ counterId: 'kendari:1' });
    expect(third.ticket!.number).toBe('A-004');
    await o1.startServing({ ticketId: third.ticket!.id });
    await o1.completeTicket({ ticketId: third.ticket!.id, outcome: Outcome.DOCUMENTS_INCOMPLETE });

    const events = (await readStream(pool, 'queue', 'day-kendari:A-2026-11-23')).map((e) => queueEvents.decode(e));
    const calls = events.filter((e) => e.type.name === 'id.mpp.queue.TicketCalled.v1').map((e) => (e.message as unknown as { reason: { rule: CallRule; explanation: string } }).reason);
    expect(calls.map((c) => c.rule)).toEqual([CallRule.FIFO, CallRule.FIFO, CallRule.FIFO]);
    expect(calls[0]!.explanation).toMatch(/1 priority waiting, 0 of 3 regular/);
    expect(JSON.stringify(events.map((e) => e.message), (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('81234567890');
  });

  it('transfers a ticket to a service of another queue, keeping its place by the first issue time', async () => {
    const k = client(kiosk);
    const o1 = client(officer(1));
    const t = await o1.callNext({ counterId: 'kendari:1' }); // the elder, after three regular calls
    expect(t.ticket!.number).toBe('A-003');
    const day = (await readStream(pool, 'queue', 'day-kendari:A-2026-11-23')).map((e) => queueEvents.decode(e));
    const reason = (day.filter((e) => e.type.name === 'id.mpp.queue.TicketCalled.v1').at(-1)!.message as unknown as { reason: { rule: CallRule; explanation: string } }).reason;
    expect(reason.rule).toBe(CallRule.PRIORITY);
    expect(reason.explanation).toMatch(/priority lansia \(weight 3\); no regular ticket waiting/);
    const kk = 'kendari:akta-pengakuan-anak'; // queue B
    minutes(1);
    const late = await k.issueTicket({ mallId: 'kendari', serviceId: kk, source: Source.KIOSK });
    const moved = await o1.transferTicket({ ticketId: t.ticket!.id, toServiceId: kk });
    expect(moved.from!.ticket!.status).toBe(TicketStatus.TRANSFERRED);
    expect(moved.to!.ticket).toMatchObject({ serviceId: kk, status: TicketStatus.WAITING, number: 'B-002', priorityGroup: 'lansia' });
    expect(timestampMs(moved.to!.ticket!.queuedSince!)).toBe(timestampMs(t.ticket!.queuedSince!));
    // Issued later, but first in line in queue B.
    expect(moved.to).toMatchObject({ position: 1 });
    expect((await k.getTicket({ ticketId: late.ticket!.id })).position).toBe(2);
    await expect(o1.completeTicket({ ticketId: t.ticket!.id, outcome: Outcome.DONE })).rejects.toThrow(/transferred/);
    expect((await k.cancelTicket({ ticketId: late.ticket!.id })).ticket!.status).toBe(TicketStatus.CANCELLED);
    await expect(k.cancelTicket({ ticketId: late.ticket!.id })).rejects.toThrow(/cancelled/);
    await expect(k.getTicket({ ticketId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('opens a tracked application when a multi-day service is done', async () => {
    const k = client(kiosk);
    const o1 = client(officer(1));
    const serviceId = 'kendari:akta-pengakuan-anak'; // queue B; a birth-acknowledgement deed takes 3 working days
    await o1.openCounter({ counterId: 'kendari:1', queueIds: ['kendari:A', 'kendari:B'] });
    const t = await k.issueTicket({ mallId: 'kendari', serviceId, source: Source.KIOSK });
    await expect(o1.callTicket({ counterId: 'kendari:1', ticketId: t.ticket!.id, reason: ' ' })).rejects.toThrow(/needs a reason/);
    await o1.callTicket({ counterId: 'kendari:1', ticketId: t.ticket!.id, reason: 'dokumen sudah diperiksa di meja informasi' });
    await o1.startServing({ ticketId: t.ticket!.id });
    const done = await o1.completeTicket({ ticketId: t.ticket!.id, outcome: Outcome.DONE, openApplication: true });
    expect(done.application!.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(done.application!.status).toBe(ApplicationStatus.IN_PROCESS);
    await waitFor(async () => (await client(kiosk).getApplication({ trackingCode: done.application!.trackingCode.toLowerCase() }).catch(() => undefined)) !== undefined, { timeoutMs: 30_000, what: 'the application by tracking code' });
    // The ticket's own page names its application (what the QR code shows the citizen days later).
    await waitFor(async () => (await client(kiosk).getTicket({ ticketId: t.ticket!.id })).applicationTrackingCode === done.application!.trackingCode, { timeoutMs: 30_000, what: 'the tracking code on the ticket' });
    const ready = await o1.setApplicationStatus({ applicationId: done.application!.id, status: ApplicationStatus.READY, note: 'siap diambil' });
    expect(ready.application!.status).toBe(ApplicationStatus.READY);
    await expect(o1.setApplicationStatus({ applicationId: done.application!.id, status: ApplicationStatus.IN_PROCESS })).rejects.toThrow(/back to in process/);
  });

  it('transfers within one queue: the new ticket keeps its place and its events name its own service and agency', async () => {
    const k = client(kiosk);
    const o1 = client(officer(1));
    const moving = 'kendari:ktp-el-pindah-datang'; // queue A too
    const t = await k.issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK });
    await o1.callTicket({ counterId: 'kendari:1', ticketId: t.ticket!.id, reason: 'salah pilih layanan di kiosk' });
    await o1.startServing({ ticketId: t.ticket!.id });
    const moved = await o1.transferTicket({ ticketId: t.ticket!.id, toServiceId: moving });
    expect(moved.to!.ticket).toMatchObject({ serviceId: moving, queueId: 'kendari:A', status: TicketStatus.WAITING });
    expect(timestampMs(moved.to!.ticket!.queuedSince!)).toBe(timestampMs(t.ticket!.queuedSince!));
    const stored = await readStream(pool, 'queue', 'day-kendari:A-2026-11-23');
    const of = (type: string, id: string) => stored.find((e) => e.type === `id.mpp.queue.${type}.v1` && JSON.stringify(queueEvents.decode(e).message, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).includes(id))!;
    expect(of('TicketTransferred', t.ticket!.id).metadata).toMatchObject({ serviceId: KTP, agencyCode: 'disdukcapil-kendari' });
    expect(of('TicketIssued', moved.to!.ticket!.id).metadata).toMatchObject({ serviceId: moving, agencyCode: 'disdukcapil-kendari' });
    expect(of('TicketCalled', t.ticket!.id).metadata).toMatchObject({ serviceId: KTP, agencyCode: 'disdukcapil-kendari' });
    expect((await o1.getCounter({ counterId: 'kendari:1' })).ticketId).toBe('');
    await k.cancelTicket({ ticketId: moved.to!.ticket!.id });
  });
});

describe('a hot queue', () => {
  it('takes 50 kiosks and 7 counters at once: no duplicate or skipped number, no ticket called twice', async () => {
    const sid = 'kendari:ktp-el-pindah-datang'; // queue A, no daily quota
    const officers = [1, 2, 3, 4, 5, 6, 7];
    for (const n of officers) await client(officer(n)).openCounter({ counterId: `kendari:${n}`, serviceIds: [sid] });
    const kiosks = Array.from({ length: 50 }, (_, i) => client(actor(Role.KIOSK, `kiosk-${i}`)));
    const issued = await Promise.all(kiosks.flatMap((k) => [0, 1].map(() => k.issueTicket({ mallId: 'kendari', serviceId: sid, source: Source.KIOSK }))));
    const calledIds: string[] = [];
    await Promise.all(
      officers.map(async (n) => {
        const o = client(officer(n));
        for (let round = 0; round < 6; round++) {
          const t = await o.callNext({ counterId: `kendari:${n}` }).catch((e: Error) => (/no one is waiting/.test(e.message) ? undefined : Promise.reject(e)));
          if (!t) return;
          calledIds.push(t.ticket!.id);
          await o.startServing({ ticketId: t.ticket!.id });
          await o.completeTicket({ ticketId: t.ticket!.id, outcome: Outcome.DONE });
        }
      }),
    );
    expect(new Set(calledIds).size).toBe(calledIds.length);
    expect(calledIds.length).toBeGreaterThan(0);
    const events = (await readStream(pool, 'queue', 'day-kendari:A-2026-11-23')).map((e) => queueEvents.decode(e));
    const sequences = events.filter((e) => e.type.name === 'id.mpp.queue.TicketIssued.v1').map((e) => (e.message as unknown as { ticket: { sequence: number } }).ticket.sequence);
    expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
    expect(new Set(issued.map((t) => t.ticket!.number)).size).toBe(100);
    const calls = events.filter((e) => e.type.name === 'id.mpp.queue.TicketCalled.v1').map((e) => (e.message as unknown as { ticketId: string }).ticketId);
    expect(new Set(calls).size).toBe(calls.length);
  }, 120_000);
});

describe('bookings and the end of the day', () => {
  it('books slots without overbooking or hoarding, checks in to a due ticket, marks no-shows by timer', async () => {
    const citizen = client(actor(Role.CITIZEN));
    const { slots } = await citizen.listSlots({ mallId: 'kendari', serviceId: KTP, date: '2026-11-24' });
    expect(slots.length).toBeGreaterThan(8);
    const slot = slots[2]!;
    const outcomes = await Promise.allSettled(Array.from({ length: slot.capacity + 3 }, (_, i) => citizen.book({ mallId: 'kendari', serviceId: KTP, slotStart: slot.start, deviceId: `device-${i}` })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(slot.capacity);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason.message))).toEqual(Array(3).fill(expect.stringMatching(/full/)));
    const mine = await citizen.book({ mallId: 'kendari', serviceId: 'kendari:akta-pengakuan-anak', slotStart: slots[4]!.start, phone: '081299990000' });
    await citizen.book({ mallId: 'kendari', serviceId: 'kendari:akta-pengesahan-anak', slotStart: slots[5]!.start, phone: '+6281299990000' });
    await expect(citizen.book({ mallId: 'kendari', serviceId: KTP, slotStart: slots[6]!.start, phone: '0812-9999-0000' })).rejects.toThrow(/limit 2|already/);

    // Next day, at the slot: check in → a ticket called first as a booking due.
    clock.set(new Date(timestampMs(slots[4]!.start!) - 10 * 60_000));
    const ticket = await citizen.checkIn({ bookingId: mine.id });
    expect(ticket.ticket).toMatchObject({ bookingId: mine.id, source: Source.ONLINE, date: '2026-11-24' });
    expect((await citizen.checkIn({ bookingId: mine.id })).ticket!.id).toBe(ticket.ticket!.id); // a retry
    expect((await citizen.getBooking({ bookingId: mine.id })).ticketId).toBe(ticket.ticket!.id);

    // After every slot's grace, the timers mark what was not checked in.
    clock.set(new Date('2026-11-24T09:00:00Z'));
    await app.core.timers.runDue();
    const booked = outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<{ id: string }>).value.id);
    for (const id of booked) expect((await citizen.getBooking({ bookingId: id })).status).toBe(3); // no-show
    expect((await citizen.getBooking({ bookingId: mine.id })).status).toBe(2); // checked in
  });

  it("ends each queue's day at the mall's local midnight: what waited expires, numbering restarts", async () => {
    // The 23rd's timers were due at 2026-11-24 00:00 WITA (= 23rd 16:00 UTC) and fired with the run above.
    const events = (await readStream(pool, 'queue', 'day-kendari:A-2026-11-23')).map((e) => queueEvents.decode(e));
    const closed = events.find((e) => e.type.name === 'id.mpp.queue.QueueDayClosed.v1');
    expect(closed).toBeDefined();
    expect((closed!.message as unknown as { expiredTicketIds: string[] }).expiredTicketIds.length).toBeGreaterThan(0);
    // By hand, only a day that exists and a real date; nothing is written otherwise.
    const admin = client(actor(Role.MALL_ADMIN, 'admin-1'));
    await expect(admin.closeQueueDay({ queueId: 'kendari:A', date: '2026-13-45' })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(admin.closeQueueDay({ queueId: 'kendari:ZZ', date: '2026-11-23' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await readStream(pool, 'queue', 'day-kendari:ZZ-2026-11-23')).length).toBe(0);
    await expect(kioskClose()).rejects.toMatchObject({ code: 'forbidden' });
    clock.set(new Date('2026-11-25T01:00:00Z')); // Wednesday 09:00 WITA
    await expect(client(kiosk).issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK })).resolves.toMatchObject({ ticket: { number: 'A-001', date: '2026-11-25' } });
    expect(await pool.query(`select count(*)::int as n from queue.ticket_contacts where day_stream = 'day-kendari:A-2026-11-23'`)).toMatchObject({ rows: [{ n: 0 }] });
  });
});
