import type { OutgoingMessage } from '@mpp/kafka';
import type { LogPosition, RecordedEvent } from './types.js';

/**
 * The CloudEvents `sequence` extension for a log position: fixed-width, so comparing two
 * sequences as strings orders them as the log does. A source's relay publishes in this order,
 * so within a partition a sequence not above the last one applied is a republished event.
 */
export function sequenceOf(position: LogPosition): string {
  return `${position.transactionId.padStart(20, '0')}-${position.globalPosition.padStart(19, '0')}`;
}

/** A well-formed `ce_sequence` value (as `sequenceOf` writes it). */
export const SEQUENCE = /^\d{20}-\d{19}$/;

/**
 * A recorded event as a CloudEvents 1.0 Kafka message in binary mode: attributes in `ce_*`
 * headers, the protobuf event as the value, the stream id as the key (per-stream order). No
 * personal data goes into headers.
 */
export function toCloudEvent(event: RecordedEvent, source: string): OutgoingMessage {
  return { key: event.streamId, value: event.data, headers: cloudEventHeaders(event, source) };
}

/** The CloudEvents Kafka headers of a recorded event (binary mode), as the relay writes them. */
export function cloudEventHeaders(event: Pick<RecordedEvent, 'id' | 'type' | 'streamId' | 'recordedAt' | 'version' | 'position' | 'metadata'>, source: string): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_source: source,
    ce_type: event.type,
    ce_subject: event.streamId,
    ce_time: event.recordedAt.toISOString(),
    'content-type': 'application/protobuf',
    // Extension attributes (lowercase alphanumerics) that partners and routers filter on.
    ce_streamversion: String(event.version),
    ce_sequence: sequenceOf(event.position),
  };
  const m = event.metadata;
  if (m.mallId) headers.ce_mallid = m.mallId;
  if (m.agencyCode) headers.ce_agencycode = m.agencyCode;
  if (m.serviceId) headers.ce_serviceid = m.serviceId;
  if (m.correlationId) headers.ce_correlationid = m.correlationId;
  if (m.traceparent) headers.traceparent = m.traceparent;
  if (m.tracestate) headers.tracestate = m.tracestate;
  return headers;
}
