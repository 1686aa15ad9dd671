import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT, type Dict } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { SelectField, TextField, adminHref, go, words } from './common';
import { getAgencies, localPart } from './data';
import { ServiceEditor } from './ServiceEditor';
import { serviceDict } from './ServiceForm';
import type { AdminCtx, Agency, Service } from './types';

const dict: Dict = {
  id: {
    title: 'Layanan',
    newService: 'Tambah layanan',
    searchLabel: 'Cari layanan',
    searchHint: 'Nama, instansi atau persyaratan; boleh salah ketik.',
    standard: 'Standar',
    more: 'Muat lebih banyak',
    hits: '{n} hasil',
    noHits: 'Tidak ada layanan yang cocok.',
    openByCode: 'Buka layanan berdasarkan kode',
    openByCodeHint: 'Layanan yang dihentikan tidak muncul di daftar; buka dengan kodenya.',
    open: 'Buka',
    queue: 'Antrian',
    channels: 'Kanal',
  },
  en: {
    title: 'Services',
    newService: 'Add a service',
    searchLabel: 'Search services',
    searchHint: 'Name, agency or requirements; typos are fine.',
    standard: 'Standard',
    more: 'Load more',
    hits: '{n} results',
    noHits: 'No service matches.',
    openByCode: 'Open a service by its code',
    openByCodeHint: 'Retired services are not in the list; open one by its code.',
    open: 'Open',
    queue: 'Queue',
    channels: 'Channels',
  },
};

/** Services and their standards: a searchable list, `?service=<id|new>` opens the edit form (`&part=standard` its standard). */
export function ServicesTab({ ctx }: { ctx: AdminCtx }) {
  const { t } = useT(words, serviceDict, dict);
  const service = ctx.query.get('service');
  const agencies = useAsync((signal) => getAgencies(ctx.mallId, signal), [ctx.mallId]);
  if (service !== null) return <ServiceEditor key={service} ctx={ctx} serviceId={service} part={ctx.query.get('part') ?? ''} />;

  const q = ctx.query.get('q') ?? '';
  const agency = ctx.agency ?? ctx.query.get('agency') ?? '';
  return (
    <>
      <h2>{t('title')}</h2>
      <p>
        <a class="button" href={adminHref({ tab: 'services', service: 'new' })}>
          {t('newService')}
        </a>
      </p>
      <SearchBar key={`${q}|${agency}`} ctx={ctx} q={q} agency={agency} agencies={agencies.data ?? []} />
      {q ? <SearchHits key={q + agency} ctx={ctx} q={q} agency={agency} agencies={agencies.data ?? []} /> : <ServiceList key={agency} ctx={ctx} agency={agency} agencies={agencies.data ?? []} />}
      <OpenByCode ctx={ctx} />
    </>
  );
}

function SearchBar({ ctx, q, agency, agencies }: { ctx: AdminCtx; q: string; agency: string; agencies: readonly Agency[] }) {
  const { t } = useT(words, dict);
  const [text, setText] = useState(q);
  const [filter, setFilter] = useState(agency);
  return (
    <form
      class="toolbar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        go({ tab: 'services', q: text.trim(), agency: ctx.agency ? undefined : filter });
      }}
    >
      <TextField id="services-q" type="search" label={t('searchLabel')} hint={t('searchHint')} value={text} onValue={setText} maxLength={200} />
      {ctx.isMallAdmin && (
        <SelectField id="services-agency" label={t('agency')} value={filter} onValue={setFilter} options={[['', t('allAgencies')] as const, ...agencies.map((a) => [a.code, a.name] as const)]} />
      )}
      <button type="submit" class="primary">
        {t('search')}
      </button>
    </form>
  );
}

/** The whole list, a page at a time (the catalog lists active services only). */
function ServiceList({ ctx, agency, agencies }: { ctx: AdminCtx; agency: string; agencies: readonly Agency[] }) {
  const { t } = useT(words, dict);
  const [pages, setPages] = useState<string[]>(['']);
  const [extra, setExtra] = useState<{ services: Service[]; next: string }>({ services: [], next: '' });
  const first = useAsync((signal) => api<{ services: Service[]; nextPageToken: string }>(`/malls/${encodeURIComponent(ctx.mallId)}/services`, { signal, query: { agency: agency || undefined, pageSize: 100, includeRetired: true } }), [ctx.mallId, agency]);
  const more = useAsync(async (signal) => {
    const token = pages[pages.length - 1];
    if (!token) return;
    const r = await api<{ services: Service[]; nextPageToken: string }>(`/malls/${encodeURIComponent(ctx.mallId)}/services`, { signal, query: { agency: agency || undefined, pageSize: 100, pageToken: token, includeRetired: true } });
    setExtra((x) => ({ services: [...x.services, ...r.services], next: r.nextPageToken }));
  }, [pages]);
  const next = pages.length > 1 ? extra.next : first.data?.nextPageToken;
  return (
    <>
      <ErrorNote error={first.error ?? more.error} onRetry={first.error ? first.reload : more.reload} />
      {first.loading && !first.data && <Loading />}
      {first.data && <ServiceTable services={[...first.data.services, ...extra.services]} agencies={agencies} />}
      {next && (
        <button type="button" disabled={more.loading && pages.length > 1} onClick={() => setPages([...pages, next])}>
          {t('more')}
        </button>
      )}
    </>
  );
}

function SearchHits({ ctx, q, agency, agencies }: { ctx: AdminCtx; q: string; agency: string; agencies: readonly Agency[] }) {
  const { t } = useT(words, dict);
  const hits = useAsync((signal) => api<{ hits: { service: Service }[] }>(`/malls/${encodeURIComponent(ctx.mallId)}/services`, { signal, query: { q, limit: 50 } }), [ctx.mallId, q]);
  // A search takes no agency filter: search, then filter the hits.
  const services = (hits.data?.hits ?? []).map((h) => h.service).filter((s) => !agency || s.agencyCode === agency);
  return (
    <>
      <ErrorNote error={hits.error} onRetry={hits.reload} />
      {hits.loading && !hits.data && <Loading />}
      {hits.data && (
        <p class="muted" aria-live="polite">
          {services.length ? t('hits', { n: services.length }) : t('noHits')}
        </p>
      )}
      {services.length > 0 && <ServiceTable services={services} agencies={agencies} />}
    </>
  );
}

function ServiceTable({ services, agencies }: { services: readonly Service[]; agencies: readonly Agency[] }) {
  const { t, lang } = useT(words, serviceDict, dict);
  const agencyName = (code: string) => agencies.find((a) => a.code === code)?.name ?? code;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('code')}</th>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('agency')}</th>
            <th scope="col">{t('queue')}</th>
            <th scope="col">{t('channels')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => {
            const name = pick(lang, s.nameId, s.nameEn);
            return (
              <tr key={s.id} class={s.status === 'retired' ? 'retired' : undefined}>
                <td>
                  <code>{s.code}</code>
                </td>
                <td>{name}</td>
                <td>{agencyName(s.agencyCode)}</td>
                <td>{localPart(s.queueId)}</td>
                <td>{s.channels.map((c) => t(`channel.${c}.short`)).join(', ')}</td>
                <td>{t(`serviceStatus.${s.status}`)}</td>
                <td class="actions">
                  <div class="row">
                    <a href={adminHref({ tab: 'services', service: s.id })} aria-label={t('editNamed', { name })}>
                      {t('edit')}
                    </a>
                    <a href={adminHref({ tab: 'services', service: s.id, part: 'standard' })} aria-label={`${t('standard')}: ${name}`}>
                      {t('standard')}
                    </a>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function OpenByCode({ ctx }: { ctx: AdminCtx }) {
  const { t } = useT(words, dict);
  const [code, setCode] = useState('');
  return (
    <form
      class="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        const c = code.trim();
        if (c) go({ tab: 'services', service: c.includes(':') ? c : `${ctx.mallId}:${c}` });
      }}
    >
      <TextField id="services-open-code" label={t('openByCode')} hint={t('openByCodeHint')} value={code} onValue={setCode} placeholder="ktp-el-baru" />
      <button type="submit">{t('open')}</button>
    </form>
  );
}
