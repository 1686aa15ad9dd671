import { create } from '@bufbuild/protobuf';
import { GetSatisfactionResponseSchema, ReportUnit, type Actor, type GetSatisfactionResponse } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { computeIkm, previousPeriod, sampleAdequacy } from '@mpp/ikm';
import type pg from 'pg';
import { authorizeStaff, requireMall } from '../access.js';
import { reportPeriod } from '../period.js';
import { FALLBACK_TIME_ZONE } from '../statistics/query.js';

/**
 * The booth (`b.booth_id`) of the counter that completed a served ticket `k`, as the counter stood
 * then (the directory's history), else as it stands now.
 */
export const boothJoin = (t: (name: string) => string) => `
  left join lateral (
    select coalesce(
      (select h.booth_id from ${t('dir_counter_history')} h where h.counter_id = k.counter_id and h.valid_from <= k.completed_at order by h.valid_from desc limit 1),
      (select c.booth_id from ${t('dir_counters')} c where c.counter_id = k.counter_id)) as booth_id) b on true`;

/** The agency a unit belongs to (whose staff may read it); empty for the mall. */
async function agencyOf(db: pg.Pool, t: (name: string) => string, req: { unit: ReportUnit; unitId: string }): Promise<string> {
  const one = async (sql: string) => (await db.query<{ agency_code: string }>(sql, [req.unitId])).rows[0]?.agency_code ?? '';
  switch (req.unit) {
    case ReportUnit.AGENCY:
      return req.unitId;
    case ReportUnit.SERVICE:
      return (await one(`select agency_code from ${t('dir_services')} where service_id = $1`)) || one(`select agency_code from ${t('sat_tickets')} where service_id = $1 limit 1`);
    case ReportUnit.BOOTH:
      return one(`select agency_code from ${t('dir_booths')} where booth_id = $1`);
    default:
      return '';
  }
}

/**
 * A unit's satisfaction over a period, from the `satisfaction` projection: the IKM by the shared
 * rules (`@mpp/ikm`) with the sample of the previous period's served tickets, and complaint
 * timeliness (received in the period).
 */
export async function readSatisfaction(db: pg.Pool, schema: string, actor: Actor | undefined, req: { mallId: string; period: string; unit: ReportUnit; unitId: string }, now: Date): Promise<GetSatisfactionResponse> {
  requireMall(req.mallId);
  if (req.unit === ReportUnit.UNSPECIFIED || ReportUnit[req.unit] === undefined) throw new AppError('invalid', 'say which unit', { violations: [{ field: 'unit', reason: 'must be service, agency, booth or mall' }] });
  if (req.unit !== ReportUnit.MALL && req.unitId === '') throw new AppError('invalid', 'unit_id is required for a service, an agency or a booth', { violations: [{ field: 'unit_id', reason: 'is required' }] });
  const period = reportPeriod(req.period, { allowDay: false });
  const t = (name: string) => `"${schema}".${name}`;
  authorizeStaff(actor, req.mallId, await agencyOf(db, t, req), 'satisfaction reports');
  const timeZone = (await db.query<{ time_zone: string }>(`select time_zone from ${t('dir_malls')} where mall_id = $1`, [req.mallId])).rows[0]?.time_zone || FALLBACK_TIME_ZONE;
  // Each table's rows of the unit ($4): a booth's visits are those served at its counters, its
  // complaints those about the services it offers.
  const servedAt = `(select k.ticket_id from ${t('sat_tickets')} k ${boothJoin(t)} where b.booth_id = $4)`;
  const unit = (table: 'tickets' | 'responses' | 'complaints'): string => {
    switch (req.unit) {
      case ReportUnit.SERVICE:
        return 'and service_id = $4';
      case ReportUnit.AGENCY:
        return 'and agency_code = $4';
      case ReportUnit.BOOTH:
        return table === 'complaints' ? `and service_id in (select service_id from ${t('dir_services')} where $4 = any(booth_ids))` : `and ticket_id in ${servedAt}`;
      default:
        return 'and $4::text = $4::text';
    }
  };
  const before = previousPeriod(period);
  const [answers, served, complaints] = await Promise.all([
    db.query<{ answers: number[] }>(`select answers from ${t('sat_responses')} where mall_id = $1 and date between $2 and $3 ${unit('responses')}`, [req.mallId, period.from, period.to, req.unitId]),
    db.query<{ n: number }>(`select count(*)::int as n from ${t('sat_tickets')} where mall_id = $1 and completed and date between $2 and $3 ${unit('tickets')}`, [req.mallId, before.from, before.to, req.unitId]),
    db.query<{ n: number; responded: number; resolved: number; overdue: number }>(
      `select count(*)::int as n,
              count(*) filter (where responded_at <= respond_by)::int as responded,
              count(*) filter (where closed_at <= resolve_by)::int as resolved,
              count(*) filter (where (responded_at is null and respond_by <= $5) or (closed_at is null and resolve_by <= $5))::int as overdue
         from ${t('sat_complaints')} where mall_id = $1 and (received_at at time zone $6)::date between $2::date and $3::date ${unit('complaints')}`,
      [req.mallId, period.from, period.to, req.unitId, now, timeZone],
    ),
  ]);
  const result = computeIkm(answers.rows.map((r) => r.answers));
  const sample = sampleAdequacy(answers.rows.length, served.rows[0]!.n);
  const c = complaints.rows[0]!;
  return create(GetSatisfactionResponseSchema, {
    period: period.label,
    from: period.from,
    to: period.to,
    respondents: answers.rows.length,
    ...(result ? { ikm: result.ikm, ikmRounded: result.ikmRounded, grade: result.grade, elements: result.elements.map((e) => ({ code: e.code, nameId: e.id, nrr: e.nrr })), weakest: result.weakest.map((e) => e.code) } : {}),
    previousPeriodServed: sample.population,
    minimumSample: sample.minimum,
    sampleReached: sample.reached,
    complaints: c.n,
    respondedInTime: c.responded,
    resolvedInTime: c.resolved,
    openOverdue: c.overdue,
  });
}
