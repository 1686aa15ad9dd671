import { Role, type Actor } from '@mpp/contracts';
import { AppError } from '@mpp/errors';

/**
 * Staff who may read a unit's reports: auditors and the platform anywhere, the mall-admin in its
 * mall, an agency's staff (agency-admin, officer) for their own agency. `agencyCode` empty: the
 * whole mall.
 */
export function authorizeStaff(actor: Actor | undefined, mallId: string, agencyCode: string, what: string): void {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', `sign in as staff to read ${what}`);
  if (actor.role === Role.SYSTEM || actor.role === Role.AUDITOR) return;
  if (actor.mallId !== mallId) throw new AppError('forbidden', `staff of ${actor.mallId || '(no mall)'} cannot read reports of mall ${mallId}`);
  if (actor.role === Role.MALL_ADMIN) return;
  if ((actor.role === Role.AGENCY_ADMIN || actor.role === Role.OFFICER) && agencyCode !== '' && actor.agencyCode === agencyCode) return;
  throw new AppError('forbidden', agencyCode ? `only staff of ${agencyCode} (or the mall-admin) read this` : `only the mall-admin reads the whole mall's ${what}; agency staff name their agency`);
}

/** Auditors, the platform, and the mall's own admin. */
export function authorizeAuditor(actor: Actor | undefined, mallId: string, what: string): void {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', 'sign in as an auditor or the mall-admin');
  const allowed = actor.role === Role.AUDITOR || actor.role === Role.SYSTEM || (actor.role === Role.MALL_ADMIN && actor.mallId === mallId);
  if (!allowed) throw new AppError('forbidden', `only an auditor or the mall-admin of ${mallId} reads ${what}`);
}

export const requireMall = (mallId: string): void => {
  if (mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
};
