import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { EventMetadataSchema } from '@mpp/contracts';
import type { RecordedEvent } from './types.js';

export interface EventRow {
  event_id: string;
  type: string;
  stream_id: string;
  version: number;
  transaction_id: string;
  global_position: string;
  data: Buffer;
  metadata: JsonValue;
  recorded_at: Date;
}

/** The columns of `events e`, positions as text (xid8 and bigint exceed JS numbers). */
export const EVENT_COLUMNS =
  'e.event_id, e.type, e.stream_id, e.version, e.transaction_id::text as transaction_id, e.global_position::text as global_position, e.data, e.metadata, e.recorded_at';

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    version: row.version,
    position: { transactionId: row.transaction_id, globalPosition: row.global_position },
    data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
    metadata: fromJson(EventMetadataSchema, row.metadata, { ignoreUnknownFields: true }),
    recordedAt: row.recorded_at,
  };
}
