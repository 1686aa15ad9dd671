import { randomUUID } from 'node:crypto';
import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AgencyKind,
  AgencyRegisteredSchema,
  BookingCancelledSchema,
  BookingCheckedInSchema,
  BookingMadeSchema,
  BookingNoShowSchema,
  BoothRegisteredSchema,
  Channel,
  ComplaintKind,
  ComplaintReceivedSchema,
  ComplaintRespondedSchema,
  ComplaintResolvedSchema,
  CounterChangedSchema,
  CounterRegisteredSchema,
  EventMetadataSchema,
  Outcome as CompletionOutcome,
  FollowUpPlannedSchema,
  FollowUpStatus,
  FollowUpStatusChangedSchema,
  MallRegisteredSchema,
  MembershipStatus,
  QueueDayClosedSchema,
  QueueRegisteredSchema,
  ResponseSubmittedSchema,
  ServiceChangedSchema,
  ServiceRegisteredSchema,
  ServiceStatus,
  ServingStartedSchema,
  Source,
  StandardAdoptedSchema,
  TicketCalledSchema,
  TicketCancelledSchema,
  TicketCompletedSchema,
  TicketIssuedSchema,
  TicketNoShowSchema,
  TicketTransferredSchema,
} from '@mpp/contracts';
import { create } from '@bufbuild/protobuf';
import { EventTypes, type NewEvent } from '@mpp/eventstore';

/**
 * A scripted stretch of a mall's life as the catalog, the queue and the survey would record it —
 * several hundred tickets over two local days with every ending (served, no-show, cancelled,
 * transferred, expired), bookings, survey answers, complaints, SKM follow-up — and, beside the
 * events, the plain facts they were made from, which the expectations are computed from.
 * Deterministic (seeded); also a ticket of a service and a call at a counter the catalog never
 * described, and a few tickets of a mall it never described.
 */

export const MALL = 'palu';
export const UNKNOWN_MALL = 'atlantis';
export const TIME_ZONE = 'Asia/Makassar'; // WITA, UTC+8
const OFFSET_H = 8;
export const DAYS = ['2026-11-24', '2026-11-25'] as const; // a Tuesday and a Wednesday

export interface ServiceSpec {
  readonly id: string;
  readonly agency: string;
  readonly queue: string;
  readonly booths: readonly string[];
  readonly expected: number;
  readonly name: string;
}
export const AGENCIES = [
  { code: 'dukcapil-palu', name: 'Disdukcapil Kota Palu', kind: AgencyKind.OPD },
  { code: 'samsat-palu', name: 'Samsat Palu', kind: AgencyKind.VERTICAL },
  { code: 'bpjs-kesehatan', name: 'BPJS Kesehatan', kind: AgencyKind.BUMN },
] as const;
export const BOOTHS = [
  { id: 'palu:1', agency: 'dukcapil-palu', name: 'Gerai Dukcapil 1' },
  { id: 'palu:2', agency: 'dukcapil-palu', name: 'Gerai Dukcapil 2' },
  { id: 'palu:3', agency: 'samsat-palu', name: 'Gerai Samsat' },
  { id: 'palu:4', agency: 'bpjs-kesehatan', name: 'Gerai BPJS' },
] as const;
export const COUNTERS = [
  { id: 'palu:c1', booth: 'palu:1' },
  { id: 'palu:c2', booth: 'palu:1' },
  { id: 'palu:c3', booth: 'palu:2' },
  { id: 'palu:c4', booth: 'palu:3' },
  { id: 'palu:c5', booth: 'palu:3' },
  { id: 'palu:c6', booth: 'palu:4' },
] as const;
export const UNKNOWN_COUNTER = 'palu:c99';
export const QUEUES = [
  { id: 'palu:A', prefix: 'A' },
  { id: 'palu:B', prefix: 'B' },
  { id: 'palu:C', prefix: 'C' },
] as const;
export const SERVICES: readonly ServiceSpec[] = [
  { id: 'palu:ktp', agency: 'dukcapil-palu', queue: 'palu:A', booths: ['palu:1', 'palu:2'], expected: 15, name: 'Perekaman KTP-el' },
  { id: 'palu:kk', agency: 'dukcapil-palu', queue: 'palu:A', booths: ['palu:2'], expected: 20, name: 'Kartu Keluarga' },
  { id: 'palu:pkb', agency: 'samsat-palu', queue: 'palu:B', booths: ['palu:3'], expected: 10, name: 'Pajak Kendaraan Tahunan' },
  { id: 'palu:bbn', agency: 'samsat-palu', queue: 'palu:B', booths: ['palu:3'], expected: 30, name: 'Balik Nama Kendaraan' },
  { id: 'palu:jkn', agency: 'bpjs-kesehatan', queue: 'palu:C', booths: ['palu:4'], expected: 12, name: 'Pendaftaran JKN' },
  { id: 'palu:klaim', agency: 'bpjs-kesehatan', queue: 'palu:C', booths: ['palu:4'], expected: 0, name: 'Informasi Klaim' },
];
export const GHOST_SERVICE: ServiceSpec = { id: 'palu:ghost', agency: 'dukcapil-palu', queue: 'palu:A', booths: [], expected: 0, name: '' };

export type Outcome = 'completed' | 'no-show' | 'cancelled' | 'transferred' | 'expired';
export type Result = 'done' | 'documents-incomplete' | 'referred';

/**
 * The catalog changes between the two days (the evening of the first): counter c3 moves from
 * booth 2 to booth 1, and the family-card service's standard time goes from 20 to 25 minutes.
 * Reports of the first day keep what held then.
 */
export const CHANGE_AT = new Date('2026-11-24T16:00:00Z'); // 2026-11-25 00:00 WITA
export const MOVED_COUNTER = { id: 'palu:c3', before: 'palu:2', after: 'palu:1' } as const;
export const CHANGED_SERVICE = { id: 'palu:kk', before: 20, after: 25 } as const;
/** The booth a counter belonged to at a moment. */
export const boothAt = (counterId: string, at: Date): string | undefined =>
  counterId === MOVED_COUNTER.id ? (at < CHANGE_AT ? MOVED_COUNTER.before : MOVED_COUNTER.after) : COUNTERS.find((c) => c.id === counterId)?.booth;
/** A service's expected minutes at a moment. */
export const expectedAt = (service: ServiceSpec, at: Date): number => (service.id === CHANGED_SERVICE.id ? (at < CHANGE_AT ? CHANGED_SERVICE.before : CHANGED_SERVICE.after) : service.expected);

/** A ticket as it happened. */
export interface TicketFact {
  readonly id: string;
  readonly mallId: string;
  readonly date: string;
  readonly service: ServiceSpec;
  readonly source: Source;
  readonly bookingId: string;
  readonly issuedAt: Date;
  calledAt?: Date;
  counterId?: string;
  officer?: string;
  startedAt?: Date;
  endedAt?: Date;
  outcome?: Outcome;
  result?: Result;
  transferredTo?: string;
}

export interface BookingFact {
  readonly id: string;
  readonly service: ServiceSpec;
  readonly date: string;
  readonly slotStart: Date;
  readonly slotEnd: Date;
  ended?: 'checked-in' | 'no-show' | 'cancelled';
  ticketId?: string;
}

export interface ResponseFact {
  readonly ticket: TicketFact;
  readonly answers: number[];
}

export interface ComplaintFact {
  readonly id: string;
  readonly service: ServiceSpec;
  readonly receivedAt: Date;
  readonly respondBy: Date;
  readonly resolveBy: Date;
  readonly respondedAt?: Date;
  readonly resolvedAt?: Date;
}

export interface ScriptedDay {
  readonly tickets: TicketFact[];
  readonly bookings: BookingFact[];
  readonly responses: ResponseFact[];
  readonly complaints: ComplaintFact[];
  /** Per source (`catalog`, `queue`, `survey`): stream id → its events in order. */
  readonly streams: Record<'catalog' | 'queue' | 'survey', Map<string, NewEvent[]>>;
  /** When each event happened (event id → time): the logs record it so. */
  readonly recordedAt: Map<string, Date>;
}

/** mulberry32: a small seeded generator, so the day is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const local = (date: string, hour: number, minute: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour - OFFSET_H, 0, 0) + Math.round(minute * 60_000));
};
const plus = (t: Date, minutes: number) => new Date(t.getTime() + Math.round(minutes * 60_000));

const types = new EventTypes();
const T = {
  MallRegistered: types.register(MallRegisteredSchema),
  AgencyRegistered: types.register(AgencyRegisteredSchema),
  BoothRegistered: types.register(BoothRegisteredSchema),
  CounterRegistered: types.register(CounterRegisteredSchema),
  CounterChanged: types.register(CounterChangedSchema),
  QueueRegistered: types.register(QueueRegisteredSchema),
  ServiceRegistered: types.register(ServiceRegisteredSchema),
  ServiceChanged: types.register(ServiceChangedSchema),
  StandardAdopted: types.register(StandardAdoptedSchema),
  TicketIssued: types.register(TicketIssuedSchema),
  TicketCalled: types.register(TicketCalledSchema),
  ServingStarted: types.register(ServingStartedSchema),
  TicketCompleted: types.register(TicketCompletedSchema),
  TicketNoShow: types.register(TicketNoShowSchema),
  TicketCancelled: types.register(TicketCancelledSchema),
  TicketTransferred: types.register(TicketTransferredSchema),
  QueueDayClosed: types.register(QueueDayClosedSchema),
  BookingMade: types.register(BookingMadeSchema),
  BookingCheckedIn: types.register(BookingCheckedInSchema),
  BookingNoShow: types.register(BookingNoShowSchema),
  BookingCancelled: types.register(BookingCancelledSchema),
  ResponseSubmitted: types.register(ResponseSubmittedSchema),
  ComplaintReceived: types.register(ComplaintReceivedSchema),
  ComplaintResponded: types.register(ComplaintRespondedSchema),
  ComplaintResolved: types.register(ComplaintResolvedSchema),
  FollowUpPlanned: types.register(FollowUpPlannedSchema),
  FollowUpStatusChanged: types.register(FollowUpStatusChangedSchema),
};

export function scriptDay(seed = 20261124): ScriptedDay {
  const rnd = seededRandom(seed);
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(rnd() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const tickets: TicketFact[] = [];
  const bookings: BookingFact[] = [];
  const countersOf = (s: ServiceSpec) => COUNTERS.filter((c) => s.booths.includes(c.booth));
  const officerOf = (counterId: string) => `officer-${counterId.split(':')[1]}`;
  const ticket = (f: Omit<TicketFact, 'id' | 'mallId'> & { mallId?: string }): TicketFact => {
    const t: TicketFact = { id: randomUUID(), mallId: MALL, ...f };
    tickets.push(t);
    return t;
  };
  /** Called after `wait` minutes at one of the service's counters, then what follows. */
  const serve = (t: TicketFact, wait: number, ending: 'completed' | 'no-show', minutes: number, started = true) => {
    const counter = pick(countersOf(t.service).length > 0 ? countersOf(t.service) : COUNTERS);
    t.calledAt = plus(t.issuedAt, wait);
    t.counterId = counter.id;
    t.officer = officerOf(counter.id);
    if (ending === 'no-show') {
      t.endedAt = plus(t.calledAt, 3);
      t.outcome = 'no-show';
      return;
    }
    if (started) t.startedAt = plus(t.calledAt, 1);
    t.endedAt = plus(t.startedAt ?? t.calledAt, minutes);
    t.outcome = 'completed';
    const r = rnd();
    t.result = r < 0.1 ? 'documents-incomplete' : r < 0.15 ? 'referred' : 'done';
  };

  // Walk-in and kiosk tickets: a morning peak, every ending.
  for (const [date, count] of [[DAYS[0], 340], [DAYS[1], 70]] as const) {
    for (let i = 0; i < count; i++) {
      const hour = rnd() < 0.55 ? between(8, 11) : between(11, 15);
      const service = pick(SERVICES);
      const t = ticket({ date, service, source: rnd() < 0.8 ? Source.KIOSK : rnd() < 0.5 ? Source.WALK_IN : Source.MOBILE_UNIT, bookingId: '', issuedAt: local(date, Math.floor(hour), (hour % 1) * 60) });
      const r = rnd();
      const wait = rnd() < 0.3 ? between(0, 5) : rnd() < 0.7 ? between(5, 25) : between(25, 70);
      if (r < 0.7) serve(t, wait, 'completed', between(2, 40), rnd() > 0.1);
      else if (r < 0.78) serve(t, wait, 'no-show', 0);
      else if (r < 0.83) {
        t.endedAt = plus(t.issuedAt, between(1, 20));
        t.outcome = 'cancelled';
      } else if (r < 0.89) {
        // Served a while, then sent to another service: a new ticket, issued at the transfer.
        serve(t, wait, 'completed', 0);
        t.outcome = 'transferred';
        t.endedAt = plus(t.startedAt ?? t.calledAt!, between(2, 8));
        const target = pick(SERVICES.filter((s) => s.id !== service.id));
        const next = ticket({ date, service: target, source: t.source, bookingId: '', issuedAt: t.endedAt });
        t.transferredTo = next.id;
        serve(next, between(0, 30), 'completed', between(3, 25));
      } else t.outcome = 'expired';
    }
  }

  // Bookings on the first day: most checked in (some called after their slot), a few not.
  for (let i = 0; i < 24; i++) {
    const service = pick(SERVICES);
    const slotStart = local(DAYS[0], 9 + Math.floor(i / 4), 0);
    const b: BookingFact = { id: randomUUID(), service, date: DAYS[0], slotStart, slotEnd: plus(slotStart, 30) };
    bookings.push(b);
    const r = rnd();
    if (r < 0.15) b.ended = 'no-show';
    else if (r < 0.25) b.ended = 'cancelled';
    else {
      const t = ticket({ date: DAYS[0], service, source: Source.ONLINE, bookingId: b.id, issuedAt: plus(slotStart, -between(0, 10)) });
      b.ended = 'checked-in';
      b.ticketId = t.id;
      serve(t, Math.max(0.5, (slotStart.getTime() - t.issuedAt.getTime()) / 60_000 + between(-5, 45)), 'completed', between(3, 20));
    }
  }

  // Early birds: taken before 08:00 WITA, still the previous day in UTC.
  for (let i = 0; i < 8; i++) serve(ticket({ date: DAYS[0], service: pick(SERVICES), source: Source.MOBILE_UNIT, bookingId: '', issuedAt: local(DAYS[0], 7, i * 7) }), between(1, 20), 'completed', between(3, 15));

  // What the catalog never described: a service, a counter, a mall.
  serve(ticket({ date: DAYS[0], service: GHOST_SERVICE, source: Source.KIOSK, bookingId: '', issuedAt: local(DAYS[0], 10, 5) }), 4, 'completed', 6);
  const odd = ticket({ date: DAYS[0], service: SERVICES[0]!, source: Source.KIOSK, bookingId: '', issuedAt: local(DAYS[0], 10, 20) });
  odd.calledAt = plus(odd.issuedAt, 9);
  odd.counterId = UNKNOWN_COUNTER;
  odd.officer = 'officer-c99';
  odd.endedAt = plus(odd.calledAt, 11);
  odd.outcome = 'completed';
  odd.result = 'done';
  for (let i = 0; i < 3; i++) ticket({ mallId: UNKNOWN_MALL, date: DAYS[0], service: SERVICES[0]!, source: Source.KIOSK, bookingId: '', issuedAt: local(DAYS[0], 9, i) });

  // Survey answers of about four in ten served visits, and complaints.
  const responses: ResponseFact[] = tickets
    .filter((t) => t.mallId === MALL && t.outcome === 'completed' && rnd() < 0.4)
    .map((ticket) => ({ ticket, answers: Array.from({ length: 9 }, () => (rnd() < 0.08 ? 2 : rnd() < 0.5 ? 3 : 4)) }));
  // Two at dawn (WITA) on the edges of November: the 1st's counts in it, the 1st of December's not.
  const complaints: ComplaintFact[] = Array.from({ length: 11 }, (_, i) => {
    const receivedAt = i === 9 ? local('2026-11-01', 6, 0) : i === 10 ? local('2026-12-01', 6, 0) : local(DAYS[i % 2]!, 10 + i, 0);
    const respondIn = [1, 2, 5, null][i % 4];
    const resolveIn = [3, 7, null][i % 3];
    return {
      id: `cmp-${i}`,
      service: SERVICES[i % SERVICES.length]!,
      receivedAt,
      respondBy: plus(receivedAt, 3 * 24 * 60),
      resolveBy: plus(receivedAt, 5 * 24 * 60),
      ...(respondIn === null || respondIn === undefined ? {} : { respondedAt: plus(receivedAt, respondIn * 24 * 60) }),
      // Resolved (if at all) after the first response.
      ...(resolveIn === null || resolveIn === undefined || respondIn === null || respondIn === undefined ? {} : { resolvedAt: plus(receivedAt, Math.max(respondIn, resolveIn) * 24 * 60 + 60) }),
    };
  });
  return { tickets, bookings, responses, complaints, ...encode(tickets, bookings, responses, complaints) };
}

function encode(tickets: TicketFact[], bookings: BookingFact[], responses: ResponseFact[], complaints: ComplaintFact[]): Pick<ScriptedDay, 'streams' | 'recordedAt'> {
  const streams: ScriptedDay['streams'] = { catalog: new Map(), queue: new Map(), survey: new Map() };
  const recordedAt = new Map<string, Date>();
  const timed: { source: keyof ScriptedDay['streams']; stream: string; at: Date; order: number; event: NewEvent }[] = [];
  let order = 0;
  const add = <D extends DescMessage>(source: keyof ScriptedDay['streams'], stream: string, at: Date, type: Parameters<typeof types.encode<D>>[0], data: MessageInitShape<D>, meta: { mallId: string; agencyCode?: string; serviceId?: string }) => {
    const { type: name, data: bytes } = types.encode(type, data);
    timed.push({ source, stream, at, order: order++, event: { id: randomUUID(), type: name, data: bytes, metadata: create(EventMetadataSchema, { agencyCode: '', serviceId: '', ...meta }) } });
  };
  const ts = timestampFromDate;
  const epoch = new Date('2026-01-05T00:00:00Z');

  // The catalog (recorded long before the day).
  add('catalog', `mall-${MALL}`, epoch, T.MallRegistered, { mall: { id: MALL, name: 'MPP Kota Palu', city: 'Palu', timeZone: TIME_ZONE } }, { mallId: MALL });
  for (const a of AGENCIES) add('catalog', `agency-${a.code}`, epoch, T.AgencyRegistered, { agency: { code: a.code, name: a.name, kind: a.kind, memberships: [{ mallId: MALL, status: MembershipStatus.ACTIVE }] } }, { mallId: MALL, agencyCode: a.code });
  for (const b of BOOTHS) add('catalog', `booth-${b.id}`, epoch, T.BoothRegistered, { booth: { id: b.id, mallId: MALL, number: b.id.split(':')[1]!, name: b.name, agencyCode: b.agency, active: true } }, { mallId: MALL, agencyCode: b.agency });
  for (const c of COUNTERS) add('catalog', `counter-${c.id}`, epoch, T.CounterRegistered, { counter: { id: c.id, mallId: MALL, number: c.id.split(':')[1]!, boothId: c.booth, name: `Loket ${c.id.split(':c')[1]}`, active: true } }, { mallId: MALL });
  for (const q of QUEUES) add('catalog', `queue-${q.id}`, epoch, T.QueueRegistered, { queue: { id: q.id, mallId: MALL, prefix: q.prefix, name: `Antrian ${q.prefix}`, active: true } }, { mallId: MALL });
  for (const s of SERVICES) {
    const service = { id: s.id, mallId: MALL, code: s.id.split(':')[1]!, nameId: s.name, agencyCode: s.agency, queueId: s.queue, boothIds: [...s.booths], channels: [Channel.LANGSUNG, ...(s.agency === 'bpjs-kesehatan' ? [Channel.DIGITAL] : [])], status: ServiceStatus.ACTIVE };
    // Registered with a placeholder standard time, then changed: the directory keeps the latest.
    add('catalog', `service-${s.id}`, epoch, T.ServiceRegistered, { service: { ...service, expectedHandlingMinutes: 99 } }, { mallId: MALL, agencyCode: s.agency, serviceId: s.id });
    add('catalog', `service-${s.id}`, plus(epoch, 1), T.ServiceChanged, { service: { ...service, expectedHandlingMinutes: s.expected }, changedFields: ['expected_handling_minutes'] }, { mallId: MALL, agencyCode: s.agency, serviceId: s.id });
  }
  // The evening between the two days: a counter moves, a standard time changes.
  const moved = COUNTERS.find((c) => c.id === MOVED_COUNTER.id)!;
  add('catalog', `counter-${moved.id}`, CHANGE_AT, T.CounterChanged, { counter: { id: moved.id, mallId: MALL, number: 'c3', boothId: MOVED_COUNTER.after, name: 'Loket 3', active: true }, changedFields: ['booth_id'] }, { mallId: MALL });
  const kk = SERVICES.find((s) => s.id === CHANGED_SERVICE.id)!;
  add('catalog', `service-${kk.id}`, CHANGE_AT, T.ServiceChanged, { service: { id: kk.id, mallId: MALL, code: 'kk', nameId: kk.name, agencyCode: kk.agency, queueId: kk.queue, boothIds: [...kk.booths], channels: [Channel.LANGSUNG], status: ServiceStatus.ACTIVE, expectedHandlingMinutes: CHANGED_SERVICE.after }, changedFields: ['expected_handling_minutes'] }, { mallId: MALL, agencyCode: kk.agency, serviceId: kk.id });
  for (const [i, s] of SERVICES.slice(0, 4).entries()) {
    const pub = { requirements: ['KTP'], procedure: 'Ambil antrian', completionTime: '1 hari', fee: 'Gratis', product: 'Dokumen', complaintHandling: i === 3 ? '' : 'SP4N-LAPOR!' };
    add('catalog', `standard-${s.id}`, epoch, T.StandardAdopted, { standard: { serviceId: s.id, mallId: MALL, version: 1, decreeNumber: `188/${i}/2024`, adoptedOn: '2024-06-01', reviewedOn: i === 0 ? '2026-06-01' : '', public: pub } }, { mallId: MALL, serviceId: s.id });
  }

  // The queue: each ticket's life in its queue's day stream.
  const dayStream = (t: TicketFact) => `queue-day-${t.service.queue}-${t.date}`;
  const sequence = new Map<string, number>();
  for (const t of [...tickets].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime())) {
    const stream = dayStream(t);
    const n = (sequence.get(`${t.mallId}|${stream}`) ?? 0) + 1;
    sequence.set(`${t.mallId}|${stream}`, n);
    const meta = { mallId: t.mallId, agencyCode: t.service.agency, serviceId: t.service.id };
    const prefix = QUEUES.find((q) => q.id === t.service.queue)!.prefix;
    const booking = bookings.find((b) => b.id === t.bookingId);
    add('queue', stream, t.issuedAt, T.TicketIssued, {
      ticket: {
        id: t.id, mallId: t.mallId, queueId: t.service.queue, date: t.date, number: `${prefix}-${String(n).padStart(3, '0')}`, sequence: n, serviceId: t.service.id,
        source: t.source, bookingId: t.bookingId, ...(booking ? { slotStart: ts(booking.slotStart) } : {}), issuedAt: ts(t.issuedAt), queuedSince: ts(t.issuedAt),
      },
    }, meta);
    if (t.calledAt) add('queue', stream, t.calledAt, T.TicketCalled, { ticketId: t.id, counterId: t.counterId!, at: ts(t.calledAt), officer: t.officer! }, meta);
    if (t.startedAt) add('queue', stream, t.startedAt, T.ServingStarted, { ticketId: t.id, counterId: t.counterId!, at: ts(t.startedAt) }, meta);
    const outcome = { done: CompletionOutcome.DONE, 'documents-incomplete': CompletionOutcome.DOCUMENTS_INCOMPLETE, referred: CompletionOutcome.REFERRED }[t.result ?? 'done'];
    if (t.outcome === 'completed') add('queue', stream, t.endedAt!, T.TicketCompleted, { ticketId: t.id, counterId: t.counterId!, at: ts(t.endedAt!), outcome }, meta);
    if (t.outcome === 'no-show') add('queue', stream, t.endedAt!, T.TicketNoShow, { ticketId: t.id, counterId: t.counterId!, at: ts(t.endedAt!) }, meta);
    if (t.outcome === 'cancelled') add('queue', stream, t.endedAt!, T.TicketCancelled, { ticketId: t.id, at: ts(t.endedAt!) }, meta);
    if (t.outcome === 'transferred') add('queue', stream, t.endedAt!, T.TicketTransferred, { ticketId: t.id, at: ts(t.endedAt!), toTicketId: t.transferredTo!, toServiceId: tickets.find((x) => x.id === t.transferredTo)!.service.id }, meta);
  }
  // Each queue's day closes at 16:00 with what still waited.
  const closing = new Map<string, TicketFact[]>();
  for (const t of tickets) {
    const key = `${t.mallId}|${t.service.queue}|${t.date}`;
    closing.set(key, [...(closing.get(key) ?? []), ...(t.outcome === undefined || t.outcome === 'expired' ? [t] : [])]);
  }
  for (const [key, expired] of closing) {
    const [mallId, queueId, date] = key.split('|') as [string, string, string];
    const at = local(date, 16, 0);
    for (const t of expired) {
      t.outcome = 'expired';
      t.endedAt = at;
    }
    add('queue', `queue-day-${queueId}-${date}`, at, T.QueueDayClosed, { queueId, date, at: ts(at), expiredTicketIds: expired.map((t) => t.id) }, { mallId });
  }
  for (const b of bookings) {
    const stream = `bookings-${MALL}-${b.date}`;
    const meta = { mallId: MALL, agencyCode: b.service.agency, serviceId: b.service.id };
    const made = plus(b.slotStart, -24 * 60);
    add('queue', stream, made, T.BookingMade, { booking: { id: b.id, mallId: MALL, serviceId: b.service.id, date: b.date, slotStart: ts(b.slotStart), slotEnd: ts(b.slotEnd), bookedAt: ts(made) } }, meta);
    const t = tickets.find((x) => x.id === b.ticketId);
    if (b.ended === 'checked-in') add('queue', stream, t!.issuedAt, T.BookingCheckedIn, { bookingId: b.id, ticketId: t!.id, at: ts(t!.issuedAt) }, meta);
    if (b.ended === 'no-show') add('queue', stream, plus(b.slotEnd, 15), T.BookingNoShow, { bookingId: b.id, at: ts(plus(b.slotEnd, 15)) }, meta);
    if (b.ended === 'cancelled') add('queue', stream, plus(b.slotStart, -60), T.BookingCancelled, { bookingId: b.id, at: ts(plus(b.slotStart, -60)) }, meta);
  }

  // The survey.
  for (const r of responses) {
    const at = plus(r.ticket.endedAt!, 5);
    add('survey', `survey-${r.ticket.id}`, at, T.ResponseSubmitted, { response: { ticketId: r.ticket.id, mallId: MALL, agencyCode: r.ticket.service.agency, serviceId: r.ticket.service.id, date: r.ticket.date, answers: r.answers, submittedAt: ts(at),
      // Personal data a partner topic must never carry (reports do not read it either).
      profile: { ageGroup: 2, sex: 1, education: 3, occupation: 1 }, suggestion: `Saran ${r.ticket.id}: petugas ramah` } }, { mallId: MALL, agencyCode: r.ticket.service.agency, serviceId: r.ticket.service.id });
  }
  for (const c of complaints) {
    const meta = { mallId: MALL, agencyCode: c.service.agency, serviceId: c.service.id };
    add('survey', `complaint-${c.id}`, c.receivedAt, T.ComplaintReceived, { complaint: { id: c.id, mallId: MALL, agencyCode: c.service.agency, serviceId: c.service.id, kind: ComplaintKind.COMPLAINT, category: 'time', receivedAt: ts(c.receivedAt), respondBy: ts(c.respondBy), resolveBy: ts(c.resolveBy),
      text: `Keluhan ${c.id}: antre terlalu lama`, contact: { name: `Warga ${c.id}`, phone: `0812${c.id.replace(/\D/g, '').padStart(8, '7')}`, email: `warga-${c.id}@example.id` } } }, meta);
    if (c.respondedAt) add('survey', `complaint-${c.id}`, c.respondedAt, T.ComplaintResponded, { complaintId: c.id, at: ts(c.respondedAt), text: `Jawaban untuk ${c.id}` }, meta);
    if (c.resolvedAt) add('survey', `complaint-${c.id}`, c.resolvedAt, T.ComplaintResolved, { complaintId: c.id, at: ts(c.resolvedAt) }, meta);
  }
  const planned = local(DAYS[1], 14, 0);
  add('survey', 'follow-up-f1', planned, T.FollowUpPlanned, { action: { id: 'f1', mallId: MALL, period: '2026-Q3', element: 'U3', agencyCode: 'dukcapil-palu', action: 'Tambah loket perekaman', owner: 'Kepala Seksi Pelayanan', dueDate: '2026-11-30', status: FollowUpStatus.PLANNED, createdAt: ts(planned) } }, { mallId: MALL, agencyCode: 'dukcapil-palu' });
  add('survey', 'follow-up-f1', plus(planned, 60), T.FollowUpStatusChanged, { actionId: 'f1', status: FollowUpStatus.DONE, at: ts(plus(planned, 60)) }, { mallId: MALL, agencyCode: 'dukcapil-palu' });

  // Per stream in the order things happened (a ticket's events in its day's order).
  for (const e of timed.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order)) {
    const list = streams[e.source].get(e.stream) ?? [];
    list.push(e.event);
    streams[e.source].set(e.stream, list);
    recordedAt.set(e.event.id, e.at);
  }
  return { streams, recordedAt };
}
