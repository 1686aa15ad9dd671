import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote } from '../../app/ui';
import { CheckField, SaveStatus, SelectField, TextField, errorFor, useSave, words } from './common';
import type { AdminCtx, Notice } from './types';

const dict: Dict = {
  id: {
    notice: 'Pengumuman di papan antrian',
    noticeKind: 'Jenis pengumuman',
    'notice.information': 'Informasi',
    'notice.emergency': 'Darurat',
    textId: 'Teks (Bahasa Indonesia)',
    textEn: 'Teks (Bahasa Inggris)',
    showNotice: 'Tampilkan di semua papan antrian mal',
    saveNotice: 'Simpan pengumuman',
  },
  en: {
    notice: 'Notice on the queue boards',
    noticeKind: 'Kind of notice',
    'notice.information': 'Information',
    'notice.emergency': 'Emergency',
    textId: 'Text (Indonesian)',
    textEn: 'Text (English)',
    showNotice: 'Show on every queue board of the mall',
    saveNotice: 'Save the notice',
  },
};

/** PUT /malls/:mallId/notice: the whole notice (kind, both texts, on or off). */
export function NoticeForm({ ctx, initial }: { ctx: AdminCtx; initial: Notice | undefined }) {
  const { t } = useT(words, dict);
  const [draft, setDraft] = useState<Notice>(initial ?? { kind: 'information', textId: '', textEn: '', active: false });
  const s = useSave();
  const set = (patch: Partial<Notice>) => (setDraft({ ...draft, ...patch }), s.clearDone());
  const err = (f: string) => errorFor(s.error, f);
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await s.save(() => api<{ notice: Notice; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/notice`, { method: 'PUT', body: draft }));
    if (r) setDraft(r.value.notice);
  };
  return (
    <form class="card admin-form" onSubmit={submit} noValidate aria-labelledby="notice-title">
      <h3 id="notice-title">{t('notice')}</h3>
      <SelectField id="notice-kind" label={t('noticeKind')} value={draft.kind} onValue={(kind) => set({ kind: kind as Notice['kind'] })} options={(['information', 'emergency'] as const).map((k) => [k, t(`notice.${k}`)] as const)} error={err('kind')} />
      <TextField id="notice-textId" multiline rows={2} label={t('textId')} value={draft.textId} onValue={(textId) => set({ textId })} error={err('textId')} />
      <TextField id="notice-textEn" multiline rows={2} label={t('textEn')} value={draft.textEn} onValue={(textEn) => set({ textEn })} error={err('textEn')} />
      <CheckField id="notice-active" label={t('showNotice')} checked={draft.active} onValue={(active) => set({ active })} error={err('active')} />
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('saveNotice')}
        </button>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}
