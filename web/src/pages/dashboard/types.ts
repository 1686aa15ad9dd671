/** The reporting API's answers as the dashboard reads them (proto fields in lowerCamelCase). */

/** Minutes over the tickets that have them. */
export interface Minutes {
  readonly count: number;
  readonly average: number;
  readonly p50: number;
  readonly p90: number;
  readonly max: number;
}

export interface StatRow {
  readonly key: string;
  readonly name: string;
  readonly date: string;
  readonly hour?: number;
  readonly issued: number;
  readonly served: number;
  readonly noShow: number;
  readonly cancelled: number;
  readonly transferred: number;
  readonly expired: number;
  readonly open: number;
  /** Of the open: not called yet (in line). */
  readonly notCalled: number;
  readonly waiting?: Minutes;
  readonly service?: Minutes;
  readonly expectedMinutes: number;
  readonly withStandard: number;
  readonly withinStandard: number;
  readonly shareWithinStandard: number;
  /** Waiting minutes in the bins [0,5) [5,10) [10,20) [20,40) [40,∞). */
  readonly waitingHistogram?: readonly number[];
  readonly documentsIncomplete: number;
  readonly referred: number;
}

export interface HeatCell {
  readonly weekday: number;
  readonly hour: number;
  readonly issued: number;
  readonly days: number;
  readonly average: number;
}

export interface Bookings {
  readonly booked: number;
  readonly checkedIn: number;
  readonly noShow: number;
  readonly cancelled: number;
  readonly calledWithinSlot: number;
  readonly calledLate: number;
}

export interface Statistics {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly rows: readonly StatRow[];
  readonly total?: StatRow;
  readonly busiestHours?: readonly HeatCell[];
  readonly bookings?: Bookings;
  readonly unknown?: readonly { readonly kind: string; readonly id: string; readonly tickets: number }[];
}

export interface ElementResult {
  readonly code: string;
  readonly nameId: string;
  readonly nrr: number;
}

export interface Satisfaction {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly respondents: number;
  readonly ikm: number;
  readonly ikmRounded: number;
  readonly grade: string;
  readonly elements: readonly ElementResult[];
  readonly weakest: readonly string[];
  readonly previousPeriodServed: number;
  readonly minimumSample: number;
  readonly sampleReached: boolean;
  readonly complaints: number;
  readonly respondedInTime: number;
  readonly resolvedInTime: number;
  readonly openOverdue: number;
}

export interface OutOfOrderCall {
  readonly ticketNumber: string;
  readonly queueId: string;
  readonly serviceId: string;
  readonly counterId: string;
  readonly officer: string;
  readonly at?: string;
  readonly reason: string;
  readonly passedOver: number;
  readonly withoutPriorityOrBooking: boolean;
}

export interface Fairness {
  readonly date: string;
  readonly calls: number;
  readonly byPolicy: number;
  readonly outOfOrder: readonly OutOfOrderCall[];
}

export interface Mall {
  readonly id: string;
  readonly name: string;
  readonly city?: string;
  readonly timeZone?: string;
}

export interface Agency {
  readonly code: string;
  readonly name: string;
}

export interface Booth {
  readonly id: string;
  readonly name: string;
  readonly number: string;
  readonly agencyCode: string;
}

export interface ServiceRef {
  readonly id: string;
  readonly nameId: string;
  readonly nameEn: string;
  readonly agencyCode: string;
}

/** What the signed-in user may see: the mall, and the agency an agency-admin is bound to. */
export interface Scope {
  readonly mallId: string;
  readonly timeZone: string;
  /** The agency-admin's own agency: the statistics and IKM routes require it. */
  readonly ownAgency: string | undefined;
  /** Mall-admin and auditor: the fairness list and the evaluation export. */
  readonly audit: boolean;
  readonly agencies: readonly Agency[];
  readonly booths: readonly Booth[];
  /** Counter id → its name (`Loket 3`). */
  readonly counterNames: Readonly<Record<string, string>>;
}

export type GroupBy = 'service' | 'booth' | 'agency' | 'channel' | 'officer';
