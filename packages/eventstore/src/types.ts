import type { EventMetadata } from '@mpp/contracts';

/** Where a reader stands in the global log: ordered by (transaction id, position). */
export interface LogPosition {
  /** `xid8` of the appending transaction, as a decimal string. */
  readonly transactionId: string;
  /** The event's global position (identity column), as a decimal string. */
  readonly globalPosition: string;
}

export const LOG_START: LogPosition = { transactionId: '0', globalPosition: '0' };

/**
 * The version a stream must have for an append to go through: a number (0 = the stream does not
 * exist yet), or 'any' to append whatever the stream holds.
 */
export type ExpectedVersion = number | 'any';

/** An event to append: its data is already a protobuf message of a registered type. */
export interface NewEvent {
  /** Unique id (UUID); becomes the CloudEvents `ce_id`, so retried commands must reuse it. */
  readonly id: string;
  /** Versioned type, e.g. `id.mpp.queue.TicketIssued.v1` (see `EventTypes`). */
  readonly type: string;
  readonly data: Uint8Array;
  readonly metadata: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: LogPosition;
  readonly data: Uint8Array;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly NewEvent[];
}

export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append. */
  readonly version: number;
}
