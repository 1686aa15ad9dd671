import { describe, expect, it } from 'vitest';
import { AppError } from '@mpp/errors';
import { holidayYear, holidayYears, mergeSpecialDays, nationalHolidays, validateSchedule, weekdayIndexOf } from '../src/index.js';

describe('nationalHolidays', () => {
  it('given 2026, then the fixed-date holidays are there with their Indonesian names', () => {
    const byDate = new Map(nationalHolidays(2026).map((d) => [d.date, d.name]));
    expect(byDate.get('2026-01-01')).toMatch(/Tahun Baru/);
    expect(byDate.get('2026-05-01')).toMatch(/Hari Buruh/);
    expect(byDate.get('2026-06-01')).toBe('Hari Lahir Pancasila');
    expect(byDate.get('2026-08-17')).toMatch(/Kemerdekaan/);
    expect(byDate.get('2026-12-25')).toMatch(/Natal/);
  });

  it('given 2026, then Idul Fitri has two days and every entry is a closed holiday', () => {
    const days = nationalHolidays(2026);
    expect(days.filter((d) => d.name.includes('Idul Fitri')).map((d) => d.date)).toEqual(['2026-03-21', '2026-03-22']);
    expect(days.every((d) => d.kind === 'holiday' && d.hours === undefined)).toBe(true);
  });

  it('given 2026, then the list is valid, sorted, unique, within the year and 17 days long', () => {
    const days = nationalHolidays(2026);
    expect(validateSchedule({ timeZone: 'Asia/Jakarta', weekly: {}, specialDays: days })).toEqual([]);
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    expect(days.every((d) => d.date.startsWith('2026-'))).toBe(true);
    expect(days).toHaveLength(17);
  });

  it('given the weekdays printed in the announcement, then the dates fall on them (a typo check)', () => {
    const printed: Record<string, number> = { '2026-01-16': 5, '2026-02-17': 2, '2026-03-19': 4, '2026-04-03': 5, '2026-05-14': 4, '2026-05-27': 3, '2026-05-31': 0, '2026-06-16': 2, '2026-08-25': 2 };
    for (const [date, weekday] of Object.entries(printed)) expect([date, weekdayIndexOf(date)]).toEqual([date, weekday]);
  });

  it('given the data, then its source asks an operator to check it', () => {
    expect(holidayYear(2026).source).toBe('SKB 3 Menteri 2026 (check)');
    expect(holidayYears()).toContain(2026);
  });

  it('given a year without data, then an invalid AppError names the years available', () => {
    expect(() => nationalHolidays(2031)).toThrow(AppError);
    expect(() => nationalHolidays(2031)).toThrow('no national holidays bundled for 2031; available years: 2026');
  });

  it('given the result is changed by a caller, then the bundled data is not', () => {
    nationalHolidays(2026).pop();
    expect(nationalHolidays(2026)).toHaveLength(17);
  });
});

describe('mergeSpecialDays', () => {
  it('given overlapping lists, then one entry per date, the later list winning, sorted by date', () => {
    const merged = mergeSpecialDays(
      [{ date: '2026-08-17', name: 'HUT RI', kind: 'holiday' }, { date: '2026-01-01', name: 'Tahun Baru', kind: 'holiday' }],
      [{ date: '2026-08-17', name: 'Buka terbatas', kind: 'special', hours: [{ open: '10:00', close: '12:00' }] }],
    );
    expect(merged.map((d) => [d.date, d.name])).toEqual([
      ['2026-01-01', 'Tahun Baru'],
      ['2026-08-17', 'Buka terbatas'],
    ]);
  });
});
