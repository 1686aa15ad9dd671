import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { EventMetadataSchema, personalFields, Role } from '@mpp/contracts';
import { SEQUENCE, sequenceOf, toCloudEvent, type RecordedEvent } from '../src/index.js';

const event: RecordedEvent = {
  id: '0b7f5d0e-8f5a-4c53-9d55-0d3f1a2b3c4d',
  type: 'id.mpp.queue.TicketIssued.v1',
  streamId: 'ticket-42',
  version: 3,
  position: { transactionId: '900', globalPosition: '17' },
  data: new Uint8Array([1, 2, 3]),
  metadata: create(EventMetadataSchema, {
    mallId: 'mall-kendari',
    agencyCode: 'polres-kendari',
    actor: { subject: 'officer-subject-7', role: Role.OFFICER, agencyCode: 'polres-kendari' },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  }),
  recordedAt: new Date('2026-11-23T01:02:03.000Z'),
};

describe('CloudEvents Kafka binding (binary mode)', () => {
  it('maps the envelope to ce_* headers, the stream to the key and the protobuf to the value', () => {
    const message = toCloudEvent(event, '/mpp/queue');
    expect(message.key).toBe('ticket-42');
    expect(message.value).toEqual(new Uint8Array([1, 2, 3]));
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: '/mpp/queue',
      ce_type: 'id.mpp.queue.TicketIssued.v1',
      ce_subject: 'ticket-42',
      ce_time: '2026-11-23T01:02:03.000Z',
      'content-type': 'application/protobuf',
      ce_streamversion: '3',
      ce_sequence: '00000000000000000900-0000000000000000017',
      ce_mallid: 'mall-kendari',
      ce_agencycode: 'polres-kendari',
      traceparent: event.metadata.traceparent,
    });
  });

  it('orders sequences as strings the way the log orders positions', () => {
    const positions = [
      { transactionId: '900', globalPosition: '17' },
      { transactionId: '900', globalPosition: '101' },
      { transactionId: '1000', globalPosition: '99' },
      { transactionId: '18446744073709551615', globalPosition: '9223372036854775807' },
    ];
    const sequences = positions.map(sequenceOf);
    expect([...sequences].sort()).toEqual(sequences);
    expect(sequences.every((s) => SEQUENCE.test(s))).toBe(true);
  });

  it('puts no field the contract marks as personal data into a header', () => {
    expect(personalFields(EventMetadataSchema).map((f) => f.path)).toEqual(['actor.subject']);
    const headers = Object.values(toCloudEvent(event, '/mpp/queue').headers ?? {});
    expect(headers.some((v) => v.includes('officer-subject-7'))).toBe(false);
  });
});
