import { useT } from '../../app/i18n';
import { dict } from './dict';
import { minutes, num, percent, saveCsv } from './format';
import type { GroupBy, StatRow } from './types';

const COLUMNS = ['colIssued', 'colServed', 'colWaitingNow', 'colOpen', 'colNoShow', 'colWaitAvg', 'colWaitP90', 'colServiceAvg', 'colServiceP90', 'colStandard', 'colWithin'] as const;

/** A row's figures in the order of COLUMNS, as text (screen) or numbers (CSV). */
function cells(lang: 'id' | 'en', r: StatRow): string[] {
  return [
    num(lang, r.issued),
    num(lang, r.served),
    num(lang, r.notCalled),
    num(lang, r.open),
    num(lang, r.noShow),
    minutes(lang, r.waiting, 'average'),
    minutes(lang, r.waiting, 'p90'),
    minutes(lang, r.service, 'average'),
    minutes(lang, r.service, 'p90'),
    r.expectedMinutes > 0 ? num(lang, r.expectedMinutes) : '–',
    r.withStandard > 0 ? `${num(lang, r.withinStandard)} / ${num(lang, r.withStandard)} (${percent(lang, r.shareWithinStandard, r.withStandard)})` : '–',
  ];
}

function csvCells(r: StatRow): (string | number)[] {
  const m = (x: { count: number; average: number; p90: number } | undefined, k: 'average' | 'p90') => (x && x.count > 0 ? x[k] : '');
  return [r.issued, r.served, r.notCalled, r.open, r.noShow, m(r.waiting, 'average'), m(r.waiting, 'p90'), m(r.service, 'average'), m(r.service, 'p90'), r.expectedMinutes || '', r.withStandard, r.withinStandard, r.withStandard > 0 ? r.shareWithinStandard : ''];
}

/**
 * The statistics per booth, agency or service with the total in the footer, and a CSV of exactly
 * what is on screen (made in the browser).
 */
export function StatsTable({ caption, rows, total, groupBy, filename }: { caption: string; rows: readonly StatRow[]; total: StatRow | undefined; groupBy: GroupBy; filename: string }) {
  const { t, lang } = useT(dict);
  const sorted = [...rows].sort((a, b) => b.issued - a.issued || (a.name || a.key).localeCompare(b.name || b.key));
  const nameOf = (r: StatRow) => r.name || r.key || t('unnamed');
  const exportCsv = () => {
    const header = [t(`group_${groupBy}`), t('colKey'), ...COLUMNS.slice(0, -1).map((c) => t(c)), t('colWithStandard'), t('colWithinCount'), t('colWithinShare')];
    const body = sorted.map((r) => [nameOf(r), r.key, ...csvCells(r)]);
    if (total) body.push([t('total'), total.key, ...csvCells(total)]);
    saveCsv(filename, header, body);
  };
  return (
    <div class="dash-table">
      <div class="row spread">
        <h3>{caption}</h3>
        <button type="button" onClick={exportCsv} disabled={!total && rows.length === 0}>
          {t('csvOfTable')}
        </button>
      </div>
      {rows.length === 0 ? (
        <p class="muted">{t('noRows')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`group_${groupBy}`)}</th>
                {COLUMNS.map((c) => (
                  <th key={c} scope="col" class="num">
                    {t(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    {nameOf(r)}
                    {r.name && r.key !== r.name && <small class="muted key">{r.key}</small>}
                  </th>
                  {cells(lang, r).map((c, i) => (
                    <td key={i} class="num">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {total && (
              <tfoot>
                <tr>
                  <th scope="row">{t('total')}</th>
                  {cells(lang, total).map((c, i) => (
                    <td key={i} class="num">
                      {c}
                    </td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      <p class="muted small">{t('minutesNote')}</p>
    </div>
  );
}
