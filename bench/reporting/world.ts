import { randomBytes, randomUUID } from 'node:crypto';
import { create, fromJson, type DescMessage, type JsonObject, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { demoMall } from '@mpp/catalog';
import {
  AgencyRegisteredSchema,
  AgencySchema,
  BoothRegisteredSchema,
  BoothSchema,
  CallRule,
  CounterClosedSchema,
  CounterFreedSchema,
  CounterOpenedSchema,
  CounterRegisteredSchema,
  CounterSchema,
  CounterTookTicketSchema,
  EventMetadataSchema,
  MallRegisteredSchema,
  MallSchema,
  NoticeKind,
  NoticeSetSchema,
  Outcome,
  QueueDayClosedSchema,
  QueuePolicySchema,
  QueuePolicySetSchema,
  QueueRegisteredSchema,
  QueueSchema,
  Role,
  ServiceRegisteredSchema,
  ServiceSchema,
  ServiceStatus,
  ServingStartedSchema,
  Source,
  TicketCalledSchema,
  TicketCancelledSchema,
  TicketCompletedSchema,
  TicketIssuedSchema,
  TicketNoShowSchema,
  TicketRecalledSchema,
  TicketStatus,
  TicketTransferredSchema,
  type Actor,
  type EventMetadata,
} from '@mpp/contracts';
import { EventTypes, type EventType, type NewEvent, type StreamAppend } from '@mpp/eventstore';

/*
 * The reporting benches' events: what the catalog and the queue service record, built from the
 * contracts (protobuf-es messages of @mpp/contracts, `id.mpp.<service>.<Name>.v1` types) with
 * the streams, metadata and transactions those services use — a queue day per queue per local
 * date (`day-<queue>-<date>`), a stream per counter, a call written with the counter's
 * CounterTookTicket in one transaction, a completion or no-show with its CounterFreed, the metadata
 * naming the mall, the service's agency and the service. The malls are the catalog's demo MPP
 * (`demoMall`) under several mall ids; a seeded generator makes the days (arrivals, priority
 * tickets, the mall's call policy, no-shows after three recalls, cancellations, transfers, the
 * tickets left waiting expiring when the day closes).
 */

const types = new EventTypes();
const reg = <D extends DescMessage>(schema: D): EventType<D> => types.register(schema);
const Q = {
  TicketIssued: reg(TicketIssuedSchema),
  TicketCalled: reg(TicketCalledSchema),
  TicketRecalled: reg(TicketRecalledSchema),
  ServingStarted: reg(ServingStartedSchema),
  TicketCompleted: reg(TicketCompletedSchema),
  TicketNoShow: reg(TicketNoShowSchema),
  TicketTransferred: reg(TicketTransferredSchema),
  TicketCancelled: reg(TicketCancelledSchema),
  QueueDayClosed: reg(QueueDayClosedSchema),
  CounterOpened: reg(CounterOpenedSchema),
  CounterClosed: reg(CounterClosedSchema),
  CounterTookTicket: reg(CounterTookTicketSchema),
  CounterFreed: reg(CounterFreedSchema),
};
const C = {
  MallRegistered: reg(MallRegisteredSchema),
  QueuePolicySet: reg(QueuePolicySetSchema),
  NoticeSet: reg(NoticeSetSchema),
  AgencyRegistered: reg(AgencyRegisteredSchema),
  BoothRegistered: reg(BoothRegisteredSchema),
  CounterRegistered: reg(CounterRegisteredSchema),
  QueueRegistered: reg(QueueRegisteredSchema),
  ServiceRegistered: reg(ServiceRegisteredSchema),
};

function event<D extends DescMessage>(type: EventType<D>, data: MessageInitShape<D>, metadata: EventMetadata): NewEvent {
  return { id: randomUUID(), ...types.encode(type, data), metadata };
}

const ts = (ms: number) => timestampFromDate(new Date(ms));
const actor = (role: Role, subject: string, mallId: string, agencyCode = ''): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject, role, agencyCode, mallId });

/** mulberry32: small, seeded, good enough to shape a day. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** As the queue names tickets: where it lives (queue and local date), then 128 random bits. */
const ticketId = (queueId: string, date: string) => `${Buffer.from(`${queueId}\n${date}`, 'utf8').toString('base64url')}.${randomBytes(16).toString('base64url')}`;
const ticketNumber = (prefix: string, sequence: number) => `${prefix}-${String(sequence).padStart(3, '0')}`;

interface Svc {
  readonly id: string;
  readonly agencyCode: string;
  readonly queueId: string;
  readonly minutes: number;
  readonly priorityGroups: readonly string[];
}

interface TicketSim {
  readonly id: string;
  readonly queueId: string;
  readonly date: string;
  readonly stream: string;
  readonly serviceId: string;
  readonly agencyCode: string;
  readonly number: string;
  readonly sequence: number;
  readonly queuedSince: number;
  readonly priorityGroup: string;
  status: 'waiting' | 'called' | 'serving' | 'ended';
  recalls: number;
}

interface DaySim {
  readonly stream: string;
  readonly queueId: string;
  readonly date: string;
  lastSequence: number;
  regularSinceLastPriority: number;
  /** Waiting tickets in line order (queued since, then number). */
  waiting: TicketSim[];
}

export interface CounterSim {
  readonly id: string;
  readonly boothId: string;
  readonly agencyCode: string;
  readonly officer: Actor;
  /** What the officer opens it for: its booth's active services (at most 40 of them). */
  readonly serviceIds: readonly string[];
  readonly byQueue: ReadonlyMap<string, readonly string[]>;
  open: boolean;
  current: TicketSim | undefined;
  phase: 'idle' | 'called' | 'serving';
  nextAt: number;
  recallsLeft: number;
  noShow: boolean;
}

/** What a command changes on a mall's board: the counter's ticket and its status ('' once it left). */
export interface BoardChange {
  readonly counterId: string;
  readonly ticketId: string;
  readonly ticketStatus: 'called' | 'serving' | '';
}

export interface Command {
  readonly appends: StreamAppend[];
  readonly events: number;
  readonly board?: BoardChange;
}

const RECALLS_BEFORE_NO_SHOW = 3;

/** One mall of the demo catalog and its queue's days, command by command. */
export class MallSim {
  readonly mallId: string;
  readonly counters: CounterSim[];
  readonly services: ReadonlyMap<string, Svc>;
  private readonly doc: ReturnType<typeof demoMall>;
  private readonly prefixes: ReadonlyMap<string, string>;
  private readonly weights: ReadonlyMap<string, number>;
  private readonly interleave: number;
  /** Stream versions of the queue's store and of the catalog's (each service names its streams in its own schema). */
  private readonly versions = new Map<string, number>();
  private readonly catalogVersions = new Map<string, number>();
  private readonly days = new Map<string, DaySim>();
  private readonly rnd: () => number;
  private readonly kiosk: Actor;

  constructor(mallId: string, seed: number) {
    this.mallId = mallId;
    this.rnd = prng(seed);
    this.doc = demoMall({ mallId });
    this.kiosk = actor(Role.KIOSK, `kiosk-${mallId}-1`, mallId);
    const policy = fromJson(QueuePolicySchema, (this.doc.policies![0] as { policy: JsonObject }).policy);
    this.weights = new Map(policy.priorityGroups.map((g) => [g.code, g.weight]));
    this.interleave = policy.interleaveRatio;
    this.prefixes = new Map(this.doc.queues!.map((q) => fromJson(QueueSchema, q)).map((q) => [q.id, q.prefix]));
    const services = this.doc.services!.map((s) => fromJson(ServiceSchema, s)).filter((s) => s.status === ServiceStatus.ACTIVE);
    this.services = new Map(services.map((s) => [s.id, { id: s.id, agencyCode: s.agencyCode, queueId: s.queueId, minutes: s.expectedHandlingMinutes || 10, priorityGroups: s.priorityGroups }]));
    const booths = new Map(this.doc.booths!.map((b) => fromJson(BoothSchema, b)).map((b) => [b.id, b]));
    const officers = (this.doc.officers ?? []) as { subject?: string; agencyCode?: string; counterIds?: string[] }[];
    this.counters = this.doc
      .counters!.map((c) => fromJson(CounterSchema, c))
      .filter((c) => c.active && booths.get(c.boothId)?.active)
      .map((c) => {
        const agencyCode = booths.get(c.boothId)!.agencyCode;
        const serviceIds = services.filter((s) => s.boothIds.includes(c.boothId)).slice(0, 40).map((s) => s.id);
        const byQueue = new Map<string, string[]>();
        for (const id of serviceIds) {
          const q = this.services.get(id)!.queueId;
          byQueue.set(q, [...(byQueue.get(q) ?? []), id]);
        }
        const subject = officers.find((o) => o.counterIds?.includes(c.id))?.subject ?? `officer-${c.id}`;
        return { id: c.id, boothId: c.boothId, agencyCode, officer: actor(Role.OFFICER, subject, this.mallId, agencyCode), serviceIds, byQueue, open: false, current: undefined, phase: 'idle', nextAt: 0, recallsLeft: 0, noShow: false } satisfies CounterSim;
      })
      .filter((c) => c.serviceIds.length > 0);
  }

  private meta(where: { agencyCode?: string; serviceId?: string }, who?: Actor): EventMetadata {
    return create(EventMetadataSchema, { mallId: this.mallId, agencyCode: where.agencyCode ?? '', serviceId: where.serviceId ?? '', ...(who ? { actor: who } : {}), correlationId: randomUUID() });
  }

  /** One transaction: each stream at the version this simulation gave it. */
  private command(parts: readonly (readonly [string, readonly NewEvent[]])[], board?: BoardChange, versions = this.versions): Command {
    const appends = parts.map(([streamId, events]) => {
      const expectedVersion = versions.get(streamId) ?? 0;
      versions.set(streamId, expectedVersion + events.length);
      return { streamId, expectedVersion, events };
    });
    return { appends, events: appends.reduce((n, a) => n + a.events.length, 0), ...(board ? { board } : {}) };
  }

  /** The catalog's records of this mall as its import records them (agencies only with `withAgencies`: their streams are deployment-wide). */
  catalogCommands(withAgencies: boolean): Command[] {
    const system = actor(Role.SYSTEM, 'mpp-import', '');
    const d = this.doc;
    const mall = fromJson(MallSchema, d.malls![0]!);
    const m = (agencyCode?: string, serviceId?: string) => this.meta({ ...(agencyCode ? { agencyCode } : {}), ...(serviceId ? { serviceId } : {}) }, system);
    const streams: [string, NewEvent[]][] = [
      [`mall-${mall.id}`, [
        event(C.MallRegistered, { mall }, m()),
        event(C.QueuePolicySet, { mallId: mall.id, policy: fromJson(QueuePolicySchema, (d.policies![0] as { policy: JsonObject }).policy) }, m()),
        event(C.NoticeSet, { mallId: mall.id, notice: { kind: NoticeKind.INFORMATION, textId: 'Selamat datang di MPP', textEn: 'Welcome to the MPP', active: true } }, m()),
      ]],
    ];
    if (withAgencies) for (const a of d.agencies!) {
      const { membership: _membership, ...agency } = a as JsonObject & { membership: unknown };
      const record = fromJson(AgencySchema, agency);
      streams.push([`agency-${record.code}`, [event(C.AgencyRegistered, { agency: record }, m(record.code))]]);
    }
    for (const q of d.queues!.map((x) => fromJson(QueueSchema, x))) streams.push([`queue-${q.id}`, [event(C.QueueRegistered, { queue: q }, m())]]);
    const booths = d.booths!.map((x) => fromJson(BoothSchema, x));
    for (const b of booths) streams.push([`booth-${b.id}`, [event(C.BoothRegistered, { booth: b }, m(b.agencyCode))]]);
    for (const c of d.counters!.map((x) => fromJson(CounterSchema, x))) streams.push([`counter-${c.id}`, [event(C.CounterRegistered, { counter: c }, m(booths.find((b) => b.id === c.boothId)?.agencyCode))]]);
    for (const s of d.services!.map((x) => fromJson(ServiceSchema, x))) streams.push([`service-${s.id}`, [event(C.ServiceRegistered, { service: s }, m(s.agencyCode, s.id))]]);
    const commands: Command[] = [];
    for (let i = 0; i < streams.length; i += 50) commands.push(this.command(streams.slice(i, i + 50), undefined, this.catalogVersions));
    return commands;
  }

  private day(queueId: string, date: string): DaySim {
    const stream = `day-${queueId}-${date}`;
    let day = this.days.get(stream);
    if (!day) this.days.set(stream, (day = { stream, queueId, date, lastSequence: 0, regularSinceLastPriority: 0, waiting: [] }));
    return day;
  }

  openCounter(c: CounterSim, at: number): Command {
    c.open = true;
    return this.command([[`counter-${c.id}`, [event(Q.CounterOpened, { counterId: c.id, mallId: this.mallId, officer: c.officer.subject, serviceIds: [...c.serviceIds], at: ts(at) }, this.meta({ agencyCode: c.agencyCode }, c.officer))]]]);
  }

  closeCounter(c: CounterSim, at: number): Command {
    c.open = false;
    return this.command([[`counter-${c.id}`, [event(Q.CounterClosed, { counterId: c.id, at: ts(at) }, this.meta({ agencyCode: c.agencyCode }, c.officer))]]]);
  }

  /** A ticket from the kiosk (a few online or walk-in), now and then in a priority group. */
  issue(serviceId: string, date: string, at: number): Command {
    const svc = this.services.get(serviceId)!;
    const day = this.day(svc.queueId, date);
    const groups = svc.priorityGroups.filter((g) => this.weights.has(g));
    const priorityGroup = groups.length > 0 && this.rnd() < 0.08 ? groups[Math.floor(this.rnd() * groups.length)]! : '';
    const r = this.rnd();
    const source = r < 0.85 ? Source.KIOSK : r < 0.95 ? Source.ONLINE : Source.WALK_IN;
    return this.issueInto(day, svc, priorityGroup, source, at, at, this.meta({ agencyCode: svc.agencyCode, serviceId }, this.kiosk), []);
  }

  private issueInto(day: DaySim, svc: Svc, priorityGroup: string, source: Source, at: number, queuedSince: number, metadata: EventMetadata, before: (readonly [string, NewEvent[]])[], id = ticketId(day.queueId, day.date)): Command {
    const sequence = ++day.lastSequence;
    const t: TicketSim = {
      id,
      queueId: day.queueId,
      date: day.date,
      stream: day.stream,
      serviceId: svc.id,
      agencyCode: svc.agencyCode,
      number: ticketNumber(this.prefixes.get(day.queueId) ?? 'X', sequence),
      sequence,
      queuedSince,
      priorityGroup,
      status: 'waiting',
      recalls: 0,
    };
    const ticket = {
      id: t.id,
      mallId: this.mallId,
      queueId: t.queueId,
      date: t.date,
      number: t.number,
      sequence,
      serviceId: svc.id,
      source,
      priorityGroup,
      bookingId: '',
      issuedAt: ts(at),
      queuedSince: ts(queuedSince),
      status: TicketStatus.WAITING,
    };
    // In line by queued since, then number (a transferred ticket keeps its place).
    const behind = day.waiting.findIndex((w) => w.queuedSince > queuedSince);
    day.waiting.splice(behind < 0 ? day.waiting.length : behind, 0, t);
    const issued = event(Q.TicketIssued, { ticket }, metadata);
    const mine = before.find(([s]) => s === day.stream);
    if (mine) mine[1].push(issued);
    return this.command(mine ? before : [...before, [day.stream, [issued]]]);
  }

  /** "Call next" at a counter, by the mall's policy across the queues it serves. */
  callNext(c: CounterSim, date: string, at: number): Command | undefined {
    let best: { day: DaySim; serviceIds: readonly string[]; ticket: TicketSim; rule: CallRule; explanation: string; passedOver: number } | undefined;
    const rank = (r: CallRule) => (r === CallRule.PRIORITY ? 1 : 2);
    for (const [queueId, serviceIds] of c.byQueue) {
      const day = this.days.get(`day-${queueId}-${date}`);
      if (!day) continue;
      const wanted = new Set(serviceIds);
      const waiting = day.waiting.filter((t) => wanted.has(t.serviceId));
      if (waiting.length === 0) continue;
      const weight = (t: TicketSim) => (t.priorityGroup ? (this.weights.get(t.priorityGroup) ?? 0) : 0);
      const regular = waiting.filter((t) => weight(t) === 0);
      const priority = waiting.filter((t) => weight(t) > 0);
      const turn = this.interleave === 0 || day.regularSinceLastPriority >= this.interleave || regular.length === 0;
      let choice: { ticket: TicketSim; rule: CallRule; explanation: string };
      if (priority.length > 0 && turn) {
        const first = [...priority].sort((a, b) => weight(b) - weight(a))[0]!;
        const why = this.interleave === 0 ? 'priority always first' : regular.length === 0 ? 'no regular ticket waiting' : `${day.regularSinceLastPriority} regular call(s) since the last priority, ratio ${this.interleave}`;
        choice = { ticket: first, rule: CallRule.PRIORITY, explanation: `priority ${first.priorityGroup} (weight ${weight(first)}); ${why}` };
      } else {
        const first = (regular.length > 0 ? regular : waiting)[0]!;
        const held = waiting.length - regular.length;
        const note = held > 0 && regular.length > 0 ? `; ${held} priority waiting, ${day.regularSinceLastPriority} of ${this.interleave} regular call(s) before the next` : '';
        choice = { ticket: first, rule: CallRule.FIFO, explanation: `first in line${note}` };
      }
      const passedOver = waiting.indexOf(choice.ticket);
      if (!best || rank(choice.rule) < rank(best.rule) || (rank(choice.rule) === rank(best.rule) && choice.ticket.queuedSince < best.ticket.queuedSince)) best = { day, serviceIds, ...choice, passedOver };
    }
    if (!best) return undefined;
    const { day, ticket } = best;
    day.waiting.splice(day.waiting.indexOf(ticket), 1);
    day.regularSinceLastPriority = best.rule === CallRule.PRIORITY ? 0 : day.regularSinceLastPriority + 1;
    ticket.status = 'called';
    Object.assign(c, { current: ticket, phase: 'called' });
    // The call's metadata names the counter's agency and the ticket's service; the counter's event shares it.
    const metadata = this.meta({ agencyCode: c.agencyCode, serviceId: ticket.serviceId }, c.officer);
    return this.command(
      [
        [day.stream, [event(Q.TicketCalled, {
          ticketId: ticket.id,
          counterId: c.id,
          at: ts(at),
          officer: c.officer.subject,
          reason: { rule: best.rule, explanation: best.explanation, passedOver: best.passedOver },
          amongServiceIds: [...new Set(best.serviceIds)].sort(),
          policy: { weights: Object.fromEntries(this.weights), interleaveRatio: this.interleave, order: [CallRule.BOOKING_DUE, CallRule.PRIORITY, CallRule.FIFO] },
        }, metadata)]],
        [`counter-${c.id}`, [event(Q.CounterTookTicket, { counterId: c.id, ticketId: ticket.id, queueDay: day.stream, at: ts(at) }, metadata)]],
      ],
      { counterId: c.id, ticketId: ticket.id, ticketStatus: 'called' },
    );
  }

  private ticketMeta(c: CounterSim, t: TicketSim) {
    return this.meta({ agencyCode: t.agencyCode, serviceId: t.serviceId }, c.officer);
  }

  recall(c: CounterSim, at: number): Command {
    const t = c.current!;
    t.recalls++;
    return this.command([[t.stream, [event(Q.TicketRecalled, { ticketId: t.id, counterId: c.id, at: ts(at), recalls: t.recalls }, this.ticketMeta(c, t))]]]);
  }

  start(c: CounterSim, at: number): Command {
    const t = c.current!;
    t.status = 'serving';
    c.phase = 'serving';
    return this.command([[t.stream, [event(Q.ServingStarted, { ticketId: t.id, counterId: c.id, at: ts(at) }, this.ticketMeta(c, t))]]], { counterId: c.id, ticketId: t.id, ticketStatus: 'serving' });
  }

  private free(c: CounterSim, at: number, metadata: EventMetadata): readonly [string, NewEvent[]] {
    const t = c.current!;
    t.status = 'ended';
    Object.assign(c, { current: undefined, phase: 'idle' });
    return [`counter-${c.id}`, [event(Q.CounterFreed, { counterId: c.id, ticketId: t.id, at: ts(at) }, metadata)]];
  }

  complete(c: CounterSim, at: number): Command {
    const t = c.current!;
    const r = this.rnd();
    const outcome = r < 0.92 ? Outcome.DONE : r < 0.98 ? Outcome.DOCUMENTS_INCOMPLETE : Outcome.REFERRED;
    const metadata = this.ticketMeta(c, t);
    const done = event(Q.TicketCompleted, { ticketId: t.id, counterId: c.id, at: ts(at), outcome, deliveredServiceIds: outcome === Outcome.DONE ? [t.serviceId] : [] }, metadata);
    return this.command([[t.stream, [done]], this.free(c, at, metadata)], { counterId: c.id, ticketId: t.id, ticketStatus: '' });
  }

  noShow(c: CounterSim, at: number): Command {
    const t = c.current!;
    const metadata = this.ticketMeta(c, t);
    return this.command([[t.stream, [event(Q.TicketNoShow, { ticketId: t.id, counterId: c.id, at: ts(at) }, metadata)]], this.free(c, at, metadata)], { counterId: c.id, ticketId: t.id, ticketStatus: '' });
  }

  /** To a service of another queue: a new ticket there, in line by the first one's time. */
  transfer(c: CounterSim, toServiceId: string, at: number): Command {
    const t = c.current!;
    const to = this.services.get(toServiceId)!;
    const target = this.day(to.queueId, t.date);
    const metadata = this.ticketMeta(c, t);
    const toMeta = create(EventMetadataSchema, { ...metadata, agencyCode: to.agencyCode, serviceId: to.id });
    const nextId = ticketId(to.queueId, t.date);
    const moved = event(Q.TicketTransferred, { ticketId: t.id, at: ts(at), toServiceId, toTicketId: nextId }, metadata);
    const freed = this.free(c, at, metadata);
    return this.issueInto(target, to, t.priorityGroup, Source.WALK_IN, at, t.queuedSince, toMeta, [[t.stream, [moved]], freed], nextId);
  }

  cancel(t: TicketSim, at: number): Command {
    const day = this.days.get(t.stream)!;
    day.waiting.splice(day.waiting.indexOf(t), 1);
    t.status = 'ended';
    return this.command([[t.stream, [event(Q.TicketCancelled, { ticketId: t.id, at: ts(at) }, this.meta({ agencyCode: t.agencyCode, serviceId: t.serviceId }, actor(Role.CITIZEN, '', ''))) ]]]);
  }

  /** The mall's local midnight: each queue day that had tickets closes, its waiting tickets expire. */
  closeDays(date: string, at: number): Command[] {
    const out: Command[] = [];
    for (const day of this.days.values()) {
      if (day.date !== date) continue;
      const expired = day.waiting.map((t) => t.id);
      day.waiting = [];
      out.push(this.command([[day.stream, [event(Q.QueueDayClosed, { queueId: day.queueId, date, at: ts(at), expiredTicketIds: expired }, this.meta({}))]]]));
      this.days.delete(day.stream);
    }
    return out;
  }

  /** Waiting tickets of a date (for cancellations). */
  waitingOn(date: string): TicketSim[] {
    return [...this.days.values()].filter((d) => d.date === date).flatMap((d) => d.waiting);
  }

  random(): number {
    return this.rnd();
  }
}

/** Weekdays from 2026-11-02 (a Monday), `YYYY-MM-DD`, and each one's 08:00 WITA (00:00 UTC). */
export function weekday(n: number): { date: string; opensAt: number } {
  const day = new Date(Date.UTC(2026, 10, 2));
  for (let left = n; left > 0; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left--;
  }
  return { date: day.toISOString().slice(0, 10), opensAt: day.getTime() };
}

const MINUTE = 60_000;
const OPEN_MINUTES = 480; // 08:00–16:00
const LAST_TICKET = 450; // the kiosk stops at 15:30
const LAST_CALL = 465;

/**
 * One working day of a mall, command by command in time order: counters open, tickets arrive
 * (a morning peak, a lunch dip), counters call by the policy, serve for about the service's
 * minutes, now and then a no-show after three recalls or a transfer; a few waiting tickets are
 * cancelled; at closing the counters finish and close, and each queue day closes.
 */
export function* simulateDay(mall: MallSim, n: number, tickets: number): Generator<Command> {
  const { date, opensAt } = weekday(n);
  const open = mall.counters;
  for (const [i, c] of open.entries()) yield mall.openCounter(c, opensAt - 5 * MINUTE + i * 1000);
  const perMinute = tickets / LAST_TICKET;
  const shape = (m: number) => (m < 60 ? 0.9 : m < 180 ? 1.4 : m < 240 ? 1 : m < 300 ? 0.55 : 0.9);
  let owed = 0;
  for (let minute = 0; minute <= OPEN_MINUTES; minute++) {
    const t0 = opensAt + minute * MINUTE;
    let second = 0;
    const at = () => t0 + Math.min(59, second++) * 1000;
    if (minute < LAST_TICKET) {
      owed += perMinute * shape(minute);
      while (owed >= 1) {
        owed--;
        const c = open[Math.floor(mall.random() * open.length)]!;
        yield mall.issue(c.serviceIds[Math.floor(mall.random() * c.serviceIds.length)]!, date, at());
      }
      for (const t of mall.waitingOn(date)) if (mall.random() < 0.0006) yield mall.cancel(t, at());
    }
    for (const c of open) {
      const now = t0 + 30_000;
      if (c.phase === 'idle' && minute < LAST_CALL) {
        const call = mall.callNext(c, date, at());
        if (!call) continue;
        c.noShow = mall.random() < 0.04;
        c.recallsLeft = RECALLS_BEFORE_NO_SHOW;
        c.nextAt = now + (c.noShow ? 2 : 1) * MINUTE;
        yield call;
      } else if (c.phase === 'called' && now >= c.nextAt) {
        if (!c.noShow) {
          yield mall.start(c, at());
          const svc = mall.services.get(c.current!.serviceId)!;
          c.nextAt = now + Math.max(2, Math.round(svc.minutes * (0.5 + mall.random()))) * MINUTE;
        } else if (c.recallsLeft-- > 0) {
          yield mall.recall(c, at());
          c.nextAt = now + 2 * MINUTE;
        } else yield mall.noShow(c, at());
      } else if (c.phase === 'serving' && now >= c.nextAt) {
        const other = mall.random() < 0.015 ? open[Math.floor(mall.random() * open.length)]! : undefined;
        const to = other?.serviceIds.find((s) => mall.services.get(s)!.queueId !== mall.services.get(c.current!.serviceId)!.queueId);
        yield to ? mall.transfer(c, to, at()) : mall.complete(c, at());
      }
    }
  }
  // Closing: what is at a counter is finished, then the counters close, then the days.
  const close = opensAt + OPEN_MINUTES * MINUTE;
  for (const [i, c] of open.entries()) {
    const at = close + i * 1000;
    if (c.phase === 'called' && c.noShow) yield mall.noShow(c, at);
    else if (c.phase === 'called') yield mall.start(c, at);
    if (c.phase === 'serving') yield mall.complete(c, at + 500);
    yield mall.closeCounter(c, at + 800);
  }
  yield* mall.closeDays(date, opensAt + 16 * 60 * MINUTE);
}
