/** The public catalog and SKM answers as this page reads them (proto fields in lowerCamelCase, enums as words). */

export interface Interval {
  readonly open: string;
  readonly close: string;
}

export interface DayHours {
  readonly weekday: string;
  readonly intervals?: readonly Interval[];
}

export interface SpecialDay {
  readonly date: string;
  readonly name: string;
  /** `holiday` (closed all day) or `special` (other hours; none: closed). */
  readonly kind: string;
  readonly intervals?: readonly Interval[];
}

export interface Mall {
  readonly id: string;
  readonly name: string;
  readonly city?: string;
  readonly address?: string;
  readonly timeZone?: string;
  readonly weeklyHours?: readonly DayHours[];
  readonly specialDays?: readonly SpecialDay[];
}

export interface Notice {
  readonly kind: string;
  readonly textId: string;
  readonly textEn: string;
  readonly active: boolean;
}

export interface Membership {
  readonly mallId: string;
  readonly status: string;
}

export interface Agency {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly memberships?: readonly Membership[];
}

export interface Booth {
  readonly id: string;
  readonly number: string;
  readonly name: string;
  readonly floor: string;
  readonly agencyCode: string;
  readonly active: boolean;
  readonly inactiveReason?: string;
}

export interface Counter {
  readonly id: string;
  readonly number: string;
  readonly name: string;
  readonly active: boolean;
}

export interface BoothWithCounters {
  readonly booth: Booth;
  readonly counters: readonly Counter[];
}

export interface Service {
  readonly id: string;
  readonly code: string;
  readonly nameId: string;
  readonly nameEn: string;
  readonly agencyCode: string;
  readonly boothIds?: readonly string[];
  readonly channels?: readonly string[];
  readonly expectedHandlingMinutes?: number;
  readonly dailyQuota?: number;
  readonly opensApplication?: boolean;
  readonly completionDays?: number;
  readonly status?: string;
  readonly hours?: readonly DayHours[];
}

export interface PublicStandard {
  readonly requirements?: readonly string[];
  readonly procedure?: string;
  readonly completionTime?: string;
  readonly fee?: string;
  readonly product?: string;
  readonly complaintHandling?: string;
}

export interface ServiceDetail {
  readonly service: Service;
  readonly agencyName: string;
  readonly standard?: {
    readonly version: number;
    readonly decreeNumber: string;
    readonly adoptedOn: string;
    readonly reviewedOn: string;
    readonly public?: PublicStandard;
  };
}

export interface MobileVisit {
  readonly id: string;
  readonly date: string;
  readonly hours?: Interval;
  readonly place: string;
  readonly serviceIds: readonly string[];
}

export interface UnitResult {
  readonly unitKind: string;
  readonly unitId: string;
  readonly respondents: number;
  readonly ikm: number;
  readonly grade: string;
  readonly weakest?: readonly string[];
  readonly minimumSample: number;
  readonly sampleReached: boolean;
}

export interface PublishedResults {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly publishedAt?: string;
  readonly results: readonly UnitResult[];
}

/** What the sections share: names of agencies, booths and services, and the mall's clock. */
export interface Directory {
  readonly mallId: string;
  readonly timeZone: string;
  readonly agencies: ReadonlyMap<string, Agency>;
  readonly booths: ReadonlyMap<string, BoothWithCounters>;
  readonly services: ReadonlyMap<string, Service>;
}
