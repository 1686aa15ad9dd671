import type { JsonObject } from '@bufbuild/protobuf';

/**
 * A catalog import file in JSON: each list holds records in the protobuf JSON form of
 * `mpp.catalog.v1` (lowerCamelCase or proto field names; enums by name, e.g.
 * `"CHANNEL_LANGSUNG"`). Ids of booths, counters, queues and services may be left out: they
 * follow from mall and number / prefix / code. Records are applied in this order, so a row may
 * refer to a record earlier in the same file.
 *
 * @example
 * { "malls": [{ "id": "kendari", "name": "MPP Kota Kendari", "city": "Kota Kendari", "timeZone": "Asia/Makassar",
 *              "weeklyHours": [{ "weekday": "WEEKDAY_MONDAY", "intervals": [{ "open": "08:00", "close": "16:00" }] }] }],
 *   "agencies": [{ "code": "disdukcapil-kendari", "name": "Disdukcapil", "kind": "AGENCY_KIND_OPD",
 *                  "membership": { "mallId": "kendari", "status": "MEMBERSHIP_STATUS_ACTIVE" } }] }
 */
export interface ImportDocument {
  /** Marks demo data (the demo mall is modelled on public reports, not a real roster). */
  readonly demo?: boolean;
  readonly malls?: readonly JsonObject[];
  /** `{ mallId, policy: QueuePolicy }`. */
  readonly policies?: readonly JsonObject[];
  /** An Agency (code, name, kind) with `membership`: its Membership of one mall. */
  readonly agencies?: readonly JsonObject[];
  readonly queues?: readonly JsonObject[];
  readonly booths?: readonly JsonObject[];
  readonly counters?: readonly JsonObject[];
  readonly services?: readonly JsonObject[];
  readonly standards?: readonly JsonObject[];
  readonly officers?: readonly JsonObject[];
  readonly mobileVisits?: readonly JsonObject[];
}

/** The kinds of records, in the order an import applies them. */
export const KINDS = ['malls', 'policies', 'agencies', 'queues', 'booths', 'counters', 'services', 'standards', 'officers', 'mobileVisits'] as const;
export type Kind = (typeof KINDS)[number];
