import { create } from '@bufbuild/protobuf';
import { AgencyKind, AgencySchema, MembershipStatus, type Agency, type Membership } from '@mpp/contracts';
import { AgencyChanged, AgencyRegistered } from '../events.js';
import { isDate, optionalDate, SLUG, text, type Violations } from '../violations.js';
import { recordDecider } from './record.js';

export interface AgencyFacts {
  /** The mall whose membership the command states. */
  readonly mallId: string;
  /** Whether that mall exists. */
  readonly mallExists: boolean;
}

/** A `Put` states the agency and its membership of one mall; the others are kept. */
export function withMembership(agency: Agency, membership: Membership): Agency {
  return create(AgencySchema, { ...agency, memberships: [membership] });
}

/**
 * An agency: one code per deployment (national institutions keep theirs across malls), and a
 * membership per mall it serves in (MoU → cooperation agreement → active → left).
 */
export const agency = recordDecider({
  what: 'agency',
  schema: AgencySchema,
  key: 'agency',
  registered: AgencyRegistered,
  changed: AgencyChanged,
  merge(stated, current) {
    const stating = stated.memberships[0];
    const others = (current?.memberships ?? []).filter((m) => m.mallId !== stating?.mallId);
    const memberships = [...others, ...(stating ? [stating] : [])].sort((a, b) => a.mallId.localeCompare(b.mallId));
    return create(AgencySchema, { ...stated, memberships });
  },
  check(v, a, facts: AgencyFacts) {
    v.require(SLUG.test(a.code), 'code', 'must be lowercase letters, digits and dashes (e.g. disdukcapil-kendari)');
    text(v, 'name', a.name, { required: true });
    v.require(a.kind !== AgencyKind.UNSPECIFIED && AgencyKind[a.kind] !== undefined, 'kind', 'must be vertical, opd, bumn, bumd or private');
    // The membership this command states (the others are kept as they were).
    const stated = a.memberships.find((m) => m.mallId === facts.mallId);
    if (!stated || facts.mallId === '') v.add('membership.mall_id', 'is required');
    else checkMembership(v, stated, facts);
  },
});

function checkMembership(v: Violations, m: Membership, facts: AgencyFacts) {
  v.require(SLUG.test(m.mallId) && facts.mallExists, 'membership.mall_id', `no mall ${m.mallId}`);
  v.require(m.status !== MembershipStatus.UNSPECIFIED && MembershipStatus[m.status] !== undefined, 'membership.status', 'must be onboarding, active or left');
  optionalDate(v, 'membership.mou_signed_on', m.mouSignedOn);
  optionalDate(v, 'membership.pks_signed_on', m.pksSignedOn);
  optionalDate(v, 'membership.pks_ends_on', m.pksEndsOn);
  if (isDate(m.pksSignedOn) && isDate(m.mouSignedOn)) v.require(m.mouSignedOn <= m.pksSignedOn, 'membership.pks_signed_on', 'comes before the MoU');
  if (isDate(m.pksSignedOn) && isDate(m.pksEndsOn)) v.require(m.pksSignedOn < m.pksEndsOn, 'membership.pks_ends_on', 'is not after the agreement was signed');
  if (m.status === MembershipStatus.LEFT) text(v, 'membership.left_reason', m.leftReason, { required: true });
  else v.require(m.leftReason === '', 'membership.left_reason', 'only an agency that left has one');
}

/** The agency's status in a mall, or undefined when it has no membership there. */
export function statusIn(agency: Agency | undefined, mallId: string): MembershipStatus | undefined {
  return agency?.memberships.find((m) => m.mallId === mallId)?.status;
}
