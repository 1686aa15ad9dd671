import { randomBytes } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AgencyKind,
  CatalogService,
  Channel,
  MembershipStatus,
  Role,
  ServiceRegisteredSchema,
  ServiceStatus,
  Weekday,
  type Actor,
} from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { createClient, type Client } from '@mpp/grpc';
import { createKafkaClient, type IncomingMessage } from '@mpp/kafka';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase } from '@mpp/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadConfig } from '../src/index.js';

// The catalog over its real gRPC API, on the run's PostgreSQL and Kafka: a small MPP put
// together the way an admin (or an import) does it, read back, searched, and seen on Kafka.
const MALL = `kendari-${randomBytes(3).toString('hex')}`;
const system: Actor = { $typeName: 'mpp.common.v1.Actor', subject: 'import', role: Role.SYSTEM, agencyCode: '', mallId: '' };
const bpjsAdmin: Actor = { $typeName: 'mpp.common.v1.Actor', subject: 'admin-bpjs', role: Role.AGENCY_ADMIN, agencyCode: 'bpjs-kesehatan', mallId: MALL };

let db: TestDatabase;
let running: RunningService;
let catalog: Client<typeof CatalogService>;
let close: () => void;

const weekdays = [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY].map((weekday) => ({ weekday, intervals: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }] }));
const friday = { weekday: Weekday.FRIDAY, intervals: [{ open: '08:00', close: '11:30' }, { open: '13:30', close: '16:00' }] };
const mall = { id: MALL, name: 'MPP Kota Kendari', city: 'Kota Kendari', address: 'Jl. Abdullah Silondae', timeZone: 'Asia/Makassar', weeklyHours: [...weekdays, friday] };
const agency = { code: `disdukcapil-${MALL}`, name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: AgencyKind.OPD };
const membership = { mallId: MALL, status: MembershipStatus.ACTIVE, mouSignedOn: '2021-03-01', pksSignedOn: '2021-06-01' };
const service = (code: string, nameId: string, nameEn: string) => ({
  mallId: MALL,
  code,
  nameId,
  nameEn,
  agencyCode: agency.code,
  queueId: `${MALL}:A`,
  boothIds: [`${MALL}:1`],
  channels: [Channel.LANGSUNG],
  expectedHandlingMinutes: 10,
  dailyQuota: 150,
  status: ServiceStatus.ACTIVE,
});
const standard = (serviceId: string, requirements: string[]) => ({
  serviceId,
  decreeNumber: '470/123/2025',
  adoptedOn: '2025-01-15',
  public: { requirements, procedure: 'Ambil antrian, dilayani di loket', completionTime: '1 hari kerja', fee: 'Gratis', product: 'Dokumen', complaintHandling: 'SP4N-LAPOR!' },
  internal: { legalBasis: 'UU 24/2013 tentang Administrasi Kependudukan' },
});

async function putAll(): Promise<boolean[]> {
  const changed: boolean[] = [];
  changed.push((await catalog.putMall({ mall })).changed);
  changed.push((await catalog.setQueuePolicy({ mallId: MALL, policy: { priorityGroups: [{ code: 'lansia', labelId: 'Lansia', labelEn: 'Elderly', weight: 2 }], interleaveRatio: 3, recallsBeforeNoShow: 3 } })).changed);
  changed.push((await catalog.putAgency({ agency, membership })).changed);
  changed.push((await catalog.putQueue({ queue: { mallId: MALL, prefix: 'A', name: 'Kependudukan', active: true } })).changed);
  changed.push((await catalog.putBooth({ booth: { mallId: MALL, number: '1', name: 'Gerai Disdukcapil', floor: '1', agencyCode: agency.code, active: true } })).changed);
  changed.push((await catalog.putCounter({ counter: { mallId: MALL, number: '1', boothId: `${MALL}:1`, name: 'Loket 1', active: true } })).changed);
  changed.push((await catalog.putService({ service: service('ktp-el-baru', 'Perekaman KTP-el Baru', 'New electronic ID card') })).changed);
  changed.push((await catalog.putService({ service: service('kartu-keluarga', 'Penerbitan Kartu Keluarga', 'Family card') })).changed);
  changed.push((await catalog.putService({ service: service('akta-kelahiran', 'Akta Kelahiran', 'Birth certificate') })).changed);
  changed.push((await catalog.putStandard({ standard: standard(`${MALL}:ktp-el-baru`, ['Fotokopi Kartu Keluarga', 'Berusia 17 tahun']) })).changed);
  changed.push((await catalog.putOfficer({ officer: { subject: `officer-${MALL}`, mallId: MALL, agencyCode: agency.code, displayName: 'Wa Ode Sitti', counterIds: [`${MALL}:1`], active: true } })).changed);
  return changed;
}

async function eventCount(): Promise<number> {
  const { rows } = await running.db!.query<{ n: number }>('select count(*)::int as n from catalog.events');
  return rows[0]!.n;
}

async function refusal(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  db = await testDatabase();
  const config = loadConfig({ DATABASE_URL: db.url, KAFKA_BROKERS: kafkaBrokers().join(','), CATALOG_GRPC_PORT: '0', GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  running = await build(config).start();
  ({ client: catalog, close } = createClient(CatalogService, { address: `127.0.0.1:${running.grpcPort}`, actor: system }));
});

afterAll(async () => {
  close?.();
  await running?.stop();
  await db?.drop();
});

describe('catalog service', () => {
  it('keeps what an admin puts, reads it back, and records nothing when the same is put again', async () => {
    expect(await putAll()).toEqual(Array(11).fill(true));
    const recorded = await eventCount();
    expect(await putAll()).toEqual(Array(11).fill(false));
    expect(await eventCount()).toBe(recorded);

    await waitFor(async () => (await catalog.listServices({ mallId: MALL })).services.length === 3, { timeoutMs: 60_000, what: 'the three services in the view' });
    const booths = await catalog.listBooths({ mallId: MALL });
    expect(booths.booths.map((b) => [b.booth?.id, b.counters.map((c) => c.id)])).toEqual([[`${MALL}:1`, [`${MALL}:1`]]]);
    await waitFor(async () => (await catalog.getService({ serviceId: `${MALL}:ktp-el-baru` })).standard !== undefined, { timeoutMs: 60_000, what: 'the standard in the view' });
    const ktp = await catalog.getService({ serviceId: `${MALL}:ktp-el-baru` });
    expect(ktp.agencyName).toBe(agency.name);
    expect(ktp.standard?.public?.requirements).toEqual(['Fotokopi Kartu Keluarga', 'Berusia 17 tahun']);
    expect(ktp.standard?.internal?.legalBasis, 'citizens see the public components only').toBe('');
    const full = await catalog.getStandard({ serviceId: `${MALL}:ktp-el-baru` });
    expect(full.standard?.internal?.legalBasis).toContain('UU 24/2013');
  });

  it('finds services by words, prefixes and misspellings, in Bahasa Indonesia or English', async () => {
    const codes = async (query: string) => (await catalog.searchServices({ mallId: MALL, query })).hits.map((h) => h.service?.code);
    await waitFor(async () => (await codes('ktp')).length > 0, { timeoutMs: 60_000, what: 'search to see the services' });
    expect((await codes('ktp'))[0]).toBe('ktp-el-baru');
    expect((await codes('kartu keluarag'))[0]).toBe('kartu-keluarga');
    expect((await codes('birth'))[0]).toBe('akta-kelahiran');
    expect(await codes('kependudukan'), 'by agency name').toHaveLength(3);
    expect(await codes('paspor')).toEqual([]);
  });

  it('publishes its events on mpp.catalog.v1 as CloudEvents any consumer can read', async () => {
    const kafka = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'catalog-test' });
    const seen: IncomingMessage[] = [];
    const consumer = await kafka.consumer({ groupId: `catalog-test-${MALL}`, topics: ['mpp.catalog.v1'], fromBeginning: true });
    await consumer.run(async (m) => void (m.headers.ce_mallid === MALL && seen.push(m)));
    try {
      await waitFor(() => seen.length >= 11, { timeoutMs: 120_000, what: `the catalog's events on Kafka (${seen.length})` });
    } finally {
      await consumer.close();
    }
    const registered = seen.find((m) => m.headers.ce_type === 'id.mpp.catalog.ServiceRegistered.v1' && m.headers.ce_subject === `service-${MALL}:ktp-el-baru`)!;
    expect(registered.headers).toMatchObject({ ce_specversion: '1.0', ce_source: '/mpp/catalog', 'content-type': 'application/protobuf', ce_agencycode: agency.code, ce_serviceid: `${MALL}:ktp-el-baru` });
    expect(fromBinary(ServiceRegisteredSchema, registered.value!).service?.nameId).toBe('Perekaman KTP-el Baru');
  });

  it('refuses bad input with every field-level reason and writes nothing', async () => {
    const before = await eventCount();
    const error = await refusal(catalog.putService({ service: { ...service('paspor', '', ''), queueId: `${MALL}:Z`, channels: [], expectedHandlingMinutes: 0 } }));
    expect(error.code).toBe('invalid');
    expect(error.violations.map((v) => v.field)).toEqual(expect.arrayContaining(['name_id', 'queue_id', 'channels', 'expected_handling_minutes']));
    expect(await eventCount()).toBe(before);
  });

  it("lets an agency-admin change only its own agency's records, and nobody unsigned", async () => {
    const forbidden = await refusal(catalog.putService({ service: service('ktp-el-baru', 'KTP', 'ID') }, { actor: bpjsAdmin }));
    expect(forbidden.code).toBe('forbidden');
    // Claiming another agency's officer for one's own is a change to the other agency's record.
    const claim = await refusal(
      catalog.putOfficer({ officer: { subject: `officer-${MALL}`, mallId: MALL, agencyCode: 'bpjs-kesehatan', displayName: 'Wa Ode Sitti', counterIds: [], active: true } }, { actor: bpjsAdmin }),
    );
    expect(claim.code).toBe('forbidden');
    // A national agency's name is its own: another mall's admin cannot rename it.
    await catalog.putMall({ mall: { ...mall, id: `${MALL}-b`, name: 'MPP B' } });
    await catalog.putAgency({ agency: { code: 'bpjs-kesehatan', name: 'BPJS Kesehatan', kind: AgencyKind.BUMN }, membership: { ...membership, mallId: `${MALL}-b` } });
    const otherAdmin: Actor = { ...bpjsAdmin, role: Role.MALL_ADMIN, agencyCode: '', mallId: MALL };
    const rename = await refusal(catalog.putAgency({ agency: { code: 'bpjs-kesehatan', name: 'BPJS', kind: AgencyKind.BUMN }, membership: { ...membership, mallId: MALL } }, { actor: otherAdmin }));
    expect(rename.code).toBe('forbidden');
    // Nor read another agency's roster; nor write a control character.
    const dukcapilOfficer: Actor = { ...bpjsAdmin, role: Role.OFFICER, agencyCode: agency.code };
    expect((await catalog.listOfficers({ mallId: MALL }, { actor: dukcapilOfficer })).officers.map((o) => o.agencyCode)).toEqual([agency.code]);
    expect((await refusal(catalog.listOfficers({ mallId: MALL, agencyCode: 'bpjs-kesehatan' }, { actor: dukcapilOfficer }))).code).toBe('forbidden');
    const nul = await refusal(catalog.putQueue({ queue: { mallId: MALL, prefix: 'Q', name: 'Antrian\u0000Q', active: true } }));
    expect(nul.violations).toEqual([{ field: 'name', reason: 'holds a control character' }]);
    const { client: anonymous, close: closeAnonymous } = createClient(CatalogService, { address: `127.0.0.1:${running.grpcPort}` });
    try {
      expect((await refusal(anonymous.putMall({ mall }))).code).toBe('unauthenticated');
      expect((await refusal(anonymous.getStandard({ serviceId: `${MALL}:ktp-el-baru` }))).code).toBe('unauthenticated');
      expect((await anonymous.listMalls({})).malls.map((m) => m.id)).toContain(MALL);
    } finally {
      closeAnonymous();
    }
  });

  it("tells whether a service takes tickets, in the mall's time zone, and when it opens next", async () => {
    // Friday 2026-11-27, 12:00 WITA (04:00 UTC): the Friday prayer break until 13:30.
    const during = await catalog.checkServiceOpen({ serviceId: `${MALL}:ktp-el-baru`, at: timestampFromDate(new Date('2026-11-27T04:00:00Z')) });
    expect(during).toMatchObject({ open: false, reason: 'break' });
    expect(timestampDate(during.opensAt!).toISOString()).toBe('2026-11-27T05:30:00.000Z');
    const open = await catalog.checkServiceOpen({ serviceId: `${MALL}:ktp-el-baru`, at: timestampFromDate(new Date('2026-11-26T01:00:00Z')) });
    expect(open.open).toBe(true);
    expect(timestampDate(open.closesAt!).toISOString()).toBe('2026-11-26T04:00:00.000Z');
  });

  it('loads a year of national holidays once, and a service is closed on them with the reason', async () => {
    const loaded = await catalog.loadNationalHolidays({ mallId: MALL, year: 2026 });
    expect(loaded.added).toBeGreaterThanOrEqual(15);
    expect((await catalog.loadNationalHolidays({ mallId: MALL, year: 2026 })).added).toBe(0);
    await waitFor(async () => ((await catalog.getMall({ mallId: MALL })).mall?.specialDays.length ?? 0) === loaded.mall?.specialDays.length, { timeoutMs: 60_000, what: 'the holidays in the view' });
    // Monday 17 August 2026, 09:00 WITA: Independence Day.
    const independence = await catalog.checkServiceOpen({ serviceId: `${MALL}:ktp-el-baru`, at: timestampFromDate(new Date('2026-08-17T01:00:00Z')) });
    expect(independence).toMatchObject({ open: false, reason: 'holiday' });
    expect(independence.detail).toMatch(/Kemerdekaan/);
    expect(timestampDate(independence.opensAt!).toISOString()).toBe('2026-08-18T00:00:00.000Z');
    const unknownYear = await refusal(catalog.loadNationalHolidays({ mallId: MALL, year: 2031 }));
    expect(unknownYear.code).toBe('invalid');
  });
});
