import { describe, expect, it } from 'vitest';
import { AppError } from '@mpp/errors';
import { atLocal, isOpen, mergeSpecialDays, nationalHolidays, nextOpening, type Schedule } from '../src/index.js';
import { MPP_WEEK, WEEKDAYS_ONLY, mall, wib } from './fixtures.js';

const week = mall();

describe('isOpen on an ordinary Monday (2026-03-02)', () => {
  it('given 07:59, then closed before opening, opening at 08:00', () => {
    expect(isOpen(week, wib('2026-03-02', '07:59'))).toEqual({ open: false, reason: 'before-opening', opensAt: wib('2026-03-02', '08:00') });
  });

  it('given exactly 08:00, then open until the lunch break at 12:00', () => {
    expect(isOpen(week, wib('2026-03-02', '08:00'))).toEqual({ open: true, closesAt: wib('2026-03-02', '12:00') });
  });

  it('given 11:59:59, then still open', () => {
    expect(isOpen(week, new Date(wib('2026-03-02', '12:00').getTime() - 1000)).open).toBe(true);
  });

  it('given exactly 12:00, then on break, back at 13:00', () => {
    expect(isOpen(week, wib('2026-03-02', '12:00'))).toEqual({ open: false, reason: 'break', opensAt: wib('2026-03-02', '13:00') });
  });

  it('given 16:00, then after closing, opening Tuesday 08:00', () => {
    expect(isOpen(week, wib('2026-03-02', '16:00'))).toEqual({ open: false, reason: 'after-closing', opensAt: wib('2026-03-03', '08:00') });
  });

  it('given 23:59 in WIB is already Tuesday 01:59 in WIT, then the same week in WIT is before opening', () => {
    const at = wib('2026-03-02', '23:59');
    expect(isOpen(mall(MPP_WEEK, {}, 'Asia/Jayapura'), at)).toEqual({
      open: false,
      reason: 'before-opening',
      opensAt: atLocal('2026-03-03', '08:00', 'Asia/Jayapura'),
    });
  });
});

describe('isOpen on a Friday (2026-03-06) with the long midday break', () => {
  it('given 11:29, then open until 11:30', () => {
    expect(isOpen(week, wib('2026-03-06', '11:29'))).toEqual({ open: true, closesAt: wib('2026-03-06', '11:30') });
  });

  it('given 12:15 (Friday prayer), then on break until 13:30', () => {
    expect(isOpen(week, wib('2026-03-06', '12:15'))).toEqual({ open: false, reason: 'break', opensAt: wib('2026-03-06', '13:30') });
  });

  it('given 13:30, then open until 16:00', () => {
    expect(isOpen(week, wib('2026-03-06', '13:30'))).toEqual({ open: true, closesAt: wib('2026-03-06', '16:00') });
  });

  it('given 16:30, then after closing and opening Saturday 08:00', () => {
    expect(isOpen(week, wib('2026-03-06', '16:30'))).toEqual({ open: false, reason: 'after-closing', opensAt: wib('2026-03-07', '08:00') });
  });
});

describe('isOpen on days without hours', () => {
  it('given a Sunday, then closed today, opening Monday 08:00', () => {
    expect(isOpen(week, wib('2026-03-08', '10:00'))).toEqual({ open: false, reason: 'closed-today', opensAt: wib('2026-03-09', '08:00') });
  });

  it('given Saturday afternoon, then after closing and the Sunday is skipped', () => {
    expect(isOpen(week, wib('2026-03-07', '12:00'))).toEqual({ open: false, reason: 'after-closing', opensAt: wib('2026-03-09', '08:00') });
  });

  it('given a mall that is never open, then closed without opensAt', () => {
    expect(isOpen(mall({}), wib('2026-03-02', '10:00'))).toEqual({ open: false, reason: 'closed-today' });
    expect(nextOpening(mall({}), wib('2026-03-02', '10:00'))).toBeUndefined();
  });
});

describe('isOpen on holidays and special days', () => {
  const withHolidays = mall(MPP_WEEK, { specialDays: nationalHolidays(2026) });

  it('given Hari Kemerdekaan (a Monday) from the 2026 list, then closed with its name, opening Tuesday', () => {
    expect(isOpen(withHolidays, wib('2026-08-17', '09:00'))).toEqual({
      open: false,
      reason: 'holiday',
      detail: 'Proklamasi Kemerdekaan Republik Indonesia',
      opensAt: wib('2026-08-18', '08:00'),
    });
  });

  it('given Nyepi on a Thursday, then Friday opens at 08:00', () => {
    const state = isOpen(withHolidays, wib('2026-03-19', '08:30'));
    expect(state).toMatchObject({ open: false, reason: 'holiday', detail: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', opensAt: wib('2026-03-20', '08:00') });
  });

  it('given a weekdays-only mall on Friday evening before Waisak (Sunday) and Pancasila (Monday), then it opens Tuesday', () => {
    const schedule = mall(WEEKDAYS_ONLY, { specialDays: nationalHolidays(2026) });
    expect(isOpen(schedule, wib('2026-05-29', '16:30'))).toEqual({ open: false, reason: 'after-closing', opensAt: wib('2026-06-02', '08:00') });
  });

  it('given Thursday evening before Good Friday, then the holiday is skipped to Saturday 08:00', () => {
    expect(nextOpening(withHolidays, wib('2026-04-02', '17:00'))).toEqual(wib('2026-04-04', '08:00'));
  });

  it('given a special day with shorter hours, then those hours replace the weekday and the name explains them', () => {
    const schedule = mall(MPP_WEEK, { specialDays: [{ date: '2026-03-20', name: 'Cuti bersama Idul Fitri: layanan terbatas', kind: 'special', hours: [{ open: '09:00', close: '11:00' }] }] });
    expect(isOpen(schedule, wib('2026-03-20', '08:30'))).toEqual({
      open: false,
      reason: 'before-opening',
      detail: 'Cuti bersama Idul Fitri: layanan terbatas',
      opensAt: wib('2026-03-20', '09:00'),
    });
    expect(isOpen(schedule, wib('2026-03-20', '10:00'))).toEqual({ open: true, closesAt: wib('2026-03-20', '11:00') });
    expect(isOpen(schedule, wib('2026-03-20', '14:00'))).toMatchObject({ open: false, reason: 'after-closing', opensAt: wib('2026-03-21', '08:00') });
  });

  it('given a special day without hours, then closed all day as special-day', () => {
    const schedule = mall(MPP_WEEK, { specialDays: [{ date: '2026-03-04', name: 'Pemeliharaan sistem', kind: 'special' }] });
    expect(isOpen(schedule, wib('2026-03-04', '10:00'))).toEqual({ open: false, reason: 'special-day', detail: 'Pemeliharaan sistem', opensAt: wib('2026-03-05', '08:00') });
  });

  it('given a special day that opens a Sunday, then the Sunday is open', () => {
    const schedule = mall(MPP_WEEK, { specialDays: [{ date: '2026-03-08', name: 'MPP Goes to Car Free Day', kind: 'special', hours: [{ open: '06:00', close: '10:00' }] }] });
    expect(nextOpening(schedule, wib('2026-03-07', '13:00'))).toEqual(wib('2026-03-08', '06:00'));
  });

  it("given a mall's own entry over a national holiday, when merged, then the mall's entry wins", () => {
    const specialDays = mergeSpecialDays(nationalHolidays(2026), [{ date: '2026-08-17', name: 'Layanan HUT RI', kind: 'special', hours: [{ open: '10:00', close: '14:00' }] }]);
    expect(isOpen(mall(MPP_WEEK, { specialDays }), wib('2026-08-17', '11:00'))).toEqual({ open: true, closesAt: wib('2026-08-17', '14:00') });
    expect(specialDays.filter((d) => d.date === '2026-08-17')).toHaveLength(1);
  });
});

describe('nextOpening', () => {
  it('given a time during the morning session, then it is the afternoon reopening', () => {
    expect(nextOpening(week, wib('2026-03-02', '09:00'))).toEqual(wib('2026-03-02', '13:00'));
  });

  it('given exactly an opening instant, then it is the next one, strictly later', () => {
    expect(nextOpening(week, wib('2026-03-02', '13:00'))).toEqual(wib('2026-03-03', '08:00'));
  });

  it('given the only opening 366 local days ahead, then it is found; 367 days ahead, then there is none', () => {
    const once: Schedule = mall({}, { specialDays: [{ date: '2027-03-02', name: 'Buka sekali', kind: 'special', hours: [{ open: '08:00', close: '09:00' }] }] });
    expect(nextOpening(once, wib('2026-03-01', '10:00'))).toEqual(wib('2027-03-02', '08:00'));
    expect(isOpen(once, wib('2026-02-28', '10:00'))).toEqual({ open: false, reason: 'closed-today' });
  });
});

describe('continuity across touching spans and midnight', () => {
  it('given touching spans 08-12 and 12-16, then 10:00 closes at 16:00 and 12:00 is not an opening', () => {
    const schedule = mall({ mon: [{ open: '08:00', close: '12:00' }, { open: '12:00', close: '16:00' }] });
    expect(isOpen(schedule, wib('2026-03-02', '10:00'))).toEqual({ open: true, closesAt: wib('2026-03-02', '16:00') });
    expect(nextOpening(schedule, wib('2026-03-02', '10:00'))).toEqual(wib('2026-03-09', '08:00'));
  });

  it('given a Friday open until 24:00 and a Saturday from 00:00, then Friday evening closes Saturday 02:00', () => {
    const schedule = mall({ fri: [{ open: '18:00', close: '24:00' }], sat: [{ open: '00:00', close: '02:00' }] });
    expect(isOpen(schedule, wib('2026-03-06', '23:00'))).toEqual({ open: true, closesAt: wib('2026-03-07', '02:00') });
    expect(nextOpening(schedule, wib('2026-03-06', '19:00'))).toEqual(wib('2026-03-13', '18:00'));
  });

  it('given a mall open around the clock, then it stays open and never "opens"', () => {
    const day = [{ open: '00:00', close: '24:00' }];
    const schedule = mall({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day });
    expect(isOpen(schedule, wib('2026-03-02', '03:00')).open).toBe(true);
    expect(nextOpening(schedule, wib('2026-03-02', '03:00'))).toBeUndefined();
  });
});

describe('invalid input', () => {
  it('given an invalid schedule, then isOpen refuses it with the violations', () => {
    const bad = mall({ mon: [{ open: '12:00', close: '08:00' }] });
    try {
      isOpen(bad, wib('2026-03-02', '09:00'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).violations.map((v) => v.field)).toEqual(['weekly.mon[0].close']);
    }
  });
});
