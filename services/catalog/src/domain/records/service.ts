import { Channel, MembershipStatus, ServiceSchema, ServiceStatus, type DayHours } from '@mpp/contracts';
import { ServiceChanged, ServiceRegistered } from '../events.js';
import { checkServiceHours, isTimeZone } from '../hours.js';
import { SLUG, text } from '../violations.js';
import { recordDecider } from './record.js';

export interface ServiceFacts {
  /** The mall's time zone; undefined when there is no such mall. */
  readonly mallTimeZone: string | undefined;
  /** The mall's weekly hours (a service's own hours must lie inside them). */
  readonly mallHours: readonly DayHours[];
  readonly agencyStatus: MembershipStatus | undefined;
  /** The mall of the named queue; undefined when there is no such queue. */
  readonly queueMall: string | undefined;
  /** Per booth named: its agency, or undefined when there is no such booth in the mall. */
  readonly boothAgencies: Readonly<Record<string, string | undefined>>;
  /** The codes of the mall's priority groups (its queue policy). */
  readonly priorityGroups: readonly string[];
}

export const CODE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** `<mall_id>:<code>`: a service's code is unique in its mall. */
export const serviceId = (mallId: string, code: string) => `${mallId}:${code}`;

/** A jenis layanan (service type) of one agency in one mall. */
export const service = recordDecider({
  what: 'service',
  schema: ServiceSchema,
  key: 'service',
  registered: ServiceRegistered,
  changed: ServiceChanged,
  check(v, s, facts: ServiceFacts, current) {
    v.require(SLUG.test(s.mallId) && facts.mallTimeZone !== undefined, 'mall_id', `no mall ${s.mallId || '(empty)'}`);
    v.require(CODE.test(s.code), 'code', 'must be lowercase letters, digits and dashes (e.g. ktp-el-baru)');
    v.require(s.id === serviceId(s.mallId, s.code), 'id', `must be ${serviceId(s.mallId, s.code)} (mall and code)`);
    text(v, 'name_id', s.nameId, { required: true });
    text(v, 'name_en', s.nameEn);
    if (current && current.agencyCode !== s.agencyCode) v.add('agency_code', `a service belongs to one agency (${current.agencyCode})`);
    // A retired service may stay on an agency that left; a live one needs an active agency.
    else if (s.status === ServiceStatus.ACTIVE && facts.agencyStatus !== MembershipStatus.ACTIVE) {
      v.add('agency_code', `agency ${s.agencyCode || '(empty)'} is not active in mall ${s.mallId}`);
    }
    v.require(s.status === ServiceStatus.ACTIVE || s.status === ServiceStatus.RETIRED, 'status', 'must be active or retired');
    if (facts.queueMall === undefined) v.add('queue_id', `no queue ${s.queueId || '(empty)'}`);
    else v.require(facts.queueMall === s.mallId, 'queue_id', `queue ${s.queueId} is in mall ${facts.queueMall}`);
    s.boothIds.forEach((id, i) => {
      const agency = facts.boothAgencies[id];
      if (agency === undefined) v.add(`booth_ids[${i}]`, `no booth ${id} in mall ${s.mallId}`);
      else v.require(agency === s.agencyCode, `booth_ids[${i}]`, `booth ${id} belongs to ${agency}, not ${s.agencyCode}`);
    });
    v.require(s.channels.length > 0, 'channels', 'needs at least one of langsung, mandiri, digital, bergerak');
    s.channels.forEach((c, i) => v.require(c !== Channel.UNSPECIFIED && Channel[c] !== undefined, `channels[${i}]`, 'must be langsung, mandiri, digital or bergerak'));
    v.require(new Set(s.channels).size === s.channels.length, 'channels', 'names a channel twice');
    v.require(s.expectedHandlingMinutes >= 1 && s.expectedHandlingMinutes <= 480, 'expected_handling_minutes', 'must be 1–480');
    v.require(s.dailyQuota <= 10_000, 'daily_quota', 'must be at most 10000 (0: no quota)');
    s.priorityGroups.forEach((g, i) => v.require(facts.priorityGroups.includes(g), `priority_groups[${i}]`, `no priority group ${g} in the mall's queue policy`));
    if (s.opensApplication) v.require(s.completionDays >= 1 && s.completionDays <= 365, 'completion_days', 'must be 1–365 for a service that opens an application');
    else v.require(s.completionDays === 0, 'completion_days', 'only a service that opens an application has one');
    if (facts.mallTimeZone && isTimeZone(facts.mallTimeZone)) checkServiceHours(v, 'hours', s.hours, facts.mallHours, facts.mallTimeZone);
  },
});
