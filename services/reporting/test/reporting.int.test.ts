import { timestampMs } from '@bufbuild/protobuf/wkt';
import { build as buildCatalog, demoMall, loadConfig as catalogConfig } from '@mpp/catalog';
import {
  AgeGroup,
  CatalogService,
  ComplaintChannel,
  ComplaintKind,
  Education,
  ExportFormat,
  NoticeKind,
  Occupation,
  Outcome,
  QueueService,
  ReportingService,
  ReportUnit,
  Role,
  Sex,
  Source,
  StatisticsGroup,
  SurveyService,
  TimeBucket,
  type Actor,
  type Board,
} from '@mpp/contracts';
import { createManualClock, type ManualClock } from '@mpp/eventstore';
import { createClient } from '@mpp/grpc';
import { build as buildQueue, loadConfig as queueConfig } from '@mpp/queue';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { testDatabase } from '@mpp/testing/fixtures';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build as buildSurvey, loadConfig as surveyConfig } from '@mpp/survey';
import { build, loadConfig } from '../src/index.js';

// The live board (watched as a gRPC server stream) and the satisfaction report of the demo mall,
// from the catalog's, the queue's and the survey's events (single-node mode: the PostgreSQL log
// transport).
const actor = (role: Role, subject = '', agencyCode = '', mallId = 'kendari'): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject, role, agencyCode, mallId });
const kiosk = actor(Role.KIOSK, 'kiosk-1');
const officer = actor(Role.OFFICER, 'demo-officer-001', 'disdukcapil-kendari');
const KTP = 'kendari:ktp-el-perekaman';

let db: TestDatabase;
let pool: pg.Pool;
let catalog: RunningService;
let queue: RunningService;
let reporting: RunningService;
let survey: RunningService;
let served = '';
let clock: ManualClock;
const closers: (() => void)[] = [];
const client = <S extends typeof QueueService | typeof ReportingService | typeof CatalogService | typeof SurveyService>(service: S, port: () => number, as: Actor) => {
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
  survey = await buildSurvey(surveyConfig({ ...env, SURVEY_GRPC_PORT: '0' }), { clock, timerPollMs: 3_600_000 }).start();
  reporting = await build(loadConfig({ ...env, REPORTING_GRPC_PORT: '0', REPORTING_BOARD_POLL_MS: '100' }), { clock }).start();
  for await (const m of client(CatalogService, () => catalog.grpcPort, actor(Role.SYSTEM, 'import', '', '')).importCatalog({ fileName: 'demo.json', content: new TextEncoder().encode(JSON.stringify(demoMall())) }, { timeoutMs: 180_000 })) {
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
  await survey?.stop();
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
    // A recall is a new call on the board: its time moves on (the web board announces it again).
    const firstCall = timestampMs(loket1(shown)!.calledAt!);
    clock.advance(60_000);
    await q(officer).recallTicket({ ticketId: first.view!.ticket!.id });
    await waitFor(() => seen.some((b) => loket1(b)?.ticketNumber === 'A-001' && timestampMs(loket1(b)!.calledAt!) === firstCall + 60_000), { timeoutMs: 60_000, what: 'the recall on the board' });

    // Serving, then done: the counter is free again.
    await q(officer).startServing({ ticketId: first.view!.ticket!.id });
    await waitFor(() => seen.some((b) => loket1(b)?.ticketStatus === 'serving'), { timeoutMs: 60_000, what: 'serving on the board' });
    await q(officer).completeTicket({ ticketId: first.view!.ticket!.id, outcome: Outcome.DONE });
    served = first.view!.ticket!.id;
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

  it('lists the day’s calls out of the policy’s order: who, why, whom they passed over', async () => {
    const q = (as: Actor) => client(QueueService, () => queue.grpcPort, as);
    await q(kiosk).issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK });
    const late = await q(kiosk).issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK });
    await q(officer).callTicket({ counterId: 'kendari:1', ticketId: late.view!.ticket!.id, reason: 'berkas sudah diverifikasi' });
    await q(officer).startServing({ ticketId: late.view!.ticket!.id });
    await q(officer).completeTicket({ ticketId: late.view!.ticket!.id, outcome: Outcome.DONE });
    const auditor = client(ReportingService, () => reporting.grpcPort, actor(Role.AUDITOR, 'inspektorat-1', '', ''));
    await waitFor(async () => (await auditor.getFairness({ mallId: 'kendari', date: '2026-11-23' })).outOfOrder.length === 1, { timeoutMs: 60_000, what: 'the out-of-order call in the report' });
    const day = await auditor.getFairness({ mallId: 'kendari', date: '2026-11-23' });
    expect(day).toMatchObject({ calls: 2, byPolicy: 1 });
    expect(day.outOfOrder[0]).toMatchObject({ ticketNumber: late.view!.ticket!.number, counterId: 'kendari:1', officer: 'demo-officer-001', reason: 'berkas sudah diverifikasi', withoutPriorityOrBooking: true });
    expect(day.outOfOrder[0]!.passedOver).toBeGreaterThan(0);
    await expect(client(ReportingService, () => reporting.grpcPort, kiosk).getFairness({ mallId: 'kendari', date: '2026-11-23' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(auditor.getFairness({ mallId: 'kendari', date: '23-11-2026' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(auditor.getFairness({ mallId: 'kendari', date: '2026-02-30' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('reports a unit’s satisfaction: the IKM by the shared rules and complaint timeliness', async () => {
    const surveys = client(SurveyService, () => survey.grpcPort, actor(Role.CITIZEN));
    await waitFor(async () => (await surveys.getSurvey({ token: served }).catch(() => undefined)) !== undefined, { timeoutMs: 60_000, what: 'the served ticket’s survey' });
    await surveys.submitResponse({ token: served, answers: [4, 3, 3, 4, 3, 4, 4, 3, 3], profile: { ageGroup: AgeGroup.AGE_GROUP_20_TO_29, sex: Sex.MALE, education: Education.SENIOR_SECONDARY, occupation: Occupation.STUDENT } });
    const { complaint } = await surveys.submitComplaint({ mallId: 'kendari', serviceId: KTP, channel: ComplaintChannel.KIOSK, kind: ComplaintKind.COMPLAINT, category: 'time', text: 'Antrian terlalu lama.' });
    await client(SurveyService, () => survey.grpcPort, actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari')).respondComplaint({ complaintId: complaint!.id, text: 'Kami tambah loket.' });
    const reports = client(ReportingService, () => reporting.grpcPort, actor(Role.MALL_ADMIN, 'admin-1'));
    const ask = { mallId: 'kendari', period: '2026-11', unit: ReportUnit.MALL };
    await waitFor(async () => {
      const r = await reports.getSatisfaction(ask);
      return r.respondents === 1 && r.respondedInTime === 1;
    }, { timeoutMs: 60_000, what: 'the response and the complaint in the report' });
    expect(await reports.getSatisfaction(ask)).toMatchObject({ from: '2026-11-01', to: '2026-11-30', respondents: 1, ikmRounded: 86.11, grade: 'B', weakest: ['U2', 'U3', 'U5'], complaints: 1, respondedInTime: 1, resolvedInTime: 0, openOverdue: 0 });
    const agency = await client(ReportingService, () => reporting.grpcPort, actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari')).getSatisfaction({ ...ask, unit: ReportUnit.AGENCY, unitId: 'disdukcapil-kendari' });
    expect(agency).toMatchObject({ respondents: 1, complaints: 1 });
    await expect(client(ReportingService, () => reporting.grpcPort, actor(Role.AGENCY_ADMIN, 'admin-bpjs', 'bpjs-kesehatan')).getSatisfaction({ ...ask, unit: ReportUnit.AGENCY, unitId: 'disdukcapil-kendari' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(reports.getSatisfaction({ ...ask, period: 'Q4' })).rejects.toMatchObject({ code: 'invalid' });
    // Past the resolution deadline without a resolution: open and overdue.
    clock.advance(6 * 86_400_000);
    expect((await reports.getSatisfaction(ask)).openOverdue).toBe(1);
  });

  it('counts the day per service, booth and hour, and exports the evaluation evidence as JSON, CSV and XLSX', async () => {
    const staff = client(ReportingService, () => reporting.grpcPort, actor(Role.MALL_ADMIN, 'admin-1'));
    const day = { mallId: 'kendari', period: '2026-11-23', groupBy: StatisticsGroup.SERVICE };
    await waitFor(async () => (await staff.getStatistics(day)).rows.find((r) => r.key === KTP)?.served === 2, { timeoutMs: 60_000, what: 'the day in the statistics' });
    const stats = await staff.getStatistics(day);
    expect(stats).toMatchObject({ from: '2026-11-23', to: '2026-11-23', timeZone: 'Asia/Makassar', unknown: [] });
    // Five tickets; two served (one waited 12 minutes, one was called at once); three still open.
    const ktp = stats.rows.find((r) => r.key === KTP)!;
    expect(ktp).toMatchObject({ name: expect.stringContaining('KTP'), issued: 5, served: 2, open: 3, waitingHistogram: [1, 0, 1, 0, 0] });
    expect(ktp.waiting).toMatchObject({ count: 2, average: 6, p50: 6, max: 12 });
    expect(ktp.expectedMinutes).toBeGreaterThan(0);
    expect(ktp).toMatchObject({ withStandard: 2, withinStandard: 2, shareWithinStandard: 1 });
    // Every ticket was taken at 09:xx WITA (01:xx UTC) on a Monday.
    const hours = await staff.getStatistics({ ...day, bucket: TimeBucket.HOUR });
    expect(hours.rows.map((r) => [r.date, r.hour, r.issued])).toEqual([['2026-11-23', 9, 5]]);
    expect(stats.busiestHours).toEqual([expect.objectContaining({ weekday: 1, hour: 9, issued: 5, days: 1, average: 5 })]);
    const booths = await staff.getStatistics({ ...day, groupBy: StatisticsGroup.BOOTH });
    const booth = booths.rows.find((r) => r.served === 2)!;
    expect(booth.name).not.toBe('');
    // An agency's staff read their own agency only.
    const dukcapil = client(ReportingService, () => reporting.grpcPort, actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari'));
    expect((await dukcapil.getStatistics({ ...day, agencyCode: 'disdukcapil-kendari' })).total).toMatchObject({ key: 'disdukcapil-kendari', issued: 5 });
    await expect(dukcapil.getStatistics(day)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(staff.getStatistics({ ...day, period: '2026-11-31' })).rejects.toMatchObject({ code: 'invalid' });

    // The booth's IKM: the survey of the visit served at its counter.
    expect(await staff.getSatisfaction({ mallId: 'kendari', period: '2026-11', unit: ReportUnit.BOOTH, unitId: booth.key })).toMatchObject({ respondents: 1, ikmRounded: 86.11, grade: 'B' });

    const auditor = client(ReportingService, () => reporting.grpcPort, actor(Role.AUDITOR, 'inspektorat-1', '', ''));
    const evidence = await auditor.getEvaluation({ mallId: 'kendari', period: '2026-11' });
    const table = (name: string) => evidence.tables.find((t) => t.name === name)!;
    const cells = (name: string) => table(name).rows.map((r) => r.cells.map((c) => c.value.value));
    expect(evidence.tables.map((t) => t.name)).toEqual(['summary', 'services_per_agency', 'transactions_per_day', 'transactions_per_month', 'transactions_per_agency', 'times_against_standards', 'ikm_per_unit', 'complaints', 'standards', 'skm_publication', 'skm_follow_up']);
    expect(evidence.tables.every((t) => t.method.length > 20)).toBe(true);
    expect(cells('transactions_per_day')).toEqual([['2026-11-23', 5, 2, 0, 0, 0, 0, 3]]);
    expect(cells('ikm_per_unit').map((r) => r.slice(0, 7))).toContainEqual(['mall', 'kendari', expect.any(String), 1, expect.any(Number), 86.11, 'B']);
    expect(cells('complaints')).toEqual([['disdukcapil-kendari', 1, 1, 0, 1, 0]]);
    expect(table('standards').rows.length).toBeGreaterThan(100);
    expect(cells('services_per_agency').length).toBeGreaterThan(10);

    const xlsx = await auditor.exportEvaluation({ mallId: 'kendari', period: '2026-11', format: ExportFormat.XLSX });
    expect(xlsx.fileName).toBe('evaluation-kendari-2026-11.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.content) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['cover', ...evidence.tables.map((t) => t.name)]);
    expect(book.getWorksheet('transactions_per_day')!.getRow(2).values).toEqual([undefined, '2026-11-23', 5, 2, 0, 0, 0, 0, 3]);
    expect(String(book.getWorksheet('cover')!.getCell('B4').value)).toBe('2026-11-01');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode((await auditor.exportEvaluation({ mallId: 'kendari', period: '2026-11', format: ExportFormat.CSV, table: 'transactions_per_day' })).content);
    expect(csv).toBe('\ufeffdate,issued,served,no_show,cancelled,transferred,expired,open\r\n2026-11-23,5,2,0,0,0,0,3\r\n');
    const json = JSON.parse(new TextDecoder().decode((await auditor.exportEvaluation({ mallId: 'kendari', period: '2026-11', format: ExportFormat.JSON })).content));
    expect(json.tables.find((t: { name: string }) => t.name === 'transactions_per_day').rows).toEqual([{ date: '2026-11-23', issued: 5, served: 2, no_show: 0, cancelled: 0, transferred: 0, expired: 0, open: 3 }]);
    await expect(auditor.exportEvaluation({ mallId: 'kendari', period: '2026-11', format: ExportFormat.CSV, table: 'nope' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(auditor.exportEvaluation({ mallId: 'kendari', period: '2026-11' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(dukcapil.getEvaluation({ mallId: 'kendari', period: '2026-11' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
