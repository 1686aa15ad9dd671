import { AppError } from '@mpp/errors';
import { parsePeriod, type Period } from '@mpp/ikm';
import { isCalendarDate } from '@mpp/opening-hours';

const HELP = 'period must be a date 2026-11-27, a month 2026-11, 2026-Q4, 2026-S2, 2026 or 2026-01-01..2026-03-31';

/** A report's period: one local date, or any period the IKM rules know. */
export function reportPeriod(label: string, options: { allowDay: boolean } = { allowDay: true }): Period {
  const period = options.allowDay && isCalendarDate(label) ? { ...parsePeriod(`${label}..${label}`)!, label } : parsePeriod(label);
  if (!period) throw new AppError('invalid', options.allowDay ? HELP : HELP.replace('a date 2026-11-27, ', ''), { violations: [{ field: 'period', reason: 'is not a period' }] });
  return period;
}
