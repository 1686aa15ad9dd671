import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { EventMetadataSchema, Role, type Actor } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { CommandContext } from '@mpp/eventstore';

/** The metadata of the events one command records (where it happened and who did it). */
export function commandContext(actor: Actor | undefined, where: { mallId: string; agencyCode?: string; serviceId?: string }, commandId: string = randomUUID()): CommandContext {
  return { commandId, metadata: create(EventMetadataSchema, { mallId: where.mallId, agencyCode: where.agencyCode ?? '', serviceId: where.serviceId ?? '', ...(actor ? { actor } : {}), correlationId: randomUUID() }) };
}

/**
 * Staff who may read a unit's results or handle a complaint: the platform and auditors anywhere;
 * the mall-admin in its mall; an agency-admin (or officer, to read) for its own agency there.
 */
export function authorizeStaff(actor: Actor | undefined, mallId: string, agencyCode: string, doing: string, options: { officers?: boolean } = {}): void {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', `sign in as staff to ${doing}`);
  if (actor.role === Role.SYSTEM || actor.role === Role.AUDITOR) return;
  if (actor.mallId !== mallId) throw new AppError('forbidden', `staff of ${actor.mallId || '(no mall)'} cannot ${doing} in mall ${mallId}`);
  if (actor.role === Role.MALL_ADMIN) return;
  const agencyRole = actor.role === Role.AGENCY_ADMIN || (options.officers === true && actor.role === Role.OFFICER);
  if (agencyRole && agencyCode !== '' && actor.agencyCode === agencyCode) return;
  throw new AppError('forbidden', agencyCode ? `only staff of ${agencyCode} (or the mall-admin) may ${doing}` : `only the mall-admin may ${doing}`);
}
