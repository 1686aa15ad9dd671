import { MembershipStatus, ServiceStatus, type Booth, type Mall, type Service } from '@mpp/contracts';
import { isServiceOpen } from '@mpp/opening-hours';
import { scheduleOf, weeklyHours } from '../domain/hours.js';

export interface OpenAnswer {
  readonly open: boolean;
  readonly reason: string;
  readonly detail: string;
  readonly opensAt: Date | undefined;
  readonly closesAt: Date | undefined;
}

/**
 * Whether a service takes tickets at `at`, and why not: its agency must be active in the mall,
 * the service not retired, one of its booths active, and the mall and the service's own hours open.
 */
export function checkOpen(input: { mall: Mall; service: Service; booths: readonly Booth[]; agencyStatus: MembershipStatus | undefined }, at: Date): OpenAnswer {
  const { mall, service, booths } = input;
  if (service.status === ServiceStatus.ACTIVE && input.agencyStatus !== MembershipStatus.ACTIVE) {
    return { open: false, reason: 'agency-inactive', detail: service.agencyCode, opensAt: undefined, closesAt: undefined };
  }
  // A service at no booth (digital, mobile) is not held back by booths.
  const inactive = booths.length > 0 && booths.every((b) => !b.active) ? booths[0] : undefined;
  const state = isServiceOpen(
    {
      mall: scheduleOf(mall),
      ...(service.hours.length > 0 ? { serviceHours: weeklyHours(service.hours) } : {}),
      retired: service.status === ServiceStatus.RETIRED,
      boothActive: inactive === undefined,
      ...(inactive ? { boothInactiveReason: inactive.inactiveReason } : {}),
    },
    at,
  );
  if (state.open) return { open: true, reason: '', detail: '', opensAt: undefined, closesAt: state.closesAt };
  return { open: false, reason: state.reason, detail: state.detail ?? '', opensAt: state.opensAt, closesAt: undefined };
}
