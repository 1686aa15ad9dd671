import { fromBinary } from '@bufbuild/protobuf';
import { timestampMs } from '@bufbuild/protobuf/wkt';
import { demoMall } from '@mpp/catalog';
import { AuditVerdict, Outcome, Role, Source, TicketIssuedSchema, TicketStatus, type Actor, type Ticket } from '@mpp/contracts';
import { readStream, type DecodedEvent, type ManualClock } from '@mpp/eventstore';
import { createKafkaClient, type IncomingMessage } from '@mpp/kafka';
import { waitFor } from '@mpp/testing';
import { kafkaBrokers, uniqueTopic } from '@mpp/testing/fixtures';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueApp } from '../src/app/queue-app.js';
import { queueDay, type DayState } from '../src/domain/day/day.js';
import { queueEvents } from '../src/domain/events.js';
import type { Notice } from '../src/infra/notify/notifier.js';
import type { Calls } from './clients.js';
import { startQueueHarness, type QueueHarness } from './harness.js';

// A scripted busy Monday at an MPP in Jayapura (WIT = UTC+9, so 08:00 local is still Sunday in
// UTC), over Kafka: the catalog publishes to it, the queue's catalog replica reads from it, the
// queue relays its own events to it. Ten counters (loket) work queue A all morning while kiosks
// issue several hundred tickets (a rush of 50 kiosks at once among them), booked citizens check
// in, officers recall and mark no-shows, transfer to queue B, call out of turn with a reason; the
// day closes at local midnight. Then the events are checked, and an auditor replays the day.
const MALL = 'jayapura';
const DATE = '2026-11-23';
const T0 = Date.parse('2026-11-22T23:00:00Z'); // Monday 23 November 2026, 08:00 WIT
const AGENCY = 'disdukcapil-kendari'; // the demo's Disdukcapil keeps its code in every mall
const B_SERVICE = `${MALL}:akta-pengakuan-anak`; // queue B; opens a tracked application (3 working days)
const A_COUNTERS = ['1', '2', '3', '4', '45', '46', '47', '48', '49', '50'].map((n) => `${MALL}:${n}`);
const B_COUNTER = `${MALL}:5`;
const prefix = `${uniqueTopic('busy')}.`;

const actor = (role: Role, subject = '', agencyCode = '', mallId = MALL): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject, role, agencyCode, mallId });
const officerOf = (counterId: string) => actor(Role.OFFICER, `busy-officer-${counterId.split(':')[1]}`, AGENCY);
const kiosk = actor(Role.KIOSK, 'kiosk-1');

let h: QueueHarness;
let pool: pg.Pool;
let clock: ManualClock;
let app!: QueueApp;
let notices: Notice[];
let A_SERVICES: string[] = [];
const client = (as: Actor) => h.client(as);

/** A small deterministic PRNG (mulberry32): the same day every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo mall as Jayapura (WIT), with six more loket in Disdukcapil's queue-A booth and an officer for each. */
function jayapura() {
  const doc = demoMall({ mallId: MALL });
  doc.malls![0]!.timeZone = 'Asia/Jayapura';
  const booth = (doc.counters!.find((c) => c.id === `${MALL}:1`) as { boothId: string }).boothId;
  const counters = doc.counters as unknown as Record<string, unknown>[];
  const officers = doc.officers as unknown as Record<string, unknown>[];
  for (const n of ['45', '46', '47', '48', '49', '50']) counters.push({ id: `${MALL}:${n}`, mallId: MALL, number: n, boothId: booth, name: `Loket ${n}`, active: true });
  for (const counterId of [...A_COUNTERS, B_COUNTER]) {
    officers.push({ subject: officerOf(counterId).subject, mallId: MALL, agencyCode: AGENCY, displayName: `Petugas ${counterId}`, counterIds: [counterId], active: true });
  }
  return doc;
}

beforeAll(async () => {
  h = await startQueueHarness({
    doc: jayapura(),
    mallId: MALL,
    start: new Date(T0),
    env: { KAFKA_BROKERS: kafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix },
    queueEnv: { QUEUE_NOTIFY_FEW_AHEAD: '2' },
    timerPollMs: 3_600_000, // the test runs the timers itself, at the times it chooses
  });
  ({ pool, clock, app, notices } = h);
  const { rows } = await pool.query<{ id: string }>(
    `select id from queue.catalog_services where queue_id = $1 and data->>'status' is distinct from 'SERVICE_STATUS_RETIRED' and coalesce((data->>'dailyQuota')::int, 0) = 0 order by id limit 4`,
    [`${MALL}:A`],
  );
  A_SERVICES = rows.map((r) => r.id);
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

/** What the script did, to compare with what the events say. */
interface Tally {
  issuedA: number;
  completed: number;
  noShows: number;
  transfers: number;
  cancelled: number;
  chosen: number;
  applications: string[];
  phones: Set<string>;
}

type InHand = { id: string; number: string; state: 'called' | 'serving'; doneAt: number; fate: 'serve' | 'no-show' | 'transfer'; recalls: number };

/** One counter's morning: call, start, serve for a while, complete — or recall and mark a no-show, or transfer. */
async function counterMinute(o: Calls, counterId: string, hand: Map<string, InHand>, now: number, rnd: () => number, tally: Tally, calling: boolean, chooseOutOfTurn: string | undefined) {
  const mine = hand.get(counterId);
  if (mine?.state === 'called') {
    if (mine.fate === 'no-show') {
      if (mine.recalls < 3) {
        await o.recallTicket({ ticketId: mine.id });
        mine.recalls++;
      } else {
        await o.markNoShow({ ticketId: mine.id });
        tally.noShows++;
        hand.delete(counterId);
      }
      return;
    }
    await o.startServing({ ticketId: mine.id });
    mine.state = 'serving';
    return;
  }
  if (mine?.state === 'serving') {
    if (now < mine.doneAt) return;
    if (mine.fate === 'transfer') {
      await o.transferTicket({ ticketId: mine.id, toServiceId: B_SERVICE });
      tally.transfers++;
    } else {
      await o.completeTicket({ ticketId: mine.id, outcome: rnd() < 0.9 ? Outcome.DONE : Outcome.DOCUMENTS_INCOMPLETE });
      tally.completed++;
    }
    hand.delete(counterId);
    return;
  }
  if (!calling) return;
  const called = chooseOutOfTurn
    ? await o.callTicket({ counterId, ticketId: chooseOutOfTurn, reason: 'berkas sudah diverifikasi di meja informasi' })
    : await o.callNext({ counterId }).catch((e: Error) => (/no one is waiting/.test(e.message) ? undefined : Promise.reject(e)));
  if (!called) return;
  if (chooseOutOfTurn) tally.chosen++;
  const r = rnd();
  hand.set(counterId, { id: called.ticket!.id, number: called.ticket!.number, state: 'called', doneAt: now + 2 + Math.floor(rnd() * 6), fate: r < 0.06 ? 'no-show' : r < 0.1 ? 'transfer' : 'serve', recalls: 0 });
}

/** The B counter serves transferred tickets and opens their applications. */
async function bCounterMinute(o: Calls, hand: Map<string, InHand>, now: number, tally: Tally, calling: boolean) {
  const mine = hand.get(B_COUNTER);
  if (mine?.state === 'called') {
    await o.startServing({ ticketId: mine.id });
    mine.state = 'serving';
  } else if (mine?.state === 'serving' && now >= mine.doneAt) {
    const done = await o.completeTicket({ ticketId: mine.id, outcome: Outcome.DONE, openApplication: true });
    tally.applications.push(done.application!.id);
    hand.delete(B_COUNTER);
  } else if (!mine && calling) {
    const called = await o.callNext({ counterId: B_COUNTER }).catch((e: Error) => (/no one is waiting/.test(e.message) ? undefined : Promise.reject(e)));
    if (called) hand.set(B_COUNTER, { id: called.ticket!.id, number: called.ticket!.number, state: 'called', doneAt: now + 5, fate: 'serve', recalls: 0 });
  }
}

const decoded = async (stream: string): Promise<DecodedEvent[]> => (await readStream(pool, 'queue', stream)).map((e) => queueEvents.decode(e));
const named = (events: readonly DecodedEvent[], name: string) => events.filter((e) => e.type.name === `id.mpp.queue.${name}.v1`).map((e) => e.message as unknown as Record<string, unknown>);
const finalState = (events: readonly DecodedEvent[]): DayState => events.reduce((s, e) => queueDay.evolve(s, e), queueDay.initialState());

describe('a busy day in Jayapura (WIT), over Kafka', () => {
  const tally: Tally = { issuedA: 0, completed: 0, noShows: 0, transfers: 0, cancelled: 0, chosen: 0, applications: [], phones: new Set() };
  const bookings: { id: string; slotStart: number; comes: boolean }[] = [];

  it('runs the morning: several hundred tickets, ten counters, bookings, no-shows, transfers, calls out of turn', async () => {
    const rnd = random(20261123);
    const at = (minute: number) => clock.set(new Date(T0 + minute * 60_000));
    for (const counterId of A_COUNTERS) await client(officerOf(counterId)).openCounter({ counterId, serviceIds: A_SERVICES });
    await client(officerOf(B_COUNTER)).openCounter({ counterId: B_COUNTER, serviceIds: [B_SERVICE] });

    // Ten citizens booked KTP slots between 09:00 and 10:30 last night; eight come.
    const citizen = client(actor(Role.CITIZEN));
    const { slots } = await citizen.listSlots({ mallId: MALL, serviceId: A_SERVICES[0]!, date: DATE });
    const morning = slots.filter((s) => timestampMs(s.start!) >= T0 + 60 * 60_000).slice(0, 4);
    expect(morning.length).toBe(4);
    for (let i = 0; i < 10; i++) {
      const slot = morning[i % morning.length]!;
      const b = await citizen.book({ mallId: MALL, serviceId: A_SERVICES[0]!, slotStart: slot.start, deviceId: `busy-device-${i}` });
      bookings.push({ id: b.id, slotStart: timestampMs(slot.start!), comes: i < 8 });
    }

    const hand = new Map<string, InHand>();
    const outOfTurnFrom = [65, 80, 95]; // while the 09:00 rush waits
    // Each counter draws from its own generator, so what it does does not depend on which reply came first.
    const dice = new Map([...A_COUNTERS, B_COUNTER].map((c, i) => [c, random(1000 + i)]));
    const waitingIds: string[] = [];
    for (let minute = 0; minute < 240; minute++) {
      at(minute);
      const now = T0 + minute * 60_000;
      // Arrivals: about one a minute, a rush of 50 kiosks at once at 09:00, some elderly, some leave a phone.
      const arrivals = minute === 60 ? 100 : rnd() < 0.85 ? 1 + Math.floor(rnd() * 2) : 0;
      const issues = Array.from({ length: arrivals }, (_, i) => {
        const phone = rnd() < 0.05 ? `0812${String(70000000 + minute * 100 + i)}` : '';
        if (phone) tally.phones.add(phone);
        return client(minute === 60 ? actor(Role.KIOSK, `kiosk-${i % 50}`) : kiosk).issueTicket({
          mallId: MALL,
          serviceId: A_SERVICES[Math.floor(rnd() * A_SERVICES.length)]!,
          source: Source.KIOSK,
          priorityGroup: rnd() < 0.12 ? 'lansia' : '',
          notifyPhone: phone,
        });
      });
      tally.issuedA += arrivals;
      // Booked citizens check in ten minutes before their slot.
      for (const b of bookings.filter((b) => b.comes && b.slotStart - 10 * 60_000 === now)) {
        waitingIds.push((await citizen.checkIn({ bookingId: b.id })).ticket!.id);
        tally.issuedA++;
      }
      // Now and then someone gives up while waiting.
      if (rnd() < 0.05 && waitingIds.length > 0) {
        const id = waitingIds[waitingIds.length - 1 - Math.floor(rnd() * Math.min(5, waitingIds.length))]!;
        const t = await client(kiosk).getTicket({ ticketId: id });
        if (t.ticket!.status === TicketStatus.WAITING) {
          await client(kiosk).cancelTicket({ ticketId: id });
          tally.cancelled++;
        }
      }
      const calling = minute < 225; // the last quarter hour finishes what is in hand
      // Three times during the rush the next free counter calls the last in line out of turn, with a reason.
      const chooser = calling && tally.chosen < outOfTurnFrom.filter((m) => m <= minute).length ? A_COUNTERS.find((c) => !hand.has(c)) : undefined;
      const outOfTurn = chooser ? await lastWaiting() : undefined;
      if (chooser && outOfTurn) await counterMinute(client(officerOf(chooser)), chooser, hand, now, dice.get(chooser)!, tally, calling, outOfTurn);
      // Kiosks and counters at once (at 09:00: 50 kiosks issuing two tickets each, ten counters calling).
      const [tickets] = await Promise.all([
        Promise.all(issues),
        ...A_COUNTERS.filter((c) => c !== chooser).map((c) => counterMinute(client(officerOf(c)), c, hand, now, dice.get(c)!, tally, calling, undefined)),
        bCounterMinute(client(officerOf(B_COUNTER)), hand, now, tally, calling),
      ]);
      for (const t of tickets) waitingIds.push(t.ticket!.id);
      if (minute % 15 === 0) await app.core.timers.runDue(); // booking no-shows after their grace
    }
    expect(hand.size).toBe(0);
    expect(tally.issuedA).toBeGreaterThan(300);
    expect(tally.noShows).toBeGreaterThan(3);
    expect(tally.transfers).toBeGreaterThan(3);
    expect(tally.cancelled).toBeGreaterThan(2);
    expect(tally.chosen).toBe(3);
    if (process.env.BUSY_DAY_FIGURES) console.log('busy day', { ...tally, applications: tally.applications.length, phones: tally.phones.size });
  }, 600_000);

  it('closes the day at midnight WIT: what waited expires, phones are deleted, numbering restarts', async () => {
    clock.set(new Date('2026-11-23T14:59:00Z')); // 23:59 WIT
    await app.core.timers.runDue();
    expect(named(await decoded(`day-${MALL}:A-${DATE}`), 'QueueDayClosed')).toHaveLength(0);
    clock.set(new Date('2026-11-23T15:00:00Z')); // 00:00 WIT on the 24th
    await app.core.timers.runDue();
    for (const q of ['A', 'B']) expect(named(await decoded(`day-${MALL}:${q}-${DATE}`), 'QueueDayClosed')).toHaveLength(1);
    expect((await pool.query(`select count(*)::int as n from queue.ticket_contacts`)).rows[0].n).toBe(0);
    clock.set(new Date('2026-11-23T23:00:00Z')); // Tuesday 08:00 WIT
    const next = await client(kiosk).issueTicket({ mallId: MALL, serviceId: A_SERVICES[0]!, source: Source.KIOSK });
    expect(next.ticket).toMatchObject({ number: 'A-001', date: '2026-11-24' });
  });

  it('left events that tell the day exactly as it went', async () => {
    const a = await decoded(`day-${MALL}:A-${DATE}`);
    const b = await decoded(`day-${MALL}:B-${DATE}`);
    // Numbers: contiguous, unique, from A-001; dated by the local day though UTC was still the 22nd.
    const issuedA = named(a, 'TicketIssued').map((m) => m.ticket as Ticket);
    expect(issuedA).toHaveLength(tally.issuedA);
    expect(issuedA.map((t) => t.sequence)).toEqual(issuedA.map((_, i) => i + 1));
    expect(issuedA[0]).toMatchObject({ number: 'A-001', date: DATE });
    expect(new Set(issuedA.map((t) => t.number)).size).toBe(issuedA.length);
    // No ticket called twice; no-shows only after three recalls.
    const calls = [...named(a, 'TicketCalled'), ...named(b, 'TicketCalled')].map((m) => m.ticketId as string);
    expect(new Set(calls).size).toBe(calls.length);
    const recalls = named(a, 'TicketRecalled').map((m) => m.ticketId as string);
    for (const m of named(a, 'TicketNoShow')) expect(recalls.filter((id) => id === m.ticketId).length).toBe(3);
    // Every ticket ended one way: the script's tally against the replayed day.
    const byStatus = (s: DayState) => [...s.tickets.values()].reduce((n, t) => n.set(t.status, (n.get(t.status) ?? 0) + 1), new Map<TicketStatus, number>());
    const endA = byStatus(finalState(a));
    expect(endA.get(TicketStatus.COMPLETED) ?? 0).toBe(tally.completed);
    expect(endA.get(TicketStatus.NO_SHOW) ?? 0).toBe(tally.noShows);
    expect(endA.get(TicketStatus.TRANSFERRED) ?? 0).toBe(tally.transfers);
    expect(endA.get(TicketStatus.CANCELLED) ?? 0).toBe(tally.cancelled);
    expect(tally.completed + tally.noShows + tally.transfers + tally.cancelled + (endA.get(TicketStatus.EXPIRED) ?? 0)).toBe(tally.issuedA);
    expect([...endA.keys()].every((s) => [TicketStatus.COMPLETED, TicketStatus.NO_SHOW, TicketStatus.TRANSFERRED, TicketStatus.CANCELLED, TicketStatus.EXPIRED].includes(s))).toBe(true);
    // Transfers keep their place: the new ticket in B queues since the first ticket's issue.
    const firstIssue = new Map(issuedA.map((t) => [t.id, timestampMs(t.queuedSince!)]));
    const inB = new Map(named(b, 'TicketIssued').map((m) => [(m.ticket as Ticket).id, m.ticket as Ticket]));
    const moved = named(a, 'TicketTransferred');
    expect(moved).toHaveLength(tally.transfers);
    for (const m of moved) expect(timestampMs(inB.get(m.toTicketId as string)!.queuedSince!)).toBe(firstIssue.get(m.ticketId as string));
    // Bookings: the eight who came hold tickets with their booking; the two who did not are no-shows.
    const booked = issuedA.filter((t) => t.bookingId !== '');
    expect(booked.map((t) => t.bookingId).sort()).toEqual(bookings.filter((x) => x.comes).map((x) => x.id).sort());
    for (const x of bookings) expect((await client(actor(Role.CITIZEN)).getBooking({ bookingId: x.id })).status).toBe(x.comes ? 2 : 3);
  });

  it('lets an auditor replay the day: every call by policy backed, the out-of-turn ones listed with who and why', async () => {
    const audit = await client(actor(Role.AUDITOR, 'inspektorat-1', '', '')).auditDay({ mallId: MALL, date: DATE });
    const called = named(await decoded(`day-${MALL}:A-${DATE}`), 'TicketCalled').length + named(await decoded(`day-${MALL}:B-${DATE}`), 'TicketCalled').length;
    expect(audit.calls).toHaveLength(called);
    expect(audit.mismatches).toBe(0);
    expect(audit.chosenOutOfOrder).toBe(3);
    expect(audit.calls.filter((c) => c.verdict === AuditVerdict.IN_ORDER)).toHaveLength(called - 3);
    const chosen = audit.calls.filter((c) => c.verdict === AuditVerdict.CHOSEN_OUT_OF_ORDER);
    expect(chosen.every((c) => /^busy-officer-\d+$/.test(c.officer) && /berkas sudah diverifikasi/.test(c.finding) && c.reason!.passedOver > 0)).toBe(true);
    await expect(client(kiosk).auditDay({ mallId: MALL, date: DATE })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(client(actor(Role.MALL_ADMIN, 'admin-kendari', '', 'kendari')).auditDay({ mallId: MALL, date: DATE })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(client(actor(Role.AUDITOR, 'inspektorat-1')).auditDay({ mallId: MALL, date: '2026-02-30' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('told the citizens who left a phone when few were ahead and when called, and never put a phone in an event', async () => {
    await waitFor(async () => notices.some((n) => n.kind === 'few-ahead') && notices.some((n) => n.kind === 'called'), { timeoutMs: 60_000, what: 'few-ahead and called notices' });
    const toldFew = notices.filter((n) => n.kind === 'few-ahead');
    expect(toldFew.every((n) => /^\+62812\d+$/.test(n.to) && n.text.includes(n.ticketNumber))).toBe(true);
    expect(new Set(toldFew.map((n) => n.ticketNumber)).size).toBe(toldFew.length); // told once each
    const phones = [...tally.phones].map((p) => p.slice(1));
    const stored = [...(await readStream(pool, 'queue', `day-${MALL}:A-${DATE}`)), ...(await readStream(pool, 'queue', `day-${MALL}:B-${DATE}`))];
    const all = JSON.stringify(stored.map((e) => ({ message: queueEvents.decode(e).message, metadata: e.metadata })), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    for (const p of phones) expect(all).not.toContain(p);
  });

  it('published the day on the prefixed mpp.queue.v1 topic as CloudEvents, without phones', async () => {
    const kafka = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'busy-day-test' });
    const seen: IncomingMessage[] = [];
    const consumer = await kafka.consumer({ groupId: `${prefix}busy-day-reader`, topics: [`${prefix}mpp.queue.v1`], fromBeginning: true });
    const ids = new Set<string>();
    // At least once: a partner dedupes on ce_id, and so does this reader.
    await consumer.run(async (m) => void (m.headers.ce_id && !ids.has(m.headers.ce_id) && (ids.add(m.headers.ce_id), seen.push(m))));
    const issued = () => seen.filter((m) => m.headers.ce_type === 'id.mpp.queue.TicketIssued.v1' && m.headers.ce_mallid === MALL);
    try {
      await waitFor(() => issued().length >= tally.issuedA + tally.transfers + 1, { timeoutMs: 120_000, what: `the day's tickets on Kafka (${issued().length})` });
    } finally {
      await consumer.close();
    }
    const first = issued().map((m) => fromBinary(TicketIssuedSchema, m.value!).ticket!).find((t) => t.number === 'A-001' && t.date === DATE)!;
    expect(first).toBeDefined();
    expect(issued()[0]!.headers).toMatchObject({ ce_specversion: '1.0', ce_source: '/mpp/queue', 'content-type': 'application/protobuf' });
    // Partners follow their agency's tickets: every lifecycle event names the agency and the service.
    const lifecycle = seen.filter((m) => m.headers.ce_mallid === MALL && /^id\.mpp\.queue\.(Ticket|ServingStarted)/.test(m.headers.ce_type ?? ''));
    expect(lifecycle.length).toBeGreaterThan(tally.issuedA * 2);
    expect(lifecycle.filter((m) => m.headers.ce_agencycode !== AGENCY || !(m.headers.ce_serviceid ?? '').startsWith(`${MALL}:`)).map((m) => m.headers.ce_type)).toEqual([]);
    const intoB = issued().filter((m) => fromBinary(TicketIssuedSchema, m.value!).ticket!.queueId === `${MALL}:B`);
    expect(intoB.length).toBe(tally.transfers);
    expect(intoB.every((m) => m.headers.ce_serviceid === B_SERVICE)).toBe(true);
    const text = seen.map((m) => `${Buffer.from(m.value ?? new Uint8Array()).toString('latin1')} ${JSON.stringify(m.headers)}`).join('\n');
    for (const p of [...tally.phones].map((x) => x.slice(1))) expect(text).not.toContain(p);
  });

  it('shows the applications opened that day as overdue once their due date has passed', async () => {
    expect(tally.applications.length).toBeGreaterThan(0);
    const staff = client(actor(Role.AGENCY_ADMIN, 'admin-disdukcapil', AGENCY));
    clock.set(new Date('2026-11-24T00:00:00Z')); // Tuesday 09:00 WIT: due in three working days
    await waitFor(async () => (await staff.listApplications({ mallId: MALL })).applications.length === tally.applications.length, { timeoutMs: 60_000, what: 'the applications in the read model' });
    expect((await staff.listApplications({ mallId: MALL, overdueOnly: true })).applications).toHaveLength(0);
    clock.set(new Date('2026-12-01T00:00:00Z')); // the next Tuesday
    const overdue = (await staff.listApplications({ mallId: MALL, overdueOnly: true })).applications;
    expect(overdue.map((v) => v.application!.id).sort()).toEqual([...tally.applications].sort());
    expect(overdue.every((v) => v.overdue)).toBe(true);
    // One handed over in time is no longer overdue once ready.
    await client(officerOf(B_COUNTER)).setApplicationStatus({ applicationId: tally.applications[0]!, status: 2 });
    await waitFor(async () => (await staff.listApplications({ mallId: MALL, overdueOnly: true })).applications.length === tally.applications.length - 1, { timeoutMs: 60_000, what: 'the ready application off the overdue list' });
  });

  /** The waiting ticket last in line in queue A (for an out-of-turn call). */
  async function lastWaiting(): Promise<string | undefined> {
    const { state } = await app.core.days.read(`day-${MALL}:A-${DATE}`);
    const waiting = [...state.waiting.values()].filter((t) => A_SERVICES.includes(t.serviceId) && t.priorityGroup === '' && t.bookingId === '');
    // Only worth it (and only out of turn) with others in line before it.
    return waiting.length < 3 ? undefined : waiting.sort((x, y) => y.sequence - x.sequence)[0]?.id;
  }
});
