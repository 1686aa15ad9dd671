import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { ActiveBadge, SelectField, adminHref, go, words } from './common';
import { byNumber, getAgencies, getBooths } from './data';
import { OfficerForm, officerDict } from './OfficerForm';
import type { AdminCtx, Officer } from './types';

const dict: Dict = {
  id: { title: 'Petugas (roster)', newOfficer: 'Tambah petugas', filterAgency: 'Tampilkan instansi', noOfficers: 'Belum ada petugas.' },
  en: { title: 'Officers (roster)', newOfficer: 'Add an officer', filterAgency: 'Show agency', noOfficers: 'No officer yet.' },
};

/** The roster: GET /malls/:mallId/officers (an agency-admin: its agency), PUT …/officers/:subject (`?officer=<subject|new>`). */
export function OfficersTab({ ctx }: { ctx: AdminCtx }) {
  const { t } = useT(words, officerDict, dict);
  const agency = ctx.agency ?? ctx.query.get('agency') ?? '';
  const officers = useAsync((signal) => api<{ officers: Officer[] }>(`/malls/${encodeURIComponent(ctx.mallId)}/officers`, { signal, query: { agency: agency || undefined } }).then((r) => r.officers), [ctx.mallId, agency]);
  const agencies = useAsync((signal) => getAgencies(ctx.mallId, signal), [ctx.mallId]);
  const booths = useAsync((signal) => getBooths(ctx.mallId, signal), [ctx.mallId]);
  const edit = ctx.query.get('officer');
  const [filter, setFilter] = useState(agency);

  if (edit !== null) {
    const error = officers.error ?? agencies.error ?? booths.error;
    if (!officers.data || !agencies.data || !booths.data) return error ? <ErrorNote error={error} /> : <Loading />;
    const record = officers.data.find((o) => o.subject === edit);
    if (edit === 'new' || record) return <OfficerForm key={edit} ctx={ctx} record={record} agencies={agencies.data} booths={booths.data} onSaved={officers.reload} />;
    if (officers.loading) return <Loading />;
    return (
      <>
        <p class="error">{t('notFoundRecord', { id: edit })}</p>
        <a href={adminHref({ tab: 'officers' })}>{t('backToList')}</a>
      </>
    );
  }

  const counterName = new Map((booths.data ?? []).flatMap((b) => b.counters.map((c) => [c.id, c.name] as const)));
  const agencyName = (code: string) => agencies.data?.find((a) => a.code === code)?.name ?? code;
  return (
    <>
      <h2>{t('title')}</h2>
      <div class="toolbar">
        <a class="button" href={adminHref({ tab: 'officers', officer: 'new', agency: agency || undefined })}>
          {t('newOfficer')}
        </a>
        {ctx.isMallAdmin && (
          <form
            class="toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              go({ tab: 'officers', agency: filter });
            }}
          >
            <SelectField id="officers-agency" label={t('filterAgency')} value={filter} onValue={setFilter} options={[['', t('allAgencies')] as const, ...(agencies.data ?? []).map((a) => [a.code, a.name] as const)]} />
            <button type="submit">{t('search')}</button>
          </form>
        )}
      </div>
      <ErrorNote error={officers.error} onRetry={officers.reload} />
      {officers.loading && !officers.data && <Loading />}
      {officers.data && officers.data.length === 0 && <p>{t('noOfficers')}</p>}
      {officers.data && officers.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('displayName')}</th>
                <th scope="col">{t('subject')}</th>
                <th scope="col">{t('agency')}</th>
                <th scope="col">{t('counterIds')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {officers.data.map((o) => (
                <tr key={o.subject}>
                  <td>{o.displayName}</td>
                  <td>
                    <code>{o.subject}</code>
                  </td>
                  <td>{agencyName(o.agencyCode)}</td>
                  <td>
                    {[...o.counterIds]
                      .sort(byNumber)
                      .map((c) => counterName.get(c) ?? c)
                      .join(', ') || t('none')}
                  </td>
                  <td>
                    <ActiveBadge active={o.active} />
                  </td>
                  <td class="actions">
                    <a href={adminHref({ tab: 'officers', officer: o.subject, agency: agency || undefined })} aria-label={t('editNamed', { name: o.displayName || o.subject })}>
                      {t('edit')}
                    </a>
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
