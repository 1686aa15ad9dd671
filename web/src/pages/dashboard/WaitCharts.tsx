import { useT } from '../../app/i18n';
import { BarChart, ChartTable } from './charts';
import { dict } from './dict';
import { HISTOGRAM_BINS, minutes, num } from './format';
import type { StatRow } from './types';

const pad = (h: number) => String(h).padStart(2, '0');

/** Average and p90 wait per hour of issue (rows of a day with bucket=hour), every hour between the first and the last. */
export function WaitByHour({ rows }: { rows: readonly StatRow[] }) {
  const { t, lang } = useT(dict);
  const byHour = new Map(rows.filter((r) => r.hour !== undefined).map((r) => [r.hour!, r]));
  if (byHour.size === 0) return <p class="muted">{t('noTicketsYet')}</p>;
  const hours = [...byHour.keys()];
  const span = Array.from({ length: Math.max(...hours) - Math.min(...hours) + 1 }, (_, i) => Math.min(...hours) + i);
  const value = (r: StatRow | undefined, k: 'average' | 'p90') => (r?.waiting && r.waiting.count > 0 ? r.waiting[k] : 0);
  const groups = span.map((h) => ({ label: pad(h), values: [value(byHour.get(h), 'average'), value(byHour.get(h), 'p90')] }));
  const busiest = span.reduce((a, h) => (value(byHour.get(h), 'average') > value(byHour.get(a), 'average') ? h : a), span[0]!);
  const label = t('waitByHourAria', { from: pad(span[0]!), to: pad(span.at(-1)!), hour: pad(busiest), avg: minutes(lang, byHour.get(busiest)?.waiting, 'average') });
  return (
    <BarChart label={label} groups={groups} series={[{ name: t('colWaitAvg') }, { name: t('colWaitP90'), alt: true }]} format={(n) => num(lang, n, n < 10 ? 1 : 0)}>
      <ChartTable
        summary={t('asTable')}
        head={[t('hour'), t('colIssued'), t('called'), t('colWaitAvg'), t('colWaitP90')]}
        rows={span.map((h) => {
          const r = byHour.get(h);
          return [`${pad(h)}:00`, num(lang, r?.issued ?? 0), num(lang, r?.waiting?.count ?? 0), minutes(lang, r?.waiting, 'average'), minutes(lang, r?.waiting, 'p90')];
        })}
      />
    </BarChart>
  );
}

/** How many called tickets waited 0–5, 5–10, 10–20, 20–40 and 40 or more minutes. */
export function WaitHistogram({ histogram }: { histogram: readonly number[] | undefined }) {
  const { t, lang } = useT(dict);
  if (!histogram || histogram.length === 0) return <p class="muted">{t('noHistogram')}</p>;
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return <p class="muted">{t('noCalledYet')}</p>;
  const labels = HISTOGRAM_BINS.slice(0, histogram.length);
  const groups = labels.map((l, i) => ({ label: l, values: [histogram[i] ?? 0] }));
  const label = t('histogramAria', { total, bins: labels.map((l, i) => `${l} ${t('minutes')}: ${histogram[i] ?? 0}`).join('; ') });
  return (
    <BarChart label={label} groups={groups} series={[{ name: t('tickets') }]} format={(n) => num(lang, n, Number.isInteger(n) ? 0 : 1)}>
      <ChartTable summary={t('asTable')} head={[t('waitMinutes'), t('tickets')]} rows={labels.map((l, i) => [l, num(lang, histogram[i] ?? 0)])} />
    </BarChart>
  );
}
