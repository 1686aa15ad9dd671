import { create, toJson, type DescMessage, type JsonObject, type MessageInitShape } from '@bufbuild/protobuf';
import {
  AgencyKind,
  AgencySchema,
  BoothSchema,
  Channel,
  CounterSchema,
  MallSchema,
  MembershipSchema,
  MembershipStatus,
  MobileVisitSchema,
  OfficerSchema,
  QueuePolicySchema,
  QueueSchema,
  ServiceSchema,
  ServiceStandardSchema,
  ServiceStatus,
} from '@mpp/contracts';
import type { ImportDocument } from '../app/import/document.js';
import { boothId } from '../domain/records/booth.js';
import { counterId } from '../domain/records/counter.js';
import { queueId } from '../domain/records/queue.js';
import { serviceId } from '../domain/records/service.js';
import { AGENCIES, type AgencySpec, type BoothSpec } from './agencies.js';
import { mallRecord, queuePolicy } from './mall-profile.js';
import { VISITS } from './mobile-visits.js';
import { officerName } from './people.js';
import { serviceCatalogue } from './services/index.js';
import type { ChannelName, ServiceSpec } from './spec.js';
import { internalStandard, publicStandard } from './standards.js';

export interface DemoOptions {
  /** The mall's id (default `kendari`); every booth, counter, queue and service id is under it. */
  readonly mallId?: string;
}

/** A booth with the agency it belongs to and the mall-wide numbers of its counters. */
interface PlacedBooth {
  readonly agency: AgencySpec;
  readonly booth: BoothSpec;
  readonly counters: readonly number[];
}

const CHANNELS: Readonly<Record<ChannelName, Channel>> = { langsung: Channel.LANGSUNG, mandiri: Channel.MANDIRI, digital: Channel.DIGITAL, bergerak: Channel.BERGERAK };

/** A record as the import reads it: protobuf JSON, built through the schema so every field name and enum is checked. */
const json = <D extends DescMessage>(schema: D, init: MessageInitShape<D>): JsonObject => toJson(schema, create(schema, init)) as JsonObject;

/**
 * A whole demo MPP as one import document, modelled on public reports of MPP Kota Kendari: 18
 * agencies (one still onboarding), 20 booths (2 closed), 44 counters, 18 queues, 904 services
 * with their standards, 40 officers and the December 2026 MPP Bergerak schedule. Deterministic:
 * the same options give the same document, so re-importing it records nothing new.
 *
 * Agency codes stay as they are for any mall id (they are unique per deployment, not per mall);
 * ids of the mall's own records follow the mall id.
 */
export function demoMall(options: DemoOptions = {}): ImportDocument {
  const mallId = options.mallId ?? 'kendari';
  const booths = placeBooths();
  const catalogue = serviceCatalogue();
  const groups = queuePolicy().priorityGroups?.map((g) => g.code ?? '') ?? [];
  const services = AGENCIES.filter((a) => a.membership.status === 'active').flatMap((agency) =>
    (catalogue.get(agency.code) ?? []).map((spec) => ({ agency, spec, record: serviceRecord(mallId, agency, spec, booths, groups) })),
  );
  return {
    demo: true,
    malls: [json(MallSchema, mallRecord(mallId))],
    policies: [{ mallId, policy: json(QueuePolicySchema, queuePolicy()) }],
    agencies: AGENCIES.map((a) => agencyRecord(mallId, a)),
    queues: AGENCIES.flatMap((a) => a.queues.map((q) => json(QueueSchema, { id: queueId(mallId, q.prefix), mallId, prefix: q.prefix, name: q.name, active: true }))),
    booths: booths.map(({ agency, booth }) =>
      json(BoothSchema, {
        id: boothId(mallId, String(booth.number)),
        mallId,
        number: String(booth.number),
        name: boothName(agency, booth),
        floor: `Lantai ${booth.floor}`,
        agencyCode: agency.code,
        active: booth.inactiveReason === undefined,
        inactiveReason: booth.inactiveReason ?? '',
      }),
    ),
    counters: booths.flatMap(({ booth, counters }) =>
      counters.map((n) => json(CounterSchema, { id: counterId(mallId, String(n)), mallId, number: String(n), boothId: boothId(mallId, String(booth.number)), name: `Loket ${n}`, active: booth.inactiveReason === undefined })),
    ),
    services: services.map((s) => json(ServiceSchema, s.record)),
    standards: services.map(({ agency, spec, record }) =>
      json(ServiceStandardSchema, {
        serviceId: record.id,
        mallId,
        decreeNumber: agency.decree?.number ?? '',
        adoptedOn: agency.decree?.adoptedOn ?? '',
        reviewedOn: agency.decree?.reviewedOn ?? '',
        public: publicStandard(spec, agency),
        internal: internalStandard(agency, openCounters(agency, booths).length),
      }),
    ),
    officers: officers(mallId, booths),
    mobileVisits: VISITS.map((v) =>
      json(MobileVisitSchema, { id: v.id, mallId, date: v.date, hours: { open: v.open, close: v.close }, place: v.place, serviceIds: v.services.map((code) => serviceId(mallId, code)) }),
    ),
  };
}

/** Booths in number order; counters are numbered mall-wide in that order ("Loket 1" … "Loket 44"). */
function placeBooths(): PlacedBooth[] {
  const ordered = AGENCIES.flatMap((agency) => agency.booths.map((booth) => ({ agency, booth }))).sort((a, b) => a.booth.number - b.booth.number);
  let next = 1;
  return ordered.map(({ agency, booth }) => ({ agency, booth, counters: Array.from({ length: booth.counters }, () => next++) }));
}

/** The agency's counters in its active booths: where its officers work. */
function openCounters(agency: AgencySpec, booths: readonly PlacedBooth[]): number[] {
  return booths.filter((b) => b.agency === agency && b.booth.inactiveReason === undefined).flatMap((b) => b.counters);
}

function boothName(agency: AgencySpec, booth: BoothSpec): string {
  const queue = booth.queue ? agency.queues.find((q) => q.prefix === booth.queue) : undefined;
  // "Disdukcapil — KTP-el, KIA dan IKD" → "Gerai Disdukcapil (KTP-el, KIA dan IKD)": two booths of one agency must be told apart.
  const what = queue?.name.split(' — ')[1];
  if (what) return `Gerai ${agency.short} (${what})`;
  return agency.booths.length > 1 ? `Gerai ${agency.short} ${agency.booths.indexOf(booth) + 1}` : `Gerai ${agency.short}`;
}

function agencyRecord(mallId: string, a: AgencySpec): JsonObject {
  const m = a.membership;
  return {
    ...json(AgencySchema, { code: a.code, name: a.name, kind: AgencyKind[a.kind] }),
    membership: json(MembershipSchema, {
      mallId,
      status: m.status === 'active' ? MembershipStatus.ACTIVE : MembershipStatus.ONBOARDING,
      mouSignedOn: m.mou,
      pksSignedOn: m.pks ?? '',
      pksEndsOn: m.pksEnds ?? '',
    }),
  };
}

function serviceRecord(mallId: string, agency: AgencySpec, spec: ServiceSpec, booths: readonly PlacedBooth[], groups: readonly string[]) {
  const prefix = spec.queue ?? agency.queues[0]!.prefix;
  // Only active booths serve; a booth tied to another queue of the agency serves that queue's services.
  const serving = booths.filter((b) => b.agency === agency && b.booth.inactiveReason === undefined && (b.booth.queue === undefined || b.booth.queue === prefix));
  return create(ServiceSchema, {
    id: serviceId(mallId, spec.code),
    mallId,
    code: spec.code,
    nameId: spec.nameId,
    nameEn: spec.nameEn,
    agencyCode: agency.code,
    queueId: queueId(mallId, prefix),
    boothIds: serving.map((b) => boothId(mallId, String(b.booth.number))),
    channels: (spec.channels ?? ['langsung']).map((c) => CHANNELS[c]),
    expectedHandlingMinutes: spec.minutes,
    dailyQuota: spec.quota ?? 0,
    priorityGroups: spec.priority === 'none' ? [] : [...groups],
    opensApplication: spec.completionDays !== undefined,
    completionDays: spec.completionDays ?? 0,
    status: spec.retired ? ServiceStatus.RETIRED : ServiceStatus.ACTIVE,
  });
}

/**
 * The roster: each agency's officers in turn, each allowed one counter of its agency's active
 * booths, every second one also the next counter (to cover a colleague's break). Subjects are
 * pseudonymous; outside the default mall they carry the mall id, because a subject belongs to
 * one mall's roster and two demo malls may share a deployment.
 */
function officers(mallId: string, booths: readonly PlacedBooth[]): JsonObject[] {
  const subject = (n: number) => `demo-officer-${mallId === 'kendari' ? '' : `${mallId}-`}${String(n).padStart(3, '0')}`;
  let n = 0;
  return AGENCIES.flatMap((agency) => {
    const counters = openCounters(agency, booths);
    return Array.from({ length: counters.length === 0 ? 0 : agency.officers }, (_, k) => {
      const allowed = [counters[k % counters.length]!, ...(counters.length > 1 && k % 2 === 1 ? [counters[(k + 1) % counters.length]!] : [])];
      n += 1;
      return json(OfficerSchema, { subject: subject(n), mallId, agencyCode: agency.code, displayName: officerName(n - 1), counterIds: allowed.map((c) => counterId(mallId, String(c))), active: true });
    });
  });
}
