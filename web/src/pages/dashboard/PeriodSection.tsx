import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { useT } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { BusiestHours } from './BusiestHours';
import { dict } from './dict';
import { Exports } from './Exports';
import { num } from './format';
import { IkmPanel } from './IkmPanel';
import { currentMonth, periodOf } from './period';
import { PeriodPicker } from './PeriodPicker';
import { StatsTable } from './StatsTable';
import { Totals } from './Totals';
import type { GroupBy, Scope, Statistics } from './types';
import { WaitHistogram } from './WaitCharts';

/** A chosen period (this month at first): statistics, busiest hours, IKM and the evaluation exports. */
export function PeriodSection({ scope, groupBy, agency }: { scope: Scope; groupBy: GroupBy; agency: string | undefined }) {
  const { t, lang } = useT(dict);
  const [choice, setChoice] = useState(() => currentMonth(scope.timeZone));
  const period = periodOf(choice);
  const stats = useAsync(
    (signal) => (period ? api<Statistics>(`/malls/${encodeURIComponent(scope.mallId)}/reports/statistics`, { signal, query: { period, groupBy, bucket: 'period', agency } }) : Promise.resolve(undefined)),
    [scope.mallId, period, groupBy, agency],
  );
  const s = stats.data;
  return (
    <section aria-labelledby="period-title" class="dash-section">
      <h2 id="period-title">{t('periodTitle')}</h2>
      <PeriodPicker value={choice} onChange={setChoice} />
      {!period && <p class="field-error">{t('choosePeriod')}</p>}
      <ErrorNote error={stats.error} onRetry={stats.reload} />
      {period && stats.loading && !s && <Loading />}
      {s && (
        <>
          <p class="muted">{t('periodRange', { period: s.period, from: s.from, to: s.to, tz: s.timeZone })}</p>
          <Totals total={s.total} />
          <StatsTable caption={t('tablePeriod', { group: t(`group_${groupBy}`) })} rows={s.rows} total={s.total} groupBy={groupBy} filename={`mpp-${scope.mallId}-${s.period.replace('..', '_')}-${groupBy}${agency ? `-${agency}` : ''}.csv`} />
          <div class="grid2">
            <div>
              <h3>{t('histogram')}</h3>
              <WaitHistogram histogram={s.total?.waitingHistogram} />
            </div>
            <div>
              <h3>{t('busiestHours')}</h3>
              <BusiestHours cells={s.busiestHours} />
            </div>
          </div>
          {s.bookings && s.bookings.booked > 0 && (
            <p>{t('bookingsLine', { booked: num(lang, s.bookings.booked), checkedIn: num(lang, s.bookings.checkedIn), noShow: num(lang, s.bookings.noShow), cancelled: num(lang, s.bookings.cancelled), within: num(lang, s.bookings.calledWithinSlot), late: num(lang, s.bookings.calledLate) })}</p>
          )}
          {s.unknown && s.unknown.length > 0 && (
            <p class="muted">{t('unknownRefs', { list: s.unknown.map((u) => `${u.kind} ${u.id} (${u.tickets})`).join(', ') })}</p>
          )}
        </>
      )}
      <h3>{t('ikmTitle')}</h3>
      <IkmPanel scope={scope} choice={choice} />
      {scope.audit && <Exports scope={scope} period={period} />}
    </section>
  );
}
