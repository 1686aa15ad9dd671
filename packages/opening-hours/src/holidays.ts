import { AppError } from '@mpp/errors';
import { HOLIDAYS_2026 } from './holidays/2026.js';
import type { SpecialDay } from './hours.js';

/** One year of bundled national holidays and where they come from. */
export interface HolidayYear {
  readonly year: number;
  /** The decree the dates follow; an operator checks it before loading. */
  readonly source: string;
  readonly days: readonly { readonly date: string; readonly name: string }[];
}

// Data lives in .ts modules rather than JSON: tsc type-checks it and emits it to dist like any module, no import attributes needed.
const YEARS: ReadonlyMap<number, HolidayYear> = new Map([HOLIDAYS_2026].map((y) => [y.year, y]));

/**
 * The years with bundled national holidays, ascending.
 *
 * @example
 * holidayYears(); // [2026]
 */
export function holidayYears(): number[] {
  return [...YEARS.keys()].sort((a, b) => a - b);
}

/**
 * Indonesia's national holidays (hari libur nasional) of a year, as closed special days ready
 * for a schedule's `specialDays`. Throws an `invalid` AppError naming the bundled years when
 * the year has no data.
 *
 * @example
 * nationalHolidays(2026).find((d) => d.date === '2026-08-17');
 * // { date: '2026-08-17', name: 'Proklamasi Kemerdekaan Republik Indonesia', kind: 'holiday' }
 */
export function nationalHolidays(year: number): SpecialDay[] {
  return holidayYear(year).days.map((d) => ({ date: d.date, name: d.name, kind: 'holiday' }));
}

/**
 * The bundled data of a year with its source, for showing the operator what to verify.
 *
 * @example
 * holidayYear(2026).source; // 'SKB 3 Menteri 2026 (check)'
 */
export function holidayYear(year: number): HolidayYear {
  const found = YEARS.get(year);
  if (found === undefined) {
    throw new AppError('invalid', `no national holidays bundled for ${String(year)}; available years: ${holidayYears().join(', ')}`);
  }
  return found;
}

/**
 * Special-day lists combined by date, a later list winning: a mall's own entry (open on a
 * holiday, or shorter hours) replaces the national one instead of tripping the duplicate check.
 *
 * @example
 * mergeSpecialDays(nationalHolidays(2026), [{ date: '2026-08-17', name: 'Layanan HUT RI', kind: 'special', hours: [{ open: '10:00', close: '14:00' }] }]);
 */
export function mergeSpecialDays(...lists: readonly (readonly SpecialDay[])[]): SpecialDay[] {
  const byDate = new Map<string, SpecialDay>();
  for (const list of lists) for (const day of list) byDate.set(day.date, day);
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
