import { fromBinary } from '@bufbuild/protobuf';
import { build as buildCatalog, demoMall, loadConfig as catalogConfig } from '@mpp/catalog';
import {
  AgeGroup,
  CatalogService,
  ComplaintChannel,
  ComplaintKind,
  ComplaintStatus,
  Education,
  InvitationStatus,
  Occupation,
  Outcome,
  QueueService,
  ResponseSubmittedSchema,
  Role,
  Sex,
  Source,
  SurveyService,
  UnitKind,
  type Actor,
} from '@mpp/contracts';
import { createManualClock, readStream, type ManualClock } from '@mpp/eventstore';
import { createClient } from '@mpp/grpc';
import { createKafkaClient, type IncomingMessage } from '@mpp/kafka';
import { build as buildQueue, loadConfig as queueConfig } from '@mpp/queue';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase, uniqueTopic } from '@mpp/testing/fixtures';
import { createServer, type Server } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadConfig } from '../src/index.js';

// The survey with the catalog and the queue on a real PostgreSQL and the real Kafka broker (a
// topic prefix of its own): a ticket completed at a counter opens its survey from the queue's
// event on Kafka; the citizen's answers go out on mpp.survey.v1; complaints run on the test clock.
const prefix = `${uniqueTopic('survey')}.`;
const actor = (role: Role, subject = '', agencyCode = '', mallId = 'kendari'): Actor => ({ $typeName: 'mpp.common.v1.Actor', subject, role, agencyCode, mallId });
const kiosk = actor(Role.KIOSK, 'kiosk-1');
const officer = actor(Role.OFFICER, 'demo-officer-001', 'disdukcapil-kendari');
const citizen = actor(Role.CITIZEN);
const KTP = 'kendari:ktp-el-perekaman';
const profile = { ageGroup: AgeGroup.AGE_GROUP_30_TO_39, sex: Sex.FEMALE, education: Education.BACHELOR, occupation: Occupation.ENTREPRENEUR };
const answers = [4, 3, 3, 4, 3, 4, 4, 3, 3];

let db: TestDatabase;
let pool: pg.Pool;
let catalog: RunningService;
let queue: RunningService;
let survey: RunningService;
let clock: ManualClock;
const closers: (() => void)[] = [];
// The city's SP4N-LAPOR! integration, standing in: refuses the first complaint once, then files each.
const lapor: { id: string; contact?: unknown }[] = [];
let laporServer: Server;

const queueAs = (as: Actor) => {
  const c = createClient(QueueService, { address: `127.0.0.1:${queue.grpcPort}`, actor: as });
  closers.push(c.close);
  return c.client;
};
const surveyAs = (as: Actor) => {
  const c = createClient(SurveyService, { address: `127.0.0.1:${survey.grpcPort}`, actor: as });
  closers.push(c.close);
  return c.client;
};

beforeAll(async () => {
  db = await testDatabase('survey');
  laporServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const complaint = JSON.parse(body) as { id: string; contact?: unknown };
      const first = lapor.length === 0;
      lapor.push(complaint);
      if (first) res.writeHead(503).end('sedang pemeliharaan');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ reference: `LAPOR-${lapor.length}` }));
    });
  });
  await new Promise<void>((resolve) => laporServer.listen(0, '127.0.0.1', resolve));
  const laporUrl = `http://127.0.0.1:${(laporServer.address() as { port: number }).port}/complaints`;
  const env = { DATABASE_URL: db.url, GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent', KAFKA_BROKERS: kafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix };
  clock = createManualClock(new Date('2026-11-23T01:00:00Z')); // Monday 09:00 WITA
  catalog = await buildCatalog(catalogConfig({ ...env, CATALOG_GRPC_PORT: '0' })).start();
  queue = await buildQueue(queueConfig({ ...env, QUEUE_GRPC_PORT: '0', QUEUE_HOLDER_KEY: 'test-holder-key-0123456789' }), { clock, timerPollMs: 3_600_000 }).start();
  survey = await build(loadConfig({ ...env, SURVEY_GRPC_PORT: '0', SURVEY_LAPOR_URL: laporUrl, SURVEY_LAPOR_TOKEN: 'lapor-token' }), { clock, timerPollMs: 3_600_000 }).start();
  const { client: cat, close } = createClient(CatalogService, { address: `127.0.0.1:${catalog.grpcPort}`, actor: actor(Role.SYSTEM, 'import', '', '') });
  try {
    for await (const m of cat.importCatalog({ fileName: 'demo.json', content: new TextEncoder().encode(JSON.stringify(demoMall())) }, { timeoutMs: 180_000 })) {
      if (m.event.case === 'report') expect(m.event.value.errors).toEqual([]);
    }
  } finally {
    close();
  }
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  await waitFor(
    async () =>
      (await pool.query(`select count(*)::int as n from queue.catalog_services where mall_id = 'kendari'`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n === demoMall().services!.length &&
      (await pool.query(`select count(*)::int as n from queue.catalog_officers where subject = 'demo-officer-001'`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n === 1,
    { timeoutMs: 180_000, what: 'the demo mall in the queue replica, over Kafka' },
  );
}, 300_000);

afterAll(async () => {
  closers.forEach((close) => close());
  await pool?.end();
  await survey?.stop();
  await queue?.stop();
  await catalog?.stop();
  await db?.drop();
  await new Promise<void>((resolve) => (laporServer ? laporServer.close(() => resolve()) : resolve()));
});

/** A ticket taken, called, served and completed at loket 1; its id. */
async function served(): Promise<string> {
  const t = await queueAs(kiosk).issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK });
  const o = queueAs(officer);
  await o.callTicket({ counterId: 'kendari:1', ticketId: t.view!.ticket!.id, reason: 'uji survei' });
  await o.startServing({ ticketId: t.view!.ticket!.id });
  await o.completeTicket({ ticketId: t.view!.ticket!.id, outcome: Outcome.DONE });
  return t.view!.ticket!.id;
}

const open = (token: string) =>
  waitFor(async () => (await surveyAs(citizen).getSurvey({ token }).catch(() => undefined))?.invitation?.status === InvitationStatus.OPEN, { timeoutMs: 120_000, what: `the survey of ${token} open` });

describe('SKM surveys of completed tickets', () => {
  let token = '';

  it('opens when the queue completes the ticket (TicketCompleted over Kafka) and takes one response', async () => {
    await queueAs(officer).openCounter({ counterId: 'kendari:1', serviceIds: [KTP] });
    token = await served();
    // The ticket's status page offers the survey once the service is completed.
    expect((await queueAs(citizen).getTicket({ ticketId: token })).view!.surveyPath).toBe(`/api/v1/surveys/${token}`);
    await open(token);
    const s = await surveyAs(citizen).getSurvey({ token });
    expect(s.invitation).toMatchObject({ ticketId: token, mallId: 'kendari', agencyCode: 'disdukcapil-kendari', serviceId: KTP, date: '2026-11-23' });
    expect(s.questions.map((q) => q.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
    const done = await surveyAs(citizen).submitResponse({ token, answers, profile, suggestion: 'Pelayanan cepat.' });
    expect(done.invitation!.status).toBe(InvitationStatus.ANSWERED);
    // The same answers again (a double tap) change nothing; different ones are refused.
    await surveyAs(citizen).submitResponse({ token, answers, profile, suggestion: 'Pelayanan cepat.' });
    await expect(surveyAs(citizen).submitResponse({ token, answers: [1, 1, 1, 1, 1, 1, 1, 1, 1], profile })).rejects.toMatchObject({ code: 'already_exists' });
    expect((await readStream(pool, 'survey', `survey-${token}`)).map((e) => e.type)).toEqual(['id.mpp.survey.InvitationOpened.v1', 'id.mpp.survey.ResponseSubmitted.v1']);
  });

  it('publishes the response on the prefixed mpp.survey.v1, naming its mall, agency and service in the headers', async () => {
    const kafka = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'survey-test' });
    const seen: IncomingMessage[] = [];
    const consumer = await kafka.consumer({ groupId: `${prefix}survey-test`, topics: [`${prefix}mpp.survey.v1`], fromBeginning: true });
    await consumer.run(async (m) => void seen.push(m));
    const response = () => seen.find((m) => m.headers.ce_type === 'id.mpp.survey.ResponseSubmitted.v1');
    try {
      await waitFor(() => response() !== undefined, { timeoutMs: 120_000, what: 'the response on Kafka' });
    } finally {
      await consumer.close();
    }
    await expect(surveyAs(officer).submitResponse({ token, answers, profile })).rejects.toMatchObject({ code: 'forbidden' }); // staff never answer for a citizen
    expect(response()!.headers).toMatchObject({ ce_mallid: 'kendari', ce_agencycode: 'disdukcapil-kendari', ce_serviceid: KTP, ce_source: '/mpp/survey' });
    expect(fromBinary(ResponseSubmittedSchema, response()!.value!).response).toMatchObject({ ticketId: token, answers, date: '2026-11-23' });
  });

  it('refuses bad answers field by field and writes nothing; has no survey for a ticket never completed', async () => {
    const other = await served();
    await open(other);
    const before = (await readStream(pool, 'survey', `survey-${other}`)).length;
    await expect(surveyAs(citizen).submitResponse({ token: other, answers: [4, 3, 5], profile })).rejects.toMatchObject({ code: 'invalid', violations: [expect.objectContaining({ field: 'answers' })] });
    await expect(surveyAs(citizen).submitResponse({ token: other, answers: [4, 3, 5, 4, 3, 4, 4, 3, 0], profile: {} })).rejects.toMatchObject({ code: 'invalid' });
    await expect(surveyAs(citizen).submitResponse({ token: other, answers, profile, suggestion: 'x'.repeat(1001) })).rejects.toMatchObject({ code: 'invalid' });
    expect((await readStream(pool, 'survey', `survey-${other}`)).length).toBe(before);
    const waiting = await queueAs(kiosk).issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK });
    await expect(surveyAs(citizen).submitResponse({ token: waiting.view!.ticket!.id, answers, profile })).rejects.toMatchObject({ code: 'not_found' });
    await expect(surveyAs(citizen).getSurvey({ token: 'not a token!' })).rejects.toMatchObject({ code: 'not_found' });
    // A week later the unanswered survey has expired (its timer).
    clock.set(new Date('2026-11-30T02:00:00Z'));
    await survey.scheduler!.runDue();
    expect((await surveyAs(citizen).getSurvey({ token: other })).invitation!.status).toBe(InvitationStatus.EXPIRED);
    await expect(surveyAs(citizen).submitResponse({ token: other, answers, profile })).rejects.toMatchObject({ code: 'illegal_state', message: expect.stringMatching(/expired/) });
    clock.set(new Date('2026-11-23T03:00:00Z'));
  });

  it('has no survey for a no-show', async () => {
    const t = await queueAs(kiosk).issueTicket({ mallId: 'kendari', serviceId: KTP, source: Source.KIOSK });
    const id = t.view!.ticket!.id;
    const o = queueAs(officer);
    await o.callTicket({ counterId: 'kendari:1', ticketId: id, reason: 'uji no-show' });
    for (let i = 0; i < 3; i++) await o.recallTicket({ ticketId: id });
    await o.markNoShow({ ticketId: id });
    // The completion of another ticket after it shows the survey has read past the no-show.
    const later = await served();
    await open(later);
    await expect(surveyAs(citizen).getSurvey({ token: id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(surveyAs(citizen).submitResponse({ token: id, answers, profile })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reports the IKM of the mall, the agency, the service and the booth for a period, with the sample', async () => {
    const admin = surveyAs(actor(Role.MALL_ADMIN, 'admin-1'));
    await waitFor(async () => (await admin.getIkm({ mallId: 'kendari', unitKind: UnitKind.MALL, period: '2026-11' })).respondents === 1, { timeoutMs: 60_000, what: 'the response in the IKM' });
    const mall = await admin.getIkm({ mallId: 'kendari', unitKind: UnitKind.MALL, period: '2026-11' });
    expect(mall).toMatchObject({ from: '2026-11-01', to: '2026-11-30', respondents: 1, grade: 'B', ikmRounded: 86.11, previousPeriodServed: 0, minimumSample: 0, sampleReached: true });
    expect(mall.weakest.map((e) => e.code)).toEqual(['U2', 'U3', 'U5']);
    const service = await surveyAs(actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari')).getIkm({ mallId: 'kendari', unitKind: UnitKind.SERVICE, unitId: KTP, period: '2026-Q4' });
    expect(service).toMatchObject({ respondents: 1, ikmRounded: 86.11 });
    await expect(surveyAs(actor(Role.AGENCY_ADMIN, 'admin-bpjs', 'bpjs-kesehatan')).getIkm({ mallId: 'kendari', unitKind: UnitKind.AGENCY, unitId: 'disdukcapil-kendari', period: '2026-11' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(admin.getIkm({ mallId: 'kendari', unitKind: UnitKind.MALL, period: '2026-13' })).rejects.toMatchObject({ code: 'invalid' });
    expect((await admin.getIkm({ mallId: 'kendari', unitKind: UnitKind.MALL, period: '2026-10' })).respondents).toBe(0);
    // A booth (gerai): the tickets served at its counters (loket 1 is in booth 1).
    await waitFor(async () => (await admin.getIkm({ mallId: 'kendari', unitKind: UnitKind.BOOTH, unitId: 'kendari:1', period: '2026-11' }).catch(() => undefined))?.respondents === 1, { timeoutMs: 60_000, what: 'the booth in the survey’s catalog replica' });
    expect((await admin.getIkm({ mallId: 'kendari', unitKind: UnitKind.BOOTH, unitId: 'kendari:2', period: '2026-11' })).respondents).toBe(0);
    await expect(admin.getIkm({ mallId: 'kendari', unitKind: UnitKind.BOOTH, unitId: 'kendari:99', period: '2026-11' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('publication and follow-up', () => {
  it('publishes an ended period once (the public reads only published periods) and follows up its findings', async () => {
    const admin = surveyAs(actor(Role.MALL_ADMIN, 'admin-1'));
    expect((await surveyAs(citizen).getPublishedResults({ mallId: 'kendari' })).results).toEqual([]);
    await expect(admin.publishResults({ mallId: 'kendari', period: '2026-11' })).rejects.toMatchObject({ code: 'illegal_state', message: expect.stringMatching(/not ended/) });
    const early = clock.now();
    clock.set(new Date('2026-12-01T01:00:00Z'));
    await expect(admin.publishResults({ mallId: 'kendari', period: '2026-11' })).rejects.toMatchObject({ code: 'illegal_state', message: expect.stringMatching(/open until 2026-12-08/) });
    clock.set(early);
    await expect(surveyAs(actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari')).publishResults({ mallId: 'kendari', period: '2026-11' })).rejects.toMatchObject({ code: 'forbidden' });
    const now = clock.now();
    clock.set(new Date('2026-12-08T01:00:00Z'));
    try {
      const { results } = await admin.publishResults({ mallId: 'kendari', period: '2026-11' });
      expect(results!.results[0]).toMatchObject({ unitKind: 'mall', respondents: 1, ikm: 86.11, grade: 'B', weakest: ['U2', 'U3', 'U5'] });
      expect(results!.results[1]).toMatchObject({ unitKind: 'agency', unitId: 'disdukcapil-kendari', respondents: 1 });
      await expect(admin.publishResults({ mallId: 'kendari', period: '2026-11' })).rejects.toMatchObject({ code: 'already_exists' });
      await waitFor(async () => (await surveyAs(citizen).getPublishedResults({ mallId: 'kendari' })).results.length === 1, { timeoutMs: 60_000, what: 'the published period readable' });
      expect((await surveyAs(citizen).getPublishedResults({ mallId: 'kendari', period: '2026-11' })).results[0]!.results[0]!.ikm).toBe(86.11);

      const dukcapil = surveyAs(actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari'));
      const plan = { mallId: 'kendari', period: '2026-11', agencyCode: 'disdukcapil-kendari', owner: 'Kepala Seksi Pelayanan', dueDate: '2026-12-20' };
      const a = (await dukcapil.planFollowUp({ ...plan, element: 'U2', action: 'Sederhanakan alur berkas KTP', requestId: 'rtl-1' })).action!;
      expect((await dukcapil.planFollowUp({ ...plan, element: 'U2', action: 'Sederhanakan alur berkas KTP', requestId: 'rtl-1' })).action!.id).toBe(a.id); // a retry
      const b = (await dukcapil.planFollowUp({ ...plan, element: 'U3', action: 'Tambah loket pada jam sibuk', dueDate: '2026-12-10' })).action!;
      await expect(surveyAs(actor(Role.AGENCY_ADMIN, 'admin-bpjs', 'bpjs-kesehatan')).planFollowUp({ ...plan, element: 'U2', action: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(dukcapil.planFollowUp({ ...plan, element: 'U12', action: 'x' })).rejects.toMatchObject({ code: 'invalid' });
      clock.set(new Date('2026-12-11T01:00:00Z'));
      await dukcapil.setFollowUpStatus({ actionId: a.id, status: 3, note: 'Formulir digabung' });
      clock.set(new Date('2026-12-12T01:00:00Z'));
      await waitFor(async () => (await admin.listFollowUps({ mallId: 'kendari', period: '2026-11' })).done === 1, { timeoutMs: 60_000, what: 'the follow-up done in the list' });
      const report = await admin.listFollowUps({ mallId: 'kendari', period: '2026-11' });
      expect(report).toMatchObject({ done: 1, shareDone: 0.5, overdue: 1 });
      expect(report.meanDaysToDone).toBeCloseTo(3, 5);
      expect(report.actions.find((x) => x.id === b.id)!.status).toBe(1);
    } finally {
      clock.set(now);
    }
  });
});

describe('complaints', () => {
  const desk = surveyAs;
  let firstComplaint = '';
  const base = { mallId: 'kendari', serviceId: KTP, agencyCode: 'disdukcapil-kendari', channel: ComplaintChannel.WEB, kind: ComplaintKind.COMPLAINT, category: 'time', text: 'Antrian KTP sangat lama, lebih dari tiga jam.' };

  it('takes a complaint with its deadlines, refuses one without a category, and lets only its agency answer', async () => {
    await expect(desk(citizen).submitComplaint({ ...base, category: '' })).rejects.toMatchObject({ code: 'invalid', violations: [expect.objectContaining({ field: 'category' })] });
    const { complaint } = await desk(citizen).submitComplaint({ ...base, contact: { name: 'La Ode', phone: '0812 5555 6666', email: '' }, requestId: 'web-1' });
    expect(complaint).toMatchObject({ status: ComplaintStatus.RECEIVED, agencyCode: 'disdukcapil-kendari', hasContact: true });
    // The contact is never in an event; only those who answer the complaint read it.
    expect(JSON.stringify((await readStream(pool, 'survey', `complaint-${complaint!.id}`)).map((e) => Buffer.from(e.data).toString('latin1')))).not.toMatch(/5555|La Ode/);
    expect((await desk(actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari')).getComplaint({ complaintId: complaint!.id })).complaint!.contact).toMatchObject({ name: 'La Ode', phone: '0812 5555 6666' });
    expect((await desk(actor(Role.AUDITOR, 'inspektorat-1', '', '')).getComplaint({ complaintId: complaint!.id })).complaint!.contact).toBeUndefined();
    // It goes to the service's agency: a stated agency must match, an unknown service is refused.
    await expect(desk(citizen).submitComplaint({ ...base, agencyCode: 'bpjs-kesehatan' })).rejects.toMatchObject({ code: 'invalid', violations: [expect.objectContaining({ field: 'agency_code' })] });
    await expect(desk(citizen).submitComplaint({ ...base, serviceId: 'kendari:no-such-service' })).rejects.toMatchObject({ code: 'invalid', violations: [expect.objectContaining({ field: 'service_id' })] });
    expect((await desk(citizen).submitComplaint({ ...base, agencyCode: '', requestId: 'web-2' })).complaint!.agencyCode).toBe('disdukcapil-kendari');
    expect((await desk(citizen).submitComplaint({ ...base, requestId: 'web-1' })).complaint!.id).toBe(complaint!.id); // a retry
    await expect(desk(actor(Role.AGENCY_ADMIN, 'admin-bpjs', 'bpjs-kesehatan')).respondComplaint({ complaintId: complaint!.id, text: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    const dukcapil = desk(actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari'));
    expect((await dukcapil.respondComplaint({ complaintId: complaint!.id, text: 'Mohon maaf, kami menambah loket.' })).complaint!.status).toBe(ComplaintStatus.RESPONDED);
    expect((await dukcapil.resolveComplaint({ complaintId: complaint!.id, text: 'Loket tambahan dibuka.' })).complaint!.status).toBe(ComplaintStatus.RESOLVED);
    firstComplaint = complaint!.id;
  });

  it('hands every complaint to SP4N-LAPOR! once, retrying a refusal, and keeps its reference', async () => {
    await survey.scheduler!.runDue(); // the first request is refused (503), the other taken
    expect(lapor).toHaveLength(2);
    const refused = lapor[0]!.id;
    clock.advance(60_000); // past the retry's wait
    await survey.scheduler!.runDue();
    expect(lapor.map((c) => c.id).filter((id) => id === refused)).toHaveLength(2);
    expect(lapor.find((c) => c.id === firstComplaint && c.contact)!.contact).toEqual({ name: 'La Ode', phone: '0812 5555 6666' });
    const dukcapil = desk(actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari'));
    for (const id of new Set(lapor.map((c) => c.id))) expect((await dukcapil.getComplaint({ complaintId: id })).complaint!.laporReference).toMatch(/^LAPOR-\d+$/);
    const sent = lapor.length;
    clock.advance(3_600_000);
    await survey.scheduler!.runDue();
    expect(lapor).toHaveLength(sent); // each sent once
  });

  it('marks a complaint overdue by the scheduler when no first response came in three days', async () => {
    const { complaint } = await desk(citizen).submitComplaint({ ...base, kind: ComplaintKind.DISPUTE, needsFieldCheck: true });
    const dukcapil = desk(actor(Role.AGENCY_ADMIN, 'admin-dukcapil', 'disdukcapil-kendari'));
    clock.set(new Date(clock.now().getTime() + 3 * 86_400_000 + 3_600_000)); // three days and an hour later
    await survey.scheduler!.runDue();
    const events = (await readStream(pool, 'survey', `complaint-${complaint!.id}`)).map((e) => e.type);
    expect(events).toEqual(['id.mpp.survey.ComplaintReceived.v1', 'id.mpp.survey.ComplaintSentToLapor.v1', 'id.mpp.survey.ComplaintOverdue.v1']);
    await waitFor(async () => (await dukcapil.listComplaints({ mallId: 'kendari', overdueOnly: true })).complaints.some((c) => c.complaint!.id === complaint!.id), { timeoutMs: 60_000, what: 'the overdue complaint listed' });
    const listed = (await dukcapil.listComplaints({ mallId: 'kendari', overdueOnly: true })).complaints;
    expect(listed.find((c) => c.complaint!.id === complaint!.id)!.overdue).toEqual(['first_response']);
    expect(listed.every((c) => c.complaint!.status !== ComplaintStatus.RESOLVED)).toBe(true); // the resolved one is not overdue
    expect((await dukcapil.getComplaint({ complaintId: complaint!.id })).complaint!.resolveBy!.seconds - complaint!.receivedAt!.seconds).toBe(60n * 86_400n);
  });
});
