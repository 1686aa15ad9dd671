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

export const EVENT_COLUMNS =
  'event_id, type, stream_id, version, transaction_id::text as transaction_id, global_position::text as global_position, data, metadata, recorded_at';

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
