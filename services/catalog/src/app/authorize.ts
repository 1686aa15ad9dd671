import { Role, type Actor } from '@mpp/contracts';
import { AppError } from '@mpp/errors';

/** What a write touches, for deciding who may make it. */
export interface Scope {
  readonly mallId: string;
  /** The agency whose record it is; undefined for mall-wide records (hours, queues, policy). */
  readonly agencyCode?: string;
  /** A record shared by every mall (an agency's name and kind): no mall-admin changes it. */
  readonly deploymentWide?: boolean;
}

/**
 * Who may write what: the platform itself (imports, demo data) anything; a mall-admin its
 * mall's records; an agency-admin its own agency's records in its mall. Everyone else reads.
 */
export function authorizeWrite(actor: Actor | undefined, scope: Scope): void {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', 'sign in to change the catalog');
  if (actor.role === Role.SYSTEM) return;
  if (scope.deploymentWide) {
    if (actor.role === Role.AGENCY_ADMIN && actor.agencyCode === scope.agencyCode) return;
    throw new AppError('forbidden', `the name and kind of ${scope.agencyCode} are the agency's own, shared by every mall: only its agency-admin or the platform changes them`);
  }
  if (actor.role === Role.MALL_ADMIN) {
    if (actor.mallId === scope.mallId) return;
    throw new AppError('forbidden', `a mall-admin of ${actor.mallId || '(no mall)'} cannot change mall ${scope.mallId}`);
  }
  if (actor.role === Role.AGENCY_ADMIN) {
    if (scope.agencyCode === undefined) throw new AppError('forbidden', `only a mall-admin changes this record of mall ${scope.mallId}`);
    if (actor.agencyCode !== scope.agencyCode) throw new AppError('forbidden', `an agency-admin of ${actor.agencyCode || '(no agency)'} cannot change records of ${scope.agencyCode}`);
    if (actor.mallId !== '' && actor.mallId !== scope.mallId) throw new AppError('forbidden', `an agency-admin in ${actor.mallId} cannot change mall ${scope.mallId}`);
    return;
  }
  throw new AppError('forbidden', `role ${Role[actor.role]?.toLowerCase() ?? actor.role} cannot change the catalog`);
}

const STAFF = new Set([Role.OFFICER, Role.AGENCY_ADMIN, Role.MALL_ADMIN, Role.AUDITOR, Role.SYSTEM]);

/** Internal standards and the roster are for staff. */
export function authorizeStaffRead(actor: Actor | undefined): void {
  if (!actor || !STAFF.has(actor.role)) throw new AppError(actor ? 'forbidden' : 'unauthenticated', 'staff only: sign in as an officer, admin or auditor');
}

/**
 * The roster an actor may read: auditors and the platform every mall's; a mall-admin its mall's;
 * an officer or agency-admin its own agency's in its mall.
 */
export function rosterScope(actor: Actor | undefined, mallId: string, agencyCode: string): { mallId: string; agencyCode: string } {
  authorizeStaffRead(actor);
  const a = actor!;
  if (a.role === Role.AUDITOR || a.role === Role.SYSTEM) return { mallId, agencyCode };
  if (a.mallId !== mallId) throw new AppError('forbidden', `staff of ${a.mallId || '(no mall)'} cannot read the roster of mall ${mallId}`);
  if (a.role === Role.MALL_ADMIN) return { mallId, agencyCode };
  if (agencyCode !== '' && agencyCode !== a.agencyCode) throw new AppError('forbidden', `staff of ${a.agencyCode} cannot read the roster of ${agencyCode}`);
  return { mallId, agencyCode: a.agencyCode };
}
