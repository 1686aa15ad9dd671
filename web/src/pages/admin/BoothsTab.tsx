import { useAsync } from '../../app/hooks';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { BoothForm, CounterForm, boothDict } from './BoothForms';
import { ActiveBadge, adminHref, words } from './common';
import { byNumber, getAgencies, getBooths } from './data';
import type { AdminCtx } from './types';

const dict: Dict = {
  id: { title: 'Gerai dan loket', newBooth: 'Tambah gerai', addCounter: 'Tambah loket', counters: 'Loket', noCounters: 'Belum ada loket.', boothsReadOnly: 'Gerai diatur oleh admin mal; Anda dapat mengatur loket gerai instansi Anda.' },
  en: { title: 'Booths and counters', newBooth: 'Add a booth', addCounter: 'Add a counter', counters: 'Counters', noCounters: 'No counter yet.', boothsReadOnly: 'Booths are set by the mall admin; you can set the counters of your agency’s booths.' },
};

/** Booths (gerai, with their floor) and their counters (loket): `?booth=<id|new>`, `?counter=<id|new>&in=<boothId>`. */
export function BoothsTab({ ctx }: { ctx: AdminCtx }) {
  const { t } = useT(words, boothDict, dict);
  const booths = useAsync((signal) => getBooths(ctx.mallId, signal), [ctx.mallId]);
  const agencies = useAsync((signal) => getAgencies(ctx.mallId, signal), [ctx.mallId]);
  const boothParam = ctx.query.get('booth');
  const counterParam = ctx.query.get('counter');
  const mine = (booths.data ?? []).filter((b) => ctx.isMallAdmin || b.booth.agencyCode === ctx.agency).sort((a, b) => byNumber(a.booth.number, b.booth.number));
  const agencyName = (code: string) => agencies.data?.find((a) => a.code === code)?.name ?? code;

  if (boothParam !== null || counterParam !== null) {
    if (!booths.data || !agencies.data) return booths.error || agencies.error ? <ErrorNote error={booths.error ?? agencies.error} /> : <Loading />;
    if (boothParam !== null && ctx.isMallAdmin) {
      const record = mine.find((b) => b.booth.id === boothParam)?.booth;
      if (boothParam === 'new' || record) return <BoothForm key={boothParam} ctx={ctx} record={record} agencies={agencies.data} onSaved={booths.reload} />;
    }
    if (counterParam !== null) {
      const record = mine.flatMap((b) => b.counters).find((c) => c.id === counterParam);
      if (counterParam === 'new' || record) return <CounterForm key={counterParam} ctx={ctx} record={record} booths={mine.map((b) => b.booth)} boothId={ctx.query.get('in') ?? undefined} onSaved={booths.reload} />;
    }
    if (booths.loading) return <Loading />;
    return (
      <>
        <p class="error">{t('notFoundRecord', { id: boothParam ?? counterParam ?? '' })}</p>
        <a href={adminHref({ tab: 'booths' })}>{t('backToList')}</a>
      </>
    );
  }

  return (
    <>
      <h2>{t('title')}</h2>
      {ctx.isMallAdmin ? (
        <p>
          <a class="button" href={adminHref({ tab: 'booths', booth: 'new' })}>
            {t('newBooth')}
          </a>
        </p>
      ) : (
        <p class="muted">{t('boothsReadOnly')}</p>
      )}
      <ErrorNote error={booths.error} onRetry={booths.reload} />
      {booths.loading && !booths.data && <Loading />}
      {booths.data && mine.length === 0 && <p>{t('empty')}</p>}
      {mine.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('number')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('floor')}</th>
                <th scope="col">{t('agency')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('counters')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.map(({ booth: b, counters }) => (
                <tr key={b.id}>
                  <td>{b.number}</td>
                  <td>{b.name}</td>
                  <td class="nowrap">{b.floor || t('none')}</td>
                  <td>{agencyName(b.agencyCode)}</td>
                  <td>
                    <ActiveBadge active={b.active} />
                    {!b.active && b.inactiveReason && <div class="muted">{b.inactiveReason}</div>}
                  </td>
                  <td>
                    {counters.length === 0 && <span class="muted">{t('noCounters')}</span>}
                    <ul class="nested">
                      {[...counters]
                        .sort((x, y) => byNumber(x.number, y.number))
                        .map((c) => (
                          <li key={c.id}>
                            <a href={adminHref({ tab: 'booths', counter: c.id })} aria-label={t('editNamed', { name: c.name })}>
                              {c.name}
                            </a>
                            {!c.active && <span class="muted"> ({t('inactive')})</span>}
                          </li>
                        ))}
                    </ul>
                  </td>
                  <td class="actions">
                    <div class="row">
                      {ctx.isMallAdmin && (
                        <a href={adminHref({ tab: 'booths', booth: b.id })} aria-label={t('editNamed', { name: b.name })}>
                          {t('edit')}
                        </a>
                      )}
                      <a href={adminHref({ tab: 'booths', counter: 'new', in: b.id })} aria-label={`${t('addCounter')}: ${b.name}`}>
                        {t('addCounter')}
                      </a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
