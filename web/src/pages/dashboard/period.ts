/** Dates and periods in the mall's own time zone: a "day" for reports is the mall's local day. */

function parts(timeZone: string, at: Date): Record<string, string> {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    fmt = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
  }
  return Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
}

/** `YYYY-MM-DD` now in the mall's time zone. */
export function localDate(timeZone: string, at = new Date()): string {
  const p = parts(timeZone, at);
  return `${p.year}-${p.month}-${p.day}`;
}

export type PeriodKind = 'month' | 'quarter' | 'semester' | 'year' | 'range';

/** A period as the picker holds it; `period()` turns it into the API's words. */
export interface PeriodChoice {
  readonly kind: PeriodKind;
  /** `YYYY-MM` for a month. */
  readonly month: string;
  readonly year: string;
  /** The quarter 1–4; a semester is read from it (Q1–Q2: S1, Q3–Q4: S2). */
  readonly part: number;
  readonly from: string;
  readonly to: string;
}

export function currentMonth(timeZone: string): PeriodChoice {
  const today = localDate(timeZone);
  const month = today.slice(0, 7);
  const m = Number(today.slice(5, 7));
  return { kind: 'month', month, year: today.slice(0, 4), part: Math.ceil(m / 3), from: `${month}-01`, to: today };
}

/** `2026-11`, `2026-Q4`, `2026-S2`, `2026` or `2026-11-01..2026-11-27`; undefined while incomplete. */
export function periodOf(c: PeriodChoice): string | undefined {
  const year = /^\d{4}$/.test(c.year) ? c.year : undefined;
  switch (c.kind) {
    case 'month':
      return /^\d{4}-\d{2}$/.test(c.month) ? c.month : undefined;
    case 'quarter':
      return year && `${year}-Q${Math.min(4, Math.max(1, c.part))}`;
    case 'semester':
      return year && `${year}-S${c.part > 2 ? 2 : 1}`;
    case 'year':
      return year;
    case 'range':
      return /^\d{4}-\d{2}-\d{2}$/.test(c.from) && /^\d{4}-\d{2}-\d{2}$/.test(c.to) && c.from <= c.to ? `${c.from}..${c.to}` : undefined;
    default: {
      const never: never = c.kind;
      return never;
    }
  }
}

/** The IKM route names a range with `from` and `to`, any other period with `period`. */
export function ikmQuery(c: PeriodChoice): Record<string, string> | undefined {
  if (c.kind === 'range') return periodOf(c) ? { from: c.from, to: c.to } : undefined;
  const period = periodOf(c);
  return period ? { period } : undefined;
}

/** A timestamp's hour and minute as the mall's clock shows it. */
export function mallTime(iso: string | undefined, timeZone: string, lang: string): string {
  if (!iso) return '';
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  try {
    return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: timeZone || undefined });
  } catch {
    return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  }
}

/** A local date `YYYY-MM-DD` written out (`Sabtu, 28 November 2026`); the date itself, never shifted by a time zone. */
export function longDate(date: string, lang: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
