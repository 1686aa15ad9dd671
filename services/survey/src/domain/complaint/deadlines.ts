import { ComplaintKind } from '@mpp/contracts';

const DAY_MS = 86_400_000;

/**
 * SP4N-LAPOR! deadlines (DOMAIN.md "Complaints", check), in calendar days from receipt: a first
 * response within 3; resolution within 5 for information requests and complaints, 14 for
 * disputes, 60 for a dispute that needs a field check. Kept here, in one place.
 */
export const DEADLINE_DAYS = {
  firstResponse: 3,
  resolution: { [ComplaintKind.INFORMATION_REQUEST]: 5, [ComplaintKind.COMPLAINT]: 5, [ComplaintKind.DISPUTE]: 14 } as Record<number, number>,
  disputeWithFieldCheck: 60,
} as const;

export function deadlines(kind: ComplaintKind, needsFieldCheck: boolean, receivedAt: Date): { respondBy: Date; resolveBy: Date } {
  const days = kind === ComplaintKind.DISPUTE && needsFieldCheck ? DEADLINE_DAYS.disputeWithFieldCheck : (DEADLINE_DAYS.resolution[kind] ?? 5);
  return { respondBy: new Date(receivedAt.getTime() + DEADLINE_DAYS.firstResponse * DAY_MS), resolveBy: new Date(receivedAt.getTime() + days * DAY_MS) };
}
