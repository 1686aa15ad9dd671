import { BoothSchema, MembershipStatus } from '@mpp/contracts';
import { BoothChanged, BoothRegistered } from '../events.js';
import { SLUG, text } from '../violations.js';
import { recordDecider } from './record.js';

/** What a booth's rules need to know from elsewhere. */
export interface BoothFacts {
  readonly mallExists: boolean;
  /** The agency's membership in the booth's mall; undefined when it has none. */
  readonly agencyStatus: MembershipStatus | undefined;
}

export const NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/;

/** `<mall_id>:<number>`: a booth's number is unique in its mall. */
export const boothId = (mallId: string, number: string) => `${mallId}:${number}`;

/** A gerai (booth): of one agency, for good; active, or inactive with a reason the kiosk shows. */
export const booth = recordDecider({
  what: 'booth',
  schema: BoothSchema,
  key: 'booth',
  registered: BoothRegistered,
  changed: BoothChanged,
  check(v, b, facts: BoothFacts, current) {
    v.require(SLUG.test(b.mallId), 'mall_id', 'must be a mall id (lowercase letters, digits, dashes)');
    v.require(b.mallId === '' || !SLUG.test(b.mallId) || facts.mallExists, 'mall_id', `no mall ${b.mallId}`);
    v.require(NUMBER.test(b.number), 'number', 'must be 1–16 letters, digits or dashes');
    v.require(b.id === boothId(b.mallId, b.number), 'id', `must be ${boothId(b.mallId, b.number)} (mall and number)`);
    text(v, 'name', b.name, { required: true });
    text(v, 'floor', b.floor, { max: 40 });
    if (current && current.agencyCode !== b.agencyCode) v.add('agency_code', `a booth belongs to one agency (${current.agencyCode}); deactivate it and register a new one`);
    else if (facts.agencyStatus === undefined) v.add('agency_code', `agency ${b.agencyCode || '(empty)'} is not in mall ${b.mallId}`);
    else if (facts.agencyStatus === MembershipStatus.LEFT && b.active) v.add('agency_code', `agency ${b.agencyCode} has left mall ${b.mallId}`);
    if (b.active && b.inactiveReason !== '') v.add('inactive_reason', 'only an inactive booth has one');
    if (!b.active) text(v, 'inactive_reason', b.inactiveReason, { required: true });
  },
});
