import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT } from '../../app/i18n';
import { ErrorNote, Field, Loading } from '../../app/ui';
import { BarChart, ChartTable } from './charts';
import { dict } from './dict';
import { num } from './format';
import { ikmQuery, type PeriodChoice } from './period';
import type { Satisfaction, Scope, ServiceRef } from './types';

type Unit = 'mall' | 'agency' | 'booth' | 'service';

/** The SKM grade bands on the 25–100 scale (PermenPANRB 14/2017): lower bounds of A, B and C. */
const BANDS = [
  { value: 88.31, label: 'A ≥ 88,31' },
  { value: 76.61, label: 'B ≥ 76,61' },
  { value: 65, label: 'C ≥ 65,00' },
];

/** The IKM of the mall, an agency, a booth or a service over the chosen period, with its grade and elements. */
export function IkmPanel({ scope, choice }: { scope: Scope; choice: PeriodChoice }) {
  const { t, lang } = useT(dict);
  const own = scope.ownAgency;
  const [unit, setUnit] = useState<Unit>(own ? 'agency' : 'mall');
  const [unitId, setUnitId] = useState(own ?? '');
  const [serviceAgency, setServiceAgency] = useState(own ?? '');
  const q = ikmQuery(choice);
  const ready = q !== undefined && (unit === 'mall' || unitId !== '');
  const ikm = useAsync(
    (signal) => (ready ? api<Satisfaction>(`/malls/${encodeURIComponent(scope.mallId)}/reports/ikm`, { signal, query: { ...q, unit, unitId: unit === 'mall' ? undefined : unitId } }) : Promise.resolve(undefined)),
    [scope.mallId, JSON.stringify(q), unit, unitId, ready],
  );
  const services = useAsync(
    (signal) => (unit === 'service' && serviceAgency ? api<{ services: ServiceRef[] }>(`/malls/${encodeURIComponent(scope.mallId)}/services`, { signal, query: { agency: serviceAgency, pageSize: 500 } }) : Promise.resolve(undefined)),
    [scope.mallId, unit, serviceAgency],
  );
  const changeUnit = (u: Unit) => {
    setUnit(u);
    setUnitId(u === 'agency' && own ? own : '');
  };
  const booths = scope.booths.filter((b) => !own || b.agencyCode === own);
  const agencies = scope.agencies.filter((a) => !own || a.code === own);
  return (
    <div class="ikm">
      <div class="dash-controls">
        <Field id="ikm-unit" label={t('ikmUnit')}>
          <select id="ikm-unit" value={unit} onChange={(e) => changeUnit(e.currentTarget.value as Unit)}>
            {!own && <option value="mall">{t('unit_mall')}</option>}
            <option value="agency">{t('unit_agency')}</option>
            <option value="booth">{t('unit_booth')}</option>
            <option value="service">{t('unit_service')}</option>
          </select>
        </Field>
        {unit === 'agency' && (
          <Field id="ikm-agency" label={t('unit_agency')}>
            <select id="ikm-agency" value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)} disabled={!!own}>
              <option value="">{t('choose')}</option>
              {agencies.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {unit === 'booth' && (
          <Field id="ikm-booth" label={t('unit_booth')}>
            <select id="ikm-booth" value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
              <option value="">{t('choose')}</option>
              {booths.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.number} — {b.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {unit === 'service' && !own && (
          <Field id="ikm-service-agency" label={t('unit_agency')}>
            <select
              id="ikm-service-agency"
              value={serviceAgency}
              onChange={(e) => {
                setServiceAgency(e.currentTarget.value);
                setUnitId('');
              }}
            >
              <option value="">{t('choose')}</option>
              {scope.agencies.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {unit === 'service' && (
          <Field id="ikm-service" label={t('unit_service')}>
            <select id="ikm-service" value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)} disabled={!services.data}>
              <option value="">{t('choose')}</option>
              {services.data?.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {pick(lang, s.nameId, s.nameEn)}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <ErrorNote error={services.error} onRetry={services.reload} />
      <ErrorNote error={ikm.error} onRetry={ikm.reload} />
      {!ready && <p class="muted">{q ? t('chooseUnit') : t('choosePeriod')}</p>}
      {ready && ikm.loading && !ikm.data && <Loading />}
      {ready && ikm.data && <IkmResult r={ikm.data} />}
    </div>
  );
}

function IkmResult({ r }: { r: Satisfaction }) {
  const { t, lang } = useT(dict);
  const weakest = new Set(r.weakest);
  const nameOf = (code: string, nameId: string) => (lang === 'en' ? t(`el_${code}`) : nameId || t(`el_${code}`));
  const converted = (nrr: number) => nrr * 25;
  const label = t('elementsAria', { list: r.elements.map((e) => `${e.code} ${num(lang, converted(e.nrr), 2)}`).join('; ') });
  return (
    <>
      <div class="ikm-head" aria-live="polite">
        <p class="ikm-big">
          <span class="muted">IKM</span> <span data-testid="ikm-value">{String(r.ikmRounded)}</span>{' '}
          <span class={`grade grade-${r.grade || 'none'}`} data-testid="ikm-grade" aria-label={`${t('grade')} ${r.grade || '–'}`}>
            {r.grade || '–'}
          </span>{' '}
          <span>{r.grade ? t(`grade_${r.grade}`) : ''}</span>
        </p>
        <p class="muted">{t('ikmPeriod', { from: r.from, to: r.to })}</p>
        {r.respondents === 0 ? (
          <p>{t('noRespondents')}</p>
        ) : (
          <p>
            {t('respondents', { n: num(lang, r.respondents) })} ·{' '}
            {r.minimumSample > 0 ? t('minimumSample', { n: num(lang, r.minimumSample), served: num(lang, r.previousPeriodServed) }) : t('noMinimumSample')}{' '}
            <span class={`badge ${r.sampleReached ? 'ok-badge' : 'warn-badge'}`}>{r.sampleReached ? t('sampleReached') : t('sampleNotReached')}</span>
          </p>
        )}
        {r.weakest.length > 0 && r.respondents > 0 && <p>{t('weakest', { list: r.weakest.map((c) => `${c} (${nameOf(c, r.elements.find((e) => e.code === c)?.nameId ?? '')})`).join(', ') })}</p>}
        <p>{t('complaintsLine', { n: num(lang, r.complaints), responded: num(lang, r.respondedInTime), resolved: num(lang, r.resolvedInTime), overdue: num(lang, r.openOverdue) })}</p>
      </div>
      {r.respondents > 0 && r.elements.length > 0 && (
        <>
          <h4>{t('elementsTitle')}</h4>
          <BarChart
            label={label}
            groups={r.elements.map((e) => ({ label: e.code, values: [converted(e.nrr)], highlight: weakest.has(e.code) }))}
            series={[{ name: t('converted') }]}
            max={100}
            refLines={BANDS}
            format={(n) => num(lang, n, Number.isInteger(n) ? 0 : 2)}
          >
            <p class="muted small">{t('elementsNote')}</p>
            <ChartTable
              summary={t('asTable')}
              head={[t('element'), 'NRR (1–4)', t('converted')]}
              rows={r.elements.map((e) => [`${e.code} ${nameOf(e.code, e.nameId)}`, num(lang, e.nrr, 3), num(lang, converted(e.nrr), 2)])}
            />
          </BarChart>
        </>
      )}
    </>
  );
}
