import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote } from '../../app/ui';
import { NumberField, SaveStatus, errorFor, useSave, words } from './common';
import { formatIntervals, hoursDict, parseIntervals } from './hours';
import type { AdminCtx, Mall, SpecialDay } from './types';

const dict: Dict = {
  id: {
    specialDays: 'Hari libur dan hari khusus',
    specialHint: 'Hari libur: tutup sepanjang hari. Hari khusus: jam lain dari biasanya (kosong = tutup).',
    date: 'Tanggal',
    dayName: 'Keterangan',
    kind: 'Jenis',
    dayHours: 'Jam (hari khusus)',
    'kind.holiday': 'Libur (tutup)',
    'kind.special': 'Jam khusus',
    row: 'baris {n}',
    remove: 'Hapus',
    removeNamed: 'Hapus {name}',
    addDay: 'Tambah hari',
    noDays: 'Belum ada hari libur atau hari khusus.',
    national: 'Hari libur nasional',
    year: 'Tahun',
    loadNational: 'Muat hari libur nasional',
    nationalHint: 'Menambahkan hari libur nasional tahun itu (daftar bawaan) langsung ke mal; tanggal yang sudah ada tidak diubah.',
    added: '{n} hari libur ditambahkan.',
  },
  en: {
    specialDays: 'Holidays and special days',
    specialHint: 'Holiday: closed all day. Special: other hours than usual (empty = closed).',
    date: 'Date',
    dayName: 'Description',
    kind: 'Kind',
    dayHours: 'Hours (special day)',
    'kind.holiday': 'Holiday (closed)',
    'kind.special': 'Special hours',
    row: 'row {n}',
    remove: 'Remove',
    removeNamed: 'Remove {name}',
    addDay: 'Add a day',
    noDays: 'No holiday or special day yet.',
    national: 'National holidays',
    year: 'Year',
    loadNational: 'Load national holidays',
    nationalHint: 'Adds that year’s national holidays (bundled list) to the mall at once; dates already there stay as they are.',
    added: '{n} holiday(s) added.',
  },
};

/** A special day as edited: its hours as text. */
export interface DayRow {
  key: number;
  date: string;
  name: string;
  kind: SpecialDay['kind'];
  hours: string;
}

let nextKey = 1;
const rowOf = (d: SpecialDay): DayRow => ({ key: nextKey++, date: d.date, name: d.name, kind: d.kind, hours: formatIntervals(d.intervals) });
export const rowsOf = (days: readonly SpecialDay[]) => [...days].sort((a, b) => a.date.localeCompare(b.date)).map(rowOf);

/** The rows as the API takes them, or the rows whose hours do not parse. */
export function specialDaysOf(rows: readonly DayRow[]): { days: SpecialDay[]; bad: number[] } {
  const bad: number[] = [];
  const days = rows.map((r, i) => {
    const intervals = r.kind === 'special' ? parseIntervals(r.hours) : [];
    if (!intervals) bad.push(i);
    return { date: r.date, name: r.name, kind: r.kind, intervals: intervals ?? [] };
  });
  return { days, bad };
}

/** The table of special days (inside the hours form) and the national-holiday loader. */
export function SpecialDays({ ctx, rows, bad, error, onRows }: { ctx: AdminCtx; rows: readonly DayRow[]; bad: readonly number[]; error: unknown; onRows: (rows: DayRow[]) => void }) {
  const { t } = useT(words, hoursDict, dict);
  const update = (i: number, patch: Partial<DayRow>) => onRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const err = (i: number, f: string) => errorFor(error, `specialDays[${i}].${f}`);
  return (
    <fieldset>
      <legend>{t('specialDays')}</legend>
      <p class="muted">{t('specialHint')}</p>
      {rows.length === 0 ? (
        <p>{t('noDays')}</p>
      ) : (
        <div class="table-wrap">
          <table class="special-days">
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('dayName')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('dayHours')}</th>
                <th scope="col">
                  <span class="sr-only">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const id = `special-${r.key}`;
                const row = t('row', { n: i + 1 });
                const cellError = (f: string, extra?: string) => {
                  const e = extra ?? err(i, f);
                  return e ? (
                    <small id={`${id}-${f}-error`} class="field-error">
                      {e}
                    </small>
                  ) : null;
                };
                const invalid = (f: string, extra?: string) => ((extra ?? err(i, f)) ? { 'aria-invalid': true, 'aria-describedby': `${id}-${f}-error` } : {});
                const hoursBad = bad.includes(i) ? t('badHours') : undefined;
                return (
                  <tr key={r.key}>
                    <td>
                      <label class="sr-only" for={`${id}-date`}>{`${t('date')}, ${row}`}</label>
                      <input id={`${id}-date`} type="date" value={r.date} onInput={(e) => update(i, { date: e.currentTarget.value })} {...invalid('date')} />
                      {cellError('date')}
                    </td>
                    <td>
                      <label class="sr-only" for={`${id}-name`}>{`${t('dayName')}, ${row}`}</label>
                      <input id={`${id}-name`} value={r.name} onInput={(e) => update(i, { name: e.currentTarget.value })} {...invalid('name')} />
                      {cellError('name')}
                    </td>
                    <td>
                      <label class="sr-only" for={`${id}-kind`}>{`${t('kind')}, ${row}`}</label>
                      <select id={`${id}-kind`} value={r.kind} onChange={(e) => update(i, { kind: e.currentTarget.value as DayRow['kind'] })}>
                        <option value="holiday">{t('kind.holiday')}</option>
                        <option value="special">{t('kind.special')}</option>
                      </select>
                    </td>
                    <td>
                      <label class="sr-only" for={`${id}-hours`}>{`${t('dayHours')}, ${row}`}</label>
                      <input id={`${id}-hours`} value={r.hours} disabled={r.kind !== 'special'} placeholder={r.kind === 'special' ? '08:00-12:00' : ''} onInput={(e) => update(i, { hours: e.currentTarget.value })} {...invalid('intervals', hoursBad)} />
                      {cellError('intervals', hoursBad)}
                    </td>
                    <td>
                      <button type="button" onClick={() => onRows(rows.filter((_, j) => j !== i))} aria-label={t('removeNamed', { name: r.name || r.date || row })}>
                        {t('remove')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <button type="button" onClick={() => onRows([...rows, { key: nextKey++, date: '', name: '', kind: 'holiday', hours: '' }])}>
          {t('addDay')}
        </button>
      </p>
      <NationalHolidays ctx={ctx} onLoaded={(days) => onRows([...rows, ...rowsOf(days.filter((d) => !rows.some((r) => r.date === d.date)))])} />
    </fieldset>
  );
}

/** POST /malls/:mallId/national-holidays {year}: applied at once; the new dates join the table. */
function NationalHolidays({ ctx, onLoaded }: { ctx: AdminCtx; onLoaded: (days: SpecialDay[]) => void }) {
  const { t } = useT(words, dict);
  const [year, setYear] = useState(new Date().getFullYear());
  const s = useSave();
  const [added, setAdded] = useState(0);
  const load = async () => {
    const r = await s.save(
      () => api<{ mall: Mall; added: number }>(`/malls/${encodeURIComponent(ctx.mallId)}/national-holidays`, { method: 'POST', body: { year } }),
      () => 'added',
    );
    if (!r) return;
    setAdded(r.value.added);
    onLoaded(r.value.mall.specialDays ?? []);
  };
  return (
    <div
      class="toolbar"
      role="group"
      aria-labelledby="national-title"
      onKeyDown={(e) => {
        // Enter in the year box loads the holidays; it must not submit the hours form around it.
        if (e.key === 'Enter') {
          e.preventDefault();
          void load();
        }
      }}
    >
      <h4 id="national-title" class="sr-only">
        {t('national')}
      </h4>
      <NumberField id="national-year" label={`${t('national')}: ${t('year')}`} hint={t('nationalHint')} value={year} onValue={setYear} min={2000} max={2100} error={errorFor(s.error, 'year')} />
      <button type="button" onClick={() => void load()} disabled={s.busy}>
        {t('loadNational')}
      </button>
      <ErrorNote error={s.error} />
      <SaveStatus message={s.done && t('added', { n: added })} />
    </div>
  );
}
