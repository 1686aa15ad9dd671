import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import type { Session } from '../../app/auth';
import { useAsync } from '../../app/hooks';
import { useT } from '../../app/i18n';
import { navigate, useLocation } from '../../app/router';
import { ErrorNote, Field, Layout, Loading, RequireRole } from '../../app/ui';
import './dashboard.css';
import { dict } from './dict';
import { FairnessSection } from './FairnessSection';
import { PeriodSection } from './PeriodSection';
import { TodaySection } from './TodaySection';
import type { Agency, Booth, GroupBy, Mall, Scope } from './types';

const ROLES = ['agency-admin', 'mall-admin', 'auditor'] as const;
const GROUPS: readonly GroupBy[] = ['booth', 'agency', 'service', 'channel', 'officer'];

/** `/dashboard?mall=<id>`: today's and a period's service figures, IKM, charts, exports and the fairness list. */
export default function DashboardPage(_props: { params: Record<string, string> }) {
  const { t } = useT(dict);
  const { search } = useLocation();
  return (
    <Layout wide mallId={search.get('mall') ?? undefined}>
      <h1>{t('title')}</h1>
      <RequireRole roles={ROLES}>{(s) => <Dashboard session={s} asked={search.get('mall') ?? ''} />}</RequireRole>
    </Layout>
  );
}

/** Staff tied to a mall see their own; an auditor (no mall in the token) picks one. */
function Dashboard({ session, asked }: { session: Session; asked: string }) {
  const { t } = useT(dict);
  const own = session.claims.mpp_mall;
  const mallId = own || asked;
  return (
    <div class="dash">
      {!own && <MallChooser value={asked} />}
      {own && asked && asked !== own && <p class="ok">{t('ownMallOnly', { mall: own })}</p>}
      {mallId ? <MallDashboard key={mallId} session={session} mallId={mallId} /> : <p>{t('chooseMallFirst')}</p>}
    </div>
  );
}

function MallChooser({ value }: { value: string }) {
  const { t } = useT(dict);
  const malls = useAsync((signal) => api<{ malls: Mall[] }>('/malls', { signal }), []);
  return (
    <div class="dash-controls">
      <Field id="dash-mall" label={t('mall')}>
        <select id="dash-mall" value={value} onChange={(e) => navigate(`/dashboard?mall=${encodeURIComponent(e.currentTarget.value)}`, true)} disabled={!malls.data}>
          <option value="">{t('choose')}</option>
          {malls.data?.malls.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      <ErrorNote error={malls.error} onRetry={malls.reload} />
    </div>
  );
}

/** The mall's time zone (its local day), agencies, booths and counters: what every section names things by. */
function useScope(session: Session, mallId: string) {
  return useAsync(async (signal): Promise<Scope & { mall: Mall }> => {
    const id = encodeURIComponent(mallId);
    const [mall, agencies, booths] = await Promise.all([
      api<{ mall: Mall }>(`/malls/${id}`, { signal }),
      api<{ agencies: Agency[] }>(`/malls/${id}/agencies`, { signal }),
      api<{ booths: { booth: Booth; counters: { id: string; name: string }[] }[] }>(`/malls/${id}/booths`, { signal }),
    ]);
    const role = session.claims.mpp_role;
    return {
      mall: mall.mall,
      mallId,
      timeZone: mall.mall.timeZone ?? '',
      ownAgency: role === 'agency-admin' ? session.claims.mpp_agency : undefined,
      audit: role === 'mall-admin' || role === 'auditor',
      agencies: [...agencies.agencies].sort((a, b) => a.name.localeCompare(b.name)),
      booths: booths.booths.map((b) => b.booth).sort((a, b) => Number(a.number) - Number(b.number) || a.number.localeCompare(b.number)),
      counterNames: Object.fromEntries(booths.booths.flatMap((b) => b.counters.map((c) => [c.id, c.name]))),
    };
  }, [mallId, session.claims.mpp_role, session.claims.mpp_agency]);
}

function MallDashboard({ session, mallId }: { session: Session; mallId: string }) {
  const { t } = useT(dict);
  const scope = useScope(session, mallId);
  const [groupBy, setGroupBy] = useState<GroupBy>('booth');
  const [agencyFilter, setAgencyFilter] = useState('');
  if (scope.error) return <ErrorNote error={scope.error} onRetry={scope.reload} />;
  if (!scope.data) return <Loading />;
  const s = scope.data;
  const agency = s.ownAgency ?? (agencyFilter || undefined);
  const ownName = s.ownAgency && (s.agencies.find((a) => a.code === s.ownAgency)?.name ?? s.ownAgency);
  return (
    <>
      <p class="dash-mall">
        <strong>{s.mall.name}</strong>
        {s.mall.city && <span class="muted"> · {s.mall.city}</span>}
        {s.timeZone && <span class="muted"> · {t('timeZone', { tz: s.timeZone })}</span>}
      </p>
      {ownName && <p>{t('agencyScope', { agency: ownName })}</p>}
      <div class="dash-controls card">
        <Field id="dash-group" label={t('groupBy')}>
          <select id="dash-group" value={groupBy} onChange={(e) => setGroupBy(e.currentTarget.value as GroupBy)}>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`group_${g}`)}
              </option>
            ))}
          </select>
        </Field>
        {!s.ownAgency && (
          <Field id="dash-agency" label={t('agencyFilter')}>
            <select id="dash-agency" value={agencyFilter} onChange={(e) => setAgencyFilter(e.currentTarget.value)}>
              <option value="">{t('allAgencies')}</option>
              {s.agencies.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <TodaySection scope={s} groupBy={groupBy} agency={agency} />
      <PeriodSection scope={s} groupBy={groupBy} agency={agency} />
      {s.audit && <FairnessSection scope={s} />}
    </>
  );
}
