import type { TopicSpec } from '@mpp/kafka';

/**
 * Names of a partner agency's Kafka resources (DESIGN.md §5). They follow the agency code, which
 * is unique per deployment (DOMAIN.md "tenancy"); `prefix` is KAFKA_TOPIC_PREFIX, so several
 * deployments can share one cluster.
 */

/** An agency code as the catalog accepts it: lowercase letters, digits and inner hyphens. */
export const AGENCY_CODE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** `mpp.partner.<agency-code>.v1`: the agency's own topic, written by the partner router only. */
export const partnerTopicOf = (agencyCode: string, prefix = ''): string => `${prefix}mpp.partner.${agencyCode}.v1`;

/** The SCRAM user of an agency: `partner-<agency-code>` (principal `User:partner-<agency-code>`). */
export const partnerPrincipalOf = (agencyCode: string, prefix = ''): string => `${prefix}partner-${agencyCode}`;

/** The consumer groups an agency may use all start with `mpp.partner.<agency-code>.`. */
export const partnerGroupPrefixOf = (agencyCode: string, prefix = ''): string => `${prefix}mpp.partner.${agencyCode}.`;

/** How long a partner topic keeps events: a partner offline for weeks still catches up, and can replay a month. */
export const PARTNER_RETENTION_MS = 30 * 24 * 3_600_000;

/** A partner topic as the router and `mpp partner add` create it (same partitions as the source topics). */
export const partnerTopicSpec = (agencyCode: string, prefix = ''): TopicSpec => ({
  topic: partnerTopicOf(agencyCode, prefix),
  partitions: 3,
  config: { 'retention.ms': String(PARTNER_RETENTION_MS) },
});
