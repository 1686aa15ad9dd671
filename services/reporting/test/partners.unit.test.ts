import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { create, fromBinary, toBinary, type DescMessage } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ComplaintReceivedSchema,
  EventMetadataSchema,
  NoticeSetSchema,
  ResponseSubmittedSchema,
  TicketCalledSchema,
  TicketIssuedSchema,
  OfficerRegisteredSchema,
  ApplicationOpenedSchema,
} from '@mpp/contracts';
import { eventTypeName, type ConsumedEvent } from '@mpp/eventstore';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENTITLEMENTS, ENTITLEMENTS, isEntitled, parseGrants } from '../src/partners/entitlements.js';
import { partnerFieldTable } from '../src/partners/fields.js';
import { partnerEvents, routeEvent } from '../src/partners/route.js';
import { sign, verify } from '../src/webhooks/signature.js';
import { checkTargetUrl, isPrivateAddress } from '../src/webhooks/targets.js';
import { backoffAfter } from '../src/webhooks/worker.js';

const AT = new Date('2026-11-24T02:00:00Z');
const NO_GRANTS = parseGrants('');

function event<D extends DescMessage>(schema: D, data: Parameters<typeof create<D>>[1], meta: { agencyCode?: string; mallId?: string } = {}, transport: 'log' | 'kafka' = 'log'): ConsumedEvent {
  const id = randomUUID();
  const type = eventTypeName(schema);
  return {
    id,
    type,
    streamId: 'ticket-palu-1',
    version: 2,
    data: toBinary(schema, create(schema, data)),
    metadata: create(EventMetadataSchema, { mallId: meta.mallId ?? 'palu', agencyCode: meta.agencyCode ?? 'polri', serviceId: 'palu:sim', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }),
    recordedAt: AT,
    origin:
      transport === 'log'
        ? { transport: 'log', source: 'queue', position: { transactionId: '10', globalPosition: '42' } }
        : { transport: 'kafka', topic: 'mpp.queue.v1', partition: 0, offset: '7', headers: { ce_specversion: '1.0', ce_id: id, ce_type: type, ce_source: '/mpp/queue', ce_agencycode: 'polri', mpp_replay_group: 'g' } },
  };
}

describe('what a partner agency is entitled to', () => {
  it('names only event types the contracts define', () => {
    for (const type of Object.values(ENTITLEMENTS).flat()) expect(partnerEvents.get(type), type).toBeDefined();
  });

  it('gives the default to every agency and more only by grant', () => {
    expect(DEFAULT_ENTITLEMENTS).toEqual(['tickets', 'catalog', 'survey', 'complaints']);
    const grants = parseGrants('bpjs-kesehatan=applications+bookings; polri=counters');
    expect(isEntitled('polri', 'id.mpp.queue.TicketCalled.v1', NO_GRANTS)).toBe(true);
    expect(isEntitled('polri', 'id.mpp.queue.ApplicationOpened.v1', grants)).toBe(false);
    expect(isEntitled('bpjs-kesehatan', 'id.mpp.queue.ApplicationOpened.v1', grants)).toBe(true);
    expect(isEntitled('polri', 'id.mpp.queue.CounterOpened.v1', grants)).toBe(true);
    expect(isEntitled('', 'id.mpp.queue.TicketCalled.v1', NO_GRANTS)).toBe(false);
    expect(isEntitled('polri', 'id.mpp.catalog.NoticeSet.v1', NO_GRANTS)).toBe(false);
  });

  it('is documented field by field in docs/partners.md, as the contracts say', () => {
    const doc = readFileSync(new URL('../../../docs/partners.md', import.meta.url), 'utf8');
    const table = /<!-- partner-fields:begin -->\n([\s\S]*?)\n<!-- partner-fields:end -->/.exec(doc)?.[1];
    expect(table, 'regenerate the table with partnerFieldTable()').toBe(partnerFieldTable());
    expect(table).toContain('| `id.mpp.queue.TicketCalled.v1` | tickets | ticketId, counterId, at (Timestamp), reason (CallReason), officer, amongServiceIds, policy (OrderingPolicy) | officer: `***` |');
    expect(table).toContain('response.profile: dropped');
  });

  it('refuses a grant it cannot read, saying what it expects', () => {
    expect(() => parseGrants('polri=everything')).toThrow(/unknown entitlement "everything" for polri; known: tickets/);
    expect(() => parseGrants('polri')).toThrow(/is not <agency-code>=<entitlement>/);
  });
});

describe('routing an event to its agency', () => {
  it('masks the officer of a call and keeps the CloudEvents attributes of the source', () => {
    const e = event(TicketCalledSchema, { ticketId: 't1', counterId: 'palu:c1', at: timestampFromDate(AT), officer: 'oidc|budi.santoso' });
    const routed = routeEvent(e, NO_GRANTS)!;
    expect(routed.agencyCode).toBe('polri');
    expect(routed.key).toBe('ticket-palu-1');
    const message = fromBinary(TicketCalledSchema, routed.value);
    expect(message.officer).toBe('***');
    expect(message.counterId).toBe('palu:c1');
    expect(routed.headers).toMatchObject({ ce_specversion: '1.0', ce_id: e.id, ce_source: '/mpp/queue', ce_type: 'id.mpp.queue.TicketCalled.v1', ce_subject: 'ticket-palu-1', ce_time: AT.toISOString(), ce_agencycode: 'polri', ce_mallid: 'palu', ce_sequence: '00000000000000000010-0000000000000000042', 'content-type': 'application/protobuf' });
    expect(routed.headers.traceparent).toMatch(/^00-/);
    expect(routed.json).toMatchObject({ specversion: '1.0', id: e.id, type: 'id.mpp.queue.TicketCalled.v1', agencycode: 'polri', data: { ticketId: 't1', officer: '***' } });
    expect(JSON.stringify(routed.json)).not.toContain('budi');
  });

  it('keeps the source message headers from Kafka, without the platform’s own', () => {
    const routed = routeEvent(event(TicketIssuedSchema, { ticket: { id: 't2', number: 'A-001' } }, {}, 'kafka'), NO_GRANTS)!;
    expect(routed.headers.ce_source).toBe('/mpp/queue');
    expect(routed.headers.mpp_replay_group).toBeUndefined();
  });

  it('sends survey answers without the respondent’s profile or words', () => {
    const routed = routeEvent(event(ResponseSubmittedSchema, { response: { ticketId: 't3', answers: [4, 3, 4, 4, 3, 4, 4, 4, 3], profile: { ageGroup: 2, sex: 1, education: 3, occupation: 1 }, suggestion: 'Petugas Budi ramah, nomor saya 0812345678' } }), NO_GRANTS)!;
    const message = fromBinary(ResponseSubmittedSchema, routed.value);
    expect(message.response!.answers).toEqual([4, 3, 4, 4, 3, 4, 4, 4, 3]);
    expect(message.response!.profile).toBeUndefined();
    expect(message.response!.suggestion).toBe('***');
  });

  it('masks a complaint’s text and its complainant’s contact', () => {
    const routed = routeEvent(event(ComplaintReceivedSchema, { complaint: { id: 'k1', category: 'time', text: 'Antri 3 jam', contact: { name: 'Siti Aminah', phone: '081234567890', email: 'siti@example.id' } } }), NO_GRANTS)!;
    const { complaint } = fromBinary(ComplaintReceivedSchema, routed.value);
    expect(complaint).toMatchObject({ id: 'k1', category: 'time', text: '***', contact: { name: '***', phone: '***890', email: '***' } });
  });

  it('sends nothing of a mall-wide event, of another kind than granted, or of no agency', () => {
    expect(routeEvent(event(NoticeSetSchema, { mallId: 'palu' }), NO_GRANTS)).toBeUndefined();
    expect(routeEvent(event(OfficerRegisteredSchema, {}), NO_GRANTS)).toBeUndefined();
    expect(routeEvent(event(ApplicationOpenedSchema, {}), NO_GRANTS)).toBeUndefined();
    expect(routeEvent(event(ApplicationOpenedSchema, {}), parseGrants('polri=applications'))).toBeDefined();
    expect(routeEvent(event(TicketIssuedSchema, {}, { agencyCode: '' }), NO_GRANTS)).toBeUndefined();
  });

  it('refuses bytes that are not the type they claim (the consumer dead-letters them)', () => {
    const e = { ...event(TicketCalledSchema, {}), data: new Uint8Array([0xff, 0xff, 0xff]) };
    expect(() => routeEvent(e, NO_GRANTS)).toThrow();
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"e1"}';

  it('verify what they sign within the replay window', () => {
    const header = sign(secret, 1_800_000_000, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verify(secret, header, body, 1_800_000_100)).toEqual({ ok: true, timestamp: 1_800_000_000 });
  });

  it('refuse another body, another secret, an old timestamp or no header', () => {
    const header = sign(secret, 1_800_000_000, body);
    expect(verify(secret, header, '{"id":"e2"}', 1_800_000_000)).toMatchObject({ ok: false, reason: 'no v1 signature matches the body' });
    expect(verify('whsec_other', header, body, 1_800_000_000).ok).toBe(false);
    expect(verify(secret, header, body, 1_800_000_301)).toMatchObject({ ok: false, reason: expect.stringContaining('a replay') });
    expect(verify(secret, header.replace('t=1800000000', 't=1800000001'), body, 1_800_000_000).ok).toBe(false);
    expect(verify(secret, undefined, body, 1_800_000_000)).toMatchObject({ ok: false, reason: 'no mpp-signature header' });
  });
});

describe('webhook targets', () => {
  it('knows private addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.10', '169.254.169.254', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '103.10.20.30', '2001:4860:4860::8888']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('takes https to public hosts, and http or private hosts only where the deployment allows', () => {
    expect(checkTargetUrl('https://hooks.polri.example/mpp', false)).toBe('https://hooks.polri.example/mpp');
    expect(() => checkTargetUrl('http://hooks.polri.example/mpp', false)).toThrow(/must use https/);
    expect(() => checkTargetUrl('https://127.0.0.1/x', false)).toThrow(/private network/);
    expect(() => checkTargetUrl('https://[::1]/x', false)).toThrow(/private network/);
    expect(() => checkTargetUrl('https://localhost/x', false)).toThrow(/private network/);
    expect(() => checkTargetUrl('https://user:pw@hooks.example/x', false)).toThrow(/credentials/);
    expect(() => checkTargetUrl('hooks.example/x', false)).toThrow(/absolute URL/);
    expect(checkTargetUrl('http://127.0.0.1:9000/hook', true)).toBe('http://127.0.0.1:9000/hook');
    expect(() => checkTargetUrl('ftp://127.0.0.1/x', true)).toThrow(/must use https/);
  });
});

describe('webhook retries', () => {
  it('wait twice as long after each failure, up to the ceiling, with jitter', () => {
    const policy = { backoffMs: 1_000, maxBackoffMs: 60_000 };
    expect([1, 2, 3, 4].map((n) => backoffAfter(n, policy, () => 0.5))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffAfter(20, policy, () => 0.5)).toBe(60_000);
    expect(backoffAfter(1, policy, () => 0)).toBe(800);
    expect(backoffAfter(1, policy, () => 1)).toBe(1_200);
  });
});
