import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MALL_TIME_ZONES,
  WEEKDAYS,
  formatClock,
  isOpen,
  isServiceOpen,
  localDate,
  localMinutes,
  localWeekday,
  type Interval,
  type MallTimeZone,
  type Schedule,
  type SpecialDay,
  type WeeklyHours,
} from '../src/index.js';

const FROM = Date.parse('2025-12-01T00:00:00Z');
const TO = Date.parse('2027-02-01T00:00:00Z');

const zone = fc.constantFrom(...MALL_TIME_ZONES);
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));

/** Sorted distinct half-hour boundaries paired into intervals; 00:00 and 24:00 are possible, so midnight runs get exercised. */
const dayHours: fc.Arbitrary<Interval[]> = fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 6 }).map((slots) => {
  const sorted = [...slots].sort((a, b) => a - b);
  const out: Interval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ open: formatClock(sorted[i]! * 30), close: formatClock(sorted[i + 1]! * 30) });
  return out;
});

const weekly: fc.Arbitrary<WeeklyHours> = fc.tuple(...WEEKDAYS.map(() => dayHours)).map((days) => Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]])));

const specialDays: fc.Arbitrary<SpecialDay[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 420 }), { maxLength: 12 })
  .chain((offsets) =>
    fc.tuple(
      ...offsets.map((offset) =>
        fc.oneof(
          fc.constant<SpecialDay>({ date: dateAt(offset), name: 'Libur', kind: 'holiday' }),
          dayHours.map<SpecialDay>((hours) => ({ date: dateAt(offset), name: 'Khusus', kind: 'special', hours })),
        ),
      ),
    ),
  );

const schedule: fc.Arbitrary<Schedule> = fc.record({ timeZone: zone, weekly, specialDays });

function dateAt(offset: number): string {
  return new Date(FROM + offset * 86_400_000).toISOString().slice(0, 10);
}

const before = (d: Date): Date => new Date(d.getTime() - 1);

describe('local fields agree with the ICU time-zone database', () => {
  it('given any instant and zone, then date, minutes and weekday match Intl', () => {
    fc.assert(
      fc.property(instant, zone, (at, tz: MallTimeZone) => {
        const parts = Object.fromEntries(
          new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' })
            .formatToParts(at)
            .map((p) => [p.type, p.value]),
        );
        expect(localDate(at, tz)).toBe(`${parts.year}-${parts.month}-${parts.day}`);
        expect(localMinutes(at, tz)).toBe(Number(parts.hour) * 60 + Number(parts.minute));
        expect(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][localWeekday(at, tz)]).toBe(parts.weekday);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isOpen is consistent with its own answers', () => {
  it('given an open instant, then it stays open until closesAt and is closed at closesAt', () => {
    fc.assert(
      fc.property(schedule, instant, (s, at) => {
        const state = isOpen(s, at);
        if (!state.open) return;
        expect(state.closesAt.getTime()).toBeGreaterThan(at.getTime());
        expect(isOpen(s, before(state.closesAt)).open).toBe(true);
        expect(isOpen(s, state.closesAt).open).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('given a closed instant, then it is open at opensAt, closed just before, and closed at a point in between', () => {
    fc.assert(
      fc.property(schedule, instant, fc.double({ min: 0, max: 1, noNaN: true }), (s, at, fraction) => {
        const state = isOpen(s, at);
        if (state.open || state.opensAt === undefined) return;
        expect(state.opensAt.getTime()).toBeGreaterThan(at.getTime());
        expect(isOpen(s, state.opensAt).open).toBe(true);
        expect(isOpen(s, before(state.opensAt)).open).toBe(false);
        const between = new Date(at.getTime() + Math.floor((state.opensAt.getTime() - at.getTime()) * fraction));
        if (between.getTime() < state.opensAt.getTime()) expect(isOpen(s, between).open).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a service is open exactly when the mall and its own hours both are', () => {
  it('given any mall, service hours and instant, then open equals the conjunction', () => {
    fc.assert(
      fc.property(schedule, weekly, instant, (mall, serviceHours, at) => {
        const alone: Schedule = { timeZone: mall.timeZone, weekly: serviceHours };
        const expected = isOpen(mall, at).open && isOpen(alone, at).open;
        const state = isServiceOpen({ mall, serviceHours }, at);
        expect(state.open).toBe(expected);
        if (state.open) expect(isServiceOpen({ mall, serviceHours }, state.closesAt).open).toBe(false);
        if (!state.open && state.opensAt) expect(isServiceOpen({ mall, serviceHours }, state.opensAt).open).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
