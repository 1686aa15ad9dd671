import { create } from '@bufbuild/protobuf';
import { ElementScoreSchema, GetIkmResponseSchema, UnitKind, type Actor, type GetIkmResponse, type UnitResult } from '@mpp/contracts';
import { AppError } from '@mpp/errors';
import { computeIkm, parsePeriod, previousPeriod, sampleAdequacy, type ElementScore, type Period } from '@mpp/ikm';
import type pg from 'pg';
import { authorizeStaff } from './authorize.js';

const score = (e: ElementScore) => create(ElementScoreSchema, { code: e.code, nameId: e.id, nameEn: e.en, nrr: e.nrr });

/** The IKM of a unit (service, agency, mall) over a period, from the survey's responses. */
export function createIkm(db: pg.Pool, schema: string) {
  const t = (name: string) => `"${schema}".${name}`;
  return {
    unitResults,
    async report(actor: Actor | undefined, mallId: string, unitKind: UnitKind, unitId: string, label: string): Promise<GetIkmResponse> {
      if (mallId === '') throw new AppError('invalid', 'mall_id is required', { violations: [{ field: 'mall_id', reason: 'is required' }] });
      if (unitKind === UnitKind.UNSPECIFIED || UnitKind[unitKind] === undefined) throw new AppError('invalid', 'say which unit', { violations: [{ field: 'unit_kind', reason: 'must be service, agency, booth or mall' }] });
      if (unitKind !== UnitKind.MALL && unitId === '') throw new AppError('invalid', 'unit_id is required for a service, an agency or a booth', { violations: [{ field: 'unit_id', reason: 'is required' }] });
      const period = parsePeriod(label);
      if (!period) throw new AppError('invalid', 'period must be 2026-11, 2026-Q4, 2026-S2, 2026 or 2026-01-01..2026-03-31', { violations: [{ field: 'period', reason: 'is not a period' }] });
      const agency = unitKind === UnitKind.AGENCY ? unitId : unitKind === UnitKind.SERVICE ? await agencyOf(unitId) : unitKind === UnitKind.BOOTH ? await boothAgency(unitId) : '';
      authorizeStaff(actor, mallId, agency, 'read the IKM', { officers: true });
      // A booth's tickets are those served at its counters: the booth kept at completion (the counter's now, if it was unknown then).
      const atBooth = `and ticket_id in (select k.ticket_id from ${t('survey_tickets')} k left join ${t('survey_counters')} c on c.id = k.counter_id where coalesce(nullif(k.booth_id, ''), c.booth_id) = $4)`;
      const unit = unitKind === UnitKind.SERVICE ? 'and service_id = $4' : unitKind === UnitKind.AGENCY ? 'and agency_code = $4' : unitKind === UnitKind.BOOTH ? atBooth : '';
      const of = (from: string, to: string) => (unit ? [mallId, from, to, unitId] : [mallId, from, to]);
      const { rows } = await db.query<{ answers: number[] }>(`select answers from ${t('survey_responses')} where mall_id = $1 and date between $2 and $3 ${unit}`, of(period.from, period.to));
      const before = previousPeriod(period);
      const served = await db.query<{ n: number }>(`select count(*)::int as n from ${t('survey_tickets')} where mall_id = $1 and date between $2 and $3 and completed_at is not null ${unit}`, of(before.from, before.to));
      const result = computeIkm(rows.map((r) => r.answers));
      const sample = sampleAdequacy(rows.length, served.rows[0]!.n);
      return create(GetIkmResponseSchema, {
        period: period.label,
        from: period.from,
        to: period.to,
        respondents: rows.length,
        previousPeriodServed: sample.population,
        minimumSample: sample.minimum,
        sampleReached: sample.reached,
        ...(result
          ? { elements: result.elements.map(score), ikm: result.ikm, ikmRounded: result.ikmRounded, grade: result.grade, gradeMeaningId: result.meaning.id, gradeMeaningEn: result.meaning.en, weakest: result.weakest.map(score) }
          : {}),
      });
    },
  };

  /** The mall's result for a period, then each agency's with respondents (what a publication freezes). */
  async function unitResults(mallId: string, period: Period): Promise<Omit<UnitResult, '$typeName'>[]> {
    const before = previousPeriod(period);
    const { rows } = await db.query<{ agency_code: string; answers: number[] }>(`select agency_code, answers from ${t('survey_responses')} where mall_id = $1 and date between $2 and $3 order by agency_code`, [mallId, period.from, period.to]);
    const served = await db.query<{ agency_code: string; n: number }>(
      `select agency_code, count(*)::int as n from ${t('survey_tickets')} where mall_id = $1 and date between $2 and $3 and completed_at is not null group by agency_code`,
      [mallId, before.from, before.to],
    );
    const servedBy = new Map(served.rows.map((r) => [r.agency_code, r.n]));
    const result = (kind: string, id: string, answers: number[][], population: number) => {
      const r = computeIkm(answers);
      const sample = sampleAdequacy(answers.length, population);
      return { unitKind: kind, unitId: id, respondents: answers.length, ikm: r?.ikmRounded ?? 0, grade: r?.grade ?? '', weakest: r?.weakest.map((e) => e.code) ?? [], minimumSample: sample.minimum, sampleReached: sample.reached };
    };
    const byAgency = new Map<string, number[][]>();
    for (const row of rows) byAgency.set(row.agency_code, [...(byAgency.get(row.agency_code) ?? []), row.answers]);
    const total = [...servedBy.values()].reduce((a, b) => a + b, 0);
    // Every agency that served or was rated: one that served and got no answers shows its missed sample.
    const agencies = [...new Set([...byAgency.keys(), ...servedBy.keys()])].sort();
    return [result('mall', '', rows.map((r) => r.answers), total), ...agencies.map((agency) => result('agency', agency, byAgency.get(agency) ?? [], servedBy.get(agency) ?? 0))];
  }

  async function boothAgency(boothId: string): Promise<string> {
    const { rows } = await db.query<{ agency_code: string }>(`select agency_code from ${t('survey_booths')} where id = $1`, [boothId]);
    if (!rows[0]) throw new AppError('not_found', `no booth ${boothId} in the catalog`, { violations: [{ field: 'unit_id', reason: 'unknown booth' }] });
    return rows[0].agency_code;
  }

  async function agencyOf(serviceId: string): Promise<string> {
    const { rows } = await db.query<{ agency_code: string }>(`select agency_code from ${t('survey_services')} where id = $1`, [serviceId]);
    if (!rows[0]) throw new AppError('not_found', `no service ${serviceId} in the catalog`, { violations: [{ field: 'unit_id', reason: 'unknown service' }] });
    return rows[0].agency_code;
  }
}
