import type { AclBinding } from '@mpp/kafka';
import { AGENCY_CODE, partnerGroupPrefixOf, partnerPrincipalOf, partnerTopicOf } from '@mpp/runtime';

/** What a partner agency may do (DESIGN.md §5): read its own topic, with consumer groups under its prefix. */
export function partnerAcls(agencyCode: string, prefix: string): AclBinding[] {
  const principal = `User:${partnerPrincipalOf(agencyCode, prefix)}`;
  const topic = partnerTopicOf(agencyCode, prefix);
  const allow = { principal, host: '*', permission: 'allow' } as const;
  return [
    { ...allow, resourceType: 'topic', resourceName: topic, patternType: 'literal', operation: 'read' },
    { ...allow, resourceType: 'topic', resourceName: topic, patternType: 'literal', operation: 'describe' },
    { ...allow, resourceType: 'group', resourceName: partnerGroupPrefixOf(agencyCode, prefix), patternType: 'prefixed', operation: 'read' },
  ];
}

/** A partner as its ACLs show it. */
export interface PartnerAccess {
  readonly agencyCode: string;
  /** `partner-<agency-code>` (with the deployment's prefix). */
  readonly user: string;
  /** Topics it may read. */
  readonly topics: readonly string[];
  /** Consumer-group prefixes (and literal groups) it may use. */
  readonly groups: readonly string[];
}

/** Groups the ACLs of partner principals (`User:<prefix>partner-<agency-code>`) by partner, sorted by agency code. */
export function partnersFrom(acls: readonly AclBinding[], prefix: string): PartnerAccess[] {
  const userPrefix = `User:${partnerPrincipalOf('', prefix)}`;
  const byUser = new Map<string, { topics: Set<string>; groups: Set<string> }>();
  for (const acl of acls) {
    const agencyCode = acl.principal.startsWith(userPrefix) ? acl.principal.slice(userPrefix.length) : '';
    if (!AGENCY_CODE.test(agencyCode) || acl.permission !== 'allow') continue;
    const entry = byUser.get(agencyCode) ?? { topics: new Set<string>(), groups: new Set<string>() };
    byUser.set(agencyCode, entry);
    if (acl.resourceType === 'topic' && (acl.operation === 'read' || acl.operation === 'all')) entry.topics.add(acl.resourceName);
    if (acl.resourceType === 'group') entry.groups.add(acl.patternType === 'prefixed' ? `${acl.resourceName}*` : acl.resourceName);
  }
  return [...byUser.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agencyCode, { topics, groups }]) => ({
      agencyCode,
      user: partnerPrincipalOf(agencyCode, prefix),
      topics: [...topics].sort(),
      groups: [...groups].sort(),
    }));
}
