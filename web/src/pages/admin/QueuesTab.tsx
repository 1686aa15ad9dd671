import { useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useAsync } from '../../app/hooks';
import { useT, type Dict } from '../../app/i18n';
import { ErrorNote, Loading } from '../../app/ui';
import { ActiveBadge, CheckField, FocusHeading, SaveStatus, TextField, adminHref, carryDone, errorFor, go, useSave, without, words } from './common';
import { getQueues } from './data';
import type { AdminCtx, Queue } from './types';

const dict: Dict = {
  id: {
    title: 'Antrian',
    newQueue: 'Tambah antrian',
    newTitle: 'Antrian baru',
    prefix: 'Awalan nomor',
    prefixHint: 'Satu atau dua huruf kapital, unik di mal ini (tiket B-017); pengenalnya {mall}:<awalan>.',
    activeHint: 'Antrian tidak aktif tidak menerima tiket baru.',
  },
  en: {
    title: 'Queues',
    newQueue: 'Add a queue',
    newTitle: 'New queue',
    prefix: 'Number prefix',
    prefixHint: 'One or two capital letters, unique in this mall (ticket B-017); its id is {mall}:<prefix>.',
    activeHint: 'An inactive queue takes no new tickets.',
  },
};

/** Queues (antrian) of the mall: prefix, name, active (`?queue=<id|new>`; mall-admin). */
export function QueuesTab({ ctx }: { ctx: AdminCtx }) {
  const { t } = useT(words, dict);
  const list = useAsync((signal) => getQueues(ctx.mallId, signal), [ctx.mallId]);
  const edit = ctx.query.get('queue');

  if (edit !== null) {
    if (!list.data) return list.error ? <ErrorNote error={list.error} onRetry={list.reload} /> : <Loading />;
    const record = list.data.find((q) => q.id === edit);
    if (edit === 'new' || record) return <QueueForm key={edit} ctx={ctx} record={record} onSaved={list.reload} />;
    if (list.loading) return <Loading />;
    return (
      <>
        <p class="error">{t('notFoundRecord', { id: edit })}</p>
        <a href={adminHref({ tab: 'queues' })}>{t('backToList')}</a>
      </>
    );
  }
  return (
    <>
      <h2>{t('title')}</h2>
      <p>
        <a class="button" href={adminHref({ tab: 'queues', queue: 'new' })}>
          {t('newQueue')}
        </a>
      </p>
      <ErrorNote error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p>{t('empty')}</p>}
      {list.data && list.data.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('prefix')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((q) => (
                <tr key={q.id}>
                  <td>
                    <strong>{q.prefix}</strong>
                  </td>
                  <td>{q.name}</td>
                  <td>
                    <ActiveBadge active={q.active} />
                  </td>
                  <td class="actions">
                    <a href={adminHref({ tab: 'queues', queue: q.id })} aria-label={t('editNamed', { name: `${q.prefix} — ${q.name}` })}>
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

function QueueForm({ ctx, record, onSaved }: { ctx: AdminCtx; record: Queue | undefined; onSaved: () => void }) {
  const { t } = useT(words, dict);
  const [draft, setDraft] = useState<Queue>(record ?? { id: '', mallId: ctx.mallId, prefix: '', name: '', active: true });
  const s = useSave();
  const set = (patch: Partial<Queue>) => (setDraft({ ...draft, ...patch }), s.clearDone());
  const err = (f: string) => errorFor(s.error, f);

  const submit = async (e: Event) => {
    e.preventDefault();
    const prefix = draft.prefix.trim().toUpperCase();
    const id = record?.id ?? `${ctx.mallId}:${prefix}`;
    const r = await s.save(() => api<{ queue: Queue; changed: boolean }>(`/malls/${encodeURIComponent(ctx.mallId)}/queues/${encodeURIComponent(id)}`, { method: 'PUT', body: without({ ...draft, prefix }, ['id', 'mallId']) }));
    if (!r) return;
    setDraft(r.value.queue);
    onSaved();
    if (!record) {
      carryDone('saved');
      go({ tab: 'queues', queue: r.value.queue.id }, true);
    }
  };

  return (
    <form class="admin-form" onSubmit={submit} noValidate>
      <FocusHeading>{record ? t('editNamed', { name: `${record.prefix} — ${record.name}` }) : t('newTitle')}</FocusHeading>
      <p>
        <a href={adminHref({ tab: 'queues' })}>{t('backToList')}</a>
      </p>
      <div class="grid2">
        <TextField id="queue-prefix" label={t('prefix')} value={draft.prefix} onValue={(prefix) => set({ prefix })} readOnly={!!record} required maxLength={2} hint={record ? t('fixedId') : t('prefixHint', { mall: ctx.mallId })} error={err('prefix') ?? err('id')} />
        <TextField id="queue-name" label={t('name')} value={draft.name} onValue={(name) => set({ name })} required error={err('name')} />
      </div>
      <CheckField id="queue-active" label={t('active')} hint={t('activeHint')} checked={draft.active} onValue={(active) => set({ active })} error={err('active')} />
      <ErrorNote error={s.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.busy}>
          {t('save')}
        </button>
        <a href={adminHref({ tab: 'queues' })}>{t('cancel')}</a>
      </div>
      <SaveStatus message={s.done && t(s.done)} />
    </form>
  );
}
