import type { ComponentType, JSX } from 'preact';
import { api } from '../../app/api';
import type { Session } from '../../app/auth';
import { useAsync } from '../../app/hooks';
import { useT, type Dict } from '../../app/i18n';
import { useLocation } from '../../app/router';
import { ErrorNote, Layout, Loading, RequireRole } from '../../app/ui';
import './admin.css';
import { AgenciesTab } from './AgenciesTab';
import { BoothsTab } from './BoothsTab';
import { adminHref, go, words } from './common';
import { getMall } from './data';
import { HoursTab } from './HoursTab';
import { ImportTab } from './ImportTab';
import { MobileTab } from './MobileTab';
import { OfficersTab } from './OfficersTab';
import { QueuesTab } from './QueuesTab';
import { ServicesTab } from './ServicesTab';
import type { AdminCtx, Agency } from './types';

const dict: Dict = {
  id: {
    tabs: 'Bagian katalog',
    agencies: 'Instansi',
    booths: 'Gerai dan loket',
    queues: 'Antrian',
    services: 'Layanan dan standar',
    hours: 'Jam dan hari libur',
    mobile: 'Layanan keliling',
    officers: 'Petugas',
    import: 'Impor',
    noMall: 'Akun Anda tidak terhubung ke mal mana pun (klaim mpp_mall).',
    agencyScope: 'Anda mengelola instansi {agency}: loket, layanan, standar dan petugasnya.',
  },
  en: {
    tabs: 'Catalog sections',
    agencies: 'Agencies',
    booths: 'Booths and counters',
    queues: 'Queues',
    services: 'Services and standards',
    hours: 'Hours and holidays',
    mobile: 'Mobile service',
    officers: 'Officers',
    import: 'Import',
    noMall: 'Your account is not tied to any mall (mpp_mall claim).',
    agencyScope: 'You manage the agency {agency}: its counters, services, standards and officers.',
  },
};

type TabId = 'agencies' | 'booths' | 'queues' | 'services' | 'hours' | 'mobile' | 'officers' | 'import';

/** The tabs, and whether an agency-admin has them (the routes say which: booths are read-only for it). */
const TABS: readonly (readonly [TabId, ComponentType<{ ctx: AdminCtx }>, boolean])[] = [
  ['agencies', AgenciesTab, true],
  ['booths', BoothsTab, true],
  ['queues', QueuesTab, false],
  ['services', ServicesTab, true],
  ['hours', HoursTab, false],
  ['mobile', MobileTab, false],
  ['officers', OfficersTab, true],
  ['import', ImportTab, false],
];

/** The catalog admin: a mall-admin edits its whole mall, an agency-admin its agency's records. */
export default function AdminPage(_: { params: Record<string, string> }) {
  return (
    <Layout wide>
      <RequireRole roles={['mall-admin', 'agency-admin']}>{(s) => <Admin session={s} />}</RequireRole>
    </Layout>
  );
}

/** The mall: the token's; an agency-admin without one works in its agency's (first current) mall. */
function useMallId(s: Session, query: URLSearchParams) {
  const claim = s.claims.mpp_mall;
  const agency = s.claims.mpp_agency;
  return useAsync(async (signal) => {
    if (claim) return claim;
    const asked = query.get('mall');
    if (asked) return asked;
    if (!agency) return undefined;
    const a = await api<{ agency: Agency }>(`/agencies/${encodeURIComponent(agency)}`, { signal });
    return (a.agency.memberships.find((m) => m.status !== 'left') ?? a.agency.memberships[0])?.mallId;
  }, [claim, agency]);
}

function Admin({ session: s }: { session: Session }) {
  const { t } = useT(words, dict);
  const { search } = useLocation();
  const mallId = useMallId(s, search);
  const isMallAdmin = s.claims.mpp_role === 'mall-admin';
  const agency = isMallAdmin ? undefined : s.claims.mpp_agency;
  const mall = useAsync((signal) => (mallId.data ? getMall(mallId.data, signal) : Promise.resolve(undefined)), [mallId.data]);
  if (mallId.error) return <ErrorNote error={mallId.error} onRetry={mallId.reload} />;
  if (mallId.loading && !mallId.data) return <Loading />;
  if (!mallId.data) return <p class="error">{t('noMall')}</p>;

  const tabs = TABS.filter(([, , agencyToo]) => isMallAdmin || agencyToo);
  const asked = search.get('tab');
  const current = tabs.find(([id]) => id === asked) ?? tabs[0]!;
  const ctx: AdminCtx = { mallId: mallId.data, isMallAdmin, agency, query: search };
  const Panel = current[1];

  const onKey = (e: JSX.TargetedKeyboardEvent<HTMLElement>) => {
    const i = tabs.indexOf(current);
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]![0];
    go({ tab: next });
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };

  return (
    <>
      <h1>
        {t('adminTitle')}
        {mall.data ? ` — ${mall.data.mall.name}` : ''}
      </h1>
      {agency && <p class="muted">{t('agencyScope', { agency })}</p>}
      <ErrorNote error={mall.error} onRetry={mall.reload} />
      <div class="admin-tabs" role="tablist" aria-label={t('tabs')} onKeyDown={onKey}>
        {tabs.map(([id]) => (
          <a
            key={id}
            id={`tab-${id}`}
            role="tab"
            href={adminHref({ tab: id })}
            aria-selected={id === current[0]}
            aria-controls={`panel-${id}`}
            tabIndex={id === current[0] ? 0 : -1}
          >
            {t(id)}
          </a>
        ))}
      </div>
      <section class="admin-panel" role="tabpanel" id={`panel-${current[0]}`} aria-labelledby={`tab-${current[0]}`}>
        <Panel key={`${current[0]}:${ctx.mallId}`} ctx={ctx} />
      </section>
    </>
  );
}
