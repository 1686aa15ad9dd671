import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync, useInterval } from '../../app/hooks';
import { useT } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { dict } from './dict';
import { localDate, longDate, mallTime } from './period';
import { StatsTable } from './StatsTable';
import { Totals } from './Totals';
import type { GroupBy, Scope, Statistics } from './types';
import { WaitByHour, WaitHistogram } from './WaitCharts';

const REFRESH_MS = 30_000;

/** Today's figures (the mall's local day), refreshed every 30 seconds while the page is visible. */
export function TodaySection({ scope, groupBy, agency }: { scope: Scope; groupBy: GroupBy; agency: string | undefined }) {
  const { t, lang } = useT(dict);
  const [date, setDate] = useState(() => localDate(scope.timeZone));
  const path = `/malls/${encodeURIComponent(scope.mallId)}/reports/daily`;
  const grouped = useAsync(async (signal) => ({ stats: await api<Statistics>(path, { signal, query: { date, groupBy, bucket: 'period', agency } }), at: new Date().toISOString() }), [path, date, groupBy, agency]);
  const hourly = useAsync((signal) => api<Statistics>(path, { signal, query: { date, groupBy: 'mall', bucket: 'hour', agency } }), [path, date, agency]);
  useInterval(() => {
    const now = localDate(scope.timeZone);
    if (now !== date) return setDate(now);
    grouped.reload();
    hourly.reload();
  }, REFRESH_MS);
  const stats = grouped.data?.stats;
  return (
    <section aria-labelledby="today-title" class="dash-section">
      <div class="row spread">
        <h2 id="today-title">{t('today', { date: longDate(date, lang) })}</h2>
        <p class="muted small">
          {grouped.data ? t('updatedAt', { time: mallTime(grouped.data.at, scope.timeZone, lang) }) : ''} {t('autoRefresh')}
        </p>
      </div>
      <ErrorNote error={grouped.error} onRetry={grouped.reload} />
      {!stats && grouped.loading && <Loading />}
      {stats && (
        <>
          <Totals total={stats.total} live />
          <div class="grid2">
            <div>
              <h3>{t('waitByHour')}</h3>
              <ErrorNote error={hourly.error} onRetry={hourly.reload} />
              {hourly.data ? <WaitByHour rows={hourly.data.rows} /> : hourly.loading && <Loading />}
            </div>
            <div>
              <h3>{t('histogram')}</h3>
              <WaitHistogram histogram={stats.total?.waitingHistogram} />
            </div>
          </div>
          <StatsTable caption={t('tableToday', { group: t(`group_${groupBy}`) })} rows={stats.rows} total={stats.total} groupBy={groupBy} filename={`mpp-${scope.mallId}-${date}-${groupBy}${agency ? `-${agency}` : ''}.csv`} />
        </>
      )}
    </section>
  );
}
