import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Channel, GetEvaluationResponseSchema, StatisticsGroup, TimeBucket, type Actor, type Cell, type EvidenceTable, type GetEvaluationResponse } from '@mpp/contracts';
import { computeIkm, previousPeriod, sampleAdequacy, type Answers, type Period } from '@mpp/ikm';
import type pg from 'pg';
import { authorizeAuditor, requireMall } from '../access.js';
import { reportPeriod } from '../period.js';
import { boothJoin } from '../satisfaction/query.js';
import { consistently, type Queryable } from '../snapshot.js';
import { FALLBACK_TIME_ZONE, statisticsOf } from '../statistics/query.js';

type Value = string | number | boolean | null | undefined;
type Table = { name: string; title: string; method: string; columns: string[]; rows: Value[][] };

const cell = (v: Value): Cell =>
  (typeof v === 'number' ? { value: { case: 'number', value: v } } : { value: { case: 'text', value: v === true ? 'yes' : v === false ? 'no' : (v ?? '') } }) as Cell;
const toProto = (t: Table): Omit<EvidenceTable, '$typeName'> => ({ ...t, rows: t.rows.map((r) => ({ cells: r.map(cell) })) }) as Omit<EvidenceTable, '$typeName'>;
/** The catalog's four channels of the integrated service ecosystem. */
const CATALOG_CHANNELS = { langsung: Channel.LANGSUNG, mandiri: Channel.MANDIRI, digital: Channel.DIGITAL, bergerak: Channel.BERGERAK } as const;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Standards are reviewed at least yearly (the catalog's rule). */
const REVIEW_MONTHS = 12;

function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const back = new Date(Date.UTC(y, m - 1 - months, d));
  return back.toISOString().slice(0, 10);
}

/** The mall's local date now. */
const localDate = (now: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/** The IKM of each unit with respondents in the period: the mall, each agency, booth and service. */
async function ikmTable(db: Queryable, t: (name: string) => string, mallId: string, period: Period): Promise<Table> {
  const before = previousPeriod(period);
  const [responses, served, names] = await Promise.all([
    db.query<{ answers: Answers; agency_code: string; service_id: string; booth_id: string | null }>(
      `select r.answers, r.agency_code, r.service_id, b.booth_id from ${t('sat_responses')} r
         left join ${t('sat_tickets')} k on k.ticket_id = r.ticket_id ${boothJoin(t)}
        where r.mall_id = $1 and r.date between $2 and $3`,
      [mallId, period.from, period.to],
    ),
    db.query<{ agency_code: string; service_id: string; booth_id: string | null }>(
      `select k.agency_code, k.service_id, b.booth_id from ${t('sat_tickets')} k ${boothJoin(t)}
        where k.mall_id = $1 and k.completed and k.date between $2 and $3`,
      [mallId, before.from, before.to],
    ),
    db.query<{ kind: string; id: string; name: string }>(
      `select 'agency' as kind, code as id, name from ${t('dir_agencies')}
       union all select 'booth', booth_id, name from ${t('dir_booths')} where mall_id = $1
       union all select 'service', service_id, name_id from ${t('dir_services')} where mall_id = $1
       union all select 'mall', mall_id, name from ${t('dir_malls')} where mall_id = $1`,
      [mallId],
    ),
  ]);
  const units = (r: { agency_code: string; service_id: string; booth_id: string | null }) => [`mall|${mallId}`, `agency|${r.agency_code}`, `service|${r.service_id}`, ...(r.booth_id ? [`booth|${r.booth_id}`] : [])];
  const answers = new Map<string, Answers[]>();
  for (const r of responses.rows) for (const u of units(r)) answers.set(u, [...(answers.get(u) ?? []), r.answers]);
  const population = new Map<string, number>();
  for (const r of served.rows) for (const u of units(r)) population.set(u, (population.get(u) ?? 0) + 1);
  const nameOf = new Map(names.rows.map((n) => [`${n.kind}|${n.id}`, n.name]));
  const order = ['mall', 'agency', 'booth', 'service'];
  const rows = [...answers]
    .map(([unit, list]) => {
      const [kind, id] = unit.split('|') as [string, string];
      const result = computeIkm(list)!;
      const sample = sampleAdequacy(list.length, population.get(unit) ?? 0);
      return [kind, id, nameOf.get(unit) ?? '', list.length, result.ikm, result.ikmRounded, result.grade, result.weakest.map((e) => e.code).join(' '), sample.population, sample.minimum, sample.reached] as Value[];
    })
    .sort((a, b) => order.indexOf(a[0] as string) - order.indexOf(b[0] as string) || (String(a[1]) < String(b[1]) ? -1 : 1));
  return {
    name: 'ikm_per_unit',
    title: 'IKM per unit (SKM, PermenPANRB 14/2017)',
    method:
      'Survey responses of visits in the period. Per element NRR = sum of scores ÷ respondents; IKM = 25 × Σ(NRR × 1/9) at full precision; the grade is read from the IKM rounded to two decimals (A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D). A booth is the booth of the counter that served the visit. Minimum sample: Krejcie–Morgan over the tickets served in the previous period of the same length.',
    columns: ['unit', 'unit_id', 'name', 'respondents', 'ikm', 'ikm_rounded', 'grade', 'weakest_elements', 'previous_period_served', 'minimum_sample', 'sample_reached'],
    rows,
  };
}

/**
 * The evidence a city reports to KemenPAN-RB for a period (DOMAIN.md "How the ministry
 * evaluates"): services per agency, transactions, times against standards, the IKM per unit,
 * complaints and their timeliness, standards published and reviewed, the SKM's publication and
 * follow-up. Every table says how its figures are computed.
 */
export async function readEvaluation(db: pg.Pool, schema: string, actor: Actor | undefined, req: { mallId: string; period: string }, now: Date): Promise<GetEvaluationResponse> {
  requireMall(req.mallId);
  const period = reportPeriod(req.period, { allowDay: false });
  authorizeAuditor(actor, req.mallId, 'its evaluation evidence');
  return consistently(db, (tx) => evaluationOf(tx, schema, req.mallId, period, now));
}

async function evaluationOf(db: Queryable, schema: string, mallId: string, period: Period, now: Date): Promise<GetEvaluationResponse> {
  const t = (name: string) => `"${schema}".${name}`;
  const mall = (await db.query<{ name: string; time_zone: string }>(`select name, time_zone from ${t('dir_malls')} where mall_id = $1`, [mallId])).rows[0];
  const today = localDate(now, mall?.time_zone || FALLBACK_TIME_ZONE);
  const asOf = period.to < today ? period.to : today;
  const stats = (groupBy: StatisticsGroup, bucket: TimeBucket) => statisticsOf(db, schema, { mallId, period: period.label, groupBy, bucket, agencyCode: '' }, period);
  const [services, perDay, perAgency, perService, ikm, complaints, standards, publications, followUps] = await Promise.all([
    db.query<{ code: string; name: string; membership: string; services: number; langsung: number; mandiri: number; digital: number; bergerak: number }>(
      `select a.code, a.name, m.status as membership, count(s.service_id)::int as services,
              ${Object.entries(CATALOG_CHANNELS).map(([name, channel]) => `count(s.service_id) filter (where ${channel} = any(s.channels))::int as ${name}`).join(', ')}
         from ${t('dir_memberships')} m join ${t('dir_agencies')} a on a.code = m.agency_code
         left join ${t('dir_services')} s on s.agency_code = a.code and s.mall_id = m.mall_id and s.active
        where m.mall_id = $1 group by a.code, a.name, m.status order by a.code collate "C"`,
      [mallId],
    ),
    stats(StatisticsGroup.MALL, TimeBucket.DAY),
    stats(StatisticsGroup.AGENCY, TimeBucket.PERIOD),
    stats(StatisticsGroup.SERVICE, TimeBucket.PERIOD),
    ikmTable(db, t, mallId, period),
    db.query<{ agency_code: string; n: number; responded: number; resolved: number; overdue: number }>(
      `select agency_code, count(*)::int as n,
              count(*) filter (where responded_at <= respond_by)::int as responded,
              count(*) filter (where closed_at <= resolve_by)::int as resolved,
              count(*) filter (where (responded_at is null and respond_by <= $4) or (closed_at is null and resolve_by <= $4))::int as overdue
         from ${t('sat_complaints')} where mall_id = $1 and (received_at at time zone $5)::date between $2::date and $3::date
        group by agency_code order by agency_code collate "C"`,
      [mallId, period.from, period.to, now, mall?.time_zone || FALLBACK_TIME_ZONE],
    ),
    db.query<{ agency_code: string; service_id: string; name_id: string; version: number | null; decree_number: string | null; adopted_on: string | null; reviewed_on: string | null; public_components: number | null }>(
      `select s.agency_code, s.service_id, s.name_id, d.version, d.decree_number, d.adopted_on, d.reviewed_on, d.public_components
         from ${t('dir_services')} s left join ${t('dir_standards')} d on d.service_id = s.service_id
        where s.mall_id = $1 and s.active order by s.agency_code collate "C", s.service_id collate "C"`,
      [mallId],
    ),
    db.query<{ period: string; from_date: string; to_date: string; published_at: Date }>(
      `select period, from_date, to_date, published_at from ${t('eval_publications')} where mall_id = $1 and from_date <= $3 and to_date >= $2 order by from_date, period`,
      [mallId, period.from, period.to],
    ),
    db.query<{ id: string; period: string; element: string; agency_code: string; action: string; owner: string; due_date: string; status: string; done_at: Date | null; created_at: Date }>(
      `select f.id, f.period, f.element, f.agency_code, f.action, f.owner, f.due_date, f.status, f.done_at, f.created_at
         from ${t('eval_follow_ups')} f left join ${t('eval_publications')} p on p.mall_id = f.mall_id and p.period = f.period
        where f.mall_id = $1 and ((p.from_date <= $3 and p.to_date >= $2) or f.period = $4 or (f.created_at at time zone $5)::date between $2::date and $3::date)
        order by f.due_date, f.id`,
      [mallId, period.from, period.to, period.label, mall?.time_zone || FALLBACK_TIME_ZONE],
    ),
  ]);

  const days = perDay.rows;
  const months = new Map<string, { days: number; issued: number; served: number; noShow: number; cancelled: number; transferred: number; expired: number }>();
  for (const d of days) {
    const m = months.get(d.date.slice(0, 7)) ?? { days: 0, issued: 0, served: 0, noShow: 0, cancelled: 0, transferred: 0, expired: 0 };
    months.set(d.date.slice(0, 7), { days: m.days + 1, issued: m.issued + d.issued, served: m.served + d.served, noShow: m.noShow + d.noShow, cancelled: m.cancelled + d.cancelled, transferred: m.transferred + d.transferred, expired: m.expired + d.expired });
  }
  const total = perService.total!;
  const mallIkm = ikm.rows.find((r) => r[0] === 'mall');
  const complaintTotals = complaints.rows.reduce((a, c) => ({ n: a.n + c.n, resolved: a.resolved + c.resolved, overdue: a.overdue + c.overdue }), { n: 0, resolved: 0, overdue: 0 });
  const overdueReview = (s: { adopted_on: string | null; reviewed_on: string | null }) => s.adopted_on !== null && (s.reviewed_on || s.adopted_on) < monthsBefore(asOf, REVIEW_MONTHS);
  const complete = standards.rows.filter((s) => s.public_components === 6).length;
  const done = followUps.rows.filter((f) => f.status === 'done');
  const onTime = (f: { status: string; done_at: Date | null; due_date: string }) => f.status === 'done' && f.done_at !== null && localDate(f.done_at, mall?.time_zone || FALLBACK_TIME_ZONE) <= f.due_date;
  const share = (a: number, b: number) => (b === 0 ? null : round(a / b, 4));

  const tables: Table[] = [
    {
      name: 'summary',
      title: 'Summary',
      method: 'Key figures of the tables that follow, over the period.',
      columns: ['figure', 'value'],
      rows: [
        ['agencies', services.rows.filter((a) => a.membership === 'active').length],
        ['active services', services.rows.reduce((a, s) => a + s.services, 0)],
        ['tickets issued', total.issued],
        ['tickets served', total.served],
        ['days with tickets', days.length],
        ['average waiting minutes', round(total.waiting!.average)],
        ['p90 waiting minutes', round(total.waiting!.p90)],
        ['share served within the standard time', share(total.withinStandard, total.withStandard)],
        ['IKM of the mall', mallIkm ? (mallIkm[5] as number) : null],
        ['grade of the mall', mallIkm ? (mallIkm[6] as string) : null],
        ['respondents', mallIkm ? (mallIkm[3] as number) : 0],
        ['complaints received', complaintTotals.n],
        ['share of complaints resolved in time', share(complaintTotals.resolved, complaintTotals.n)],
        ['complaints open past a deadline', complaintTotals.overdue],
        ['services with all 6 published standard components', complete],
        ['standards overdue for review', standards.rows.filter(overdueReview).length],
        ['SKM follow-up actions', followUps.rows.length],
        ['share of follow-up actions done', share(done.length, followUps.rows.length)],
        ['share of follow-up actions done by their due date', share(done.filter(onTime).length, followUps.rows.length)],
      ],
    },
    {
      name: 'services_per_agency',
      title: 'Services per agency',
      method: "The catalog now: agencies with a membership in the mall and their active services (retired ones left out); a service counts under each channel it offers (langsung, mandiri, digital, bergerak).",
      columns: ['agency_code', 'agency', 'membership', 'services', 'langsung', 'mandiri', 'digital', 'bergerak'],
      rows: services.rows.map((a) => [a.code, a.name, a.membership, a.services, a.langsung, a.mandiri, a.digital, a.bergerak]),
    },
    {
      name: 'transactions_per_day',
      title: 'Transactions per day',
      method: "Tickets by the mall's local day they were issued for, and how each ended: served (completed), no-show, cancelled, transferred to another service (the new ticket counts again), expired (not served when the queue's day closed); open = not finished.",
      columns: ['date', 'issued', 'served', 'no_show', 'cancelled', 'transferred', 'expired', 'open'],
      rows: days.map((d) => [d.date, d.issued, d.served, d.noShow, d.cancelled, d.transferred, d.expired, d.open]),
    },
    {
      name: 'transactions_per_month',
      title: 'Transactions per month',
      method: 'The daily table summed per calendar month; days = days with at least one ticket.',
      columns: ['month', 'days', 'issued', 'served', 'no_show', 'cancelled', 'transferred', 'expired'],
      rows: [...months].map(([m, v]) => [m, v.days, v.issued, v.served, v.noShow, v.cancelled, v.transferred, v.expired]),
    },
    {
      name: 'transactions_per_agency',
      title: 'Transactions per agency',
      method: 'Tickets of the period by the agency of their service.',
      columns: ['agency_code', 'agency', 'issued', 'served', 'no_show', 'cancelled', 'transferred', 'expired'],
      rows: perAgency.rows.map((a) => [a.key, a.name, a.issued, a.served, a.noShow, a.cancelled, a.transferred, a.expired]),
    },
    {
      name: 'times_against_standards',
      title: 'Waiting and service times against the standard',
      method:
        "Per service over its tickets of the period. Waiting = issue → first call, over the tickets that were called (those never called are counted as expired or cancelled in the transaction tables); service = start of service (or the call, if never started) → completion, served tickets only. Percentiles are interpolated over the tickets themselves (not averaged from days). Within standard = service minutes ≤ the service's expected handling minutes as they stood when the ticket was issued.",
      columns: ['service_id', 'service', 'expected_minutes', 'issued', 'served', 'waiting_average', 'waiting_p50', 'waiting_p90', 'waiting_max', 'service_average', 'service_p90', 'served_with_standard', 'within_standard', 'share_within_standard'],
      rows: perService.rows.map((s) => [
        s.key,
        s.name,
        s.expectedMinutes,
        s.issued,
        s.served,
        round(s.waiting!.average),
        round(s.waiting!.p50),
        round(s.waiting!.p90),
        round(s.waiting!.max),
        round(s.service!.average),
        round(s.service!.p90),
        s.withStandard,
        s.withinStandard,
        s.withStandard ? round(s.shareWithinStandard, 4) : null,
      ]),
    },
    ikm,
    {
      name: 'complaints',
      title: 'Complaints and their timeliness (SP4N-LAPOR!)',
      method: "Complaints received in the period (the mall's local date) per agency. In time: first response within its deadline (3 days), resolution or forwarding within the kind's deadline (5 days; disputes 14, or 60 with a field check). Open past a deadline: as of when this was generated.",
      columns: ['agency_code', 'received', 'responded_in_time', 'resolved_in_time', 'open_past_deadline', 'share_resolved_in_time'],
      rows: complaints.rows.map((c) => [c.agency_code, c.n, c.responded, c.resolved, c.overdue, share(c.resolved, c.n)]),
    },
    {
      name: 'standards',
      title: 'Service standards published and reviewed (PermenPANRB 15/2014)',
      method: `Each active service's latest standard: how many of the 6 components published to citizens are filled in, and whether its last review (or adoption) is more than ${REVIEW_MONTHS} months before ${asOf} (the period's end, or today).`,
      columns: ['agency_code', 'service_id', 'service', 'version', 'decree_number', 'adopted_on', 'reviewed_on', 'published_components', 'review_overdue'],
      rows: standards.rows.map((s) => [s.agency_code, s.service_id, s.name_id, s.version ?? 0, s.decree_number ?? '', s.adopted_on ?? '', s.reviewed_on ?? '', s.public_components ?? 0, s.version === null ? 'no standard' : overdueReview(s)]),
    },
    {
      name: 'skm_publication',
      title: 'SKM results published',
      method: 'Publications of SKM results whose period overlaps this one, with the date the mall-admin published them.',
      columns: ['period', 'from', 'to', 'published_at'],
      rows: publications.rows.map((p) => [p.period, p.from_date, p.to_date, p.published_at.toISOString()]),
    },
    {
      name: 'skm_follow_up',
      title: 'Follow-up of SKM findings (rencana tindak lanjut)',
      method: "Actions on findings of SKM periods overlapping this one (or planned in it): status, when done, and whether done by the due date (the mall's local date).",
      columns: ['id', 'skm_period', 'element', 'agency_code', 'action', 'owner', 'due_date', 'status', 'done_at', 'done_by_due_date'],
      rows: followUps.rows.map((f) => [f.id, f.period, f.element, f.agency_code, f.action, f.owner, f.due_date, f.status, f.done_at?.toISOString() ?? '', onTime(f)]),
    },
  ];
  return create(GetEvaluationResponseSchema, {
    mallId,
    mallName: mall?.name ?? '',
    period: period.label,
    from: period.from,
    to: period.to,
    generatedAt: timestampFromDate(now),
    tables: tables.map(toProto),
  });
}
