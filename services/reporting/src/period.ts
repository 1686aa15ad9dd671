import { AppError } from '@mpp/errors';
import { parsePeriod, type Period } from '@mpp/ikm';
import { isCalendarDate } from '@mpp/opening-hours';

const HELP = 'period must be a date 2026-11-27, a month 2026-11, 2026-Q4, 2026-S2, 2026 or 2026-01-01..2026-03-31';

/** The longest period a report covers: a year (a range may not be longer). */
const MAX_DAYS = 366;
const days = (p: Period) => (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000 + 1;

/** A report's period: one local date, or any period the IKM rules know, of at most a year. */
export function reportPeriod(label: string, options: { allowDay: boolean } = { allowDay: true }): Period {
  const period = options.allowDay && isCalendarDate(label) ? { ...parsePeriod(`${label}..${label}`)!, label } : parsePeriod(label);
  if (!period) throw new AppError('invalid', options.allowDay ? HELP : HELP.replace('a date 2026-11-27, ', ''), { violations: [{ field: 'period', reason: 'is not a period' }] });
  if (days(period) > MAX_DAYS) throw new AppError('invalid', `a report covers at most ${MAX_DAYS} days; ask for a year or a shorter range`, { violations: [{ field: 'period', reason: `is longer than ${MAX_DAYS} days` }] });
  return period;
}
