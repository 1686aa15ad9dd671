import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote } from '../../app/ui';
import { CheckField, FocusHeading, carryDone, SaveStatus, SelectField, TextField, adminHref, errorFor, go, useSave, without, words } from './common';
import { byNumber } from './data';
import type { AdminCtx, Agency, Booth, Counter } from './types';

export const boothDict: Dict = {
  id: {
    number: 'Nomor',
    floor: 'Lantai',
    newBoothTitle: 'Gerai baru',
    newCounterTitle: 'Loket baru',
    booth: 'Gerai',
    numberHint: 'Unik di mal ini; pengenalnya menjadi {mall}:<nomor>.',
    inactiveReason: 'Alasan tidak melayani',
    inactiveReasonHint: 'Wajib bila gerai tidak aktif; ditampilkan di anjungan.',
    activeHint: 'Hapus centang untuk menonaktifkan (data tetap tersimpan untuk laporan).',
  },
  en: {
    number: 'Number',
    floor: 'Floor',
    newBoothTitle: 'New booth',
    newCounterTitle: 'New counter',
    booth: 'Booth',
    numberHint: 'Unique in this mall; its id becomes {mall}:<number>.',
    inactiveReason: 'Why it does not serve',
    inactiveReasonHint: 'Required while the booth is inactive; shown on the kiosk.',
    activeHint: 'Untick to retire it (the record stays for reports).',
  },
};

const blankBooth = (mallId: string): Booth => ({ id: '', mallId, number: '', name: '', floor: '', agencyCode: '', active: true, inactiveReason: '' });
const blankCounter = (mallId: string, boothId: string): Counter => ({ id: '', mallId, number: '', boothId, name: '', active: true });

/** A booth: PUT /malls/:mallId/booths/:boothId with the whole record (id and mall come from the path). */
export function BoothForm({ ctx, record, agencies, onSaved }: { ctx: AdminCtx; record: Booth | undefined; agencies: readonly Agency[]; onSaved: () => void }) {
  const { t } = useT(words, boothDict);
  const [draft, setDraft] = useState<Booth>(record ?? { ...blankBooth(ctx.mallId), agencyCode: agencies[0]?.code ?? '' });
  const s = useSave();
  const set = (patch: Partial<Booth>) => (setDraft({ ...draft, ...patch }), s.clearDone());
  const err = (f: string) => errorFor(s.error, f);

  const submit = async (e: Event) => {
    e.preventDefault();
    const id = record?.id ?? `${ctx.mallId}:${draft.number.trim()}`;
    const r = await s.save(() => api<{ booth: Booth; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/booths/${encodeURIComponent(id)}`, { method: 'PUT', body: without({ ...draft, number: draft.number.trim() }, ['id', 'mallId']) }));
    if (!r) return;
    setDraft(r.value.booth);
    onSaved();
    if (!record) {
      carryDone('saved');
      go({ tab: 'booths', booth: r.value.booth.id }, true);
    }
  };

  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <FocusHeading>{record ? t('editNamed', { name: record.name }) : t('newBoothTitle')}</FocusHeading>
      <p>
        <a href={adminHref({ tab: 'booths' })}>{t('backToList')}</a>
      </p>
      <div class="grid2">
        <TextField id="booth-number" label={t('number')} value={draft.number} onValue={(number) => set({ number })} readOnly={!!record} required hint={record ? t('fixedId') : t('numberHint', { mall: ctx.mallId })} error={err('number') ?? err('id')} />
        <TextField id="booth-name" label={t('name')} value={draft.name} onValue={(name) => set({ name })} required error={err('name')} />
        <TextField id="booth-floor" label={t('floor')} value={draft.floor} onValue={(floor) => set({ floor })} placeholder="Lantai 1" error={err('floor')} />
        <SelectField
          id="booth-agencyCode"
          label={t('agency')}
          value={draft.agencyCode}
          onValue={(agencyCode) => set({ agencyCode })}
          options={agencies.map((a) => [a.code, a.name] as const)}
          error={err('agencyCode')}
        />
      </div>
      <CheckField id="booth-active" label={t('active')} hint={t('activeHint')} checked={draft.active} onValue={(active) => set({ active })} error={err('active')} />
      <TextField id="booth-inactiveReason" label={t('inactiveReason')} hint={t('inactiveReasonHint')} value={draft.inactiveReason} onValue={(inactiveReason) => set({ inactiveReason })} error={err('inactiveReason')} />
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('save')}
        </button>
        <a href={adminHref({ tab: 'booths' })}>{t('cancel')}</a>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}

/** A counter: PUT /malls/:mallId/counters/:counterId (an agency-admin: in its agency's booths). */
export function CounterForm({ ctx, record, booths, boothId, onSaved }: { ctx: AdminCtx; record: Counter | undefined; booths: readonly Booth[]; boothId: string | undefined; onSaved: () => void }) {
  const { t } = useT(words, boothDict);
  const [draft, setDraft] = useState<Counter>(record ?? blankCounter(ctx.mallId, boothId ?? booths[0]?.id ?? ''));
  const s = useSave();
  const set = (patch: Partial<Counter>) => (setDraft({ ...draft, ...patch }), s.clearDone());
  const err = (f: string) => errorFor(s.error, f);

  const submit = async (e: Event) => {
    e.preventDefault();
    const id = record?.id ?? `${ctx.mallId}:${draft.number.trim()}`;
    const r = await s.save(() => api<{ counter: Counter; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/counters/${encodeURIComponent(id)}`, { method: 'PUT', body: without({ ...draft, number: draft.number.trim() }, ['id', 'mallId']) }));
    if (!r) return;
    setDraft(r.value.counter);
    onSaved();
    if (!record) {
      carryDone('saved');
      go({ tab: 'booths', counter: r.value.counter.id }, true);
    }
  };

  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <FocusHeading>{record ? t('editNamed', { name: record.name }) : t('newCounterTitle')}</FocusHeading>
      <p>
        <a href={adminHref({ tab: 'booths' })}>{t('backToList')}</a>
      </p>
      <div class="grid2">
        <TextField id="counter-number" label={t('number')} value={draft.number} onValue={(number) => set({ number })} readOnly={!!record} required hint={record ? t('fixedId') : t('numberHint', { mall: ctx.mallId })} error={err('number') ?? err('id')} />
        <TextField id="counter-name" label={t('name')} value={draft.name} onValue={(name) => set({ name })} required placeholder="Loket 1" error={err('name')} />
        <SelectField
          id="counter-boothId"
          label={t('booth')}
          value={draft.boothId}
          onValue={(v) => set({ boothId: v })}
          options={[...booths].sort((a, b) => byNumber(a.number, b.number)).map((b) => [b.id, `${b.number} — ${b.name}`] as const)}
          error={err('boothId')}
        />
      </div>
      <CheckField id="counter-active" label={t('active')} hint={t('activeHint')} checked={draft.active} onValue={(active) => set({ active })} error={err('active')} />
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('save')}
        </button>
        <a href={adminHref({ tab: 'booths' })}>{t('cancel')}</a>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}
