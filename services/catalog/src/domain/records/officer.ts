import { MembershipStatus, OfficerSchema } from '@mpp/contracts';
import { OfficerChanged, OfficerRegistered } from '../events.js';
import { SLUG, text } from '../violations.js';
import { recordDecider } from './record.js';

export interface OfficerFacts {
  readonly agencyStatus: MembershipStatus | undefined;
  /** Per counter named: the agency of its booth, or undefined when there is no such counter in the mall. */
  readonly counterAgencies: Readonly<Record<string, string | undefined>>;
}

/** A petugas (officer) on the roster: its agency, and the counters it may open. */
export const officer = recordDecider({
  what: 'officer',
  schema: OfficerSchema,
  key: 'officer',
  registered: OfficerRegistered,
  changed: OfficerChanged,
  check(v, o, facts: OfficerFacts, current) {
    text(v, 'subject', o.subject, { required: true, max: 255 });
    v.require(SLUG.test(o.mallId), 'mall_id', 'must be a mall id (lowercase letters, digits, dashes)');
    text(v, 'display_name', o.displayName, { required: true, max: 120 });
    if (facts.agencyStatus === undefined) v.add('agency_code', `agency ${o.agencyCode || '(empty)'} is not in mall ${o.mallId}`);
    else if (facts.agencyStatus === MembershipStatus.LEFT && o.active) v.add('agency_code', `agency ${o.agencyCode} has left mall ${o.mallId}`);
    if (current && current.mallId !== o.mallId) v.add('mall_id', `officer ${o.subject} is on the roster of mall ${current.mallId}`);
    o.counterIds.forEach((id, i) => {
      const agency = facts.counterAgencies[id];
      if (agency === undefined) v.add(`counter_ids[${i}]`, `no counter ${id} in mall ${o.mallId}`);
      else if (agency !== o.agencyCode) v.add(`counter_ids[${i}]`, `counter ${id} is in a booth of ${agency}, not ${o.agencyCode}`);
    });
    v.require(new Set(o.counterIds).size === o.counterIds.length, 'counter_ids', 'names a counter twice');
  },
});
