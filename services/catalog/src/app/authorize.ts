import { Role, type Actor } from '@mpp/contracts';
import { AppError } from '@mpp/errors';

/** What a write touches, for deciding who may make it. */
export interface Scope {
  readonly mallId: string;
  /** The agency whose record it is; undefined for mall-wide records (hours, queues, policy). */
  readonly agencyCode?: string;
}

/**
 * Who may write what: the platform itself (imports, demo data) anything; a mall-admin its
 * mall's records; an agency-admin its own agency's records in its mall. Everyone else reads.
 */
export function authorizeWrite(actor: Actor | undefined, scope: Scope): void {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', 'sign in to change the catalog');
  if (actor.role === Role.SYSTEM) return;
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
