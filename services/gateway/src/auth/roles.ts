import { Role } from '@mpp/contracts';

/** The roles of the public API (DESIGN.md §6), as tokens and route tables name them. */
export const ROLE_NAMES = ['citizen', 'kiosk', 'officer', 'agency-admin', 'mall-admin', 'partner', 'auditor'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export const ROLE_OF: Record<RoleName, Role> = {
  citizen: Role.CITIZEN,
  kiosk: Role.KIOSK,
  officer: Role.OFFICER,
  'agency-admin': Role.AGENCY_ADMIN,
  'mall-admin': Role.MALL_ADMIN,
  partner: Role.PARTNER,
  auditor: Role.AUDITOR,
};

export const isRoleName = (value: unknown): value is RoleName => typeof value === 'string' && (ROLE_NAMES as readonly string[]).includes(value);

/** Signed-in roles (everyone but the anonymous citizen). */
export const STAFF_ROLES: readonly RoleName[] = ROLE_NAMES.filter((r) => r !== 'citizen');

/**
 * The claims the gateway reads from a verified token besides `sub`. A city's identity provider
 * adds them with claim mappers: the role, the agency code (officers, agency admins, partners),
 * the mall id (kiosks, officers, admins).
 */
export const CLAIMS = { role: 'mpp_role', agency: 'mpp_agency', mall: 'mpp_mall' } as const;
