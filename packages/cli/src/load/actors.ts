import { randomUUID } from 'node:crypto';
import { book, untilArrival } from './booking.js';
import { sleep } from './clock.js';
import { plannedOperations, type Arrival } from './plan.js';
import { seededRandom } from './random.js';
import { realMs, type MallRun, type RunContext } from './run-state.js';
import type { OpenCounter } from './setup.js';

/** At most this many ticket requests in flight per mall (the kiosks do not wait for each other). */
const MAX_IN_FLIGHT = 256;
/** An officer with no one waiting looks again after this many simulated seconds (at least 0.5 s real). */
const IDLE_LOOK_SEC = 60;
/** Simulated seconds between the call, the recall and the no-show of a citizen who does not come. */
const NO_SHOW_WAIT_SEC = 60;
const MAX_RECALLS = 4;

const ANSWERS = { answers: [4, 4, 3, 4, 3, 4, 4, 3, 4], profile: { ageGroup: '30-to-39', sex: 'female', education: 'bachelor', occupation: 'entrepreneur' }, suggestion: 'Cepat dan ramah' };

interface TicketJson {
  id: string;
  number: string;
}

/** A ticket the API answered for a planned arrival: its fate, and a lag sample while near the front of its line. */
function admitted(context: RunContext, mall: MallRun, arrival: Arrival, view: { ticket: TicketJson; position?: number | string }, issuedAt: number): void {
  const { setup, counts } = mall;
  mall.fates.set(view.ticket.id, arrival);
  // Sampled only while near the front of its line: the board shows the next five numbers.
  if (arrival.sampled && Number(view.position) <= 5) context.lag.sample(setup.id, view.ticket.number, counts.issued + counts.checkIns + counts.transfers, issuedAt);
}

/** Issues one planned ticket at a kiosk; returns when answered. */
async function issue(context: RunContext, mall: MallRun, arrival: Arrival): Promise<void> {
  const { setup, counts } = mall;
  const r = await context.api.call('POST', '/malls/{mallId}/tickets', `/malls/${setup.id}/tickets`, { token: setup.kioskToken, body: { serviceId: arrival.serviceId, source: 'kiosk' }, expected: [409] });
  if (r.status === 409) counts.refused++;
  if (r.status !== 201) return;
  counts.issued++;
  admitted(context, mall, arrival, r.body.view, performance.now());
}

/** Checks a booking in at the mall (its ticket); false when refused, so the citizen takes a kiosk ticket instead. */
async function checkIn(context: RunContext, mall: MallRun, arrival: Arrival, bookingId: string): Promise<boolean> {
  const { setup, counts } = mall;
  const r = await context.api.call('POST', '/bookings/{bookingId}/check-in', `/bookings/${bookingId}/check-in`, { token: setup.kioskToken, body: {}, expected: [409] });
  if (r.status !== 200 && r.status !== 201) {
    counts.checkInsRefused++;
    return false;
  }
  counts.checkIns++;
  admitted(context, mall, arrival, r.body.view, performance.now());
  return true;
}

/** A citizen who booked: books at the planned time, comes at the arrival time and checks in (or walks in when no slot had room). */
async function bookedCitizen(context: RunContext, mall: MallRun, arrival: Arrival): Promise<void> {
  const bookingId = await book(context, mall, arrival, `load-${randomUUID()}`);
  if (!(await untilArrival(context, arrival))) return;
  mall.counts.planned++;
  mall.counts.plannedOps += plannedOperations(arrival);
  if (bookingId && (await checkIn(context, mall, arrival, bookingId))) return;
  await issue(context, mall, arrival);
}

/**
 * The mall's kiosks and booking citizens: every planned arrival at its time (open loop: late answers
 * do not delay the next); one who booked books at the planned booking time and checks in on arrival.
 * Returns the largest start delay of a kiosk ticket in ms.
 */
export async function runKiosks(context: RunContext, mall: MallRun): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  const citizens: Promise<void>[] = [];
  let maxDelayMs = 0;
  const timeline = mall.plan.map((arrival) => ({ at: arrival.booking ? arrival.booking.bookAtSec : arrival.atSec, arrival })).sort((a, b) => a.at - b.at);
  for (const { at, arrival } of timeline) {
    const due = context.startedAt + realMs(context, at);
    await sleep(due - performance.now(), context.signal);
    if (context.signal.aborted) break;
    if (arrival.booking) {
      citizens.push(bookedCitizen(context, mall, arrival));
      continue;
    }
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    maxDelayMs = Math.max(maxDelayMs, performance.now() - due);
    mall.counts.planned++;
    mall.counts.plannedOps += plannedOperations(arrival);
    const request = issue(context, mall, arrival).finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all([...inFlight, ...citizens]);
  return maxDelayMs;
}

async function answerSurvey(context: RunContext, mall: MallRun, ticketId: string): Promise<void> {
  // The survey opens from the queue's events: not found until the survey service has seen the completion.
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = await context.api.call('POST', '/surveys/{ticketId}/responses', `/surveys/${ticketId}/responses`, { token: mall.setup.kioskToken, body: ANSWERS, expected: [404] });
    if (r.status === 201 || r.status === 200) {
      mall.counts.surveys++;
      return;
    }
    if (r.status !== 404) return;
    await sleep(250);
  }
}

/** Recalls a citizen who does not come, then marks the no-show (the mall's policy may want several recalls first). */
async function noShow(context: RunContext, mall: MallRun, counter: OpenCounter, ticketId: string): Promise<boolean> {
  for (let recall = 0; recall < MAX_RECALLS; recall++) {
    await sleep(realMs(context, NO_SHOW_WAIT_SEC), context.signal);
    await context.api.call('POST', '/tickets/{ticketId}/recall', `/tickets/${ticketId}/recall`, { token: counter.token });
    await sleep(realMs(context, NO_SHOW_WAIT_SEC), context.signal);
    const r = await context.api.call('POST', '/tickets/{ticketId}/no-show', `/tickets/${ticketId}/no-show`, { token: counter.token, expected: [409] });
    if (r.status === 200) {
      mall.counts.noShows++;
      return true;
    }
  }
  return false; // the counter serves the ticket instead, so it is free again
}

/** A 32-bit FNV-1a hash of a string (a seed per counter). */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** One officer at one counter: call next, serve (or recall and mark a no-show, or transfer), complete; until the run ends. */
export async function runOfficer(context: RunContext, mall: MallRun, counter: OpenCounter, surveys: Promise<void>[]): Promise<void> {
  const { api } = context;
  const token = counter.token;
  const idleMs = Math.max(500, realMs(context, IDLE_LOOK_SEC));
  // Officers do not act in step: each starts at its own moment and looks again after 0.5–1.5 of
  // the idle interval (seeded by the counter), or their polls would arrive in bursts.
  const jitter = seededRandom(hashOf(counter.counterId));
  await sleep(jitter.next() * idleMs, context.signal);
  while (!context.signal.aborted) {
    const called = await api.call('POST', '/counters/{counterId}/call-next', `/counters/${counter.counterId}/call-next`, { token, expected: [404, 409] });
    if (called.status !== 200) {
      await sleep(idleMs * (0.5 + jitter.next()), context.signal);
      continue;
    }
    mall.counts.called++;
    const ticket = called.body.view.ticket as TicketJson;
    const arrival = mall.fates.get(ticket.id);
    if (arrival?.fate === 'no-show') {
      if (await noShow(context, mall, counter, ticket.id)) continue;
    }
    await api.call('POST', '/tickets/{ticketId}/start', `/tickets/${ticket.id}/start`, { token });
    await sleep(realMs(context, (arrival?.serviceMinutes ?? 10) * 60), context.signal);
    if (arrival?.fate === 'transfer' && arrival.transferTo) {
      const r = await api.call('POST', '/tickets/{ticketId}/transfer', `/tickets/${ticket.id}/transfer`, { token, body: { toServiceId: arrival.transferTo } });
      if (r.status === 200) {
        mall.counts.transfers++;
        continue;
      }
    }
    const done = await api.call('POST', '/tickets/{ticketId}/complete', `/tickets/${ticket.id}/complete`, { token, body: { outcome: 'done' } });
    if (done.status !== 200) continue;
    mall.counts.served++;
    if (arrival?.survey) surveys.push(answerSurvey(context, mall, ticket.id));
  }
}
