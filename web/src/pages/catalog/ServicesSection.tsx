import { useEffect, useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT } from '../../app/i18n';
import { ErrorNote, Field, Loading } from '../../app/ui';
import { dict } from './dict';
import { ServiceItem } from './ServiceItem';
import type { Directory, Service } from './types';

interface Hit {
  readonly service: Service;
  readonly agencyName: string;
}

/** The typed words, once the typing pauses. */
function useDebounced(value: string, ms: number): string {
  const [v, set] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => set(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Every service with its published standard: a search (the API's, typo-tolerant and ranked) or the list by agency. */
export function ServicesSection({ dir, loading, error, onRetry }: { dir: Directory; loading: boolean; error: unknown; onRetry: () => void }) {
  const { t, lang } = useT(dict);
  const [text, setText] = useState('');
  const [agency, setAgency] = useState('');
  const query = useDebounced(text.trim(), 300);
  const search = useAsync(
    (signal) => (query ? api<{ hits: Hit[] }>(`/malls/${encodeURIComponent(dir.mallId)}/services`, { signal, query: { q: query, limit: 50 } }) : Promise.resolve(undefined)),
    [dir.mallId, query],
  );
  const agencies = [...dir.agencies.values()].filter((a) => [...dir.services.values()].some((s) => s.agencyCode === a.code)).sort((a, b) => a.name.localeCompare(b.name));
  const hits = (search.data?.hits ?? []).filter((h) => !agency || h.service.agencyCode === agency);
  const byName = (a: Service, b: Service) => pick(lang, a.nameId, a.nameEn).localeCompare(pick(lang, b.nameId, b.nameEn));
  return (
    <section aria-labelledby="services-title" class="cat-section">
      <h2 id="services-title">{t('servicesTitle', { n: dir.services.size })}</h2>
      <p>{t('servicesIntro')}</p>
      <form role="search" class="cat-search" onSubmit={(e) => e.preventDefault()}>
        <Field id="service-q" label={t('searchLabel')} hint={t('searchHint')}>
          <input id="service-q" type="search" value={text} autoComplete="off" aria-describedby="service-q-hint" onInput={(e) => setText(e.currentTarget.value)} />
        </Field>
        <Field id="service-agency" label={t('agencyFilter')}>
          <select id="service-agency" value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
            <option value="">{t('allAgencies')}</option>
            {agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        </Field>
      </form>
      <ErrorNote error={error} onRetry={onRetry} />
      <ErrorNote error={search.error} onRetry={search.reload} />
      <p class="muted" role="status" aria-live="polite">
        {query && search.data ? t('hitsN', { n: hits.length, q: query }) : ''}
      </p>
      {query ? (
        search.loading && !search.data ? (
          <Loading />
        ) : (
          <ul class="cat-services">
            {hits.map((h) => (
              <ServiceItem key={h.service.id} service={h.service} dir={dir} agencyName={h.agencyName || dir.agencies.get(h.service.agencyCode)?.name} />
            ))}
          </ul>
        )
      ) : loading && dir.services.size === 0 ? (
        <Loading />
      ) : (
        agencies
          .filter((a) => !agency || a.code === agency)
          .map((a) => {
            const list = [...dir.services.values()].filter((s) => s.agencyCode === a.code).sort(byName);
            return (
              <details key={a.code} class="cat-agency-services" open={agency === a.code}>
                <summary>
                  <h3>{a.name}</h3> <span class="muted">({t('servicesN', { n: list.length })})</span>
                </summary>
                <ul class="cat-services">
                  {list.map((s) => (
                    <ServiceItem key={s.id} service={s} dir={dir} />
                  ))}
                </ul>
              </details>
            );
          })
      )}
    </section>
  );
}
