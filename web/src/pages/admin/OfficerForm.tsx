import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote } from '../../app/ui';
import { CheckField, CheckGroup, FocusHeading, SaveStatus, SelectField, TextField, adminHref, carryDone, errorFor, go, useSave, without, words } from './common';
import { byNumber } from './data';
import type { AdminCtx, Agency, BoothWithCounters, Officer } from './types';

export const officerDict: Dict = {
  id: {
    newTitle: 'Petugas baru',
    subject: 'Subjek akun (sign-in)',
    subjectHint: 'Pengenal akun petugas pada penyedia identitas (klaim sub).',
    displayName: 'Nama petugas',
    counterIds: 'Loket yang boleh dibuka',
    counterIdsHint: 'Loket di gerai instansi petugas (dan yang sudah dipilih).',
    activeOfficer: 'Aktif di roster',
    activeOfficerHint: 'Hapus centang untuk mengeluarkan petugas dari roster.',
  },
  en: {
    newTitle: 'New officer',
    subject: 'Account subject (sign-in)',
    subjectHint: 'The officer’s account id at the identity provider (the sub claim).',
    displayName: 'Officer’s name',
    counterIds: 'Counters it may open',
    counterIdsHint: 'Counters in the booths of the officer’s agency (and those already chosen).',
    activeOfficer: 'On the roster',
    activeOfficerHint: 'Untick to take the officer off the roster.',
  },
};

/** An officer on the roster: PUT /malls/:mallId/officers/:subject with the whole record. */
export function OfficerForm({ ctx, record, agencies, booths, onSaved }: { ctx: AdminCtx; record: Officer | undefined; agencies: readonly Agency[]; booths: readonly BoothWithCounters[]; onSaved: () => void }) {
  const { t } = useT(words, officerDict);
  const initialAgency = ctx.agency ?? ctx.query.get('agency') ?? agencies[0]?.code ?? '';
  const [draft, setDraft] = useState<Officer>(record ?? { subject: '', mallId: ctx.mallId, agencyCode: initialAgency, displayName: '', counterIds: [], active: true });
  const s = useSave();
  const set = (patch: Partial<Officer>) => (setDraft({ ...draft, ...patch }), s.clearDone());
  const err = (f: string) => errorFor(s.error, f);

  const submit = async (e: Event) => {
    e.preventDefault();
    const subject = record?.subject ?? draft.subject.trim();
    const r = await s.save(() => api<{ officer: Officer; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/officers/${encodeURIComponent(subject)}`, { method: 'PUT', body: without(draft, ['subject', 'mallId']) }));
    if (!r) return;
    setDraft(r.value.officer);
    onSaved();
    if (!record) {
      carryDone('saved');
      go({ tab: 'officers', officer: r.value.officer.subject }, true);
    }
  };

  const counters = booths
    .filter((b) => b.booth.agencyCode === draft.agencyCode)
    .flatMap((b) => b.counters.map((c) => ({ c, booth: b.booth.name })))
    .concat(booths.flatMap((b) => b.counters.filter((c) => b.booth.agencyCode !== draft.agencyCode && draft.counterIds.includes(c.id)).map((c) => ({ c, booth: b.booth.name }))))
    .sort((x, y) => byNumber(x.c.number, y.c.number));
  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <FocusHeading>{record ? t('editNamed', { name: record.displayName || record.subject }) : t('newTitle')}</FocusHeading>
      <p>
        <a href={adminHref({ tab: 'officers' })}>{t('backToList')}</a>
      </p>
      <div class="grid2">
        <TextField id="officer-subject" label={t('subject')} value={draft.subject} onValue={(subject) => set({ subject })} readOnly={!!record} required hint={record ? t('fixedId') : t('subjectHint')} error={err('subject')} />
        <TextField id="officer-displayName" label={t('displayName')} value={draft.displayName} onValue={(displayName) => set({ displayName })} required error={err('displayName')} />
        <SelectField
          id="officer-agencyCode"
          label={t('agency')}
          value={draft.agencyCode}
          disabled={!ctx.isMallAdmin}
          onValue={(agencyCode) => set({ agencyCode })}
          options={agencies.map((a) => [a.code, a.name] as const)}
          error={err('agencyCode')}
        />
      </div>
      <CheckGroup
        id="officer-counterIds"
        label={t('counterIds')}
        hint={t('counterIdsHint')}
        columns
        values={draft.counterIds}
        onValues={(counterIds) => set({ counterIds })}
        options={counters.map(({ c, booth }) => [c.id, `${c.name} — ${booth}${c.active ? '' : ` (${t('inactive')})`}`] as const)}
        error={err('counterIds')}
      />
      <CheckField id="officer-active" label={t('activeOfficer')} hint={t('activeOfficerHint')} checked={draft.active} onValue={(active) => set({ active })} error={err('active')} />
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('save')}
        </button>
        <a href={adminHref({ tab: 'officers' })}>{t('cancel')}</a>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}
