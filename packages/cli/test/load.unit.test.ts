import { describe, expect, it } from 'vitest';
import { chooseSlot, type SlotJson } from '../src/load/booking.js';
import { arrivalsPerHour, BOOKING_LEAD_SEC, DEFAULT_SHARES, planDay, plannedOperations, type Arrival, type PlannedService } from '../src/load/plan.js';
import { TICKET_OPERATIONS, routesReport } from '../src/load/report.js';
import { Recorder } from '../src/load/stats.js';
import { percentile, percentiles } from '../src/load/stats.js';

const SERVICES: PlannedService[] = Array.from({ length: 30 }, (_, i) => ({ id: `m:s${i}`, queueId: `m:${'ABC'[i % 3]}`, expectedMinutes: 5 + i, dailyQuota: i < 5 ? 0 : 100 - i, counters: 1 + (i % 3) }));
const OPTIONS = { seed: 42, ticketsPerDay: 1000, coveredSec: 8 * 3600, sampleEvery: 10, ...DEFAULT_SHARES };

describe('load plan', () => {
  it('splits the day over its hours so the counts sum to the total, with the morning peak', () => {
    for (const total of [0, 1, 7, 999, 1000, 12345]) expect(arrivalsPerHour(total).reduce((a, b) => a + b, 0)).toBe(total);
    const counts = arrivalsPerHour(1000);
    expect(Math.max(...counts)).toBe(counts[1]);
    expect(counts[1]! + counts[2]!).toBeGreaterThan(counts[0]! + counts[4]! + counts[7]!);
  });

  it('is reproducible from its seed and differs with another seed', () => {
    expect(planDay(SERVICES, OPTIONS)).toEqual(planDay(SERVICES, OPTIONS));
    expect(planDay(SERVICES, { ...OPTIONS, seed: 43 })).not.toEqual(planDay(SERVICES, OPTIONS));
  });

  it('plans the whole day when it covers it, in time order, queues busy by their counters, a few services taking most tickets', () => {
    const plan = planDay(SERVICES, OPTIONS);
    expect(plan).toHaveLength(1000);
    expect(plan.every((a, i) => i === 0 || plan[i - 1]!.atSec <= a.atSec)).toBe(true);
    const byService = new Map<string, number>();
    for (const a of plan) byService.set(a.serviceId, (byService.get(a.serviceId) ?? 0) + 1);
    const top5 = [...byService.values()].sort((a, b) => b - a).slice(0, 5).reduce((a, b) => a + b, 0);
    expect(top5).toBeGreaterThan(400);
    const queueC = plan.filter((a) => SERVICES.find((s) => s.id === a.serviceId)!.queueId === 'm:C').length; // 3 counters of 6
    expect(queueC).toBeGreaterThan(430);
    expect(queueC).toBeLessThan(570);
    for (const a of plan.filter((x) => x.fate === 'transfer')) expect(SERVICES.find((s) => s.id === a.transferTo)!.queueId).not.toBe(SERVICES.find((s) => s.id === a.serviceId)!.queueId);
    expect(plan.filter((a) => a.sampled)).toHaveLength(100);
  });

  it('keeps only the arrivals in the covered part of the day', () => {
    const plan = planDay(SERVICES, { ...OPTIONS, coveredSec: 3600 });
    expect(plan).toHaveLength(arrivalsPerHour(1000)[0]!);
    expect(plan.every((a) => a.atSec < 3600)).toBe(true);
  });
});

describe('load bookings', () => {
  it('books about the chosen share of arrivals, each some time before it comes and never before the day starts', () => {
    const plan = planDay(SERVICES, OPTIONS);
    const booked = plan.filter((a) => a.booking);
    expect(booked.length).toBeGreaterThan(70);
    expect(booked.length).toBeLessThan(130);
    for (const a of booked) {
      const lead = a.atSec - a.booking!.bookAtSec;
      expect(a.booking!.bookAtSec).toBeGreaterThanOrEqual(0);
      expect(lead).toBeLessThanOrEqual(BOOKING_LEAD_SEC.max);
      if (a.booking!.bookAtSec > 0) expect(lead).toBeGreaterThanOrEqual(BOOKING_LEAD_SEC.min);
    }
    expect(planDay(SERVICES, { ...OPTIONS, bookingShare: 0 }).some((a) => a.booking)).toBe(false);
    expect(planDay(SERVICES, { ...OPTIONS, bookingShare: 1 }).every((a) => a.booking)).toBe(true);
  });

  it('changes nothing else in the plan: arrivals, services and fates are those of a plan without bookings', () => {
    const strip = (plan: Arrival[]) => plan.map(({ booking: _booking, ...rest }) => rest);
    expect(strip(planDay(SERVICES, OPTIONS))).toEqual(strip(planDay(SERVICES, { ...OPTIONS, bookingShare: 0 })));
  });

  it('counts the ticket operations an arrival implies', () => {
    const base: Arrival = { atSec: 0, serviceId: 'm:s0', fate: 'served', serviceMinutes: 10, survey: false, sampled: false };
    expect(plannedOperations(base)).toBe(4); // issue, call, start, complete
    expect(plannedOperations({ ...base, survey: true })).toBe(5);
    expect(plannedOperations({ ...base, booking: { bookAtSec: 0 } })).toBe(5); // book + check in instead of issue
    expect(plannedOperations({ ...base, fate: 'no-show' })).toBe(4); // issue, call, recall, no-show
    expect(plannedOperations({ ...base, fate: 'transfer', transferTo: 'm:s1' })).toBe(7); // issue, call, start, transfer, call, start, complete
  });

  it('chooses a slot begun by the check-in, not yet over, with room: the latest such', () => {
    const at = (hhmm: string) => `2026-11-28T${hhmm}:00.000Z`;
    const slot = (start: string, end: string, booked: number, capacity = 2): SlotJson => ({ start: at(start), end: at(end), capacity, booked });
    const slots = [slot('01:00', '01:30', 0), slot('01:30', '02:00', 0), slot('02:00', '02:30', 0), slot('02:30', '03:00', 0)];
    const now = Date.parse(at('01:40'));
    expect(chooseSlot(slots, now, Date.parse(at('01:50')))?.start).toBe(at('01:30')); // the slot of the check-in
    expect(chooseSlot(slots, now, Date.parse(at('02:10')))?.start).toBe(at('02:00')); // the next one, begun by then
    expect(chooseSlot([slots[0]!, slot('01:30', '02:00', 2), slots[2]!], now, Date.parse(at('01:50')))).toBeUndefined(); // full; the earlier one is over
    expect(chooseSlot([slot('01:30', '02:00', 2), slots[2]!], now, Date.parse(at('02:10')))?.start).toBe(at('02:00'));
    expect(chooseSlot([slots[3]!], now, Date.parse(at('02:10')))).toBeUndefined(); // would be too early to check in
    expect(chooseSlot([], now, now)).toBeUndefined();
  });
});

describe('load report', () => {
  it('counts the 2xx of ticket-operation routes as operations, apart from polls and reads', () => {
    const recorder = new Recorder();
    recorder.record('POST /malls/{mallId}/tickets', 201, 5, false);
    recorder.record('POST /malls/{mallId}/tickets', 409, 5, true);
    recorder.record('POST /counters/{counterId}/call-next', 200, 5, false);
    recorder.record('POST /counters/{counterId}/call-next', 404, 5, true);
    recorder.record('POST /counters/{counterId}/call-next', 404, 5, true);
    recorder.record('POST /bookings/{bookingId}/check-in', 200, 5, false);
    recorder.record('GET /malls/{mallId}/board', 200, 5, false);
    const r = routesReport(recorder, 1);
    expect(r.ticketOps).toBe(3);
    expect(r.requests).toBe(7);
    expect(TICKET_OPERATIONS.has('GET /malls/{mallId}/board')).toBe(false);
  });
});

describe('load stats', () => {
  it('gives exact nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 1..100 shuffled order
    expect(percentiles(values)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([7], 99)).toBe(7);
    expect(percentiles([])).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 });
    expect(percentiles([5, 1, 10])).toEqual({ count: 3, p50: 5, p90: 10, p99: 10, max: 10 });
  });
});
