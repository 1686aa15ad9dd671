import { create } from '@bufbuild/protobuf';
import { EventMetadataSchema, type EventMetadata } from '@mpp/contracts';
import type { IncomingMessage } from '@mpp/kafka';
import type { ConsumedEvent } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A CloudEvents Kafka message back into an event, or why it is not one. */
export function fromKafka(m: IncomingMessage): ConsumedEvent | { invalid: string } {
  const h = m.headers;
  const missing = ['ce_specversion', 'ce_id', 'ce_type', 'ce_source'].filter((name) => !h[name]);
  if (missing.length > 0) return { invalid: `not a CloudEvent: missing ${missing.join(', ')}` };
  if (h.ce_specversion !== '1.0') return { invalid: `unsupported ce_specversion ${h.ce_specversion}` };
  if (!UUID.test(h.ce_id!)) return { invalid: `ce_id ${h.ce_id} is not a UUID` };
  if (m.value === null) return { invalid: 'no value' };
  const version = Number(h.ce_streamversion ?? '0');
  let metadata: EventMetadata | undefined;
  return {
    id: h.ce_id!,
    type: h.ce_type!,
    streamId: h.ce_subject ?? m.key ?? '',
    version: Number.isInteger(version) ? version : 0,
    data: m.value,
    // Built when a projection first asks: many never do, and catch-up reads every event.
    get metadata() {
      return (metadata ??= create(EventMetadataSchema, {
        mallId: h.ce_mallid ?? '',
        agencyCode: h.ce_agencycode ?? '',
        serviceId: h.ce_serviceid ?? '',
        correlationId: h.ce_correlationid ?? '',
        traceparent: h.traceparent ?? '',
        tracestate: h.tracestate ?? '',
      }));
    },
    recordedAt: h.ce_time ? new Date(h.ce_time) : m.timestamp,
    origin: { transport: 'kafka', topic: m.topic, partition: m.partition, offset: m.offset, headers: h },
  };
}
