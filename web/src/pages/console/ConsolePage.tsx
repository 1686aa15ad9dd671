import { useEffect, useState } from 'preact/hooks';
import { allServices, api } from '../../app/api';
import type { Session } from '../../app/auth';
import { useAction, useAsync, useInterval } from '../../app/hooks';
import { pick, useT } from '../../app/i18n';
import { ErrorNote, Field, formatDate, formatTime, Layout, Loading, RequireRole } from '../../app/ui';
import type { Service, TicketView } from '../../app/types';
import { dict } from './dict';

interface Booth {
  readonly booth: { id: string; name: string; agencyCode: string; floor: string };
  readonly counters: readonly { id: string; name: string; active: boolean }[];
}
interface Queue {
  readonly id: string;
  readonly prefix: string;
  readonly name: string;
  readonly active: boolean;
}
interface CounterView {
  readonly counterId: string;
  readonly status: 'open' | 'paused' | 'closed';
  readonly serviceIds: readonly string[];
  readonly ticketId: string;
}
interface ApplicationView {
  readonly application: { id: string; trackingCode: string; serviceId: string; dueDate: string; status: string; note: string };
  readonly overdue: boolean;
}
interface LastCall {
  readonly ticketId: string;
  readonly number: string;
  readonly at: string;
  result: string;
}

/** The officer's screen: a counter (loket) of their agency, its queues, the ticket in hand, the waiting list. */
export default function ConsolePage() {
  return (
    <RequireRole roles={['officer', 'agency-admin']}>
      {(s) => (
        <Layout wide mallId={s.claims.mpp_mall}>
          <Console session={s} />
        </Layout>
      )}
    </RequireRole>
  );
}

function Console({ session }: { session: Session }) {
  const { t } = useT(dict);
  const mallId = session.claims.mpp_mall!;
  const agency = session.claims.mpp_agency!;
  const key = `mpp.console.counter.${session.claims.sub}`;
  const [counterId, setCounterId] = useState(localStorage.getItem(key) ?? '');
  const booths = useAsync((signal) => api<{ booths: Booth[] }>(`/malls/${mallId}/booths`, { signal }).then((r) => r.booths.filter((b) => b.booth.agencyCode === agency)), [mallId, agency]);
  const counters = (booths.data ?? []).flatMap((b) => b.counters.filter((c) => c.active).map((c) => ({ ...c, booth: b.booth.name })));
  useEffect(() => {
    if (counterId) localStorage.setItem(key, counterId);
  }, [counterId, key]);
  return (
    <>
      <h1>{t('title')}</h1>
      <ErrorNote error={booths.error} onRetry={booths.reload} />
      <Field id="counter" label={t('chooseCounter')}>
        <select id="counter" value={counterId} onChange={(e) => setCounterId(e.currentTarget.value)}>
          <option value="">—</option>
          {counters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} — {c.booth}
            </option>
          ))}
        </select>
      </Field>
      {counterId && <Counter key={counterId} mallId={mallId} agency={agency} counterId={counterId} counterName={counters.find((c) => c.id === counterId)?.name ?? counterId} />}
    </>
  );
}

function Counter({ mallId, agency, counterId, counterName }: { mallId: string; agency: string; counterId: string; counterName: string }) {
  const { t, lang } = useT(dict);
  const action = useAction();
  const counter = useAsync((signal) => api<{ counter: CounterView }>(`/counters/${encodeURIComponent(counterId)}`, { signal }).then((r) => r.counter), [counterId]);
  const services = useAsync((signal) => allServices<Service>(mallId, { signal }).then((all) => all.filter((s) => s.status === 'active')), [mallId]);
  const queues = useAsync((signal) => api<{ queues: Queue[] }>(`/malls/${mallId}/queues`, { signal }).then((r) => r.queues), [mallId]);
  const current = useAsync((signal) => (counter.data?.ticketId ? api<{ view: TicketView }>(`/tickets/${encodeURIComponent(counter.data.ticketId)}`, { signal }).then((r) => r.view) : Promise.resolve(undefined)), [counter.data?.ticketId]);
  const waiting = useAsync((signal) => api<{ tickets: TicketView[] }>(`/counters/${encodeURIComponent(counterId)}/waiting`, { signal }).then((r) => r.tickets), [counterId, counter.data?.status, counter.data?.ticketId]);
  useInterval(() => {
    if (!waiting.loading) waiting.reload();
    if (!counter.loading) counter.reload();
  }, 5000);

  const own = (services.data ?? []).filter((s) => s.agencyCode === agency);
  const ownQueueIds = new Set(own.map((s) => s.queueId));
  const ownQueues = (queues.data ?? []).filter((q) => q.active && ownQueueIds.has(q.id));
  const servingQueues = new Set((services.data ?? []).filter((s) => counter.data?.serviceIds.includes(s.id)).map((s) => s.queueId));
  const [chosen, setChosen] = useState<Set<string> | undefined>();
  const chosenQueues = chosen ?? (servingQueues.size > 0 ? servingQueues : new Set(ownQueues.map((q) => q.id)));
  const [last, setLast] = useState<LastCall[]>(() => JSON.parse(sessionStorage.getItem(`mpp.console.last.${counterId}`) ?? '[]') as LastCall[]);
  const remember = (calls: LastCall[]) => {
    const kept = calls.slice(0, 10);
    setLast(kept);
    sessionStorage.setItem(`mpp.console.last.${counterId}`, JSON.stringify(kept));
  };
  const serviceName = (id: string) => {
    const s = services.data?.find((x) => x.id === id);
    return s ? pick(lang, s.nameId, s.nameEn) : id;
  };

  async function act(fn: () => Promise<unknown>, result?: (v: unknown) => void) {
    const v = await action.run(fn);
    if (v !== undefined) result?.(v);
    counter.reload();
    waiting.reload();
    current.reload();
  }
  const called = (v: unknown) => {
    const view = (v as { view: TicketView }).view;
    remember([{ ticketId: view.ticket.id, number: view.ticket.number, at: new Date().toISOString(), result: 'called' }, ...last.filter((l) => l.ticketId !== view.ticket.id)]);
  };
  const ended = (ticketId: string, result: string) => remember(last.map((l) => (l.ticketId === ticketId ? { ...l, result } : l)));
  const post = (path: string, body: object = {}) => api(path, { method: 'POST', body });
  const status = counter.data?.status ?? 'closed';
  const view = current.data;
  const [tracking, setTracking] = useState('');

  return (
    <div class="console-grid">
      <div>
        <section class="card">
          <h2>
            {counterName} <span class={`badge ${status}`} data-testid="counter-status">{t(`status${status}`)}</span>
          </h2>
          <fieldset>
            <legend>{t('queuesToServe')}</legend>
            <p class="muted">{t('servicesHint')}</p>
            {ownQueues.map((q) => (
              <label key={q.id} class="row" style="font-weight:400">
                <input
                  type="checkbox"
                  style="width:auto"
                  checked={chosenQueues.has(q.id)}
                  onChange={(e) => {
                    const next = new Set(chosenQueues);
                    if (e.currentTarget.checked) next.add(q.id);
                    else next.delete(q.id);
                    setChosen(next);
                  }}
                />
                {q.prefix} — {q.name}
              </label>
            ))}
          </fieldset>
          <div class="row">
            <button type="button" class="primary" disabled={action.busy || chosenQueues.size === 0} onClick={() => act(() => post(`/counters/${encodeURIComponent(counterId)}/open`, { queueIds: [...chosenQueues] }))}>
              {status === 'paused' ? t('reopen') : status === 'open' ? t('updateQueues') : t('open')}
            </button>
            <button type="button" disabled={action.busy || status !== 'open'} onClick={() => act(() => post(`/counters/${encodeURIComponent(counterId)}/pause`))}>
              {t('pause')}
            </button>
            <button type="button" disabled={action.busy || status === 'closed'} onClick={() => act(() => post(`/counters/${encodeURIComponent(counterId)}/close`))}>
              {t('closeCounter')}
            </button>
          </div>
        </section>

        <ErrorNote error={action.error} />

        <section class="card current" style="margin-top:1rem" aria-live="polite">
          <h2>{t('current')}</h2>
          {status === 'closed' && <p class="muted">{t('notOpen')}</p>}
          {!view && status !== 'closed' && <p class="muted">{t('noCurrent')}</p>}
          {tracking && (
            <p class="ok" role="status" data-testid="tracking-code">
              {t('tracking', { code: tracking })}
            </p>
          )}
          {view && (
            <>
              <p class="num" data-testid="current-number">
                {view.ticket.number}
              </p>
              <p>
                {serviceName(view.ticket.serviceId)} · <span class={`badge ${view.ticket.status}`}>{t(view.ticket.status)}</span>
                {view.ticket.priorityGroup && <span class="badge">{view.ticket.priorityGroup}</span>}
              </p>
              {view.ticket.recalls > 0 && <p class="muted">{t('recalls', { n: view.ticket.recalls })}</p>}
              <CurrentActions view={view} services={services.data ?? []} busy={action.busy} act={act} post={post} ended={ended} onTracking={setTracking} />
            </>
          )}
          <p class="row">
            <button type="button" class="primary" disabled={action.busy || status !== 'open' || Boolean(view)} onClick={() => (setTracking(''), act(() => post(`/counters/${encodeURIComponent(counterId)}/call-next`), called))}>
              {t('callNext')}
            </button>
          </p>
        </section>
      </div>

      <div>
        <section class="card">
          <h2>{t('waitingList')}</h2>
          {waiting.loading && !waiting.data && <Loading />}
          <ErrorNote error={waiting.error} />
          {waiting.data && waiting.data.length === 0 && <p class="muted">{t('nobodyWaiting')}</p>}
          {waiting.data && waiting.data.length > 0 && (
            <WaitingList tickets={waiting.data} disabled={action.busy || status !== 'open' || Boolean(view)} serviceName={serviceName} onCall={(ticketId, reason) => act(() => post(`/counters/${encodeURIComponent(counterId)}/call`, { ticketId, reason }), called)} />
          )}
        </section>
        <Applications mallId={mallId} agency={agency} serviceName={serviceName} />
        <section class="card" style="margin-top:1rem">
          <h2>{t('lastCalls')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('number')}</th>
                <th>{t('time')}</th>
                <th>{t('result')}</th>
              </tr>
            </thead>
            <tbody>
              {last.map((l) => (
                <tr key={l.ticketId}>
                  <td>{l.number}</td>
                  <td>{formatTime(l.at, lang)}</td>
                  <td>{t(l.result)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

function CurrentActions({ view, services, busy, act, post, ended, onTracking }: { view: TicketView; services: readonly Service[]; busy: boolean; act: (fn: () => Promise<unknown>, result?: (v: unknown) => void) => Promise<void>; post: (path: string, body?: object) => Promise<unknown>; ended: (ticketId: string, result: string) => void; onTracking: (code: string) => void }) {
  const { t, lang } = useT(dict);
  const [outcome, setOutcome] = useState('done');
  const [openApplication, setOpenApplication] = useState(false);
  const [also, setAlso] = useState<ReadonlySet<string>>(new Set());
  const [target, setTarget] = useState('');
  const id = encodeURIComponent(view.ticket.id);
  const service = services.find((s) => s.id === view.ticket.serviceId) as (Service & { opensApplication?: boolean }) | undefined;
  const status = view.ticket.status;
  return (
    <div>
      <div class="row">
        <button type="button" disabled={busy || status !== 'called'} onClick={() => act(() => post(`/tickets/${id}/recall`))}>
          {t('recall')}
        </button>
        <button type="button" class="primary" disabled={busy || status !== 'called'} onClick={() => act(() => post(`/tickets/${id}/start`))}>
          {t('start')}
        </button>
        <button type="button" disabled={busy || status !== 'called'} onClick={() => act(() => post(`/tickets/${id}/no-show`), () => ended(view.ticket.id, 'no-show'))}>
          {t('noShow')}
        </button>
      </div>
      {status === 'serving' && (
        <form
          class="card"
          style="margin-top:0.75rem"
          onSubmit={(e) => {
            e.preventDefault();
            void act(
              () => post(`/tickets/${id}/complete`, { outcome, ...(outcome === 'done' ? { deliveredServiceIds: [view.ticket.serviceId, ...also] } : {}), ...(openApplication ? { openApplication: true } : {}) }),
              (v) => {
                ended(view.ticket.id, 'completed');
                onTracking((v as { ticket?: TicketView }).ticket?.applicationTrackingCode ?? '');
              },
            );
          }}
        >
          <Field id="outcome" label={t('outcome')}>
            <select id="outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
              {['done', 'documents-incomplete', 'referred'].map((o) => (
                <option key={o} value={o}>
                  {t(o)}
                </option>
              ))}
            </select>
          </Field>
          {service?.opensApplication && outcome === 'done' && (
            <label class="row" style="font-weight:400">
              <input type="checkbox" style="width:auto" checked={openApplication} onChange={(e) => setOpenApplication(e.currentTarget.checked)} />
              {t('openApplication')}
            </label>
          )}
          {outcome === 'done' && service && (
            <details>
              <summary>{t('alsoDelivered')}</summary>
              <fieldset>
                <legend class="sr-only">{t('alsoDelivered')}</legend>
                {services
                  .filter((x) => x.agencyCode === service.agencyCode && x.id !== service.id)
                  .map((x) => (
                    <label key={x.id} class="row" style="font-weight:400">
                      <input
                        type="checkbox"
                        style="width:auto"
                        checked={also.has(x.id)}
                        onChange={(e) => {
                          const next = new Set(also);
                          if (e.currentTarget.checked) next.add(x.id);
                          else next.delete(x.id);
                          setAlso(next);
                        }}
                      />
                      {pick(lang, x.nameId, x.nameEn)}
                    </label>
                  ))}
              </fieldset>
            </details>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {t('complete')}
          </button>
        </form>
      )}
      {(status === 'called' || status === 'serving') && (
        <form
          class="row"
          style="margin-top:0.75rem;align-items:flex-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (target) void act(() => post(`/tickets/${id}/transfer`, { toServiceId: target }), () => ended(view.ticket.id, 'transferred'));
          }}
        >
          <Field id="transfer-target" label={t('transferTo')}>
            <select id="transfer-target" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
              <option value="">{t('chooseTarget')}</option>
              {services
                .filter((s) => s.id !== view.ticket.serviceId)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {pick(lang, s.nameId, s.nameEn)}
                  </option>
                ))}
            </select>
          </Field>
          <button type="submit" disabled={busy || !target}>
            {t('transfer')}
          </button>
        </form>
      )}
    </div>
  );
}

function WaitingList({ tickets, disabled, serviceName, onCall }: { tickets: readonly TicketView[]; disabled: boolean; serviceName: (id: string) => string; onCall: (ticketId: string, reason: string) => void }) {
  const { t, lang } = useT(dict);
  const [choosing, setChoosing] = useState('');
  const [reason, setReason] = useState('');
  return (
    <div class="table-wrap">
      <table data-testid="waiting-list">
        <thead>
          <tr>
            <th>{t('number')}</th>
            <th>{t('position')}</th>
            <th>{t('issued')}</th>
            <th>
              <span class="sr-only">{t('call')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((v) => (
            <tr key={v.ticket.id}>
              <td>
                <strong>{v.ticket.number}</strong>
                <br />
                <small class="muted">{serviceName(v.ticket.serviceId)}</small>
                {v.ticket.priorityGroup && <span class="badge">{v.ticket.priorityGroup}</span>}
              </td>
              <td class="num">{v.position}</td>
              <td>{formatTime(v.ticket.issuedAt, lang)}</td>
              <td>
                {choosing === v.ticket.id ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      onCall(v.ticket.id, reason.trim());
                      setChoosing('');
                      setReason('');
                    }}
                  >
                    <Field id={`reason-${v.ticket.number}`} label={t('reason')} hint={t('reasonHint')}>
                      <input id={`reason-${v.ticket.number}`} required minLength={3} maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} aria-describedby={`reason-${v.ticket.number}-hint`} />
                    </Field>
                    <div class="row">
                      <button type="submit" class="primary" disabled={disabled}>
                        {t('callThis')}
                      </button>
                      <button type="button" onClick={() => setChoosing('')}>
                        {t('cancel')}
                      </button>
                    </div>
                  </form>
                ) : (
                  <button type="button" disabled={disabled} onClick={() => setChoosing(v.ticket.id)} aria-label={`${t('call')} ${v.ticket.number}`}>
                    {t('call')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The agency's open multi-day applications: mark one ready for collection, or handed over, with a note for the citizen. */
function Applications({ mallId, agency, serviceName }: { mallId: string; agency: string; serviceName: (id: string) => string }) {
  const { t, lang } = useT(dict);
  const list = useAsync((signal) => api<{ applications: ApplicationView[] }>(`/malls/${encodeURIComponent(mallId)}/applications`, { signal, query: { agency } }).then((r) => r.applications), [mallId, agency]);
  const action = useAction();
  const [note, setNote] = useState<Record<string, string>>({});
  const move = (id: string, status: string) => action.run(() => api(`/applications/${encodeURIComponent(id)}/status`, { method: 'POST', body: { status, ...(note[id]?.trim() ? { note: note[id]!.trim() } : {}) } })).then(list.reload);
  const open = (list.data ?? []).filter((a) => a.application.status !== 'handed-over');
  return (
    <section class="card" style="margin-top:1rem">
      <h2>{t('applications')}</h2>
      <ErrorNote error={list.error ?? action.error} />
      {list.data && open.length === 0 && <p class="muted">{t('noApplications')}</p>}
      {open.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('trackingCol')}</th>
                <th>{t('due')}</th>
                <th>{t('appStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map(({ application: a, overdue }) => (
                <tr key={a.id}>
                  <td>
                    <code>{a.trackingCode}</code>
                    <br />
                    <small class="muted">{serviceName(a.serviceId)}</small>
                  </td>
                  <td>
                    {formatDate(a.dueDate, lang)}
                    {overdue && <span class="badge paused">{t('overdue')}</span>}
                  </td>
                  <td>
                    <span class="badge">{t(`app-${a.status}`)}</span>
                    <Field id={`note-${a.id}`} label={t('noteForCitizen')}>
                      <input id={`note-${a.id}`} maxLength={200} value={note[a.id] ?? ''} onInput={(e) => setNote({ ...note, [a.id]: e.currentTarget.value })} />
                    </Field>
                    <div class="row">
                      {a.status === 'in-process' && (
                        <button type="button" disabled={action.busy} onClick={() => move(a.id, 'ready')}>
                          {t('markReady')}
                        </button>
                      )}
                      <button type="button" disabled={action.busy} onClick={() => move(a.id, 'handed-over')}>
                        {t('markHandedOver')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
