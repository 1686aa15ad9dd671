import { logNormal, seededRandom, weightedIndex, type Random } from './random.js';

/** The simulated day: 08:00–16:00 local, like the demo mall's office hours. */
export const DAY_START_HOUR = 8;
export const DAY_HOURS = 8;
export const DAY_SECONDS = DAY_HOURS * 3600;

/** Share of the day's tickets per hour from 08:00: a morning peak at 09:00–11:00, a lunch dip. */
export const HOURLY_SHAPE: readonly number[] = [0.1, 0.18, 0.18, 0.14, 0.07, 0.13, 0.11, 0.09];

/** Splits `total` over the hours by `shape` (largest remainder): the counts sum to `total` exactly. */
export function arrivalsPerHour(total: number, shape: readonly number[] = HOURLY_SHAPE): number[] {
  const sum = shape.reduce((a, b) => a + b, 0);
  const exact = shape.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    counts[i]! += 1;
  }
  return counts;
}

export interface PlannedService {
  readonly id: string;
  readonly queueId: string;
  readonly expectedMinutes: number;
  /** 0: no daily quota. */
  readonly dailyQuota: number;
  /** Open counters that take tickets for it. */
  readonly counters: number;
}

export type Fate = 'served' | 'no-show' | 'transfer';

export interface Arrival {
  /** Simulated seconds since the day's start (08:00 local). */
  readonly atSec: number;
  readonly serviceId: string;
  readonly fate: Fate;
  /** Where a transfer sends the ticket (another queue's service). */
  readonly transferTo?: string;
  /** Simulated minutes at the counter. */
  readonly serviceMinutes: number;
  /** Whether the citizen answers the SKM survey after being served. */
  readonly survey: boolean;
  /** Sampled for the board and report lag. */
  readonly sampled: boolean;
  /**
   * Booked a slot online before coming: the booking is made at `bookAtSec` (simulated, never
   * before the day's start) and checked in at `atSec` instead of taking a kiosk ticket.
   */
  readonly booking?: { readonly bookAtSec: number };
}

export interface PlanOptions {
  readonly seed: number;
  /** Tickets over the whole simulated day. */
  readonly ticketsPerDay: number;
  /** Simulated seconds the run covers from 08:00 (arrivals after it are left out). */
  readonly coveredSec: number;
  readonly noShowShare: number;
  readonly transferShare: number;
  readonly surveyShare: number;
  /** Share of arrivals that booked a slot earlier and check in on arrival. */
  readonly bookingShare: number;
  /** Every n-th arrival is sampled for lag. */
  readonly sampleEvery: number;
}

export const DEFAULT_SHARES = { noShowShare: 0.08, transferShare: 0.04, surveyShare: 0.3, bookingShare: 0.1 } as const;

/** How long before arriving a citizen books (simulated seconds): between 10 minutes and 2 hours. */
export const BOOKING_LEAD_SEC = { min: 600, max: 7200 } as const;

/**
 * Popularity: each queue gets tickets in proportion to the open counters that serve it (so the
 * mall is about evenly busy); within a queue a Zipf law (s = 1.1) over its services, ordered by
 * daily quota (unlimited first, then larger quotas; ties in a seeded order), so a few popular
 * services take most of the queue's tickets.
 */
export function serviceWeights(services: readonly PlannedService[], random: Random): { order: PlannedService[]; cumulative: number[] } {
  const quota = (s: PlannedService) => (s.dailyQuota === 0 ? Infinity : s.dailyQuota);
  const keyed = services.map((s) => ({ s, tie: random.next() }));
  keyed.sort((a, b) => a.s.queueId.localeCompare(b.s.queueId) || quota(b.s) - quota(a.s) || a.tie - b.tie || a.s.id.localeCompare(b.s.id));
  const order = keyed.map((k) => k.s);
  const byQueue = new Map<string, PlannedService[]>();
  for (const s of order) (byQueue.get(s.queueId) ?? byQueue.set(s.queueId, []).get(s.queueId)!).push(s);
  const weight = new Map<string, number>();
  for (const list of byQueue.values()) {
    const queueWeight = Math.max(...list.map((s) => s.counters));
    const zipf = list.map((_, rank) => 1 / (rank + 1) ** 1.1);
    const sum = zipf.reduce((a, b) => a + b, 0);
    list.forEach((s, rank) => weight.set(s.id, (queueWeight * zipf[rank]!) / sum));
  }
  let total = 0;
  const cumulative = order.map((s) => (total += weight.get(s.id)!));
  return { order, cumulative };
}

/** One mall's arrivals over the covered part of the simulated day, in time order; pure and seeded. */
export function planDay(services: readonly PlannedService[], o: PlanOptions): Arrival[] {
  if (services.length === 0) return [];
  const random = seededRandom(o.seed);
  const bookingRandom = seededRandom(o.seed ^ 0x5bd1e995);
  const { order, cumulative } = serviceWeights(services, random);
  const times: number[] = [];
  arrivalsPerHour(o.ticketsPerDay).forEach((count, hour) => {
    for (let i = 0; i < count; i++) times.push(hour * 3600 + random.next() * 3600);
  });
  times.sort((a, b) => a - b);
  const arrivals: Arrival[] = [];
  for (const atSec of times) {
    const service = order[weightedIndex(random, cumulative)]!;
    const roll = random.next();
    const others = order.filter((s) => s.queueId !== service.queueId);
    let fate: Fate = roll < o.noShowShare ? 'no-show' : roll < o.noShowShare + o.transferShare && others.length > 0 ? 'transfer' : 'served';
    const transferTo = fate === 'transfer' ? others[Math.floor(random.next() * others.length)]!.id : undefined;
    if (fate === 'transfer' && !transferTo) fate = 'served';
    const serviceMinutes = Math.min(4 * service.expectedMinutes, Math.max(2, logNormal(random, service.expectedMinutes || 10, 0.4)));
    const survey = random.next() < o.surveyShare;
    // From a stream of their own: the bookings share changes nothing else in the plan.
    const booked = bookingRandom.next() < o.bookingShare;
    const lead = BOOKING_LEAD_SEC.min + bookingRandom.next() * (BOOKING_LEAD_SEC.max - BOOKING_LEAD_SEC.min);
    if (atSec >= o.coveredSec) continue;
    const booking = booked ? { booking: { bookAtSec: Math.max(0, atSec - lead) } } : {};
    arrivals.push({ atSec, serviceId: service.id, fate, ...(transferTo ? { transferTo } : {}), serviceMinutes, survey, sampled: arrivals.length % o.sampleEvery === 0, ...booking });
  }
  return arrivals;
}

/**
 * The ticket operations (writes through the API) an arrival implies when it goes as planned:
 * its ticket (a booking and its check-in: two), the call, then start and complete (+ the survey),
 * or one recall and the no-show, or start, transfer and the new ticket's call, start and complete.
 * A mall whose policy wants more recalls before a no-show makes a little more.
 */
export function plannedOperations(arrival: Arrival): number {
  const ticket = arrival.booking ? 2 : 1;
  switch (arrival.fate) {
    case 'no-show':
      return ticket + 3;
    case 'transfer':
      return ticket + 6;
    default:
      return ticket + 3 + (arrival.survey ? 1 : 0);
  }
}
