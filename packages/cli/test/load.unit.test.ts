import { describe, expect, it } from 'vitest';
import { arrivalsPerHour, DEFAULT_SHARES, planDay, type PlannedService } from '../src/load/plan.js';
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
