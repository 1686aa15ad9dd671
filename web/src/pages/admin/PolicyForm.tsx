import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote } from '../../app/ui';
import { NumberField, SaveStatus, SelectField, errorFor, useSave, words } from './common';
import type { AdminCtx, OrderingStep, PriorityGroup, QueuePolicy } from './types';

const dict: Dict = {
  id: {
    policy: 'Kebijakan antrian',
    groups: 'Kelompok prioritas',
    groupCode: 'Kode',
    labelId: 'Label (Indonesia)',
    labelEn: 'Label (Inggris)',
    weight: 'Bobot',
    weightHint: 'Bobot lebih tinggi dipanggil lebih dulu.',
    row: 'kelompok {n}',
    remove: 'Hapus',
    addGroup: 'Tambah kelompok',
    interleaveRatio: 'Rasio selang-seling',
    interleaveHint: 'Setelah sekian panggilan biasa, satu tiket prioritas dipanggil (0: prioritas selalu lebih dulu).',
    recalls: 'Panggilan ulang sebelum dianggap tidak hadir',
    callOrder: 'Urutan "panggil berikutnya"',
    defaultOrder: 'Bawaan ({steps})',
    'step.booking-due': 'booking yang jatuh waktu',
    'step.priority': 'prioritas',
    'step.first-in-line': 'urutan kedatangan',
    savePolicy: 'Simpan kebijakan',
  },
  en: {
    policy: 'Queue policy',
    groups: 'Priority groups',
    groupCode: 'Code',
    labelId: 'Label (Indonesian)',
    labelEn: 'Label (English)',
    weight: 'Weight',
    weightHint: 'A higher weight is called first.',
    row: 'group {n}',
    remove: 'Remove',
    addGroup: 'Add a group',
    interleaveRatio: 'Interleave ratio',
    interleaveHint: 'After this many regular calls, one priority ticket is called (0: priority always first).',
    recalls: 'Recalls before a no-show',
    callOrder: '"Call next" order',
    defaultOrder: 'Default ({steps})',
    'step.booking-due': 'bookings due',
    'step.priority': 'priority',
    'step.first-in-line': 'first in line',
    savePolicy: 'Save the policy',
  },
};

/** Every order "call next" may follow: first in line ends it; empty is the default. */
const ORDERS: readonly (readonly OrderingStep[])[] = [
  [],
  ['booking-due', 'priority', 'first-in-line'],
  ['priority', 'booking-due', 'first-in-line'],
  ['booking-due', 'first-in-line'],
  ['priority', 'first-in-line'],
  ['first-in-line'],
];
const DEFAULT_ORDER: readonly OrderingStep[] = ['booking-due', 'priority', 'first-in-line'];

/** PUT /malls/:mallId/queue-policy: priority groups with weights, interleave ratio, recalls, call order. */
export function PolicyForm({ ctx, initial }: { ctx: AdminCtx; initial: QueuePolicy | undefined }) {
  const { t } = useT(words, dict);
  const [draft, setDraft] = useState<QueuePolicy>(initial ?? { priorityGroups: [], interleaveRatio: 0, recallsBeforeNoShow: 3, callOrder: [] });
  const [keys, setKeys] = useState(() => draft.priorityGroups.map((_, i) => i));
  const s = useSave();
  const set = (patch: Partial<QueuePolicy>) => (setDraft({ ...draft, ...patch }), s.clearDone());
  const setGroup = (i: number, patch: Partial<PriorityGroup>) => set({ priorityGroups: draft.priorityGroups.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  const err = (f: string) => errorFor(s.error, f);
  const steps = (order: readonly OrderingStep[]) => order.map((x) => t(`step.${x}`)).join(' → ');
  const orderOptions = [...ORDERS, ...(ORDERS.some((o) => o.join() === draft.callOrder.join()) ? [] : [draft.callOrder])].map(
    (o) => [o.join(), o.length ? steps(o) : t('defaultOrder', { steps: steps(DEFAULT_ORDER) })] as const,
  );

  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await s.save(() => api<{ policy: QueuePolicy; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/queue-policy`, { method: 'PUT', body: draft }));
    if (!r) return;
    setDraft(r.value.policy);
    setKeys(r.value.policy.priorityGroups.map((_, i) => i));
  };

  return (
    <form class="card admin-form" onSubmit={submit} noValidate aria-labelledby="policy-title">
      <h3 id="policy-title">{t('policy')}</h3>
      <fieldset>
        <legend>{t('groups')}</legend>
        <p class="muted">{t('weightHint')}</p>
        {draft.priorityGroups.map((g, i) => {
          const id = `policy-group-${keys[i] ?? i}`;
          const row = t('row', { n: i + 1 });
          const field = (f: keyof PriorityGroup, label: string, type: 'text' | 'number' = 'text') => {
            const e = err(`priorityGroups[${i}].${f}`);
            return (
              <div class={`field${e ? ' invalid' : ''}`}>
                <label for={`${id}-${f}`}>
                  {label} <span class="sr-only">({row})</span>
                </label>
                <input
                  id={`${id}-${f}`}
                  type={type}
                  min={type === 'number' ? 0 : undefined}
                  value={String(g[f])}
                  aria-invalid={e ? true : undefined}
                  aria-describedby={e ? `${id}-${f}-error` : undefined}
                  onInput={(ev) => setGroup(i, { [f]: type === 'number' ? Math.max(0, Math.trunc(Number(ev.currentTarget.value) || 0)) : ev.currentTarget.value })}
                />
                {e && (
                  <small id={`${id}-${f}-error`} class="field-error">
                    {e}
                  </small>
                )}
              </div>
            );
          };
          return (
            <div class="policy-group" key={keys[i] ?? i}>
              {field('code', t('groupCode'))}
              {field('labelId', t('labelId'))}
              {field('labelEn', t('labelEn'))}
              {field('weight', t('weight'), 'number')}
              <div class="field">
                <button
                  type="button"
                  aria-label={`${t('remove')}: ${g.labelId || g.code || row}`}
                  onClick={() => {
                    set({ priorityGroups: draft.priorityGroups.filter((_, j) => j !== i) });
                    setKeys(keys.filter((_, j) => j !== i));
                  }}
                >
                  {t('remove')}
                </button>
              </div>
            </div>
          );
        })}
        <button
          type="button"
          onClick={() => {
            set({ priorityGroups: [...draft.priorityGroups, { code: '', labelId: '', labelEn: '', weight: 1 }] });
            setKeys([...keys, Math.max(-1, ...keys) + 1]);
          }}
        >
          {t('addGroup')}
        </button>
      </fieldset>
      <NumberField id="policy-interleaveRatio" label={t('interleaveRatio')} hint={t('interleaveHint')} value={draft.interleaveRatio} onValue={(interleaveRatio) => set({ interleaveRatio })} error={err('interleaveRatio')} />
      <NumberField id="policy-recallsBeforeNoShow" label={t('recalls')} value={draft.recallsBeforeNoShow} onValue={(recallsBeforeNoShow) => set({ recallsBeforeNoShow })} error={err('recallsBeforeNoShow')} />
      <SelectField
        id="policy-callOrder"
        label={t('callOrder')}
        value={draft.callOrder.join()}
        onValue={(v) => set({ callOrder: (v ? v.split(',') : []) as OrderingStep[] })}
        options={orderOptions}
        error={err('callOrder')}
      />
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('savePolicy')}
        </button>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}
