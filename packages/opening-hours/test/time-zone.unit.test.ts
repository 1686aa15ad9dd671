import { describe, expect, it } from 'vitest';
import { AppError } from '@mpp/errors';
import {
  MALL_TIME_ZONES,
  TIME_ZONE_LABELS,
  UTC_OFFSET_MINUTES,
  addDays,
  atLocal,
  formatClock,
  isCalendarDate,
  isMallTimeZone,
  localDate,
  localMinutes,
  localWeekday,
  parseClock,
  weekdayIndexOf,
  type MallTimeZone,
} from '../src/index.js';

const instant = new Date('2026-03-01T16:30:00Z');

describe('local day of an instant', () => {
  it('given 16:30 UTC on 1 March, when read in WIB, then it is still 1 March at 23:30 (a Sunday)', () => {
    expect(localDate(instant, 'Asia/Jakarta')).toBe('2026-03-01');
    expect(formatClock(localMinutes(instant, 'Asia/Jakarta'))).toBe('23:30');
    expect(localWeekday(instant, 'Asia/Jakarta')).toBe(0);
  });

  it('given the same instant, when read in WITA, then it is already 2 March at 00:30 (a Monday)', () => {
    expect(localDate(instant, 'Asia/Makassar')).toBe('2026-03-02');
    expect(localMinutes(instant, 'Asia/Makassar')).toBe(30);
    expect(localWeekday(instant, 'Asia/Makassar')).toBe(1);
  });

  it('given the same instant, when read in WIT, then it is 2 March at 01:30', () => {
    expect(localDate(instant, 'Asia/Jayapura')).toBe('2026-03-02');
    expect(formatClock(localMinutes(instant, 'Asia/Jayapura'))).toBe('01:30');
  });

  it('given the last millisecond before local midnight, when read, then the day has not turned yet', () => {
    const justBefore = new Date('2026-03-01T16:59:59.999Z');
    expect(localDate(justBefore, 'Asia/Jakarta')).toBe('2026-03-01');
    expect(localMinutes(justBefore, 'Asia/Jakarta')).toBe(1439);
    expect(localDate(new Date('2026-03-01T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-03-02');
  });

  it('given new year in UTC, when read in WIT, then the local year turned nine hours earlier', () => {
    expect(localDate(new Date('2026-12-31T15:00:00Z'), 'Asia/Jayapura')).toBe('2027-01-01');
    expect(localDate(new Date('2026-12-31T14:59:59Z'), 'Asia/Jayapura')).toBe('2026-12-31');
  });

  it('given an instant before 1970, when read, then the local fields are still right', () => {
    expect(localDate(new Date('1969-12-31T17:00:00Z'), 'Asia/Jakarta')).toBe('1970-01-01');
    expect(localMinutes(new Date('1969-12-31T16:59:00Z'), 'Asia/Jakarta')).toBe(1439);
  });
});

describe('instant of a local time', () => {
  it('given 08:00 on a date, when placed in each zone, then the instant is offset by 7, 8 and 9 hours', () => {
    expect(atLocal('2026-03-02', '08:00', 'Asia/Jakarta').toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(atLocal('2026-03-02', '08:00', 'Asia/Makassar').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(atLocal('2026-03-02', '08:00', 'Asia/Jayapura').toISOString()).toBe('2026-03-01T23:00:00.000Z');
  });

  it('given 24:00, when placed, then it is the next local midnight', () => {
    expect(atLocal('2026-03-01', '24:00', 'Asia/Jakarta')).toEqual(atLocal('2026-03-02', '00:00', 'Asia/Jakarta'));
  });

  it('given a local time, when read back, then date and minutes round-trip in every zone', () => {
    for (const tz of MALL_TIME_ZONES) {
      const at = atLocal('2028-02-29', '23:59', tz);
      expect(localDate(at, tz)).toBe('2028-02-29');
      expect(localMinutes(at, tz)).toBe(23 * 60 + 59);
    }
  });

  it('given a malformed date or time, when placed, then it is refused as invalid', () => {
    expect(() => atLocal('2026-02-30', '08:00', 'Asia/Jakarta')).toThrow(/calendar date/);
    expect(() => atLocal('2026-03-02', '8:00', 'Asia/Jakarta')).toThrow(AppError);
    expect(() => atLocal('2026-03-02', '24:30', 'Asia/Jakarta')).toThrow(/clock time/);
  });

  it('given an unknown zone or an invalid Date, when read, then it is refused instead of guessed', () => {
    expect(() => localDate(instant, 'Asia/Singapore' as MallTimeZone)).toThrow(/unknown mall time zone/);
    expect(() => localDate(new Date('nope'), 'Asia/Jakarta')).toThrow(/valid instant/);
  });
});

describe('zone table', () => {
  it('given the three zones, then offsets and labels are WIB +7, WITA +8, WIT +9', () => {
    expect(MALL_TIME_ZONES.map((tz) => [TIME_ZONE_LABELS[tz], UTC_OFFSET_MINUTES[tz] / 60])).toEqual([
      ['WIB', 7],
      ['WITA', 8],
      ['WIT', 9],
    ]);
  });

  it('given strings from storage, then only the three IANA names are mall zones', () => {
    expect(isMallTimeZone('Asia/Makassar')).toBe(true);
    expect(isMallTimeZone('WIB')).toBe(false);
    expect(isMallTimeZone('toString')).toBe(false);
  });
});

describe('calendar helpers', () => {
  it('given dates, then only real calendar days are accepted', () => {
    expect(['2028-02-29', '2026-12-31'].every(isCalendarDate)).toBe(true);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '', '2026-04-31'].some(isCalendarDate)).toBe(false);
  });

  it('given clock strings, then 00:00..24:00 parse and the rest do not', () => {
    expect([parseClock('00:00'), parseClock('13:30'), parseClock('24:00')]).toEqual([0, 810, 1440]);
    expect([parseClock('24:01'), parseClock('12:60'), parseClock('7:00'), parseClock('07:00:00')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('given a date, then adding days crosses months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(weekdayIndexOf('2026-08-17')).toBe(1);
  });
});
