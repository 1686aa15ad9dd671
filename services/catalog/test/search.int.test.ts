import { CatalogService, Role, type Actor } from '@mpp/contracts';
import { createClient, type Client } from '@mpp/grpc';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, demoMall, loadConfig } from '../src/index.js';

// Search relevance on the demo MPP (about 900 services): what citizens type at a kiosk, typos
// included, in Bahasa Indonesia and English.
const MALL = 'kendari';
const system: Actor = { $typeName: 'mpp.common.v1.Actor', subject: 'import', role: Role.SYSTEM, agencyCode: '', mallId: '' };

let db: TestDatabase;
let running: RunningService;
let catalog: Client<typeof CatalogService>;
let close: () => void;

beforeAll(async () => {
  db = await testDatabase();
  running = await build(loadConfig({ DATABASE_URL: db.url, CATALOG_GRPC_PORT: '0', GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent' })).start();
  ({ client: catalog, close } = createClient(CatalogService, { address: `127.0.0.1:${running.grpcPort}`, actor: system }));
  const demo = demoMall({ mallId: MALL });
  for await (const m of catalog.importCatalog({ fileName: 'demo.json', content: new TextEncoder().encode(JSON.stringify(demo)) }, { timeoutMs: 180_000 })) {
    if (m.event.case === 'report') expect(m.event.value.errors).toEqual([]);
  }
  const active = (demo.services ?? []).filter((s) => s.status === 'SERVICE_STATUS_ACTIVE').length;
  await waitFor(async () => (await running.db!.query<{ n: number }>(`select count(*)::int as n from catalog.services where status = 1`)).rows[0]!.n === active, {
    timeoutMs: 120_000,
    what: `the ${active} active demo services in the view`,
  });
}, 240_000);

afterAll(async () => {
  close?.();
  await running?.stop();
  await db?.drop();
});

const search = async (query: string, limit = 5) => (await catalog.searchServices({ mallId: MALL, query, limit })).hits;
const top = async (query: string) => (await search(query))[0]?.service;

describe('service search on the demo MPP', () => {
  it('finds KTP-el services by the abbreviation, first', async () => {
    const hits = await search('ktp');
    expect(hits.length).toBe(5);
    expect(hits.every((h) => /ktp/i.test(h.service!.nameId))).toBe(true);
  });

  it('forgives typos: "kartu keluarag" finds Kartu Keluarga, "paspro" finds a passport', async () => {
    expect((await top('kartu keluarag'))?.nameId).toMatch(/Kartu Keluarga/);
    const paspro = await search('paspro');
    expect(paspro[0]?.service?.nameId).toMatch(/Paspor/);
    expect(paspro.filter((h) => h.service!.agencyCode === 'imigrasi-kendari').length).toBeGreaterThanOrEqual(3);
  });

  it('answers in English too', async () => {
    // The post office delivers passports too; most of what comes first is Imigrasi's.
    const passport = await search('passport');
    expect(passport.filter((h) => h.service!.agencyCode === 'imigrasi-kendari').length).toBeGreaterThanOrEqual(3);
    expect((await top('family card'))?.nameId).toMatch(/Kartu Keluarga/);
  });

  it("finds an agency's services by the agency's name, and a service by its requirements", async () => {
    const bpjs = await search('bpjs kesehatan', 10);
    expect(bpjs.filter((h) => h.service!.agencyCode === 'bpjs-kesehatan').length).toBeGreaterThanOrEqual(5);
    expect((await top('skck'))?.agencyCode).toBe('polres-kendari');
    expect((await top('perpanjangan sim a'))?.code).toBe('sim-a-perpanjangan');
  });

  it('leaves retired services out and finds nothing for nonsense', async () => {
    expect((await search('surat izin usaha perdagangan siup', 20)).map((h) => h.service!.code)).not.toContain('siup');
    expect(await search('qwxzv')).toEqual([]);
  });
});
