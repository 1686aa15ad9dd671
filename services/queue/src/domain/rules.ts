import { CallRule, MembershipStatus, OrderingStep as CatalogStep, ServiceStatus, type Booth, type Mall, type QueuePolicy, type Service } from '@mpp/contracts';
import { addDays, atLocal, isServiceOpen, localDate, scheduleFromContract, weeklyFromContract, type MallTimeZone } from '@mpp/opening-hours';
import type { Closed } from './day/day.js';
import { STANDARD_ORDER, type OrderingPolicy, type OrderingStep } from './day/fairness.js';

/** What the catalog says about a service, as the queue's replica holds it. */
export interface ServiceFacts {
  readonly mall: Mall;
  readonly service: Service;
  readonly booths: readonly Booth[];
  readonly agencyStatus: MembershipStatus | undefined;
  readonly queueActive: boolean;
  readonly policy: QueuePolicy | undefined;
}

/**
 * Why a service takes no ticket at `at`, or undefined when it does — the shared opening-hours
 * rule plus the catalog's statuses, with a reason a kiosk can show.
 */
export function closedReason(f: ServiceFacts, at: Date): Closed | undefined {
  if (f.service.status === ServiceStatus.ACTIVE && f.agencyStatus !== MembershipStatus.ACTIVE) return { reason: 'agency-inactive', detail: f.service.agencyCode };
  if (!f.queueActive) return { reason: 'queue-inactive', detail: f.service.queueId };
  const inactive = f.booths.length > 0 && f.booths.every((b) => !b.active) ? f.booths[0] : undefined;
  const state = isServiceOpen(
    {
      mall: scheduleFromContract(f.mall),
      ...(f.service.hours.length > 0 ? { serviceHours: weeklyFromContract(f.service.hours) } : {}),
      retired: f.service.status === ServiceStatus.RETIRED,
      boothActive: inactive === undefined,
      ...(inactive ? { boothInactiveReason: inactive.inactiveReason } : {}),
    },
    at,
  );
  return state.open ? undefined : { reason: state.reason, detail: state.detail ?? '' };
}

/** The mall's local day at `at`: tickets are numbered per local day. */
export const dayOf = (mall: Mall, at: Date) => localDate(at, mall.timeZone as MallTimeZone);

/** When a queue's local day `date` ends: the mall's next local midnight (the day-close timer's due time). */
export const dayEndsAt = (date: string, timeZone: string) => atLocal(addDays(date, 1), '00:00', timeZone as MallTimeZone);

/** The mall's queue policy as ordering reads it (no policy: first in line, no priority). */
const STEP: Partial<Record<CatalogStep, OrderingStep>> = { [CatalogStep.BOOKING_DUE]: CallRule.BOOKING_DUE, [CatalogStep.PRIORITY]: CallRule.PRIORITY, [CatalogStep.FIRST_IN_LINE]: CallRule.FIFO };

export function orderingPolicy(policy: QueuePolicy | undefined): OrderingPolicy {
  const order = (policy?.callOrder ?? []).map((s) => STEP[s]).filter((s): s is OrderingStep => s !== undefined);
  return { weights: new Map((policy?.priorityGroups ?? []).map((g) => [g.code, g.weight])), interleaveRatio: policy?.interleaveRatio ?? 0, order: order.length > 0 ? order : STANDARD_ORDER };
}

/** The groups a ticket for this service may claim: the mall's, narrowed to those the service honours. */
export function priorityGroupsFor(f: ServiceFacts): string[] {
  const mall = (f.policy?.priorityGroups ?? []).map((g) => g.code);
  return f.service.priorityGroups.length > 0 ? mall.filter((g) => f.service.priorityGroups.includes(g)) : mall;
}
