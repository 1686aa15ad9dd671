import type { Lang } from '../../app/i18n';
import type { Minutes } from './types';

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'id-ID');

/** A number as the reader's language writes it (`1.234,5` or `1,234.5`). */
export function num(lang: Lang, n: number | undefined, digits = 0): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  return n.toLocaleString(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Minutes of a summary, or a dash when no ticket has them (never a made-up 0). */
export function minutes(lang: Lang, m: Minutes | undefined, which: 'average' | 'p90' | 'max'): string {
  return m && m.count > 0 ? num(lang, m[which], 1) : '–';
}

export function percent(lang: Lang, share: number, of: number): string {
  return of > 0 ? `${num(lang, share * 100, 0)}%` : '–';
}

/** Labels of the API's waiting-time bins, in minutes. */
export const HISTOGRAM_BINS = ['0–5', '5–10', '10–20', '20–40', '≥ 40'] as const;

/** One CSV field (RFC 4180): quoted when it holds a separator, a quote or a line break. */
function field(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '') : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Saves rows as a CSV file made in the browser (UTF-8 with a byte-order mark, so Excel reads it right). */
export function saveCsv(filename: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const text = [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n');
  const url = URL.createObjectURL(new Blob(['\uFEFF', text, '\r\n'], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
