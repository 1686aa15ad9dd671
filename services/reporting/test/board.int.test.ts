import { build as buildCatalog, demoMall, loadConfig as catalogConfig } from '@mpp/catalog';
import { CatalogService, NoticeKind, Outcome, QueueService, ReportingService, Role, Source, type Actor, type Board } from '@mpp/contracts';
import { createManualClock, type ManualClock } from '@mpp/eventstore';
import { createClient } from '@mpp/grpc';
import { build as buildQueue, loadConfig as queueConfig } from '@mpp/queue';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadConfig } from '../src/index.js';

// The live board of the demo mall from the catalog's and the queue's events (single-node mode:
// the PostgreSQL log transport), watched as a gRPC server stream.
const actor = (role: Role, subject = '', agencyCode = '', mallId = 'kendari'): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject, role, agencyCode, mallId });
const kiosk = actor(Role.KIOSK, 'kiosk-1');
const officer = actor(Role.OFFICER, 'demo-officer-001', 'disdukcapil-kendari');
const KTP = 'kendari:ktp-el-perekaman';

let db: TestDatabase;
let pool: pg.Pool;
let catalog: RunningService;
let queue: RunningService;
let reporting: RunningService;
let clock: ManualClock;
const closers: (() => void)[] = [];
const client = <S extends typeof QueueService | typeof ReportingService | typeof CatalogService>(service: S, port: () => number, as: Actor) => {
  const c = createClient(service, { address: `127.0.0.1:${port()}`, actor: as });
  closers.push(c.close);
  return c.client;
};

beforeAll(async () => {
  db = await testDatabase('board');
  const env = { DATABASE_URL: db.url, GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  clock = createManualClock(new Date('2026-11-23T01:00:00Z')); // Monday 09:00 WITA
  catalog = await buildCatalog(catalogConfig({ ...env, CATALOG_GRPC_PORT: '0' })).start();
  queue = await buildQueue(queueConfig({ ...env, QUEUE_GRPC_PORT: '0', QUEUE_HOLDER_KEY: 'test-holder-key-0123456789' }), { clock, timerPollMs: 3_600_000 }).start();
  reporting = await build(loadConfig({ ...env, REPORTING_GRPC_PORT: '0', REPORTING_BOARD_POLL_MS: '100' }), { clock }).start();
  for await (const m of client(CatalogService, () => catalog.grpcPort, actor(Role.SYSTEM, 'import', '', '')).importCatalog({ fileName: 'demo.json', content: new TextEncoder().encode(JSON.stringify(demoMall())) })) {
    if (m.event.case === 'report') expect(m.event.value.errors).toEqual([]);
  }
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  await waitFor(async () => (await pool.query(`select count(*)::int as n from queue.catalog_officers where subject = 'demo-officer-001'`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n === 1, {
    timeoutMs: 180_000,
    what: 'the demo mall in the queue replica',
  });
}, 300_000);

afterAll(async () => {
  closers.forEach((close) => close());
  await pool?.end();
  await reporting?.stop();
  await queue?.stop();
  await catalog?.stop();
  await db?.drop();
});

describe('the live board', () => {
  it('shows each queue’s line and the ticket called to each counter, pushed to a watching display', async () => {
    const q = (as: Actor) => client(QueueService, () => queue.grpcPort, as);
    const boards = client(ReportingService, () => reporting.grpcPort, actor(Role.CITIZEN));
    const seen: Board[] = [];
    const abort = new AbortController();
    const watching = (async () => {
      try {
        for await (const m of boards.watchBoard({ mallId: 'kendari' }, { signal: abort.signal })) seen.push(m.board!);
      } catch {
        // cancelled at the end
      }
    })();

    const first = await q(kiosk).issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK });
    clock.advance(5 * 60_000);
    await q(kiosk).issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK });
    await q(kiosk).issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK, priorityGroup: 'lansia' });
    clock.advance(7 * 60_000);
    const lineA = (b: Board | undefined) => b?.queues.find((x) => x.prefix === 'A');
    await waitFor(async () => lineA((await boards.getBoard({ mallId: 'kendari' })).board)?.waiting === 3, { timeoutMs: 60_000, what: 'three waiting on the board' });
    expect(lineA((await boards.getBoard({ mallId: 'kendari' })).board)).toMatchObject({ name: expect.stringContaining('Disdukcapil'), waiting: 3, longestWaitMinutes: 12, nextNumbers: ['A-001', 'A-002', 'A-003'] });

    await q(officer).openCounter({ counterId: 'kendari:1', serviceIds: [KTP] });
    const called = await q(officer).callNext({ counterId: 'kendari:1' });
    expect(called.view!.ticket!.id).toBe(first.view!.ticket!.id);
    const loket1 = (b: Board) => b.counters.find((c) => c.counterId === 'kendari:1');
    await waitFor(() => seen.some((b) => loket1(b)?.ticketNumber === 'A-001' && loket1(b)?.ticketStatus === 'called'), { timeoutMs: 60_000, what: 'the call pushed to the watching board' });
    const shown = seen.find((b) => loket1(b)?.ticketNumber === 'A-001')!;
    expect(loket1(shown)).toMatchObject({ name: 'Loket 1', status: 'open' });
    expect(lineA(shown)).toMatchObject({ waiting: 2, nextNumbers: ['A-002', 'A-003'] });
    expect(JSON.stringify(shown, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(first.view!.ticket!.id); // no ticket ids on a public board

    // Serving, then done: the counter is free again.
    await q(officer).startServing({ ticketId: first.view!.ticket!.id });
    await waitFor(() => seen.some((b) => loket1(b)?.ticketStatus === 'serving'), { timeoutMs: 60_000, what: 'serving on the board' });
    await q(officer).completeTicket({ ticketId: first.view!.ticket!.id, outcome: Outcome.DONE });
    await waitFor(() => loket1(seen.at(-1)!)?.ticketNumber === '', { timeoutMs: 60_000, what: 'the counter free on the board' });

    // The mall's notice, from the catalog.
    await client(CatalogService, () => catalog.grpcPort, actor(Role.MALL_ADMIN, 'admin-1')).setNotice({
      mallId: 'kendari',
      notice: { kind: NoticeKind.EMERGENCY, textId: 'Listrik padam, layanan dihentikan sementara', textEn: 'Power cut: service paused', active: true },
    });
    await waitFor(() => seen.at(-1)?.notice?.kind === 'emergency', { timeoutMs: 60_000, what: 'the notice on the board' });
    expect(seen.at(-1)!.notice).toMatchObject({ textId: 'Listrik padam, layanan dihentikan sementara' });

    // A board is sent again only when what it shows changed (the display is polled every 100 ms meanwhile).
    const content = (b: Board) => JSON.stringify({ ...b, asOf: undefined }, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    for (let i = 1; i < seen.length; i++) expect(content(seen[i]!)).not.toBe(content(seen[i - 1]!));

    abort.abort();
    await watching;
    await expect(boards.getBoard({ mallId: '' })).rejects.toMatchObject({ code: 'invalid' });
  }, 120_000);
});
