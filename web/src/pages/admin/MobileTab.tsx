import { useEffect, useRef, useState } from 'preact/hooks';
import { allServices, api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { pick, useT, type Dict } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { CheckField, SaveStatus, adminHref, formatDay, go, useSave, words } from './common';
import { VisitForm, mobileDict } from './VisitForm';
import type { AdminCtx, MobileVisit, Service } from './types';

const dict: Dict = {
  id: {
    title: 'Layanan keliling (MPP Bergerak)',
    newVisit: 'Tambah kunjungan',
    showPast: 'Tampilkan kunjungan yang sudah lewat',
    place: 'Tempat',
    services: 'Layanan',
    cancelVisit: 'Batalkan',
    cancelNamed: 'Batalkan kunjungan {name}',
    confirmCancel: 'Batalkan kunjungan ini?',
    cancelled: 'Kunjungan dibatalkan.',
    moreServices: '+{n} lainnya',
    noVisits: 'Tidak ada kunjungan terjadwal.',
  },
  en: {
    title: 'Mobile service (MPP Bergerak)',
    newVisit: 'Add a visit',
    showPast: 'Show past visits',
    place: 'Place',
    services: 'Services',
    cancelVisit: 'Cancel',
    cancelNamed: 'Cancel the visit {name}',
    confirmCancel: 'Cancel this visit?',
    cancelled: 'Visit cancelled.',
    moreServices: '+{n} more',
    noVisits: 'No visit planned.',
  },
};

/** Today in the browser's calendar (YYYY-MM-DD). */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The mobile unit's visits: list (from today, or all), plan or change (`?visit=<id|new>`), cancel (DELETE). */
export function MobileTab({ ctx }: { ctx: AdminCtx }) {
  const { t, lang } = useT(words, mobileDict, dict);
  const past = ctx.query.get('past') === '1';
  const visits = useAsync((signal) => api<{ visits: MobileVisit[] }>(`/malls/${encodeURIComponent(ctx.mallId)}/mobile-schedule`, { signal, query: { from: past ? undefined : today() } }).then((r) => r.visits), [ctx.mallId, past]);
  const services = useAsync((signal) => allServices<Service>(ctx.mallId, { signal }), [ctx.mallId]);
  const edit = ctx.query.get('visit');
  const cancel = useSave();
  const [confirming, setConfirming] = useState<string>();

  if (edit !== null) {
    if (!visits.data || !services.data) return visits.error || services.error ? <ErrorNote error={visits.error ?? services.error} /> : <Loading />;
    const record = visits.data.find((v) => v.id === edit);
    if (edit === 'new' || record) return <VisitForm key={edit} ctx={ctx} record={record} services={services.data} onSaved={visits.reload} />;
    if (visits.loading) return <Loading />;
    return (
      <>
        <p class="error">{t('notFoundRecord', { id: edit })}</p>
        <a href={adminHref({ tab: 'mobile' })}>{t('backToList')}</a>
      </>
    );
  }

  const serviceName = (id: string) => {
    const s: Service | undefined = services.data?.find((x) => x.id === id);
    return s ? pick(lang, s.nameId, s.nameEn) : id;
  };
  const doCancel = async (v: MobileVisit) => {
    const r = await cancel.save(() => api<void>(`/malls/${encodeURIComponent(ctx.mallId)}/mobile-schedule/${encodeURIComponent(v.id)}`, { method: 'DELETE' }), () => 'cancelled');
    setConfirming(undefined);
    if (r) visits.reload();
  };

  return (
    <>
      <h2>{t('title')}</h2>
      <div class="toolbar">
        <a class="button" href={adminHref({ tab: 'mobile', visit: 'new' })}>
          {t('newVisit')}
        </a>
        <CheckField id="mobile-past" label={t('showPast')} checked={past} onValue={(on) => go({ tab: 'mobile', past: on ? '1' : undefined }, true)} />
      </div>
      <ErrorNote error={visits.error ?? services.error} onRetry={visits.reload} />
      <ErrorNote error={cancel.error} />
      <SaveStatus message={cancel.done && t(cancel.done)} />
      {visits.loading && !visits.data && <Loading />}
      {visits.data && visits.data.length === 0 && <p>{t('noVisits')}</p>}
      {visits.data && visits.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('visitHours')}</th>
                <th scope="col">{t('place')}</th>
                <th scope="col">{t('services')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {visits.data.map((v) => {
                const label = `${formatDay(v.date, lang)}, ${v.place}`;
                return (
                  <tr key={v.id}>
                    <td>{formatDay(v.date, lang)}</td>
                    <td>
                      {v.hours.open}–{v.hours.close}
                    </td>
                    <td>{v.place}</td>
                    <td>
                      {v.serviceIds.slice(0, 3).map(serviceName).join('; ')}
                      {v.serviceIds.length > 3 && <span class="muted"> {t('moreServices', { n: v.serviceIds.length - 3 })}</span>}
                    </td>
                    <td class="actions">
                      {confirming === v.id ? (
                        <Confirm busy={cancel.busy} onYes={() => void doCancel(v)} onNo={() => setConfirming(undefined)} />
                      ) : (
                        <div class="row">
                          <a href={adminHref({ tab: 'mobile', visit: v.id, past: past ? '1' : undefined })} aria-label={t('editNamed', { name: label })}>
                            {t('edit')}
                          </a>
                          <button type="button" onClick={() => (setConfirming(v.id), cancel.clearDone())} aria-label={t('cancelNamed', { name: label })}>
                            {t('cancelVisit')}
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** "Cancel this visit? Yes / No", with the focus on the safe answer. */
function Confirm({ busy, onYes, onNo }: { busy: boolean; onYes: () => void; onNo: () => void }) {
  const { t } = useT(words, dict);
  const no = useRef<HTMLButtonElement>(null);
  useEffect(() => no.current?.focus(), []);
  return (
    <span class="confirm" role="group" aria-label={t('confirmCancel')}>
      <span>{t('confirmCancel')}</span>
      <button type="button" class="danger" disabled={busy} onClick={onYes}>
        {t('yes')}
      </button>
      <button type="button" ref={no} onClick={onNo}>
        {t('no')}
      </button>
    </span>
  );
}
