import { useT } from '../../app/i18n';
import { dict } from './dict';
import { minutes, num, percent } from './format';
import type { StatRow } from './types';

/**
 * The totals of a day or a period as tiles. `live` marks today's: their served count carries the
 * stable `data-testid="total-served"` (just the number) the browser test reads.
 */
export function Totals({ total, live }: { total: StatRow | undefined; live?: boolean }) {
  const { t, lang } = useT(dict);
  if (!total) return null;
  const tiles: [string, string, string | undefined][] = [
    ['colIssued', num(lang, total.issued), undefined],
    ['colServed', String(total.served), live ? 'total-served' : undefined],
    ['colWaitingNow', num(lang, total.notCalled), live ? 'total-waiting' : undefined],
    ['colOpen', num(lang, total.open), undefined],
    ['colNoShow', num(lang, total.noShow), undefined],
    ['cancelledExpired', `${num(lang, total.cancelled)} / ${num(lang, total.expired)}`, undefined],
    ['colWaitAvg', minutes(lang, total.waiting, 'average'), undefined],
    ['colWaitP90', minutes(lang, total.waiting, 'p90'), undefined],
    ['colServiceAvg', minutes(lang, total.service, 'average'), undefined],
    ['withinTile', percent(lang, total.shareWithinStandard, total.withStandard), undefined],
  ];
  return (
    <dl class="dash-tiles">
      {tiles.map(([key, value, testId]) => (
        <div key={key} class="card">
          <dt>{t(key)}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
