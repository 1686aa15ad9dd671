import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote } from '../../app/ui';
import { CheckField, SelectField, useSave, words } from './common';
import type { AdminCtx, ImportReport } from './types';

const dict: Dict = {
  id: {
    title: 'Impor katalog',
    intro: 'Berkas JSON (katalog lengkap) atau CSV (satu jenis data per berkas). Semua baris diperiksa dulu; satu baris salah berarti tidak ada yang diterapkan.',
    file: 'Berkas',
    fileHint: '.json atau .csv (UTF-8, pemisah koma atau titik koma), paling besar 20 MiB.',
    format: 'Isi berkas',
    json: 'JSON — katalog lengkap',
    csv: 'CSV — {kind}',
    dryRun: 'Uji coba saja (periksa, jangan terapkan)',
    dryRunHint: 'Disarankan lebih dulu: melihat apa yang baru, berubah atau tetap.',
    check: 'Periksa berkas',
    apply: 'Impor dan terapkan',
    noFile: 'Pilih berkas terlebih dahulu.',
    chooseKind: 'Pilih jenis data dalam berkas CSV.',
    chooseKindOption: '— pilih jenis data CSV —',
    tooLarge: 'Berkas lebih besar dari 20 MiB.',
    badJson: 'Berkas bukan JSON yang sah: {reason}',
    report: 'Laporan impor',
    applied: 'Diterapkan: {n} peristiwa tercatat.',
    appliedNothing: 'Tidak ada yang berubah; tidak ada yang perlu diterapkan.',
    checked: 'Uji coba: berkas lolos pemeriksaan; belum ada yang diterapkan.',
    refused: 'Ditolak: {n} masalah; tidak ada yang diterapkan.',
    demo: 'Berkas ini menandai dirinya sebagai data demo.',
    counts: 'Jumlah per jenis',
    kind: 'Jenis',
    registered: 'Baru',
    changed: 'Berubah',
    unchanged: 'Tetap',
    noRecords: 'Berkas tidak berisi data.',
    errors: 'Masalah per baris',
    line: 'Baris',
    location: 'Lokasi',
    field: 'Kolom',
    reason: 'Alasan',
    wholeFile: 'seluruh berkas',
  },
  en: {
    title: 'Import the catalog',
    intro: 'A JSON file (a whole catalog) or a CSV file (one kind of record per file). Every row is checked first; one bad row means nothing is applied.',
    file: 'File',
    fileHint: '.json or .csv (UTF-8, comma or semicolon separated), at most 20 MiB.',
    format: 'What the file holds',
    json: 'JSON — a whole catalog',
    csv: 'CSV — {kind}',
    dryRun: 'Dry run only (check, do not apply)',
    dryRunHint: 'Best first: see what is new, changed or unchanged.',
    check: 'Check the file',
    apply: 'Import and apply',
    noFile: 'Choose a file first.',
    chooseKind: 'Choose which kind of record the CSV file holds.',
    chooseKindOption: '— choose the CSV kind —',
    tooLarge: 'The file is larger than 20 MiB.',
    badJson: 'The file is not valid JSON: {reason}',
    report: 'Import report',
    applied: 'Applied: {n} event(s) recorded.',
    appliedNothing: 'Nothing changed; nothing to apply.',
    checked: 'Dry run: the file passes the checks; nothing applied yet.',
    refused: 'Refused: {n} problem(s); nothing was applied.',
    demo: 'The file marks itself as demo data.',
    counts: 'Counts per kind',
    kind: 'Kind',
    registered: 'New',
    changed: 'Changed',
    unchanged: 'Unchanged',
    noRecords: 'The file holds no records.',
    errors: 'Problems row by row',
    line: 'Line',
    location: 'Where',
    field: 'Field',
    reason: 'Reason',
    wholeFile: 'whole file',
  },
};

/** The kinds a CSV file may hold, as the import route names them (`?kind=`). */
const KINDS = ['agencies', 'booths', 'counters', 'queues', 'services', 'standards', 'officers', 'mobile-visits', 'malls'] as const;
const MAX_BYTES = 20 * 1024 * 1024;

/** What a file name says it holds: `services.csv` → services, `catalog.json` → json. */
function guessFormat(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (!lower.endsWith('.csv')) return undefined;
  const base = lower.replace(/\.csv$/, '').replace(/mobilevisits|mobile_visits/, 'mobile-visits');
  // A CSV file named otherwise: its kind must be chosen.
  return KINDS.find((k) => base === k || base.endsWith(`-${k}`) || base.endsWith(`_${k}`) || base.startsWith(k)) ?? '';
}

/** POST /malls/:mallId/import (`?dryRun=true`, `?kind=` for CSV): the file, then the report row by row. */
export function ImportTab({ ctx }: { ctx: AdminCtx }) {
  const { t } = useT(words, dict);
  const [file, setFile] = useState<File>();
  const [format, setFormat] = useState('json');
  const [dryRun, setDryRun] = useState(true);
  const [report, setReport] = useState<{ report: ImportReport; dryRun: boolean }>();
  const s = useSave();

  const submit = async (e: Event) => {
    e.preventDefault();
    setReport(undefined);
    const r = await s.save(async () => {
      if (!file) throw new Error(t('noFile'));
      if (file.size > MAX_BYTES) throw new Error(t('tooLarge'));
      if (!format) throw new Error(t('chooseKind'));
      const text = await file.text();
      let body: unknown = text;
      if (format === 'json') {
        try {
          body = JSON.parse(text);
        } catch (err) {
          throw new Error(t('badJson', { reason: (err as Error).message }), { cause: err });
        }
      }
      return api<ImportReport>(`/malls/${encodeURIComponent(ctx.mallId)}/import`, { method: 'POST', body, query: { dryRun: dryRun ? 'true' : undefined, kind: format === 'json' ? undefined : format } });
    });
    if (r) setReport({ report: r.value, dryRun });
  };

  return (
    <>
      <h2>{t('title')}</h2>
      <p>{t('intro')}</p>
      <form class="card admin-form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="import-file">{t('file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".json,.csv,application/json,text/csv"
            aria-describedby="import-file-hint"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              setFile(f);
              setReport(undefined);
              const guess = f && guessFormat(f.name);
              if (guess !== undefined) setFormat(guess);
            }}
          />
          <small id="import-file-hint" class="muted">
            {t('fileHint')}
          </small>
        </div>
        <SelectField id="import-kind" label={t('format')} value={format} onValue={setFormat} error={!format && s.error ? t('chooseKind') : undefined} options={[...(format ? [] : [['', t('chooseKindOption')] as const]), ['json', t('json')] as const, ...KINDS.map((k) => [k, t('csv', { kind: k })] as const)]} />
        <CheckField id="import-dryRun" label={t('dryRun')} hint={t('dryRunHint')} checked={dryRun} onValue={setDryRun} />
        <ErrorNote error={s.error} />
        <div class="actions">
          <button type="submit" class={dryRun ? 'primary' : 'danger'} disabled={s.busy}>
            {dryRun ? t('check') : t('apply')}
          </button>
          {s.busy && <span class="muted">{t('loading')}</span>}
        </div>
      </form>
      <div role="status">{report && <Summary report={report.report} dryRun={report.dryRun} />}</div>
      {report && <ReportTables report={report.report} />}
    </>
  );
}

function Summary({ report, dryRun }: { report: ImportReport; dryRun: boolean }) {
  const { t } = useT(words, dict);
  const text = report.errors.length
    ? t('refused', { n: report.errors.length })
    : report.applied
      ? report.events
        ? t('applied', { n: report.events })
        : t('appliedNothing')
      : dryRun
        ? t('checked')
        : t('appliedNothing');
  return (
    <>
      <h3>{t('report')}</h3>
      <p class={report.errors.length ? 'error' : 'ok'}>{text}</p>
      {report.demo && <p class="muted">{t('demo')}</p>}
    </>
  );
}

function ReportTables({ report }: { report: ImportReport }) {
  const { t } = useT(words, dict);
  const counts = report.counts.filter((c) => c.registered || c.changed || c.unchanged);
  return (
    <>
      {report.errors.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('errors')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('line')}
                </th>
                <th scope="col">{t('location')}</th>
                <th scope="col">{t('field')}</th>
                <th scope="col">{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td class="num">{e.line || t('none')}</td>
                  <td>{e.location || t('wholeFile')}</td>
                  <td>{e.field ? <code>{e.field}</code> : t('none')}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {counts.length === 0 ? (
        !report.errors.length && <p>{t('noRecords')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('counts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kind')}</th>
                <th scope="col" class="num">
                  {t('registered')}
                </th>
                <th scope="col" class="num">
                  {t('changed')}
                </th>
                <th scope="col" class="num">
                  {t('unchanged')}
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.map((c) => (
                <tr key={c.kind}>
                  <td>{c.kind}</td>
                  <td class="num">{c.registered}</td>
                  <td class="num">{c.changed}</td>
                  <td class="num">{c.unchanged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
