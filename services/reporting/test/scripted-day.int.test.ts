import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { personalFields, ReportingService, ReportUnit, Role, StatisticsGroup, TimeBucket, type Actor } from '@mpp/contracts';
import { createEventStore, createManualClock, dropVersion, prepareVersion, tableNames, toCloudEvent, type ConsumedEvent, type LogPosition, type RecordedEvent } from '@mpp/eventstore';
import { createClient } from '@mpp/grpc';
import { createKafkaClient, type IncomingMessage, type KafkaClient, type OutgoingMessage, type Producer } from '@mpp/kafka';
import type { RunningService } from '@mpp/runtime';
import { waitFor, type TestDatabase } from '@mpp/testing';
import { kafkaBrokers, testDatabase, uniqueTopic } from '@mpp/testing/fixtures';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadConfig, projections } from '../src/index.js';
import { isEntitled, parseGrants } from '../src/partners/entitlements.js';
import { partnerEvents } from '../src/partners/route.js';
import { boothNames, bookingPunctuality, busiestHours, complaintsByAgency, ikmByUnit, statisticsRow, statisticsRows, unknownReferences, type Bucket } from './expected.js';
import { AGENCIES, BOOTHS, DAYS, MALL, SERVICES, TIME_ZONE, UNKNOWN_MALL, scriptDay, seededRandom, type ScriptedDay } from './scripted-day.js';

// The proof of the reporting service: a scripted stretch of a mall's life (catalog, several
// hundred tickets, bookings, surveys, complaints) delivered over the real Kafka broker the hard
// way — every message twice, the catalog's topic only after the queue's and the survey's were
// consumed, a batch of old messages again at the end, a poison message — yields reports equal
// to expectations computed independently from the script's facts; `mpp rebuild` of every
// projection yields them again.

const SOURCES = ['catalog', 'queue', 'survey'] as const;
const prefix = `${uniqueTopic('scripted')}.`;
const topic = (source: string) => `${prefix}mpp.${source}.v1`;
const NOW = new Date('2026-12-01T00:00:00Z');
const auditor: Actor = { $typeName: 'mpp.common.v1.Actor', subject: 'inspektorat-1', role: Role.AUDITOR, agencyCode: '', mallId: '' };

let db: TestDatabase;
let pool: pg.Pool;
let kafka: KafkaClient;
let producer: Producer;
let reporting: RunningService;
let day: ScriptedDay;
const messages: Record<string, OutgoingMessage[]> = {};
const logs: Record<string, RecordedEvent[]> = {};
const closers: (() => void)[] = [];
let reports: ReturnType<typeof createClient<typeof ReportingService>>['client'];

async function readAll(source: string): Promise<RecordedEvent[]> {
  const store = createEventStore({ pool, schema: source });
  const all: RecordedEvent[] = [];
  let after: LogPosition = { transactionId: '0', globalPosition: '0' };
  for (;;) {
    const page = await store.readLog(after, 1_000);
    if (page.length === 0) return all;
    all.push(...page);
    after = page.at(-1)!.position;
  }
}

/** Whether every live projection has stored offsets at the end of each of its topics. */
async function caughtUp(): Promise<boolean> {
  const ends = new Map<string, Map<number, bigint>>();
  for (const s of SOURCES) ends.set(topic(s), new Map((await kafka.endOffsets(topic(s))).map((p) => [p.partition, BigInt(p.offset)])));
  const { rows: live } = await pool.query<{ projection: string; live: number }>(`select projection, live from reporting.projection_versions`);
  const { rows } = await pool.query<{ consumer: string; topic: string; partition: number; next_offset: string }>(`select consumer, topic, partition, next_offset::text from reporting.consumer_offsets`);
  const done = new Map(rows.map((r) => [`${r.consumer}|${r.topic}|${r.partition}`, BigInt(r.next_offset)]));
  return projections.every((spec) => {
    const version = live.find((l) => l.projection === spec.definition.name)?.live;
    if (version === undefined) return false;
    return spec.sources.every((s) => [...ends.get(topic(s))!].every(([partition, end]) => end === 0n || (done.get(`${spec.definition.name}@v${version}|${topic(s)}|${partition}`) ?? 0n) >= end));
  });
}

/** Everything the reports say about the mall, numbers rounded to 6 decimals (float noise), as plain data. */
async function snapshot() {
  const stats: Record<string, unknown> = {};
  for (const group of ['service', 'booth', 'agency', 'mall', 'officer', 'channel'] as const)
    for (const bucket of ['period', 'day', 'hour'] as const) {
      const r = await reports.getStatistics({ mallId: MALL, period: '2026-11', groupBy: GROUPS[group], bucket: BUCKETS[bucket] });
      stats[`${group}/${bucket}`] = r.rows;
      stats.total = r.total;
      stats.busiestHours = r.busiestHours;
      stats.bookings = r.bookings;
      stats.unknown = r.unknown;
      stats.timeZone = r.timeZone;
    }
  const satisfaction: Record<string, unknown> = {};
  const units: [ReportUnit, string][] = [[ReportUnit.MALL, ''], ...AGENCIES.map((a) => [ReportUnit.AGENCY, a.code] as [ReportUnit, string]), ...SERVICES.map((s) => [ReportUnit.SERVICE, s.id] as [ReportUnit, string]), ...BOOTHS.map((b) => [ReportUnit.BOOTH, b.id] as [ReportUnit, string])];
  for (const [unit, unitId] of units) satisfaction[`${ReportUnit[unit]}|${unitId}`] = await reports.getSatisfaction({ mallId: MALL, period: '2026-11', unit, unitId });
  const evaluation = (await reports.getEvaluation({ mallId: MALL, period: '2026-11' })).tables.map((t) => ({ name: t.name, rows: t.rows.map((r) => r.cells.map((c) => c.value.value)) }));
  return plain({ stats, satisfaction, evaluation });
}

const GROUPS = { service: StatisticsGroup.SERVICE, booth: StatisticsGroup.BOOTH, agency: StatisticsGroup.AGENCY, mall: StatisticsGroup.MALL, officer: StatisticsGroup.OFFICER, channel: StatisticsGroup.CHANNEL } as const;
const BUCKETS: Record<Bucket, TimeBucket> = { period: TimeBucket.PERIOD, day: TimeBucket.DAY, hour: TimeBucket.HOUR };

/** Plain JSON data (no `$typeName`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const plain = (x: unknown): any => JSON.parse(JSON.stringify(x, (k, v) => (k === '$typeName' ? undefined : typeof v === 'bigint' ? String(v) : v)));
/** The same, every fraction matched to 6 decimals (sums of floats differ in their last bits with the order rows are read in). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const approx = (x: unknown): any => {
  const walk = (v: unknown): unknown =>
    typeof v === 'number' && !Number.isInteger(v) ? expect.closeTo(v, 6) : Array.isArray(v) ? v.map(walk) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, w]) => [k, walk(w)])) : v;
  return walk(plain(x));
};

/** Sends each message `times` times in a row (a producer retrying, a relay republishing after a crash). */
async function send(source: string, list: readonly OutgoingMessage[], times = 1) {
  const batch = list.flatMap((m) => Array.from({ length: times }, () => m));
  for (let i = 0; i < batch.length; i += 500) await producer.send(topic(source), batch.slice(i, i + 500));
}

/** `mpp rebuild <name>` as an operator runs it (the built CLI). */
function mppRebuild(name: string): Promise<{ code: number | null; out: string }> {
  const bin = fileURLToPath(new URL('../../../bin/mpp.mjs', import.meta.url));
  const child = spawn(process.execPath, [bin, 'rebuild', name], {
    env: { PATH: process.env.PATH ?? '', OTEL_TRACES_EXPORTER: 'none', DATABASE_URL: db.url, KAFKA_BROKERS: kafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

beforeAll(async () => {
  db = await testDatabase('scripted');
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  day = scriptDay();
  // The three services' event logs, as they would have written them.
  for (const source of SOURCES) {
    const store = createEventStore({ pool, schema: source });
    await store.migrate();
    await store.appendMany([...day.streams[source]].map(([streamId, events]) => ({ streamId, expectedVersion: 0, events })));
    // Recorded when they happened (the catalog months before, a change the evening between the days).
    const ids = [...day.streams[source].values()].flat().map((e) => e.id);
    await pool.query(`update "${source}".events e set recorded_at = v.at from unnest($1::uuid[], $2::timestamptz[]) v(id, at) where e.event_id = v.id`, [ids, ids.map((id) => day.recordedAt.get(id))]);
    // The log shows a transaction once no older one is still open anywhere on the server (another
    // test file's, say): wait for all of it.
    const count = [...day.streams[source].values()].reduce((n, events) => n + events.length, 0);
    let log: RecordedEvent[] = [];
    await waitFor(async () => (log = await readAll(source)).length === count, { timeoutMs: 120_000, what: `the ${source} log readable` });
    logs[source] = log;
    messages[source] = log.map((e) => toCloudEvent(e, `/mpp/${source}`));
  }
  kafka = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'scripted-day-test' });
  await kafka.ensureTopics(SOURCES.flatMap((s) => [{ topic: topic(s), partitions: 3 }, { topic: `${topic(s)}.dlq` }]));
  producer = await kafka.producer();
  reporting = await build(
    loadConfig({ DATABASE_URL: db.url, GRPC_HOST: '127.0.0.1', LOG_LEVEL: 'silent', REPORTING_GRPC_PORT: '0', KAFKA_BROKERS: kafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix }),
    { clock: createManualClock(NOW) },
  ).start();
  const c = createClient(ReportingService, { address: `127.0.0.1:${reporting.grpcPort}`, actor: auditor });
  closers.push(c.close);
  reports = c.client;
}, 180_000);

afterAll(async () => {
  closers.forEach((close) => close());
  await producer?.close();
  await reporting?.stop();
  await pool?.end();
  await db?.drop();
});

describe('a scripted day through Kafka', () => {
  let settled: unknown;

  it('yields reports equal to expectations computed from the script, whatever the order and however often events arrive', async () => {
    const mine = day.tickets.filter((t) => t.mallId === MALL);
    expect(mine.length).toBeGreaterThan(400);
    // The queue's and the survey's topics first, every message twice; the catalog not yet.
    await send('queue', messages.queue!, 2);
    await send('survey', messages.survey!, 2);
    const ask = { mallId: MALL, period: '2026-11', groupBy: StatisticsGroup.SERVICE };
    await waitFor(async () => (await reports.getStatistics(ask)).total?.issued === mine.length && (await reports.getSatisfaction({ mallId: MALL, period: '2026-11', unit: ReportUnit.MALL })).respondents === day.responses.length, {
      timeoutMs: 120_000,
      what: 'the queue and the survey consumed',
    });
    // Nothing is lost while the catalog is missing: every service is reported as unknown, hours fall back.
    const early = await reports.getStatistics(ask);
    expect(early.timeZone).toBe('Asia/Jakarta');
    expect(early.unknown.filter((u) => u.kind === 'service').reduce((a, u) => a + u.tickets, 0)).toBe(mine.length);
    expect(early.unknown).toContainEqual(expect.objectContaining({ kind: 'mall', id: MALL }));

    // Now the catalog (twice), then a batch of old queue messages again.
    await send('catalog', messages.catalog!, 2);
    await send('queue', messages.queue!.slice(0, 150));
    await waitFor(caughtUp, { timeoutMs: 120_000, what: 'every projection at the end of its topics' });

    const got = await snapshot();
    const stats = got.stats;
    expect(stats.timeZone).toBe(TIME_ZONE);
    for (const group of ['service', 'booth', 'agency', 'mall', 'officer', 'channel'] as const)
      for (const bucket of ['period', 'day', 'hour'] as const) {
        const rows = (stats[`${group}/${bucket}`] as { name: string }[]).map(({ name: _name, ...r }) => r);
        expect(rows, `${group} per ${bucket}`).toEqual(approx(statisticsRows(day, group, bucket)));
      }
    expect((stats['booth/period'] as { key: string; name: string }[]).map((r) => [r.key, r.name])).toEqual([...boothNames].filter(([id]) => (stats['booth/period'] as { key: string }[]).some((r) => r.key === id)));
    expect((stats['service/period'] as { key: string; name: string }[]).find((r) => r.key === SERVICES[0]!.id)!.name).toBe(SERVICES[0]!.name);
    const { expectedMinutes: _e, ...total } = approx(statisticsRow(mine, false));
    expect(stats.total).toMatchObject({ key: MALL, name: 'MPP Kota Palu', date: '', ...total });
    expect(stats.busiestHours).toEqual(approx(busiestHours(day)));
    expect(stats.bookings).toEqual(approx(bookingPunctuality(day)));
    expect(stats.unknown).toEqual(unknownReferences(day));
    expect(stats.unknown).toEqual([
      { kind: 'counter', id: 'palu:c99', tickets: 1 },
      { kind: 'service', id: 'palu:ghost', tickets: 1 },
    ]);

    // The IKM of every unit, and complaints per agency.
    const ikm = ikmByUnit(day);
    for (const [key, value] of Object.entries(got.satisfaction as Record<string, { respondents: number; ikm: number; ikmRounded: number; grade: string }>)) {
      const [unit, id] = key.split('|') as [string, string];
      const expected = ikm.get(`${unit.toLowerCase()}|${unit === 'MALL' ? MALL : id}`);
      expect({ respondents: value.respondents, ikm: value.ikm, ikmRounded: value.ikmRounded, grade: value.grade }, key).toEqual(approx(expected ?? { respondents: 0, ikm: 0, ikmRounded: 0, grade: '' }));
    }
    const evaluation = got.evaluation as { name: string; rows: unknown[][] }[];
    const table = (name: string) => evaluation.find((t) => t.name === name)!.rows;
    expect(table('complaints').map((r) => r.slice(0, 5))).toEqual(complaintsByAgency(day, NOW));
    expect(table('transactions_per_day')).toEqual(
      DAYS.map((d) => {
        const r = statisticsRow(mine.filter((t) => t.date === d), false);
        return [d, r.issued, r.served, r.noShow, r.cancelled, r.transferred, r.expired, r.open];
      }),
    );
    expect(table('skm_follow_up')).toEqual([['f1', '2026-Q3', 'U3', 'dukcapil-palu', 'Tambah loket perekaman', 'Kepala Seksi Pelayanan', '2026-11-30', 'done', expect.any(String), 'yes']]);
    // Standards: three with all six published components, one with five; the first reviewed this year, the others overdue.
    const byAgencyThenId = (a: string, b: string) => compare(agencyOf(a), agencyOf(b)) || compare(a, b);
    expect(table('standards').map((r) => [r[1], r[7], r[8]])).toEqual(
      SERVICES.map((s, i) => [s.id, i < 3 ? 6 : i === 3 ? 5 : 0, i === 0 ? 'no' : i < 4 ? 'yes' : 'no standard']).sort((a, b) => byAgencyThenId(a[0] as string, b[0] as string)),
    );
    // Every queue's days closed: the board's lines are empty and it keeps none of their tickets.
    expect((await reports.getBoard({ mallId: MALL })).board!.queues.map((q) => [q.prefix, q.waiting])).toEqual([['A', 0], ['B', 0], ['C', 0]]);
    expect((await pool.query(`select count(*)::int as n from reporting.board_tickets where mall_id = $1`, [MALL])).rows[0].n).toBe(0);
    settled = got;
  }, 300_000);

  it('republishes each agency’s entitled events to its partner topic, keyed and headed as the source, with no personal data', async () => {
    // What each agency should get: the default entitlement, from the events the services wrote.
    const expected = new Map<string, Set<string>>();
    const originals = new Map<string, RecordedEvent>();
    const personal = new Set<string>();
    for (const source of SOURCES)
      for (const e of logs[source]!) {
        originals.set(e.id, e);
        const { type, message } = partnerEvents.decode(e);
        for (const value of personalValues(type.schema, message)) personal.add(value);
        if (!isEntitled(e.metadata.agencyCode, e.type, parseGrants(''))) continue;
        expected.set(e.metadata.agencyCode, (expected.get(e.metadata.agencyCode) ?? new Set()).add(e.id));
      }
    // The script has personal data of every kind a partner could see: officers, complaints, suggestions.
    expect([...personal].some((v) => v.startsWith('officer-'))).toBe(true);
    expect([...personal].some((v) => v.startsWith('Keluhan '))).toBe(true);
    expect([...personal].some((v) => v.startsWith('Saran '))).toBe(true);
    expect([...personal].some((v) => v.startsWith('0812'))).toBe(true);
    expect(expected.size).toBe(AGENCIES.length);

    const partnerTopic = (code: string) => `${prefix}mpp.partner.${code}.v1`;
    const got = new Map<string, IncomingMessage[]>();
    const consumer = await kafka.consumer({ groupId: `${prefix}mpp.partner.all.proof`, topics: [...expected.keys()].map(partnerTopic), fromBeginning: true });
    void consumer.run(async (m) => void got.set(m.topic, [...(got.get(m.topic) ?? []), m]));
    try {
      await waitFor(() => [...expected].every(([code, ids]) => new Set((got.get(partnerTopic(code)) ?? []).map((m) => m.headers.ce_id)).size === ids.size), { timeoutMs: 120_000, what: 'every partner topic complete' });
    } finally {
      await consumer.close();
    }
    for (const [code, ids] of expected) {
      const list = got.get(partnerTopic(code))!;
      expect(new Set(list.map((m) => m.headers.ce_id)), code).toEqual(ids);
      for (const m of list) {
        const original = originals.get(m.headers.ce_id!)!;
        // Keyed as the source (per-stream order), the CloudEvents attributes kept.
        expect(m.key).toBe(original.streamId);
        expect(m.headers).toMatchObject({ ce_specversion: '1.0', ce_type: original.type, ce_subject: original.streamId, ce_time: original.recordedAt.toISOString(), ce_agencycode: code, 'content-type': 'application/protobuf' });
        expect(m.headers.ce_source).toMatch(/^\/mpp\/(catalog|queue|survey)$/);
        // Every field marked personal is empty or masked, the respondent profile is gone, and no
        // personal value of the whole script appears anywhere in the message.
        const { type, message } = partnerEvents.decode({ type: m.headers.ce_type!, data: m.value! });
        for (const value of personalValues(type.schema, message)) expect(value, `${type.name} ${m.headers.ce_id}`).toMatch(/^\*\*\*\d{0,3}$/);
        if (type.name === 'id.mpp.survey.ResponseSubmitted.v1') expect((message as { response?: { profile?: unknown } }).response?.profile).toBeUndefined();
        const raw = Buffer.from(m.value!).toString('latin1') + JSON.stringify(m.headers);
        for (const value of personal) if (raw.includes(value)) throw new Error(`${partnerTopic(code)} carries the personal value ${JSON.stringify(value)} in ${type.name}`);
      }
    }
  }, 180_000);

  it('keeps a ticket of a mall the catalog never described, and says so', async () => {
    const r = await reports.getStatistics({ mallId: UNKNOWN_MALL, period: DAYS[0], groupBy: StatisticsGroup.MALL });
    expect(r.timeZone).toBe('Asia/Jakarta');
    expect(r.total!.issued).toBe(3);
    expect(r.unknown).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'mall', id: UNKNOWN_MALL, tickets: 3 })]));
  });

  it('sets a poison message aside on the dead-letter topic with its reason, and the reports stay', async () => {
    const poisonId = randomUUID();
    await producer.send(topic('queue'), [
      { key: 'poison', value: new Uint8Array([0xff, 0xff, 0xff]), headers: { ce_specversion: '1.0', ce_id: poisonId, ce_source: '/mpp/queue', ce_type: 'id.mpp.queue.TicketIssued.v1', ce_mallid: MALL } },
    ]);
    const dead: IncomingMessage[] = [];
    const consumer = await kafka.consumer({ groupId: `${prefix}dlq-reader`, topics: [`${topic('queue')}.dlq`], fromBeginning: true });
    void consumer.run(async (m) => void dead.push(m));
    try {
      await waitFor(() => dead.some((m) => m.headers.ce_id === poisonId && m.headers.mpp_dlq_consumer?.startsWith('statistics@')), { timeoutMs: 120_000, what: 'the poison message on the dead-letter topic' });
    } finally {
      await consumer.close();
    }
    const letter = dead.find((m) => m.headers.ce_id === poisonId && m.headers.mpp_dlq_consumer?.startsWith('statistics@'))!;
    expect(letter.headers.mpp_dlq_error).toMatch(/\S/);
    await waitFor(caughtUp, { timeoutMs: 120_000, what: 'past the poison message' });
    expect(await snapshot()).toEqual(approx(settled));
  }, 180_000);

  it('builds the same tables from the events applied out of order and twice, straight into the projections', async () => {
    // Below the consumer runtime (which drops what it has seen): each projection's own idempotency.
    // Streams interleaved at random, every event applied twice (again right away, or much later
    // for the projections that keep first values); the statistics also within a stream.
    const rnd = seededRandom(7);
    const events: ConsumedEvent[] = [];
    for (const source of SOURCES)
      for (const e of logs[source]!) events.push({ id: e.id, type: e.type, streamId: e.streamId, version: e.version, data: e.data, metadata: e.metadata, recordedAt: e.recordedAt, origin: { transport: 'log', source, position: e.position } });
    const interleaved = (list: ConsumedEvent[]) => {
      const byStream = new Map<string, ConsumedEvent[]>();
      for (const e of list) byStream.set(`${e.origin.transport === 'log' ? e.origin.source : ''}|${e.streamId}`, [...(byStream.get(`${e.origin.transport === 'log' ? e.origin.source : ''}|${e.streamId}`) ?? []), e]);
      const queues = [...byStream.values()];
      const out: ConsumedEvent[] = [];
      while (queues.length > 0) {
        const i = Math.floor(rnd() * queues.length);
        out.push(queues[i]!.shift()!);
        if (queues[i]!.length === 0) queues.splice(i, 1);
      }
      return out;
    };
    const shuffled = (list: ConsumedEvent[]) => list.map((e) => ({ e, k: rnd() })).sort((a, b) => a.k - b.k).map((x) => x.e);
    const ORDER_FREE = new Set(['statistics']);
    const FIRST_WINS = new Set(['statistics', 'satisfaction', 'fairness', 'directory', 'evaluation']);
    for (const spec of projections.filter((p) => p.definition.name !== 'event_counts')) {
      const def = spec.definition;
      const mine = events.filter((e) => e.origin.transport === 'log' && spec.sources.includes(e.origin.source as never));
      const order = ORDER_FREE.has(def.name) ? shuffled(mine) : interleaved(mine);
      const twice = FIRST_WINS.has(def.name) ? [...order, ...shuffled(order).filter(() => rnd() < 0.5)].flatMap((e) => [e, e]) : order.flatMap((e) => [e, e]);
      const version = 90;
      await prepareVersion(pool, 'reporting', def, version);
      const names = tableNames('reporting', def, version);
      const client = await pool.connect();
      try {
        await client.query('begin');
        for (const e of twice) {
          // A refusal (the fairness list's call before its issue cannot happen within a stream) fails the test.
          await def.apply(e, client, names);
        }
        await client.query('commit');
      } finally {
        client.release();
      }
      const { rows: live } = await pool.query<{ live: number }>(`select live from reporting.projection_versions where projection = $1`, [def.name]);
      const liveNames = tableNames('reporting', def, live[0]!.live);
      for (const table of def.tables) {
        const diff = await pool.query(`(table ${names[table]} except all table ${liveNames[table]}) union all (table ${liveNames[table]} except all table ${names[table]})`);
        expect(diff.rows, `${def.name}: ${table}`).toEqual([]);
      }
      let rows = 0;
      for (const table of def.tables) rows += (await pool.query<{ n: number }>(`select count(*)::int as n from ${names[table]}`)).rows[0]!.n;
      expect(rows, def.name).toBeGreaterThan(0);
      await dropVersion(pool, 'reporting', def, version);
    }
  }, 300_000);

  it('rebuilds every projection with `mpp rebuild` to the same reports', async () => {
    expect(settled).toBeDefined();
    for (const spec of projections) {
      const result = await mppRebuild(spec.definition.name);
      expect(result.out, spec.definition.name).toContain(`${spec.definition.name} v2 is live`);
      expect(result.code).toBe(0);
    }
    await waitFor(caughtUp, { timeoutMs: 120_000, what: 'the rebuilt versions at the end of their topics' });
    expect(await snapshot()).toEqual(approx(settled));
  }, 600_000);
});

/** The values of a message's fields marked personal in the contract (non-empty strings only). */
function personalValues(schema: Parameters<typeof personalFields>[0], message: unknown): string[] {
  return personalFields(schema).flatMap((f) => {
    let value: unknown = message;
    for (const part of f.path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}

const agencyOf = (serviceId: string) => SERVICES.find((s) => s.id === serviceId)!.agency;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
