import { describe, expect, it } from 'vitest';
import { validateSchedule, validateServiceHours, validateWeeklyHours, type MallTimeZone, type Schedule, type WeeklyHours } from '../src/index.js';
import { MPP_WEEK, mall } from './fixtures.js';

function fields(schedule: Schedule): string[] {
  return validateSchedule(schedule).map((v) => v.field);
}

describe('validateSchedule', () => {
  it('given the typical MPP week with holidays, then there is nothing to report', () => {
    expect(validateSchedule(mall(MPP_WEEK, { specialDays: [{ date: '2026-08-17', name: 'HUT RI', kind: 'holiday' }] }))).toEqual([]);
  });

  it('given a close before its open, then the close of that interval is named', () => {
    expect(validateSchedule(mall({ mon: [{ open: '08:00', close: '12:00' }, { open: '16:00', close: '13:00' }] }))).toEqual([
      { field: 'weekly.mon[1].close', reason: 'must be after open (16:00)' },
    ]);
  });

  it('given an empty interval (open equals close), then it is refused', () => {
    expect(fields(mall({ tue: [{ open: '08:00', close: '08:00' }] }))).toEqual(['weekly.tue[0].close']);
  });

  it('given malformed or out-of-range clock times, then each bad field is named', () => {
    expect(fields(mall({ wed: [{ open: '8:00', close: '12:00' }, { open: '13:00', close: '24:30' }, { open: '24:00', close: '24:00' }] }))).toEqual([
      'weekly.wed[0].open',
      'weekly.wed[1].close',
      'weekly.wed[2].open',
    ]);
  });

  it('given a close at 24:00, then it is accepted as midnight', () => {
    expect(validateSchedule(mall({ sun: [{ open: '00:00', close: '24:00' }] }))).toEqual([]);
  });

  it('given overlapping intervals on Friday, then the later open is named with the earlier close', () => {
    expect(validateSchedule(mall({ fri: [{ open: '08:00', close: '11:30' }, { open: '11:00', close: '16:00' }] }))).toEqual([
      { field: 'weekly.fri[1].open', reason: 'must not be before the previous interval closes (11:30)' },
    ]);
  });

  it('given intervals out of order, then the out-of-order one is named', () => {
    expect(fields(mall({ thu: [{ open: '13:00', close: '16:00' }, { open: '08:00', close: '12:00' }] }))).toEqual(['weekly.thu[1].open']);
  });

  it('given touching intervals, then they are allowed (they read as one span)', () => {
    expect(validateSchedule(mall({ thu: [{ open: '08:00', close: '12:00' }, { open: '12:00', close: '13:00' }] }))).toEqual([]);
  });

  it('given an unknown weekday key, then it is named', () => {
    expect(fields(mall({ mon: [], funday: [] } as WeeklyHours))).toEqual(['weekly.funday']);
  });

  it('given an unknown time zone, then timeZone is named with the allowed values', () => {
    expect(validateSchedule(mall(MPP_WEEK, {}, 'Asia/Singapore' as MallTimeZone))).toEqual([
      { field: 'timeZone', reason: 'unknown time zone Asia/Singapore; expected one of Asia/Jakarta, Asia/Makassar, Asia/Jayapura' },
    ]);
  });

  it('given an impossible special date, then specialDays[i].date is named', () => {
    const specialDays = [
      { date: '2026-01-01', name: 'Tahun Baru', kind: 'holiday' as const },
      { date: '2026-02-17', name: 'Imlek', kind: 'holiday' as const },
      { date: '2026-02-30', name: 'Typo', kind: 'holiday' as const },
    ];
    expect(fields(mall(MPP_WEEK, { specialDays }))).toEqual(['specialDays[2].date']);
  });

  it('given a date listed twice, then the second is named and points at the first', () => {
    const specialDays = [
      { date: '2026-08-17', name: 'HUT RI', kind: 'holiday' as const },
      { date: '2026-08-18', name: 'Cuti', kind: 'special' as const },
      { date: '2026-08-17', name: 'HUT RI lagi', kind: 'holiday' as const },
    ];
    expect(validateSchedule(mall(MPP_WEEK, { specialDays }))).toEqual([
      { field: 'specialDays[2].date', reason: '2026-08-17 is already listed at specialDays[0]' },
    ]);
  });

  it('given a special day with bad hours, a holiday with hours, an empty name and an unknown kind, then each path is exact', () => {
    const specialDays = [
      { date: '2026-03-20', name: 'Jam pendek', kind: 'special' as const, hours: [{ open: '10:00', close: '09:00' }] },
      { date: '2026-03-21', name: 'Idul Fitri', kind: 'holiday' as const, hours: [{ open: '08:00', close: '10:00' }] },
      { date: '2026-03-23', name: ' ', kind: 'special' as const },
      { date: '2026-03-24', name: 'Cuti', kind: 'leave' as unknown as 'special' },
    ];
    expect(fields(mall(MPP_WEEK, { specialDays }))).toEqual(['specialDays[0].hours[0].close', 'specialDays[1].hours', 'specialDays[2].name', 'specialDays[3].kind']);
  });
});

describe('validateWeeklyHours and validateServiceHours', () => {
  it('given a prefix, then paths start with it', () => {
    expect(validateWeeklyHours({ sat: [{ open: '12:00', close: '11:00' }] }, 'serviceHours').map((v) => v.field)).toEqual(['serviceHours.sat[0].close']);
  });

  it('given service hours inside the mall hours (even across a touching pair), then nothing is reported', () => {
    const mallWeek: WeeklyHours = { mon: [{ open: '08:00', close: '12:00' }, { open: '12:00', close: '16:00' }] };
    expect(validateServiceHours({ mon: [{ open: '10:00', close: '14:00' }] }, mallWeek, 'serviceHours')).toEqual([]);
  });

  it('given service hours over the lunch break or on a closed day, then each interval is named', () => {
    expect(validateServiceHours({ mon: [{ open: '09:00', close: '11:00' }, { open: '11:30', close: '13:30' }], sun: [{ open: '08:00', close: '10:00' }] }, MPP_WEEK, 'serviceHours')).toEqual([
      { field: 'serviceHours.sun[0]', reason: 'reaches outside the mall hours of sun (closed)' },
      { field: 'serviceHours.mon[1]', reason: 'reaches outside the mall hours of mon (08:00-12:00, 13:00-16:00)' },
    ]);
  });
});
