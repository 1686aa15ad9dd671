import type { ComponentChildren } from 'preact';

/** One group of bars on the x axis (an hour, a bin, an element), one value per series. */
export interface BarGroup {
  readonly label: string;
  readonly values: readonly number[];
  /** Drawn in the second colour (e.g. the weakest elements). */
  readonly highlight?: boolean;
}

export interface Series {
  readonly name: string;
  readonly alt?: boolean;
}

/** A horizontal reference line (a grade's lower bound). */
export interface RefLine {
  readonly value: number;
  readonly label: string;
}

const W = 640;
const H = 240;
const PAD = { left: 44, right: 12, top: 16, bottom: 34 };
/** Room right of the plot for the reference lines' labels. */
const REF_LABEL_W = 76;

function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  const steps = [1, 2, 2.5, 5, 10];
  return (steps.find((s) => s * p >= n) ?? 10) * p;
}

/**
 * A bar chart drawn as inline SVG. `label` is what a screen reader hears (role="img"); `children`
 * carries the same figures as a table, for everyone who prefers numbers to bars.
 */
export function BarChart({ label, groups, series, max, refLines, format, children }: { label: string; groups: readonly BarGroup[]; series: readonly Series[]; max?: number; refLines?: readonly RefLine[]; format: (n: number) => string; children?: ComponentChildren }) {
  const top = max ?? niceMax(Math.max(0, ...groups.flatMap((g) => g.values)));
  const right = PAD.right + (refLines?.length ? REF_LABEL_W : 0);
  const plotW = W - PAD.left - right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, groups.length);
  const barW = Math.max(2, Math.min(40, (slot * 0.8) / Math.max(1, series.length)));
  const y = (v: number) => PAD.top + plotH - (Math.min(v, top) / top) * plotH;
  const ticks = [0, top / 2, top];
  const showValues = groups.length * series.length <= 30;
  const labelEvery = Math.ceil(groups.length / 24);
  return (
    <figure class="dash-chart">
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <title>{label}</title>
        {ticks.map((tk) => (
          <g key={tk}>
            <line class="axis" x1={PAD.left} x2={W - right} y1={y(tk)} y2={y(tk)} />
            <text x={PAD.left - 6} y={y(tk) + 4} text-anchor="end">
              {format(tk)}
            </text>
          </g>
        ))}
        {refLines?.map((r) => (
          <g key={r.label} class="ref">
            <line x1={PAD.left} x2={W - right} y1={y(r.value)} y2={y(r.value)} />
            <text x={W - right + 4} y={y(r.value) + 4}>
              {r.label}
            </text>
          </g>
        ))}
        {groups.map((g, i) => {
          const x0 = PAD.left + i * slot + (slot - barW * series.length) / 2;
          return (
            <g key={g.label}>
              {g.values.map((v, s) => (
                <g key={s}>
                  <rect class={`bar${series[s]?.alt || g.highlight ? ' alt' : ''}`} x={x0 + s * barW} y={y(v)} width={barW - 1} height={Math.max(0, PAD.top + plotH - y(v))} />
                  {showValues && v > 0 && (
                    <text x={x0 + s * barW + barW / 2} y={y(v) - 3} text-anchor="middle">
                      {format(v)}
                    </text>
                  )}
                </g>
              ))}
              {i % labelEvery === 0 && (
                <text x={PAD.left + i * slot + slot / 2} y={H - PAD.bottom + 16} text-anchor="middle">
                  {g.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <figcaption class="legend">
          {series.map((s) => (
            <span key={s.name}>
              <i class={`swatch${s.alt ? ' alt' : ''}`} aria-hidden="true" /> {s.name}
            </span>
          ))}
        </figcaption>
      )}
      {children}
    </figure>
  );
}

/** The same figures as a table, folded under the chart. */
export function ChartTable({ summary, head, rows }: { summary: string; head: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    <details class="chart-table">
      <summary>{summary}</summary>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" class={i > 0 ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r[0]}>
                {r.map((c, i) => (i === 0 ? <th key={i} scope="row">{c}</th> : <td key={i} class="num">{c}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
