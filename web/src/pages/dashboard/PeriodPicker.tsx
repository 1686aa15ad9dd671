import { useT } from '../../app/i18n';
import { Field } from '../../app/ui';
import { dict } from './dict';
import type { PeriodChoice, PeriodKind } from './period';

const KINDS: readonly PeriodKind[] = ['month', 'quarter', 'semester', 'year', 'range'];

/** Month, quarter, semester, year or a range of dates, as the reporting routes take them. */
export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (c: PeriodChoice) => void }) {
  const { t } = useT(dict);
  const set = (patch: Partial<PeriodChoice>) => onChange({ ...value, ...patch });
  const year = (
    <Field id="period-year" label={t('year')}>
      <input id="period-year" type="number" inputMode="numeric" min={2000} max={2100} value={value.year} onInput={(e) => set({ year: e.currentTarget.value })} />
    </Field>
  );
  return (
    <div class="dash-controls">
      <Field id="period-kind" label={t('periodKind')}>
        <select id="period-kind" value={value.kind} onChange={(e) => set({ kind: e.currentTarget.value as PeriodKind })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind_${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {value.kind === 'month' && (
        <Field id="period-month" label={t('kind_month')} hint="YYYY-MM">
          <input id="period-month" type="month" value={value.month} aria-describedby="period-month-hint" onInput={(e) => set({ month: e.currentTarget.value })} />
        </Field>
      )}
      {(value.kind === 'quarter' || value.kind === 'semester' || value.kind === 'year') && year}
      {value.kind === 'quarter' && (
        <Field id="period-quarter" label={t('kind_quarter')}>
          <select id="period-quarter" value={String(Math.min(4, value.part))} onChange={(e) => set({ part: Number(e.currentTarget.value) })}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={String(q)}>
                {t('quarterN', { n: q })}
              </option>
            ))}
          </select>
        </Field>
      )}
      {value.kind === 'semester' && (
        <Field id="period-semester" label={t('kind_semester')}>
          <select id="period-semester" value={String(Math.ceil(value.part / 2))} onChange={(e) => set({ part: Number(e.currentTarget.value) * 2 - 1 })}>
            {[1, 2].map((s) => (
              <option key={s} value={String(s)}>
                {t('semesterN', { n: s })}
              </option>
            ))}
          </select>
        </Field>
      )}
      {value.kind === 'range' && (
        <>
          <Field id="period-from" label={t('from')}>
            <input id="period-from" type="date" value={value.from} max={value.to || undefined} onInput={(e) => set({ from: e.currentTarget.value })} />
          </Field>
          <Field id="period-to" label={t('to')}>
            <input id="period-to" type="date" value={value.to} min={value.from || undefined} onInput={(e) => set({ to: e.currentTarget.value })} />
          </Field>
        </>
      )}
    </div>
  );
}
