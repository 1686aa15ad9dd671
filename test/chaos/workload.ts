import { randomUUID } from 'node:crypto';
import { Outcome, QueueService, Role, Source, SurveyService, TicketStatus, type Actor } from '@mpp/contracts';
import { actor, MALL, type chaosMall, type World } from './world.js';

// The steady workload the faults happen under, and its ledger: what each command was
// acknowledged with. A command that fails is retried (an issue with the same request id, so a
// lost acknowledgement cannot make a second ticket); the checks then compare the platform's
// state with the ledger.

/** One line of the workload: a service, the counter that serves it, and that counter's officer. */
export interface Lane {
  readonly serviceId: string;
  readonly queueId: string;
  readonly counterId: string;
  readonly officer: Actor;
}

/** A ticket as acknowledged (gRPC or HTTP alike). */
export interface IssuedTicket {
  readonly id: string;
  readonly queueId: string;
  readonly date: string;
  readonly sequence: number;
}

export class Ledger {
  /** Every issue's request id, in the order asked. */
  readonly requested: string[] = [];
  /** Request id → the ticket it was acknowledged with. */
  readonly issued = new Map<string, IssuedTicket>();
  /** Tickets completed (acknowledged, or read as completed after a lost answer). */
  readonly served = new Set<string>();
  /** Tickets whose survey was answered (acknowledged, or refused afterwards as answered already). */
  readonly answered = new Set<string>();
  failures = 0;
  lastError = '';
  tickets(): IssuedTicket[] {
    return [...this.issued.values()];
  }
  fail(error: unknown): void {
    this.failures++;
    this.lastError = (error as Error).message?.slice(0, 300) ?? String(error);
  }
}

/** One active service per queue (no daily quota to run into) with a counter and an officer of its agency. */
export function lanes(doc: ReturnType<typeof chaosMall>, max = 3): Lane[] {
  type Svc = { id: string; queueId: string; agencyCode: string; boothIds?: string[]; status?: string; dailyQuota?: number };
  type Counter = { id: string; boothId: string };
  type Officer = { subject: string; agencyCode: string; counterIds: string[]; active: boolean };
  const services = doc.services as unknown as Svc[];
  const counters = doc.counters as unknown as Counter[];
  const officers = doc.officers as unknown as Officer[];
  const out: Lane[] = [];
  const usedCounters = new Set<string>();
  for (const queue of doc.queues as unknown as { id: string }[]) {
    for (const s of services.filter((x) => x.queueId === queue.id && x.status === 'SERVICE_STATUS_ACTIVE' && !x.dailyQuota)) {
      const counter = counters.find((c) => !usedCounters.has(c.id) && (s.boothIds ?? []).includes(c.boothId) && officers.some((o) => o.active && o.agencyCode === s.agencyCode && o.counterIds.includes(c.id)));
      if (!counter) continue;
      const officer = officers.find((o) => o.active && o.agencyCode === s.agencyCode && o.counterIds.includes(counter.id))!;
      usedCounters.add(counter.id);
      out.push({ serviceId: s.id, queueId: queue.id, counterId: counter.id, officer: actor(Role.OFFICER, officer.subject, officer.agencyCode) });
      break;
    }
    if (out.length === max) break;
  }
  return out;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms)); // pacing and back-off, never synchronisation
const kiosk = actor(Role.KIOSK, 'chaos-kiosk');
const citizen = actor(Role.CITIZEN, '', '', '');
const SURVEY_ANSWERS = [4, 3, 4, 4, 3, 4, 2, 4, 3];
/** The respondent's profile (age group, sex, education, occupation): required with every answer. */
const PROFILE = { ageGroup: 2, sex: 1, education: 3, occupation: 1 };

/**
 * Kiosks (one over gRPC as the gateway calls the queue, one through the gateway's HTTP API with a
 * token), an officer per lane (call, start, complete) and a citizen answering surveys of served
 * tickets. `start` sets them going; `stop` lets each finish its command (retrying until it is
 * acknowledged) and returns when all have stopped.
 */
export class Workload {
  private stopping = false;
  private running: Promise<unknown> | undefined;
  private kioskToken = '';

  constructor(
    private readonly world: World,
    private readonly work: readonly Lane[],
    readonly ledger: Ledger,
  ) {}

  async start(): Promise<void> {
    if (this.running) throw new Error('the workload is running already');
    this.kioskToken ||= await this.world.issuer.mint({ role: 'kiosk', subject: 'chaos-http-kiosk', mall: MALL });
    this.stopping = false;
    this.running = Promise.all([this.issuingGrpc(), this.issuingHttp(), ...this.work.map((lane) => this.serving(lane)), this.surveying()]);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = undefined;
  }

  /** Retries until acknowledged; every failure is counted (the faults must be felt). Stopping, a failure is final. */
  private async retried<T>(command: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await command();
      } catch (error) {
        this.ledger.fail(error);
        if (this.stopping) throw error;
        await pause(100);
      }
    }
  }

  private queue(as: Actor) {
    return this.world.client(QueueService, 'queue', as);
  }

  /** A kiosk calling the queue over gRPC: one ticket per lane in turn, each with its own request id. */
  private async issuingGrpc(): Promise<void> {
    for (let i = 0; !this.stopping; i++) {
      const lane = this.work[i % this.work.length]!;
      const requestId = randomUUID();
      this.ledger.requested.push(requestId);
      const r = await this.retried(() => this.queue(kiosk).issueTicket({ mallId: MALL, serviceId: lane.serviceId, source: Source.KIOSK, requestId })).catch(() => undefined);
      const t = r?.view?.ticket;
      if (t) this.ledger.issued.set(requestId, { id: t.id, queueId: t.queueId, date: t.date, sequence: t.sequence });
      await pause(100);
    }
  }

  /** A kiosk screen through the public API: it lists the services (the catalog), then takes a ticket. */
  private async issuingHttp(): Promise<void> {
    const call = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
      const res = await fetch(`${this.world.gatewayUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${this.kioskToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(5_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    for (let i = 0; !this.stopping; i++) {
      const lane = this.work[(i + 1) % this.work.length]!;
      await this.retried(() => call('GET', `/malls/${MALL}/services?pageSize=5`)).catch(() => undefined);
      if (this.stopping) break;
      const requestId = randomUUID();
      this.ledger.requested.push(requestId);
      const r = await this.retried(() => call('POST', `/malls/${MALL}/tickets`, { serviceId: lane.serviceId, source: 'kiosk', requestId })).catch(() => undefined);
      const t = (r?.view as { ticket?: { id: string; queueId: string; date: string; sequence: number } } | undefined)?.ticket;
      if (t) this.ledger.issued.set(requestId, { id: t.id, queueId: t.queueId, date: t.date, sequence: Number(t.sequence) });
      await pause(150);
    }
  }

  /**
   * One officer: call, start, complete, round and round. After a failed command the counter is
   * read again and the officer goes on from what the queue says (a call whose answer was lost
   * still called someone); a completion counts as served when acknowledged or when the ticket
   * reads as completed afterwards.
   */
  private async serving(lane: Lane): Promise<void> {
    const q = () => this.queue(lane.officer);
    try {
      while (!this.stopping) {
        const counter = (await this.retried(() => q().getCounter({ counterId: lane.counterId }))).counter!;
        if (!counter.ticketId) {
          const called = await q()
            .callNext({ counterId: lane.counterId })
            .catch((e: Error) => (/no one is waiting/i.test(e.message) ? null : (this.ledger.fail(e), undefined)));
          if (called === null) await pause(50); // an empty line: the kiosks catch up
          continue;
        }
        const ticket = (await this.retried(() => q().getTicket({ ticketId: counter.ticketId }))).view!.ticket!;
        try {
          if (ticket.status === TicketStatus.CALLED) await q().startServing({ ticketId: ticket.id });
          else if (ticket.status === TicketStatus.SERVING) {
            await q().completeTicket({ ticketId: ticket.id, outcome: Outcome.DONE });
            this.ledger.served.add(ticket.id);
          }
        } catch (error) {
          this.ledger.fail(error);
          const again = (await this.retried(() => q().getTicket({ ticketId: ticket.id }))).view!.ticket!;
          if (again.status === TicketStatus.COMPLETED) this.ledger.served.add(ticket.id);
        }
      }
    } catch {
      // Stopping while the queue still fails: the officer stops where the queue's state says.
    }
  }

  /**
   * A citizen answering the survey of every other served ticket. A survey not open yet (the survey
   * service has not seen the completion: its consumer is behind) is asked again later; "answered
   * already" after a lost acknowledgement means the first answer counted.
   */
  private async surveying(): Promise<void> {
    const survey = this.world.client(SurveyService, 'survey', citizen);
    const tried = new Set<string>();
    while (!this.stopping) {
      const next = [...this.ledger.served].filter((id, i) => i % 2 === 0 && !this.ledger.answered.has(id) && !tried.has(id));
      if (next.length === 0) {
        tried.clear();
        await pause(100);
        continue;
      }
      for (const id of next) {
        if (this.stopping) break;
        tried.add(id);
        try {
          await survey.submitResponse({ token: id, answers: SURVEY_ANSWERS, profile: PROFILE });
          this.ledger.answered.add(id);
        } catch (error) {
          if (/answered already/i.test((error as Error).message)) this.ledger.answered.add(id);
          else if (!/no survey for this ticket/i.test((error as Error).message)) this.ledger.fail(error);
        }
      }
    }
  }
}
