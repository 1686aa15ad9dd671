import { create } from '@bufbuild/protobuf';
import {
  GetStatisticsResponseSchema,
  StatisticsGroup,
  TimeBucket,
  type Actor,
  type GetStatisticsResponse,
  type MinutesSummary,
  type StatisticsRow,
} from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import type { Period } from '@mpp/ikm';
import type pg from 'pg';
import { authorizeStaff, requireMall } from '../access.js';
import { reportPeriod } from '../period.js';
import { consistently, type Queryable } from '../snapshot.js';

/** Waiting-time bins in minutes: [0,5) [5,10) [10,20) [20,40) [40,∞). */
const WAITING_BINS = [5, 10, 20, 40] as const;
/** The time zone of a mall the catalog never described (its tickets are still counted, and reported as unknown). */
export const FALLBACK_TIME_ZONE = 'Asia/Jakarta';

export const CHANNELS: Record<number, string> = { 1: 'kiosk', 2: 'online', 3: 'mobile-unit', 4: 'walk-in' };
const channelSql = `case k.source ${Object.entries(CHANNELS).map(([n, name]) => `when ${n} then '${name}'`).join(' ')} else 'unspecified' end`;

/** The key of each grouping, over the per-ticket rows `k` (see `ticketsSql`). */
const KEYS: Record<Exclude<StatisticsGroup, StatisticsGroup.UNSPECIFIED>, string> = {
  [StatisticsGroup.SERVICE]: 'k.service_id',
  [StatisticsGroup.BOOTH]: 'k.booth_id',
  [StatisticsGroup.AGENCY]: 'k.agency_code',
  [StatisticsGroup.MALL]: 'k.mall_id',
  [StatisticsGroup.OFFICER]: 'k.officer',
  [StatisticsGroup.CHANNEL]: channelSql,
};

/**
 * The period's tickets, one row each, with their minutes: waiting (issue → first call; tickets
 * never called have none) and service (start, or the call if never started, → completion; served
 * tickets only), the local hour of issue, the booth (the calling counter's at the call, else the
 * service's first), the expected minutes that held at the issue (else the current ones), and
 * whether the catalog knows the service and the counter. Parameters: $1 mall, $2 from, $3 to, $4 time zone, $5 agency or ''.
 */
function ticketsSql(s: (table: string) => string): string {
  return `
    select t.ticket_id, t.mall_id, t.date, t.service_id, coalesce(nullif(t.agency_code, ''), d.agency_code, '') as agency_code, t.source,
           coalesce(t.officer, '') as officer, t.outcome, t.called_at, t.booking_id,
           coalesce(ch.booth_id, c.booth_id, d.booth_ids[1], '') as booth_id, coalesce(sh.expected_minutes, d.expected_minutes) as expected_minutes,
           d.service_id is not null as known_service, t.result,
           t.counter_id, (t.counter_id is null or c.counter_id is not null) as known_counter,
           (extract(epoch from t.called_at - t.issued_at) / 60.0)::float8 as waiting,
           case when t.outcome = 'completed' then (extract(epoch from t.ended_at - coalesce(t.started_at, t.called_at)) / 60.0)::float8 end as service,
           extract(hour from t.issued_at at time zone $4)::int as hour,
           extract(isodow from t.date::date)::int as weekday
      from ${s('stat_tickets')} t
      left join ${s('dir_services')} d on d.service_id = t.service_id
      left join ${s('dir_counters')} c on c.counter_id = t.counter_id
      -- What held when it happened: the counter's booth at the call, the service's standard at the issue.
      left join lateral (select h.booth_id from ${s('dir_counter_history')} h where h.counter_id = t.counter_id and h.valid_from <= t.called_at order by h.valid_from desc limit 1) ch on true
      left join lateral (select h.expected_minutes from ${s('dir_service_history')} h where h.service_id = t.service_id and h.valid_from <= t.issued_at order by h.valid_from desc limit 1) sh on true
     where t.mall_id = $1 and t.date between $2 and $3 and t.issued_at is not null
       and ($5 = '' or coalesce(nullif(t.agency_code, ''), d.agency_code) = $5)`;
}

const summary = (column: string) => `
  count(${column})::int as ${column}_n, avg(${column}) as ${column}_avg,
  percentile_cont(0.5) within group (order by ${column}) as ${column}_p50,
  percentile_cont(0.9) within group (order by ${column}) as ${column}_p90, max(${column}) as ${column}_max`;

/** The measures of a group of tickets. */
const MEASURES = `
  count(*)::int as issued,
  count(*) filter (where k.outcome = 'completed')::int as served,
  count(*) filter (where k.outcome = 'completed' and k.result = 'documents-incomplete')::int as documents_incomplete,
  count(*) filter (where k.outcome = 'completed' and k.result = 'referred')::int as referred,
  count(*) filter (where k.outcome = 'no-show')::int as no_show,
  count(*) filter (where k.outcome = 'cancelled')::int as cancelled,
  count(*) filter (where k.outcome = 'transferred')::int as transferred,
  count(*) filter (where k.outcome = 'expired')::int as expired,
  count(*) filter (where k.outcome is null)::int as open,
  count(*) filter (where k.outcome is null and k.called_at is null)::int as not_called,
  ${summary('waiting')}, ${summary('service')},
  coalesce(max(k.expected_minutes), 0)::int as expected_minutes,
  count(k.service) filter (where k.expected_minutes > 0)::int as with_standard,
  count(k.service) filter (where k.expected_minutes > 0 and k.service <= k.expected_minutes)::int as within_standard,
  array[${[0, ...WAITING_BINS].map((lo, i) => `count(*) filter (where k.waiting >= ${lo}${WAITING_BINS[i] ? ` and k.waiting < ${WAITING_BINS[i]}` : ''})::int`).join(', ')}] as histogram`;

type Aggregate = Record<string, number | null> & { key: string; date: string | null; hour: number | null; histogram: number[] };

const minutes = (r: Aggregate, column: string): MinutesSummary =>
  ({ count: r[`${column}_n`] ?? 0, average: Number(r[`${column}_avg`] ?? 0), p50: Number(r[`${column}_p50`] ?? 0), p90: Number(r[`${column}_p90`] ?? 0), max: Number(r[`${column}_max`] ?? 0) }) as MinutesSummary;

function row(r: Aggregate, name: string, perService: boolean): Omit<StatisticsRow, '$typeName'> {
  const withStandard = r.with_standard ?? 0;
  return {
    key: r.key,
    name,
    date: r.date ?? '',
    ...(r.hour === null ? {} : { hour: r.hour }),
    issued: r.issued ?? 0,
    served: r.served ?? 0,
    documentsIncomplete: r.documents_incomplete ?? 0,
    referred: r.referred ?? 0,
    noShow: r.no_show ?? 0,
    cancelled: r.cancelled ?? 0,
    transferred: r.transferred ?? 0,
    expired: r.expired ?? 0,
    open: r.open ?? 0,
    notCalled: r.not_called ?? 0,
    waiting: minutes(r, 'waiting'),
    service: minutes(r, 'service'),
    expectedMinutes: perService ? (r.expected_minutes ?? 0) : 0,
    withStandard,
    withinStandard: r.within_standard ?? 0,
    shareWithinStandard: withStandard === 0 ? 0 : (r.within_standard ?? 0) / withStandard,
    waitingHistogram: r.histogram,
  };
}

/** Names of the keys of a grouping, from the directory. */
async function names(db: Queryable, s: (table: string) => string, group: StatisticsGroup, mallId: string): Promise<Map<string, string>> {
  const sql: Partial<Record<StatisticsGroup, string>> = {
    [StatisticsGroup.SERVICE]: `select service_id as key, name_id as name from ${s('dir_services')} where mall_id = $1`,
    [StatisticsGroup.BOOTH]: `select booth_id as key, name from ${s('dir_booths')} where mall_id = $1`,
    [StatisticsGroup.AGENCY]: `select a.code as key, a.name from ${s('dir_agencies')} a join ${s('dir_memberships')} m on m.agency_code = a.code where m.mall_id = $1`,
    [StatisticsGroup.MALL]: `select mall_id as key, name from ${s('dir_malls')} where mall_id = $1`,
  };
  const query = sql[group];
  if (!query) return new Map();
  const { rows } = await db.query<{ key: string; name: string }>(query, [mallId]);
  return new Map(rows.map((r) => [r.key, r.name]));
}

export interface StatisticsRequest {
  readonly mallId: string;
  readonly period: string;
  readonly groupBy: StatisticsGroup;
  readonly bucket: TimeBucket;
  readonly agencyCode: string;
}

/**
 * A mall's service statistics over a day or a period from the `statistics` projection and the
 * directory: per group (and day or hour) the counts, waiting and service minutes with percentiles
 * over the tickets themselves, the share within the standard, the waiting histogram; for the
 * whole, the busiest hours, booking punctuality, and the tickets that name a service, counter or
 * mall the catalog never described.
 */
export async function readStatistics(db: pg.Pool, schema: string, actor: Actor | undefined, req: StatisticsRequest): Promise<GetStatisticsResponse> {
  requireMall(req.mallId);
  const group = req.groupBy === StatisticsGroup.UNSPECIFIED ? StatisticsGroup.SERVICE : req.groupBy;
  const key = KEYS[group as keyof typeof KEYS];
  if (!key) throw new AppError('invalid', 'group_by must be service, booth, agency, mall, officer or channel', { violations: [{ field: 'group_by', reason: 'is not a grouping' }] });
  const bucket = req.bucket === TimeBucket.UNSPECIFIED ? TimeBucket.PERIOD : req.bucket;
  if (TimeBucket[bucket] === undefined) throw new AppError('invalid', 'bucket must be period, day or hour', { violations: [{ field: 'bucket', reason: 'is not a time bucket' }] });
  const period = reportPeriod(req.period);
  authorizeStaff(actor, req.mallId, req.agencyCode, 'service statistics');
  return consistently(db, (tx) => statisticsOf(tx, schema, { ...req, groupBy: group, bucket }, period));
}

/** The statistics of a checked request (no access check: the caller did it). */
export async function statisticsOf(db: Queryable, schema: string, req: StatisticsRequest, period: Period): Promise<GetStatisticsResponse> {
  const group = req.groupBy;
  const key = KEYS[group as keyof typeof KEYS];
  const bucket = req.bucket;
  const s = (table: string) => `"${schema}".${table}`;
  const mall = (await db.query<{ name: string; time_zone: string }>(`select name, time_zone from ${s('dir_malls')} where mall_id = $1`, [req.mallId])).rows[0];
  const timeZone = mall?.time_zone || FALLBACK_TIME_ZONE;
  const args = [req.mallId, period.from, period.to, timeZone, req.agencyCode];
  const tickets = ticketsSql(s);
  const dims = bucket === TimeBucket.HOUR ? 'k.date as date, k.hour as hour' : bucket === TimeBucket.DAY ? 'k.date as date, null::int as hour' : 'null::text as date, null::int as hour';
  const [grouped, total, heat, days, bookings, unknown, labels] = await Promise.all([
    db.query<Aggregate>(`with k as (${tickets}) select ${key} as key, ${dims}, ${MEASURES} from k group by 1, 2, 3 order by 2 nulls first, 3 nulls first, (${key}) collate "C"`, args),
    db.query<Aggregate>(`with k as (${tickets}) select '' as key, null::text as date, null::int as hour, ${MEASURES} from k`, args),
    db.query<{ weekday: number; hour: number; issued: number }>(`with k as (${tickets}) select weekday, hour, count(*)::int as issued from k group by 1, 2 order by 1, 2`, args),
    db.query<{ weekday: number; days: number }>(`with k as (${tickets}) select weekday, count(distinct date)::int as days from k group by 1`, args),
    db.query<Record<string, number | null>>(
      `with k as (${tickets})
       select count(*)::int as booked,
              count(*) filter (where b.ended = 'checked-in')::int as checked_in,
              count(*) filter (where b.ended = 'no-show')::int as no_show,
              count(*) filter (where b.ended = 'cancelled')::int as cancelled,
              count(*) filter (where k.called_at < b.slot_end)::int as within_slot,
              count(*) filter (where k.called_at >= b.slot_end)::int as late,
              ${summary('late_by')}
         from ${s('stat_bookings')} b
         left join k on k.ticket_id = b.ticket_id
         cross join lateral (select (extract(epoch from k.called_at - b.slot_start) / 60.0)::float8 as late_by) l
        where b.mall_id = $1 and b.date between $2 and $3 and ($5 = '' or b.agency_code = $5)`,
      args,
    ),
    db.query<{ kind: string; id: string; tickets: number }>(
      `with k as (${tickets})
       select * from (
         select 'service' as kind, service_id as id, count(*)::int as tickets from k where not known_service group by service_id
         union all
         select 'counter', counter_id, count(*)::int from k where not known_counter group by counter_id) u
       order by kind, id collate "C"`,
      args,
    ),
    names(db, s, group, req.mallId),
  ]);
  const perService = group === StatisticsGroup.SERVICE;
  const totalRow = total.rows[0]!;
  totalRow.key = req.agencyCode || req.mallId;
  const daysOf = new Map(days.rows.map((d) => [d.weekday, d.days]));
  const b = bookings.rows[0]!;
  return create(GetStatisticsResponseSchema, {
    period: period.label,
    from: period.from,
    to: period.to,
    timeZone,
    rows: grouped.rows.map((r) => row(r, labels.get(r.key) ?? '', perService)),
    total: row(totalRow, req.agencyCode ? '' : (mall?.name ?? ''), false),
    busiestHours: heat.rows.map((h) => {
      const d = daysOf.get(h.weekday) ?? 1;
      return { weekday: h.weekday, hour: h.hour, issued: h.issued, days: d, average: h.issued / d };
    }),
    bookings: {
      booked: b.booked ?? 0,
      checkedIn: b.checked_in ?? 0,
      noShow: b.no_show ?? 0,
      cancelled: b.cancelled ?? 0,
      calledWithinSlot: b.within_slot ?? 0,
      calledLate: b.late ?? 0,
      callAfterSlotStart: minutes(b as Aggregate, 'late_by'),
    },
    unknown: [...(mall ? [] : [{ kind: 'mall', id: req.mallId, tickets: totalRow.issued ?? 0 }]), ...unknown.rows],
  });
}
