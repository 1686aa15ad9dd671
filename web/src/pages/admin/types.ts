/** The catalog records as the gateway answers them (proto fields in lowerCamelCase, enums as words). */

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
export const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export interface Interval {
  open: string;
  close: string;
}
export interface DayHours {
  weekday: Weekday;
  intervals: Interval[];
}
export interface SpecialDay {
  date: string;
  name: string;
  kind: 'holiday' | 'special';
  intervals: Interval[];
}
export interface Mall {
  id: string;
  name: string;
  city?: string;
  address?: string;
  timeZone?: string;
  weeklyHours?: DayHours[];
  specialDays?: SpecialDay[];
}
export interface PriorityGroup {
  code: string;
  labelId: string;
  labelEn: string;
  weight: number;
}
export type OrderingStep = 'booking-due' | 'priority' | 'first-in-line';
export interface QueuePolicy {
  priorityGroups: PriorityGroup[];
  interleaveRatio: number;
  recallsBeforeNoShow: number;
  callOrder: OrderingStep[];
}
export interface Notice {
  kind: 'information' | 'emergency';
  textId: string;
  textEn: string;
  active: boolean;
}
export interface MallAnswer {
  mall: Mall;
  policy?: QueuePolicy;
  notice?: Notice;
}

export type AgencyKind = 'vertical' | 'opd' | 'bumn' | 'bumd' | 'private';
export type MembershipStatus = 'onboarding' | 'active' | 'left';
export interface Membership {
  mallId: string;
  status: MembershipStatus;
  mouSignedOn: string;
  pksSignedOn: string;
  pksEndsOn: string;
  leftReason: string;
}
export interface Agency {
  code: string;
  name: string;
  kind: AgencyKind;
  memberships: Membership[];
}

export interface Booth {
  id: string;
  mallId: string;
  number: string;
  name: string;
  floor: string;
  agencyCode: string;
  active: boolean;
  inactiveReason: string;
}
export interface Counter {
  id: string;
  mallId: string;
  number: string;
  boothId: string;
  name: string;
  active: boolean;
}
export interface BoothWithCounters {
  booth: Booth;
  counters: Counter[];
}
export interface Queue {
  id: string;
  mallId: string;
  prefix: string;
  name: string;
  active: boolean;
}

export type Channel = 'langsung' | 'mandiri' | 'digital' | 'bergerak';
export const CHANNELS: readonly Channel[] = ['langsung', 'mandiri', 'digital', 'bergerak'];
export interface Service {
  id: string;
  mallId: string;
  code: string;
  nameId: string;
  nameEn: string;
  agencyCode: string;
  queueId: string;
  boothIds: string[];
  channels: Channel[];
  expectedHandlingMinutes: number;
  dailyQuota: number;
  priorityGroups: string[];
  opensApplication: boolean;
  completionDays: number;
  status: 'active' | 'retired';
  hours: DayHours[];
}

export interface PublicStandard {
  requirements: string[];
  procedure: string;
  completionTime: string;
  fee: string;
  product: string;
  complaintHandling: string;
}
export interface InternalStandard {
  legalBasis: string;
  facilities: string;
  staffCompetence: string;
  internalSupervision: string;
  staffCount: string;
  serviceGuarantee: string;
  securityAndSafety: string;
  performanceEvaluation: string;
}
export interface ServiceStandard {
  serviceId: string;
  mallId: string;
  version: number;
  decreeNumber: string;
  adoptedOn: string;
  reviewedOn: string;
  public: PublicStandard;
  internal: InternalStandard;
}

export interface MobileVisit {
  id: string;
  mallId: string;
  date: string;
  hours: Interval;
  place: string;
  serviceIds: string[];
}

export interface Officer {
  subject: string;
  mallId: string;
  agencyCode: string;
  displayName: string;
  counterIds: string[];
  active: boolean;
}

export interface ImportReport {
  errors: { line: number; location: string; field: string; reason: string }[];
  counts: { kind: string; registered: number; changed: number; unchanged: number }[];
  events: number;
  applied: boolean;
  demo: boolean;
}

/** What every tab knows: the mall, who is signed in, and the page's query. */
export interface AdminCtx {
  readonly mallId: string;
  readonly isMallAdmin: boolean;
  /** The agency-admin's own agency (undefined for a mall-admin). */
  readonly agency: string | undefined;
  readonly query: URLSearchParams;
}
