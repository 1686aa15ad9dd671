import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { EventMetadataSchema, Role, Source, type Actor } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { CommandContext } from '@mpp/eventstore';

/** The metadata of the events one command records (where it happened and who did it). */
export function commandContext(actor: Actor | undefined, where: { mallId: string; agencyCode?: string; serviceId?: string }): CommandContext {
  return { commandId: randomUUID(), metadata: create(EventMetadataSchema, { mallId: where.mallId, agencyCode: where.agencyCode ?? '', serviceId: where.serviceId ?? '', ...(actor ? { actor } : {}), correlationId: randomUUID() }) };
}

const SOURCES_BY_ROLE: Partial<Record<Role, readonly Source[]>> = {
  [Role.KIOSK]: [Source.KIOSK],
  [Role.CITIZEN]: [Source.ONLINE],
  [Role.OFFICER]: [Source.WALK_IN, Source.MOBILE_UNIT],
  [Role.AGENCY_ADMIN]: [Source.WALK_IN, Source.MOBILE_UNIT],
  [Role.MALL_ADMIN]: [Source.KIOSK, Source.WALK_IN, Source.MOBILE_UNIT],
  [Role.SYSTEM]: [Source.KIOSK, Source.ONLINE, Source.MOBILE_UNIT, Source.WALK_IN],
};

/** Who may take a ticket from where: a kiosk from the kiosk, a citizen online, an officer walk-in or on a mobile unit. */
export function authorizeIssue(actor: Actor | undefined, source: Source, mallId: string): void {
  if (source === Source.UNSPECIFIED || Source[source] === undefined) throw new AppError('invalid', 'say where the ticket is taken', { violations: [{ field: 'source', reason: 'must be kiosk, online, mobile_unit or walk_in' }] });
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', 'a ticket is taken by a kiosk, a citizen online or an officer: sign in');
  const allowed = SOURCES_BY_ROLE[actor.role] ?? [];
  if (!allowed.includes(source)) throw new AppError('forbidden', `a ${Role[actor.role]?.toLowerCase() ?? 'caller'} cannot take a ${Source[source]!.toLowerCase()} ticket`);
  if (actor.role !== Role.SYSTEM && actor.role !== Role.CITIZEN && actor.mallId !== '' && actor.mallId !== mallId) throw new AppError('forbidden', `staff or kiosks of ${actor.mallId} cannot take tickets in mall ${mallId}`);
}

/** The officer acting: its subject, from a signed-in officer (or an agency-admin working a counter). */
export function officerOf(actor: Actor | undefined): string {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', 'sign in as an officer to work a counter');
  if (actor.role !== Role.OFFICER && actor.role !== Role.AGENCY_ADMIN) throw new AppError('forbidden', `a ${Role[actor.role]?.toLowerCase() ?? 'caller'} does not work counters: sign in as an officer`);
  if (actor.subject === '') throw new AppError('unauthenticated', 'the actor names no officer (empty subject)');
  return actor.subject;
}

/** Staff of the mall (and agency) may set application statuses and list them. */
export function authorizeAgencyStaff(actor: Actor | undefined, mallId: string, agencyCode: string): void {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', 'sign in as staff of the agency');
  if (actor.role === Role.SYSTEM || actor.role === Role.AUDITOR) return;
  if (actor.mallId !== mallId) throw new AppError('forbidden', `staff of ${actor.mallId || '(no mall)'} cannot act in mall ${mallId}`);
  if (actor.role === Role.MALL_ADMIN) return;
  if ((actor.role === Role.OFFICER || actor.role === Role.AGENCY_ADMIN) && actor.agencyCode === agencyCode) return;
  throw new AppError('forbidden', `only staff of ${agencyCode} (or the mall-admin) may do this`);
}

/** Validates and normalises an Indonesian mobile number (08…, 628…, +628…) to `+62…`. */
export function normalisePhone(input: string, field: string): string {
  const digits = input.replace(/[\s().-]/g, '');
  const m = /^(?:\+?62|0)(8\d{7,12})$/.exec(digits);
  if (!m) throw new AppError('invalid', 'not an Indonesian mobile number', { violations: [{ field, reason: 'must look like 0812… or +62812…' }] });
  return `+62${m[1]}`;
}
