import { randomBytes } from 'node:crypto';
import { CatalogService, Role, type Actor, type ImportReport } from '@mpp/contracts';
import { createClient, type Client } from '@mpp/grpc';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadConfig } from '../src/index.js';

// Imports over the real gRPC stream on the real PostgreSQL (PostgreSQL log transport): all or
// nothing, every bad row with its line, idempotent re-imports, only the change recorded.
const MALL = `baubau-${randomBytes(3).toString('hex')}`;
const system: Actor = { $typeName: 'mpp.common.v1.Actor', subject: 'import', role: Role.SYSTEM, agencyCode: '', mallId: '' };

let db: TestDatabase;
let running: RunningService;
let catalog: Client<typeof CatalogService>;
let close: () => void;

async function importFile(fileName: string, content: string, dryRun = false): Promise<{ report: ImportReport; phases: string[] }> {
  const phases: string[] = [];
  let report: ImportReport | undefined;
  for await (const m of catalog.importCatalog({ fileName, content: new TextEncoder().encode(content), dryRun }, { timeoutMs: 180_000 })) {
    if (m.event.case === 'progress') phases.push(m.event.value.phase);
    else if (m.event.case === 'report') report = m.event.value;
  }
  return { report: report!, phases: [...new Set(phases)] };
}

async function eventCount(): Promise<number> {
  const { rows } = await running.db!.query<{ n: number }>('select count(*)::int as n from catalog.events');
  return rows[0]!.n;
}

const count = (report: ImportReport, kind: string) => report.counts.find((c) => c.kind === kind);

/** A small mall as a JSON import, one record per line so the lines are easy to state. */
function document(overrides: { serviceName?: string; brokenService?: boolean } = {}): string {
  const lines = [
    '{',
    '  "malls": [',
    `    { "id": "${MALL}", "name": "MPP Kota Baubau", "city": "Kota Baubau", "timeZone": "Asia/Makassar", "weeklyHours": [{ "weekday": "WEEKDAY_MONDAY", "intervals": [{ "open": "08:00", "close": "15:00" }] }] }`,
    '  ],',
    '  "agencies": [',
    `    { "code": "dukcapil-${MALL}", "name": "Disdukcapil Kota Baubau", "kind": "AGENCY_KIND_OPD", "membership": { "mallId": "${MALL}", "status": "MEMBERSHIP_STATUS_ACTIVE" } }`,
    '  ],',
    '  "queues": [',
    `    { "mallId": "${MALL}", "prefix": "A", "name": "Kependudukan", "active": true }`,
    '  ],',
    '  "booths": [',
    `    { "mallId": "${MALL}", "number": "1", "name": "Gerai Dukcapil", "agencyCode": "dukcapil-${MALL}", "active": true }`,
    '  ],',
    '  "services": [',
    `    { "mallId": "${MALL}", "code": "kk", "nameId": "${overrides.serviceName ?? 'Kartu Keluarga'}", "agencyCode": "dukcapil-${MALL}", "queueId": "${MALL}:A", "boothIds": ["${MALL}:1"], "channels": ["CHANNEL_LANGSUNG"], "expectedHandlingMinutes": 15, "status": "SERVICE_STATUS_ACTIVE" },`,
    overrides.brokenService
      ? `    { "mallId": "${MALL}", "code": "Akta!", "nameId": "", "agencyCode": "dukcapil-${MALL}", "queueId": "${MALL}:Q", "channels": [], "expectedHandlingMinutes": 15, "status": "SERVICE_STATUS_ACTIVE" },`
      : `    { "mallId": "${MALL}", "code": "akta-lahir", "nameId": "Akta Kelahiran", "agencyCode": "dukcapil-${MALL}", "queueId": "${MALL}:A", "channels": ["CHANNEL_LANGSUNG"], "expectedHandlingMinutes": 15, "status": "SERVICE_STATUS_ACTIVE" },`,
    `    { "mallId": "${MALL}", "code": "ktp", "nameId": "KTP-el", "agencyCode": "dukcapil-${MALL}", "queueId": "${MALL}:A", "channels": ["CHANNEL_LANGSUNG"], "expectedHandlingMinutes": 10, "status": ${overrides.brokenService ? '"SERVICE_STATUS_SLEEPING"' : '"SERVICE_STATUS_ACTIVE"'} }`,
    '  ]',
    '}',
  ];
  return lines.join('\n');
}

beforeAll(async () => {
  db = await testDatabase();
  running = await build(loadConfig({ DATABASE_URL: db.url, CATALOG_GRPC_PORT: '0', GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent' })).start();
  ({ client: catalog, close } = createClient(CatalogService, { address: `127.0.0.1:${running.grpcPort}`, actor: system }));
});

afterAll(async () => {
  close?.();
  await running?.stop();
  await db?.drop();
});

describe('catalog import', () => {
  it('reports every bad row with its line and reason, and applies nothing', async () => {
    const { report } = await importFile('catalog.json', document({ brokenService: true }));
    expect(report.applied).toBe(false);
    const at = (line: number) => report.errors.filter((e) => e.line === line).map((e) => `${e.field}: ${e.reason}`);
    expect(at(16)).toEqual(expect.arrayContaining([expect.stringMatching(/^code: /), expect.stringMatching(/^name_id: is required/), expect.stringMatching(/^queue_id: no queue/), expect.stringMatching(/^channels: /)]));
    expect(at(17)).toEqual([expect.stringMatching(/SERVICE_STATUS_SLEEPING/)]);
    expect(report.errors.every((e) => e.line === 16 || e.line === 17)).toBe(true);
    expect(await eventCount()).toBe(0);
  });

  it('checks a dry run without applying it, applies the file, and records nothing when it comes again', async () => {
    const dry = await importFile('catalog.json', document(), true);
    expect(dry.report).toMatchObject({ applied: false, events: 0, errors: [] });
    expect(count(dry.report, 'services')).toMatchObject({ registered: 3, changed: 0, unchanged: 0 });
    expect(count(dry.report, 'malls')).toMatchObject({ registered: 1, changed: 0 });
    expect(await eventCount()).toBe(0);

    const first = await importFile('catalog.json', document());
    expect(first.report).toMatchObject({ applied: true, events: 7, errors: [] });
    expect(first.phases).toEqual(['checking', 'applying', 'done']);
    await waitFor(async () => (await catalog.listServices({ mallId: MALL })).services.length === 3, { timeoutMs: 60_000, what: 'the imported services in the view' });

    const again = await importFile('catalog.json', document());
    expect(again.report).toMatchObject({ applied: false, events: 0, errors: [] });
    expect(count(again.report, 'services')).toMatchObject({ registered: 0, changed: 0, unchanged: 3 });
    expect(await eventCount()).toBe(7);

    const renamed = await importFile('catalog.json', document({ serviceName: 'Penerbitan Kartu Keluarga' }));
    expect(renamed.report).toMatchObject({ applied: true, events: 1 });
    expect(count(renamed.report, 'services')).toMatchObject({ registered: 0, changed: 1, unchanged: 2 });
    const { rows } = await running.db!.query<{ type: string }>(`select type from catalog.events order by global_position desc limit 1`);
    expect(rows[0]!.type).toBe('id.mpp.catalog.ServiceChanged.v1');
  });

  it('a Put after an import decides on what the import wrote, not on what the service remembered', async () => {
    const kk = (await catalog.getService({ serviceId: `${MALL}:kk` })).service!;
    // The service's handler remembers the stream at the name it puts now …
    expect((await catalog.putService({ service: { ...kk, nameId: 'Kartu Keluarga (KK)' } })).changed).toBe(true);
    // … an import moves it on behind the handler's back …
    expect((await importFile('catalog.json', document({ serviceName: 'Penerbitan KK' }))).report).toMatchObject({ applied: true, events: 1 });
    // … and putting the remembered name again is a change, not a no-op on a stale cache.
    const again = await catalog.putService({ service: { ...kk, nameId: 'Kartu Keluarga (KK)' } });
    expect(again).toMatchObject({ changed: true, service: { nameId: 'Kartu Keluarga (KK)' } });
  });

  it('imports a CSV file named after its kind, with lists, short enum names and hours', async () => {
    const csv = [
      'mall_id,code,name_id,name_en,agency_code,queue_id,booth_ids,channels,expected_handling_minutes,status,hours',
      `${MALL},akta-mati,Akta Kematian,Death certificate,dukcapil-${MALL},${MALL}:A,${MALL}:1,langsung;digital,15,active,mon 08:00-12:00`,
      `${MALL},"pindah","Surat Pindah, antar kota",,dukcapil-${MALL},${MALL}:A,,langsung,20,active,`,
      `${MALL},bad,Rusak,,dukcapil-${MALL},${MALL}:A,,teleport,0,active,sun 25:00-26:00`,
    ].join('\r\n');
    const refused = await importFile('services.csv', csv);
    expect(refused.report.applied).toBe(false);
    expect(refused.report.errors.map((e) => [e.line, e.location, e.field])).toEqual([[4, 'services.csv:4', 'channels']]);

    const { report } = await importFile('services.csv', csv.split('\r\n').slice(0, 3).join('\r\n'));
    expect(report).toMatchObject({ applied: true, errors: [] });
    expect(count(report, 'services')).toMatchObject({ registered: 2 });
    await waitFor(async () => (await catalog.listServices({ mallId: MALL })).services.some((s) => s.code === 'pindah'), { timeoutMs: 60_000, what: 'the CSV services in the view' });
    const pindah = (await catalog.getService({ serviceId: `${MALL}:pindah` })).service!;
    expect(pindah.nameId).toBe('Surat Pindah, antar kota');
  });

  it('refuses a file that is not JSON, a CSV whose name says no kind, and unknown lists', async () => {
    expect((await importFile('catalog.json', '{ "malls": [')).report.errors[0]).toMatchObject({ line: 0, reason: expect.stringMatching(/^not JSON/) });
    expect((await importFile('catalog.json', '{ "shops": [] }')).report.errors[0]).toMatchObject({ field: 'shops', reason: expect.stringMatching(/unknown list/) });
    await expect(importFile('data.csv', 'a,b')).rejects.toMatchObject({ code: 'invalid' });
  });
});
