import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { dict } from './dict';
import { HoursText } from './HoursSection';
import { longDate, mallNow, zoneLabel } from './time';
import type { Directory, MobileVisit } from './types';

/** MPP Bergerak: the mobile unit's coming visits, by date, with the services it brings. */
export function MobileSection({ dir }: { dir: Directory }) {
  const { t, lang } = useT(dict);
  const from = mallNow(dir.timeZone).date;
  const visits = useAsync((signal) => api<{ visits: MobileVisit[] }>(`/malls/${encodeURIComponent(dir.mallId)}/mobile-schedule`, { signal, query: { from } }), [dir.mallId, from]);
  const byDate = new Map<string, MobileVisit[]>();
  for (const v of [...(visits.data?.visits ?? [])].sort((a, b) => a.date.localeCompare(b.date) || (a.hours?.open ?? '').localeCompare(b.hours?.open ?? ''))) byDate.set(v.date, [...(byDate.get(v.date) ?? []), v]);
  const zone = zoneLabel(dir.timeZone);
  const name = (id: string) => {
    const s = dir.services.get(id);
    return s ? pick(lang, s.nameId, s.nameEn) : id;
  };
  return (
    <section aria-labelledby="mobile-title" class="cat-section">
      <h2 id="mobile-title">{t('mobileTitle')}</h2>
      <p>{t('mobileIntro')}</p>
      <ErrorNote error={visits.error} onRetry={visits.reload} />
      {visits.loading && !visits.data && <Loading />}
      {visits.data && byDate.size === 0 && <p class="muted">{t('noVisits')}</p>}
      {[...byDate.entries()].map(([date, list]) => (
        <div key={date} class="cat-visit-day">
          <h3>{longDate(date, lang)}</h3>
          <ul class="cat-visits">
            {list.map((v) => (
              <li key={v.id} class="card">
                <p>
                  <strong>{v.place}</strong>
                  <br />
                  {v.hours ? <HoursText intervals={[v.hours]} zone={zone} /> : t('hoursUnknown')}
                </p>
                {v.serviceIds.length > 0 && (
                  <details>
                    <summary>{t('visitServices', { n: v.serviceIds.length })}</summary>
                    <ul>
                      {v.serviceIds.map((id) => (
                        <li key={id}>{name(id)}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
