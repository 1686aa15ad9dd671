import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { rate, type Sample } from './measure.js';

export interface Comparison {
  readonly benchmark: string;
  readonly baselineName: string;
  readonly ours: Sample;
  readonly baseline: Sample;
  /** The ratio (ours ÷ baseline, events/s) we aim for; none when the ratio is only shown. */
  readonly aim?: number;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const cell = (s: Sample) => `${n(rate(s).opsPerSec)} ops/s · ${n(rate(s).eventsPerSec)} ev/s`;
/** Events/s; for appends and commands it equals the ops/s ratio (same events per op on both sides). */
export const ratio = (c: Comparison) => rate(c.ours).eventsPerSec / rate(c.baseline).eventsPerSec;

export function line(c: Comparison): string {
  return `${c.benchmark}: ours ${cell(c.ours)} | ${c.baselineName} ${cell(c.baseline)} | ratio ${ratio(c).toFixed(2)}${c.aim === undefined ? '' : ` (aim ≥ ${c.aim})`}`;
}

export function table(results: readonly Comparison[]): string {
  const rows = results.map((c) => {
    const r = ratio(c);
    const missed = c.aim !== undefined && r < c.aim;
    return `| ${c.benchmark} | ${cell(c.ours)} | ${c.baselineName}: ${cell(c.baseline)} | ${r.toFixed(2)}${missed ? ' ✗' : ''} | ${c.aim === undefined ? '—' : `≥ ${c.aim}`} |`;
  });
  return ['| benchmark | ours | baseline | ratio | aim |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function writeJson(path: string, meta: Record<string, unknown>, results: readonly Comparison[]): void {
  const side = (s: Sample) => ({ ...s, ms: Math.round(s.ms), ...rate(s) });
  const body = {
    ...meta,
    results: results.map((c) => ({
      benchmark: c.benchmark,
      ours: side(c.ours),
      baseline: { name: c.baselineName, ...side(c.baseline) },
      ratio: ratio(c),
      aim: c.aim ?? null,
      met: c.aim === undefined ? null : ratio(c) >= c.aim,
    })),
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(body, null, 2) + '\n');
}
