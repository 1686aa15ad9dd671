import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { pick, useT, type Dict } from '../../app/i18n';
import { ErrorNote } from '../../app/ui';
import { CheckField, CheckGroup, FocusHeading, SaveStatus, TextField, adminHref, carryDone, errorFor, go, useSave, without, words } from './common';
import type { AdminCtx, MobileVisit, Service } from './types';

export const mobileDict: Dict = {
  id: {
    newTitle: 'Kunjungan baru',
    visitId: 'Pengenal kunjungan',
    visitIdHint: 'Huruf kecil, angka dan tanda hubung, mis. 2026-12-02-poasia-pagi.',
    date: 'Tanggal',
    visitHours: 'Jam',
    open: 'Mulai',
    close: 'Selesai',
    timeHint: 'JJ:MM, waktu setempat.',
    place: 'Tempat',
    visitServices: 'Layanan yang dibawa',
    filter: 'Saring daftar layanan',
    onlyMobile: 'Hanya layanan dengan kanal bergerak',
  },
  en: {
    newTitle: 'New visit',
    visitId: 'Visit id',
    visitIdHint: 'Lower case, digits and hyphens, e.g. 2026-12-02-poasia-morning.',
    date: 'Date',
    visitHours: 'Hours',
    open: 'From',
    close: 'Until',
    timeHint: 'HH:MM, local time.',
    place: 'Place',
    visitServices: 'Services on board',
    filter: 'Filter the services',
    onlyMobile: 'Only services with the mobile channel',
  },
};

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A visit: PUT /malls/:mallId/mobile-schedule/:visitId with the whole record. */
export function VisitForm({ ctx, record, services, onSaved }: { ctx: AdminCtx; record: MobileVisit | undefined; services: readonly Service[]; onSaved: () => void }) {
  const { t, lang } = useT(words, mobileDict);
  const [draft, setDraft] = useState<MobileVisit>(record ?? { id: '', mallId: ctx.mallId, date: '', hours: { open: '08:00', close: '12:00' }, place: '', serviceIds: [] });
  const [idTouched, setIdTouched] = useState(false);
  const [filter, setFilter] = useState('');
  const [onlyMobile, setOnlyMobile] = useState(true);
  const s = useSave();
  const set = (patch: Partial<MobileVisit>) => (setDraft({ ...draft, ...patch }), s.clearDone());
  const err = (f: string) => errorFor(s.error, f);
  const id = record ? record.id : idTouched ? draft.id : slug(`${draft.date} ${draft.place}`);

  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await s.save(() => api<{ visit: MobileVisit; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/mobile-schedule/${encodeURIComponent(id)}`, { method: 'PUT', body: without(draft, ['id', 'mallId']) }));
    if (!r) return;
    setDraft(r.value.visit);
    onSaved();
    if (!record) {
      carryDone('saved');
      go({ tab: 'mobile', visit: r.value.visit.id }, true);
    }
  };

  const words_ = filter.trim().toLowerCase();
  const options = services
    .filter((x) => draft.serviceIds.includes(x.id) || ((!onlyMobile || x.channels.includes('bergerak')) && (!words_ || `${x.nameId} ${x.nameEn} ${x.code}`.toLowerCase().includes(words_))))
    .map((x) => [x.id, pick(lang, x.nameId, x.nameEn)] as const);

  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <FocusHeading>{record ? t('editNamed', { name: `${record.date}, ${record.place}` }) : t('newTitle')}</FocusHeading>
      <p>
        <a href={adminHref({ tab: 'mobile' })}>{t('backToList')}</a>
      </p>
      <div class="grid2">
        <TextField id="visit-date" type="date" label={t('date')} value={draft.date} onValue={(date) => set({ date })} required error={err('date')} />
        <TextField id="visit-place" label={t('place')} value={draft.place} onValue={(place) => set({ place })} required placeholder="Kantor Camat Poasia" error={err('place')} />
        <TextField id="visit-open" label={t('open')} hint={t('timeHint')} value={draft.hours.open} onValue={(open) => set({ hours: { ...draft.hours, open } })} placeholder="08:00" required error={err('hours.open')} />
        <TextField id="visit-close" label={t('close')} hint={t('timeHint')} value={draft.hours.close} onValue={(close) => set({ hours: { ...draft.hours, close } })} placeholder="12:00" required error={err('hours.close')} />
        <TextField
          id="visit-id"
          label={t('visitId')}
          value={id}
          onValue={(v) => {
            setIdTouched(true);
            set({ id: v });
          }}
          readOnly={!!record}
          required
          hint={record ? t('fixedId') : t('visitIdHint')}
          error={err('id')}
        />
      </div>
      <div class="toolbar">
        <TextField id="visit-filter" type="search" label={t('filter')} value={filter} onValue={setFilter} />
        <CheckField id="visit-onlyMobile" label={t('onlyMobile')} checked={onlyMobile} onValue={setOnlyMobile} />
      </div>
      <CheckGroup id="visit-serviceIds" label={t('visitServices')} columns values={draft.serviceIds} onValues={(serviceIds) => set({ serviceIds })} options={options} error={err('serviceIds')} />
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('save')}
        </button>
        <a href={adminHref({ tab: 'mobile' })}>{t('cancel')}</a>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}
