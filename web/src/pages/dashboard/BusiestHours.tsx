import { useT } from '../../app/i18n';
import { ChartTable } from './charts';
import { dict } from './dict';
import { num } from './format';
import type { HeatCell } from './types';

const pad = (h: number) => String(h).padStart(2, '0');
const CELL_W = 26;
const CELL_H = 22;
const LEFT = 56;
const TOP = 20;

/** Tickets issued on average per weekday and hour over the period, as a heat map (darker: busier). */
export function BusiestHours({ cells }: { cells: readonly HeatCell[] | undefined }) {
  const { t, lang } = useT(dict);
  if (!cells || cells.length === 0) return <p class="muted">{t('noRows')}</p>;
  const hours = cells.map((c) => c.hour);
  const span = Array.from({ length: Math.max(...hours) - Math.min(...hours) + 1 }, (_, i) => Math.min(...hours) + i);
  const weekdays = [1, 2, 3, 4, 5, 6, 7].filter((d) => cells.some((c) => c.weekday === d));
  const at = (d: number, h: number) => cells.find((c) => c.weekday === d && c.hour === h);
  const max = Math.max(...cells.map((c) => c.average));
  const top = [...cells].sort((a, b) => b.average - a.average)[0]!;
  const label = t('heatAria', { day: t(`wd${top.weekday}`), hour: pad(top.hour), avg: num(lang, top.average, 1) });
  const w = LEFT + span.length * CELL_W + 4;
  const h = TOP + weekdays.length * CELL_H + 4;
  return (
    <figure class="dash-chart">
      <svg class="chart heat" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} style={{ maxWidth: `${w * 1.6}px` }}>
        <title>{label}</title>
        {span.map((hr, i) => (
          <text key={hr} x={LEFT + i * CELL_W + CELL_W / 2} y={TOP - 6} text-anchor="middle">
            {pad(hr)}
          </text>
        ))}
        {weekdays.map((d, row) => (
          <g key={d}>
            <text x={LEFT - 6} y={TOP + row * CELL_H + CELL_H / 2 + 4} text-anchor="end">
              {t(`wd${d}`).slice(0, 3)}
            </text>
            {span.map((hr, i) => {
              const c = at(d, hr);
              const share = c && max > 0 ? c.average / max : 0;
              return <rect key={hr} class="cell" x={LEFT + i * CELL_W} y={TOP + row * CELL_H} width={CELL_W - 2} height={CELL_H - 2} fill-opacity={c ? 0.12 + 0.88 * share : 0.04} />;
            })}
          </g>
        ))}
      </svg>
      <ChartTable
        summary={t('asTable')}
        head={[t('weekdayHour'), t('avgIssued'), t('days')]}
        rows={[...cells]
          .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour)
          .map((c) => [`${t(`wd${c.weekday}`)} ${pad(c.hour)}:00`, num(lang, c.average, 1), num(lang, c.days)])}
      />
    </figure>
  );
}
