/** The API's ticket and service shapes the kiosk, the ticket page and the console read (JSON of the contracts, lowerCamelCase). */
export interface Service {
  readonly id: string;
  readonly nameId: string;
  readonly nameEn: string;
  readonly agencyCode: string;
  readonly queueId: string;
  readonly priorityGroups: readonly string[];
  readonly dailyQuota: number;
  readonly status: string;
  readonly expectedHandlingMinutes: number;
}

export interface Agency {
  readonly code: string;
  readonly name: string;
  readonly memberships: readonly { readonly mallId: string; readonly status: string }[];
}

export interface PriorityGroup {
  readonly code: string;
  readonly labelId: string;
  readonly labelEn: string;
}

export interface Ticket {
  readonly id: string;
  readonly mallId: string;
  readonly number: string;
  readonly serviceId: string;
  readonly status: string;
  readonly counterId: string;
  readonly priorityGroup: string;
  readonly issuedAt: string;
  readonly calledAt?: string;
  readonly recalls: number;
  /** Once transferred: the new ticket. */
  readonly transferredTo?: string;
}

export interface TicketView {
  readonly ticket: Ticket;
  readonly position: number;
  readonly peopleAhead: number;
  readonly estimatedWaitMinutes: number;
  readonly statusPath: string;
  readonly surveyPath?: string;
  readonly applicationTrackingCode?: string;
}
