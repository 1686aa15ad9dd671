import { create } from '@bufbuild/protobuf';
import { GetSatisfactionResponseSchema, ReportUnit, Role, type Actor, type GetSatisfactionResponse } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { computeIkm, parsePeriod, previousPeriod, sampleAdequacy } from '@mpp/ikm';
import type pg from 'pg';

/** Staff who may read a unit's satisfaction: auditors and the platform anywhere, the mall-admin in its mall, an agency's staff for its agency. */
function authorize(actor: Actor | undefined, mallId: string, agencyCode: string): void {
  if (!actor || actor.role === Role.UNSPECIFIED) throw new AppError('unauthenticated', 'sign in as staff to read satisfaction reports');
  if (actor.role === Role.SYSTEM || actor.role === Role.AUDITOR) return;
  if (actor.mallId !== mallId) throw new AppError('forbidden', `staff of ${actor.mallId || '(no mall)'} cannot read reports of mall ${mallId}`);
  if (actor.role === Role.MALL_ADMIN) return;
  if ((actor.role === Role.AGENCY_ADMIN || actor.role === Role.OFFICER) && agencyCode !== '' && actor.agencyCode === agencyCode) return;
  throw new AppError('forbidden', agencyCode ? `only staff of ${agencyCode} (or the mall-admin) read this` : 'only the mall-admin reads the whole mall');
}

/**
 * A unit's satisfaction over a period, from the `satisfaction` projection: the IKM by the shared
 * rules (`@mpp/ikm`) with the sample of the previous period's served tickets, and complaint
 * timeliness (received in the period).
 */
export async function readSatisfaction(db: pg.Pool, schema: string, actor: Actor | undefined, req: { mallId: string; period: string; unit: ReportUnit; unitId: string }, now: Date): Promise<GetSatisfactionResponse> {
  if (req.mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
  if (req.unit === ReportUnit.UNSPECIFIED || ReportUnit[req.unit] === undefined) throw new AppError('invalid', 'say which unit', { violations: [{ field: 'unit', reason: 'must be service, agency or mall' }] });
  if (req.unit !== ReportUnit.MALL && req.unitId === '') throw new AppError('invalid', 'unit_id is required for a service or an agency', { violations: [{ field: 'unit_id', reason: 'is required' }] });
  const period = parsePeriod(req.period);
  if (!period) throw new AppError('invalid', 'period must be 2026-11, 2026-Q4, 2026-S2, 2026 or 2026-01-01..2026-03-31', { violations: [{ field: 'period', reason: 'is not a period' }] });
  const t = (name: string) => `"${schema}".${name}`;
  const agency =
    req.unit === ReportUnit.AGENCY ? req.unitId : req.unit === ReportUnit.SERVICE ? ((await db.query<{ agency_code: string }>(`select agency_code from ${t('sat_tickets')} where service_id = $1 limit 1`, [req.unitId])).rows[0]?.agency_code ?? '') : '';
  authorize(actor, req.mallId, agency);
  const unit = req.unit === ReportUnit.SERVICE ? 'and service_id = $4' : req.unit === ReportUnit.AGENCY ? 'and agency_code = $4' : '';
  const args = (...rest: unknown[]) => (unit ? [req.mallId, ...rest, req.unitId] : [req.mallId, ...rest]);
  const before = previousPeriod(period);
  const [answers, served, complaints] = await Promise.all([
    db.query<{ answers: number[] }>(`select answers from ${t('sat_responses')} where mall_id = $1 and date between $2 and $3 ${unit}`, args(period.from, period.to)),
    db.query<{ n: number }>(`select count(*)::int as n from ${t('sat_tickets')} where mall_id = $1 and completed and date between $2 and $3 ${unit}`, args(before.from, before.to)),
    db.query<{ n: number; responded: number; resolved: number; overdue: number }>(
      `select count(*)::int as n,
              count(*) filter (where responded_at <= respond_by)::int as responded,
              count(*) filter (where closed_at <= resolve_by)::int as resolved,
              count(*) filter (where (responded_at is null and respond_by <= $${unit ? 5 : 4}) or (closed_at is null and resolve_by <= $${unit ? 5 : 4}))::int as overdue
         from ${t('sat_complaints')} where mall_id = $1 and received_at >= $2::date and received_at < $3::date + 1 ${unit}`,
      unit ? [req.mallId, period.from, period.to, req.unitId, now] : [req.mallId, period.from, period.to, now],
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
