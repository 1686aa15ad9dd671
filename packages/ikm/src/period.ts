/** A report period: a month, a quarter, a semester, a year, or any range of local dates. */
export interface Period {
  readonly kind: 'month' | 'quarter' | 'semester' | 'year' | 'range';
  /** As written: `2026-11`, `2026-Q4`, `2026-S2`, `2026`, `2026-01-01..2026-03-31`. */
  readonly label: string;
  /** First and last local date, inclusive (`YYYY-MM-DD`). */
  readonly from: string;
  readonly to: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const months = (kind: Period['kind'], y: number, first: number, count: number, label: string): Period => ({ kind, label, from: ymd(y, first, 1), to: ymd(y, first + count - 1, lastDay(y, first + count - 1)) });

function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= lastDay(y, mo);
}

const dayNumber = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000;
const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** The period a label names, or undefined when it names none. */
export function parsePeriod(label: string): Period | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(label))) return months('year', Number(m[1]), 1, 12, label);
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label))) return months('month', Number(m[1]), Number(m[2]), 1, label);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(label))) return months('quarter', Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3, label);
  if ((m = /^(\d{4})-S([12])$/.exec(label))) return months('semester', Number(m[1]), (Number(m[2]) - 1) * 6 + 1, 6, label);
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(label)) && isDate(m[1]!) && isDate(m[2]!) && m[1]! <= m[2]!) return { kind: 'range', label, from: m[1]!, to: m[2]! };
  return undefined;
}

/** The period just before: the previous month, quarter, semester or year; for a range, as many days before it. */
export function previousPeriod(p: Period): Period {
  const y = Number(p.from.slice(0, 4));
  const m = Number(p.from.slice(5, 7));
  switch (p.kind) {
    case 'year':
      return parsePeriod(pad(y - 1, 4))!;
    case 'month':
      return parsePeriod(m === 1 ? `${pad(y - 1, 4)}-12` : `${pad(y, 4)}-${pad(m - 1)}`)!;
    case 'quarter': {
      const q = (m - 1) / 3 + 1;
      return parsePeriod(q === 1 ? `${pad(y - 1, 4)}-Q4` : `${pad(y, 4)}-Q${q - 1}`)!;
    }
    case 'semester':
      return parsePeriod(m === 1 ? `${pad(y - 1, 4)}-S2` : `${pad(y, 4)}-S1`)!;
    case 'range': {
      const days = dayNumber(p.to) - dayNumber(p.from) + 1;
      const from = dateOf(dayNumber(p.from) - days);
      const to = dateOf(dayNumber(p.from) - 1);
      return { kind: 'range', label: `${from}..${to}`, from, to };
    }
    default: {
      const unknown: never = p.kind;
      throw new Error(`unknown period kind ${String(unknown)}`);
    }
  }
}

/** Whether a local date (`YYYY-MM-DD`) falls in the period. */
export const inPeriod = (p: Period, date: string): boolean => date >= p.from && date <= p.to;
