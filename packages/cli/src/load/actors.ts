import { sleep } from './clock.js';
import type { Arrival } from './plan.js';
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

/** Issues one planned ticket; returns when answered. */
async function issue(context: RunContext, mall: MallRun, arrival: Arrival): Promise<void> {
  const { setup, counts } = mall;
  const r = await context.api.call('POST', '/malls/{mallId}/tickets', `/malls/${setup.id}/tickets`, { token: setup.kioskToken, body: { serviceId: arrival.serviceId, source: 'kiosk' }, expected: [409] });
  if (r.status === 409) counts.refused++;
  if (r.status !== 201) return;
  const issuedAt = performance.now();
  counts.issued++;
  const ticket = r.body.view.ticket as TicketJson;
  mall.fates.set(ticket.id, arrival);
  // Sampled only while near the front of its line: the board shows the next five numbers.
  if (arrival.sampled && Number(r.body.view.position) <= 5) context.lag.sample(setup.id, ticket.number, counts.issued + counts.transfers, issuedAt);
}

/** The mall's kiosks: every planned arrival at its time (open loop: late answers do not delay the next). Returns the largest start delay in ms. */
export async function runKiosks(context: RunContext, mall: MallRun): Promise<number> {
  const inFlight = new Set<Promise<void>>();
  let maxDelayMs = 0;
  for (const arrival of mall.plan) {
    const due = context.startedAt + realMs(context, arrival.atSec);
    await sleep(due - performance.now(), context.signal);
    if (context.signal.aborted) break;
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    maxDelayMs = Math.max(maxDelayMs, performance.now() - due);
    mall.counts.planned++;
    const request = issue(context, mall, arrival).finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
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

/** One officer at one counter: call next, serve (or recall and mark a no-show, or transfer), complete; until the run ends. */
export async function runOfficer(context: RunContext, mall: MallRun, counter: OpenCounter, surveys: Promise<void>[]): Promise<void> {
  const { api } = context;
  const token = counter.token;
  const idleMs = Math.max(500, realMs(context, IDLE_LOOK_SEC));
  while (!context.signal.aborted) {
    const called = await api.call('POST', '/counters/{counterId}/call-next', `/counters/${counter.counterId}/call-next`, { token, expected: [404, 409] });
    if (called.status !== 200) {
      await sleep(idleMs, context.signal);
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
