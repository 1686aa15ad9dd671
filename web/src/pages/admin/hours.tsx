import { ApiError } from '../../app/api';
import { useT, type Dict } from '../../app/i18n';
import { TextField } from './common';
import { WEEKDAYS, type DayHours, type Interval, type Weekday } from './types';

/** Opening hours typed as the import's CSV writes them: `08:00-12:00 13:00-16:00` (empty: closed). */
export const hoursDict: Dict = {
  id: {
    monday: 'Senin',
    tuesday: 'Selasa',
    wednesday: 'Rabu',
    thursday: 'Kamis',
    friday: 'Jumat',
    saturday: 'Sabtu',
    sunday: 'Minggu',
    hoursFormat: 'Jam buka: 08:00-12:00 13:00-16:00 (beberapa rentang dipisah spasi); kosong = tutup.',
    badHours: 'Tulis rentang sebagai JJ:MM-JJ:MM, contoh 08:00-12:00 13:00-16:00.',
  },
  en: {
    monday: 'Monday',
    tuesday: 'Tuesday',
    wednesday: 'Wednesday',
    thursday: 'Thursday',
    friday: 'Friday',
    saturday: 'Saturday',
    sunday: 'Sunday',
    hoursFormat: 'Opening hours: 08:00-12:00 13:00-16:00 (several spans separated by spaces); empty = closed.',
    badHours: 'Write spans as HH:MM-HH:MM, e.g. 08:00-12:00 13:00-16:00.',
  },
};

export type WeekTexts = Record<Weekday, string>;

export const formatIntervals = (intervals: readonly Interval[] | undefined) => (intervals ?? []).map((i) => `${i.open}-${i.close}`).join(' ');

const pad = (t: string) => (t.length === 4 ? `0${t}` : t);

/** The spans of a text, or undefined when a part is not `HH:MM-HH:MM` (the catalog checks the times themselves). */
export function parseIntervals(text: string): Interval[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const out: Interval[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}[:.]\d{2})[-–](\d{1,2}[:.]\d{2})$/.exec(p);
    if (!m) return undefined;
    out.push({ open: pad(m[1]!.replace('.', ':')), close: pad(m[2]!.replace('.', ':')) });
  }
  return out;
}

export function weekTexts(hours: readonly DayHours[] | undefined): WeekTexts {
  const texts = Object.fromEntries(WEEKDAYS.map((d) => [d, ''])) as WeekTexts;
  for (const h of hours ?? []) texts[h.weekday] = formatIntervals(h.intervals);
  return texts;
}

/** The week as the API takes it (days with hours only, Monday first), or the days that do not parse. */
export function weekFromTexts(texts: WeekTexts): { hours: DayHours[]; bad: Weekday[] } {
  const hours: DayHours[] = [];
  const bad: Weekday[] = [];
  for (const d of WEEKDAYS) {
    const intervals = parseIntervals(texts[d]);
    if (!intervals) bad.push(d);
    else if (intervals.length > 0) hours.push({ weekday: d, intervals });
  }
  return { hours, bad };
}

/** The catalog names a weekday's errors `weekly_hours.mon[0].open`; the first reason under a prefix. */
export function errorUnder(error: unknown, prefix: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const e = error.problem.errors?.find((x) => x.field === prefix || x.field.startsWith(`${prefix}.`) || x.field.startsWith(`${prefix}[`));
  return e && `${e.field}: ${e.reason}`;
}

/** Seven labelled boxes, one per weekday. `field` is the proto name of the list (`weekly_hours`, `hours`). */
export function WeekEditor(p: { idPrefix: string; legend: string; hint?: string; texts: WeekTexts; onTexts: (t: WeekTexts) => void; bad: readonly Weekday[]; error: unknown; field: string }) {
  const { t } = useT(hoursDict);
  return (
    <fieldset class="week">
      <legend>{p.legend}</legend>
      <p class="muted">{p.hint ?? t('hoursFormat')}</p>
      <div class="week-grid">
        {WEEKDAYS.map((d) => (
          <TextField
            key={d}
            id={`${p.idPrefix}-${d}`}
            label={t(d)}
            value={p.texts[d]}
            error={p.bad.includes(d) ? t('badHours') : errorUnder(p.error, `${p.field}.${d.slice(0, 3)}`) ?? errorUnder(p.error, `${p.field}.${d}`)}
            onValue={(v) => p.onTexts({ ...p.texts, [d]: v })}
          />
        ))}
      </div>
    </fieldset>
  );
}
