import { AppError } from '@mpp/errors';
import { weekdayIndexOf } from './calendar.js';
import { mallPlanner, type DayPlanner } from './day-plan.js';
import { evaluate } from './evaluate.js';
import { WEEKDAYS, validateWeeklyHours, type Schedule, type Weekday, type WeeklyHours } from './hours.js';
import type { ClosedReason } from './is-open.js';
import { intersectRuns, runsOf, type Run } from './runs.js';

/** The mall's reasons plus the service's own: retired from the catalog, or its gerai (service booth) switched off. */
export type ServiceClosedReason = ClosedReason | 'retired' | 'booth-inactive';

export type ServiceOpenState =
  | { readonly open: true; readonly closesAt: Date }
  | {
      readonly open: false;
      readonly reason: ServiceClosedReason;
      /** The holiday's or special day's name, or why the gerai is inactive. */
      readonly detail?: string;
      /** The first instant both the mall and the service are open, within 366 days. */
      readonly opensAt?: Date;
    };

export interface ServiceOpenInput {
  readonly mall: Schedule;
  /** The service's own hours, inside the mall's; absent means the mall's hours. */
  readonly serviceHours?: WeeklyHours;
  readonly retired?: boolean;
  /** Whether the gerai (the agency's booth in the mall) serving it takes tickets; absent means yes. */
  readonly boothActive?: boolean;
  readonly boothInactiveReason?: string;
}

/**
 * Whether a service (jenis layanan) takes tickets at `at`. A retired service or an inactive gerai
 * wins over any hours. Otherwise the service is open when both the mall and its own weekly hours
 * are open: on a mall special day with hours the two are intersected, and a mall holiday or a
 * closed special day closes the service with the mall's reason.
 *
 * @example
 * isServiceOpen({ mall: schedule, serviceHours: { mon: [{ open: '09:00', close: '11:00' }] } }, new Date('2026-03-02T01:30:00Z'));
 * // { open: false, reason: 'before-opening', opensAt: 2026-03-02T02:00:00Z } (08:30 WIB; service opens 09:00)
 */
export function isServiceOpen(input: ServiceOpenInput, at: Date): ServiceOpenState {
  if (input.retired === true) return { open: false, reason: 'retired' };
  if (input.boothActive === false) {
    // No opensAt: a gerai comes back when an officer switches it on, which no schedule can tell.
    return { open: false, reason: 'booth-inactive', ...(input.boothInactiveReason ? { detail: input.boothInactiveReason } : {}) };
  }
  return evaluate(servicePlanner(input.mall, input.serviceHours), input.mall.timeZone, at);
}

function servicePlanner(mall: Schedule, serviceHours: WeeklyHours | undefined): DayPlanner {
  const mallDay = mallPlanner(mall);
  if (serviceHours === undefined) return mallDay;
  const violations = validateWeeklyHours(serviceHours, 'serviceHours');
  if (violations.length > 0) {
    const first = violations[0]!;
    throw new AppError('invalid', `service hours are invalid: ${first.field} ${first.reason}`, { violations });
  }
  const own = new Map<Weekday, Run[]>(WEEKDAYS.map((day) => [day, runsOf(serviceHours[day] ?? [])]));
  return (date) => {
    const day = mallDay(date);
    if (day.runs.length === 0) return day;
    const runs = intersectRuns(day.runs, own.get(WEEKDAYS[weekdayIndexOf(date)]!) ?? []);
    if (runs.length > 0) return { ...day, runs };
    // The mall is open but this service is not served today; a special day's name still explains shortened hours.
    return day.detail !== undefined ? { runs, closedReason: 'special-day', detail: day.detail } : { runs, closedReason: 'closed-today' };
  };
}
