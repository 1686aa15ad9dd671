import { describe, expect, it } from 'vitest';
import { isServiceOpen, nationalHolidays, type ServiceOpenInput, type WeeklyHours } from '../src/index.js';
import { MPP_WEEK, mall, wib } from './fixtures.js';

/** A passport-photo service (layanan foto paspor) that runs only mid-morning and mid-afternoon, no Saturdays. */
const PASSPORT: WeeklyHours = {
  mon: [{ open: '09:00', close: '11:00' }, { open: '13:00', close: '15:00' }],
  tue: [{ open: '09:00', close: '11:00' }, { open: '13:00', close: '15:00' }],
  wed: [{ open: '09:00', close: '11:00' }, { open: '13:00', close: '15:00' }],
  thu: [{ open: '09:00', close: '11:00' }, { open: '13:00', close: '15:00' }],
  fri: [{ open: '09:00', close: '14:00' }],
};

function service(extra: Partial<ServiceOpenInput> = {}): ServiceOpenInput {
  return { mall: mall(MPP_WEEK, { specialDays: nationalHolidays(2026) }), serviceHours: PASSPORT, ...extra };
}

describe('isServiceOpen with its own narrower hours', () => {
  it('given the mall open at 08:30 but the service from 09:00, then before opening, opening 09:00', () => {
    expect(isServiceOpen(service(), wib('2026-03-02', '08:30'))).toEqual({ open: false, reason: 'before-opening', opensAt: wib('2026-03-02', '09:00') });
  });

  it('given 10:00 on Monday, then open until the service closes at 11:00, before the mall does', () => {
    expect(isServiceOpen(service(), wib('2026-03-02', '10:00'))).toEqual({ open: true, closesAt: wib('2026-03-02', '11:00') });
  });

  it('given 11:30 on Monday, then on a break until 13:00 (mall and service both open again)', () => {
    expect(isServiceOpen(service(), wib('2026-03-02', '11:30'))).toEqual({ open: false, reason: 'break', opensAt: wib('2026-03-02', '13:00') });
  });

  it('given Friday 10:00, then the mall closing at 11:30 ends the session first', () => {
    expect(isServiceOpen(service(), wib('2026-03-06', '10:00'))).toEqual({ open: true, closesAt: wib('2026-03-06', '11:30') });
  });

  it('given Friday 12:00, then open again at 13:30 when the mall reopens, until the service closes at 14:00', () => {
    expect(isServiceOpen(service(), wib('2026-03-06', '12:00'))).toEqual({ open: false, reason: 'break', opensAt: wib('2026-03-06', '13:30') });
    expect(isServiceOpen(service(), wib('2026-03-06', '13:45'))).toEqual({ open: true, closesAt: wib('2026-03-06', '14:00') });
  });

  it('given Saturday with the mall open but no service hours, then closed today, opening Monday 09:00', () => {
    expect(isServiceOpen(service(), wib('2026-03-07', '09:00'))).toEqual({ open: false, reason: 'closed-today', opensAt: wib('2026-03-09', '09:00') });
  });

  it('given no service hours at all, then the mall hours apply', () => {
    expect(isServiceOpen(service({ serviceHours: undefined }), wib('2026-03-07', '09:00'))).toEqual({ open: true, closesAt: wib('2026-03-07', '12:00') });
  });
});

describe('isServiceOpen and the mall calendar', () => {
  it('given a national holiday, then the mall reason and name win over the service hours', () => {
    expect(isServiceOpen(service(), wib('2026-08-17', '10:00'))).toEqual({
      open: false,
      reason: 'holiday',
      detail: 'Proklamasi Kemerdekaan Republik Indonesia',
      opensAt: wib('2026-08-18', '09:00'),
    });
  });

  it('given a mall special day 08:00-10:00, then the service serves only the overlap 09:00-10:00', () => {
    const input = service({ mall: mall(MPP_WEEK, { specialDays: [{ date: '2026-03-04', name: 'Rapat kerja', kind: 'special', hours: [{ open: '08:00', close: '10:00' }] }] }) });
    expect(isServiceOpen(input, wib('2026-03-04', '09:30'))).toEqual({ open: true, closesAt: wib('2026-03-04', '10:00') });
    expect(isServiceOpen(input, wib('2026-03-04', '10:30'))).toEqual({ open: false, reason: 'after-closing', detail: 'Rapat kerja', opensAt: wib('2026-03-05', '09:00') });
  });

  it('given a mall special day whose hours miss the service entirely, then closed as special-day with its name', () => {
    const input = service({ mall: mall(MPP_WEEK, { specialDays: [{ date: '2026-03-04', name: 'Layanan pagi saja', kind: 'special', hours: [{ open: '07:00', close: '08:30' }] }] }) });
    expect(isServiceOpen(input, wib('2026-03-04', '07:30'))).toEqual({ open: false, reason: 'special-day', detail: 'Layanan pagi saja', opensAt: wib('2026-03-05', '09:00') });
  });

  it('given a weekend then a holiday, then opensAt skips both (Saturday, Sunday, Monday Pancasila → Tuesday)', () => {
    expect(isServiceOpen(service(), wib('2026-05-29', '15:00'))).toEqual({ open: false, reason: 'after-closing', opensAt: wib('2026-06-02', '09:00') });
  });
});

describe('isServiceOpen for retired services and inactive booths', () => {
  it('given a retired service, then closed as retired with no opensAt, even during hours', () => {
    expect(isServiceOpen(service({ retired: true }), wib('2026-03-02', '10:00'))).toEqual({ open: false, reason: 'retired' });
  });

  it('given retired and an inactive booth, then retired is reported first', () => {
    expect(isServiceOpen(service({ retired: true, boothActive: false }), wib('2026-03-02', '10:00'))).toEqual({ open: false, reason: 'retired' });
  });

  it('given an inactive gerai with a reason, then closed as booth-inactive with that reason and no opensAt', () => {
    expect(isServiceOpen(service({ boothActive: false, boothInactiveReason: 'Petugas sedang dinas luar' }), wib('2026-03-02', '10:00'))).toEqual({
      open: false,
      reason: 'booth-inactive',
      detail: 'Petugas sedang dinas luar',
    });
  });

  it('given an inactive gerai without a reason, then no detail', () => {
    expect(isServiceOpen(service({ boothActive: false }), wib('2026-08-17', '10:00'))).toEqual({ open: false, reason: 'booth-inactive' });
  });

  it('given an active booth and a non-retired service, then the hours decide', () => {
    expect(isServiceOpen(service({ retired: false, boothActive: true }), wib('2026-03-02', '10:00')).open).toBe(true);
  });

  it('given malformed service hours, then they are refused with serviceHours paths', () => {
    expect(() => isServiceOpen(service({ serviceHours: { mon: [{ open: '11:00', close: '09:00' }] } }), wib('2026-03-02', '10:00'))).toThrow(/serviceHours\.mon\[0\]\.close/);
  });
});
