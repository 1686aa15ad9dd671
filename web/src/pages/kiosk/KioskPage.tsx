import { useEffect, useRef, useState } from 'preact/hooks';
import { allServices, api, ApiError } from '../../app/api';
import { useAction, useAsync } from '../../app/hooks';
import { pick, setLang, useT, type Dict } from '../../app/i18n';
import { ErrorNote, LangSwitch, Loading, RequireRole, useDocumentTitle } from '../../app/ui';
import { Qr } from '../../components/Qr';
import type { Agency, PriorityGroup, Service, TicketView } from '../../app/types';

const dict: Dict = {
  id: {
    title: 'Ambil nomor antrian',
    chooseAgency: 'Pilih instansi',
    chooseService: 'Pilih layanan',
    choosePriority: 'Apakah Anda termasuk kelompok prioritas?',
    regular: 'Umum (bukan prioritas)',
    searchLabel: 'Cari layanan',
    searchHint: 'Misalnya: KTP, paspor, SIM, akta',
    noHits: 'Tidak ada layanan yang cocok.',
    yourNumber: 'Nomor antrian Anda',
    position: 'Posisi',
    ahead: 'Orang di depan Anda',
    wait: 'Perkiraan tunggu',
    scan: 'Pindai untuk melihat status antrian di ponsel Anda',
    print: 'Cetak tiket',
    done: 'Selesai',
    start: 'Mulai lagi',
    closed: 'Layanan ini tidak menerima antrian saat ini ({why}). Silakan kembali pada jam layanan.',
    full: 'Kuota antrian layanan ini untuk hari ini sudah habis. Silakan kembali besok atau gunakan pemesanan daring.',
    otherMall: 'Kiosk ini terdaftar untuk mal {mall}.',
    quota: 'Kuota harian: {n}',
    idle: 'Layar akan kembali ke awal sebentar lagi.',
    moreTime: 'Saya masih di sini',
    'why-before-opening': 'belum buka',
    'why-after-closing': 'sudah tutup',
    'why-break': 'waktu istirahat',
    'why-holiday': 'hari libur',
    'why-special-day': 'hari khusus',
    'why-closed-today': 'tutup hari ini',
    'why-retired': 'layanan tidak lagi tersedia',
    'why-booth-inactive': 'gerai sedang tidak beroperasi',
    'why-agency-inactive': 'instansi sedang tidak melayani',
    'why-queue-inactive': 'antrian sedang tidak aktif',
  },
  en: {
    title: 'Take a queue number',
    chooseAgency: 'Choose an agency',
    chooseService: 'Choose a service',
    choosePriority: 'Do you belong to a priority group?',
    regular: 'Regular (no priority)',
    searchLabel: 'Search services',
    searchHint: 'For example: KTP, passport, driving licence, birth certificate',
    noHits: 'No matching service.',
    yourNumber: 'Your queue number',
    position: 'Position',
    ahead: 'People ahead of you',
    wait: 'Estimated wait',
    scan: 'Scan to follow your ticket on your phone',
    print: 'Print ticket',
    done: 'Done',
    start: 'Start again',
    closed: 'This service takes no tickets right now ({why}). Please come back during service hours.',
    full: 'Today’s ticket quota for this service is used up. Please come back tomorrow or book online.',
    otherMall: 'This kiosk is registered for mall {mall}.',
    quota: 'Daily quota: {n}',
    idle: 'The screen will go back to the start in a moment.',
    moreTime: 'I am still here',
    'why-before-opening': 'not open yet',
    'why-after-closing': 'closed for the day',
    'why-break': 'break time',
    'why-holiday': 'public holiday',
    'why-special-day': 'special day',
    'why-closed-today': 'closed today',
    'why-retired': 'the service is no longer offered',
    'why-booth-inactive': 'the booth is not operating',
    'why-agency-inactive': 'the agency is not serving',
    'why-queue-inactive': 'the queue is not active',
  },
};

type Step = { kind: 'agency' } | { kind: 'service'; agency: Agency } | { kind: 'priority'; service: Service } | { kind: 'ticket'; view: TicketView; service: Service; url: string };

const IDLE_RESET_MS = 60_000;
const IDLE_WARNING_MS = 15_000;

/** The touch kiosk (anjungan): agency → service (or search) → priority group → ticket with QR, printable. */
export default function KioskPage({ params }: { params: Record<string, string> }) {
  return <RequireRole roles={['kiosk']}>{(s) => (s.claims.mpp_mall && s.claims.mpp_mall !== params.mallId ? <OtherMall mall={s.claims.mpp_mall} /> : <Kiosk mallId={params.mallId!} />)}</RequireRole>;
}

function OtherMall({ mall }: { mall: string }) {
  const { t } = useT(dict);
  return <p class="error">{t('otherMall', { mall })}</p>;
}

function Kiosk({ mallId }: { mallId: string }) {
  const { t, lang } = useT(dict);
  const [step, setStep] = useState<Step>({ kind: 'agency' });
  useDocumentTitle(t('appName'));
  const [query, setQuery] = useState('');
  const issue = useAction();
  const mall = useAsync((signal) => api<{ mall: { name: string }; policy?: { priorityGroups: PriorityGroup[] } }>(`/malls/${mallId}`, { signal }), [mallId]);
  const agencies = useAsync((signal) => api<{ agencies: Agency[] }>(`/malls/${mallId}/agencies`, { signal }), [mallId]);
  const services = useAsync(
    (signal) =>
      step.kind === 'service'
        ? allServices<Service>(mallId, { agency: step.agency.code, signal })
        : query.trim().length >= 2
          ? api<{ hits: { service: Service }[] }>(`/malls/${mallId}/services`, { signal, query: { q: query.trim(), limit: 12 } }).then((r) => r.hits.map((h) => h.service))
          : Promise.resolve([] as Service[]),
    [mallId, step.kind === 'service' ? step.agency.code : '', query],
  );

  // Back to the start when no one has touched the kiosk for a minute, so the next citizen finds a
  // fresh one; a warning first, and any touch or key gives more time (WCAG 2.2.1).
  const lastTouch = useRef(Date.now());
  const [idleWarning, setIdleWarning] = useState(false);
  const fresh = step.kind === 'agency' && query === '';
  useEffect(() => {
    const touched = () => {
      lastTouch.current = Date.now();
      setIdleWarning(false);
    };
    addEventListener('pointerdown', touched);
    addEventListener('keydown', touched);
    return () => {
      removeEventListener('pointerdown', touched);
      removeEventListener('keydown', touched);
    };
  }, []);
  useEffect(() => {
    if (fresh) return;
    lastTouch.current = Date.now();
    const id = setInterval(() => {
      const idle = Date.now() - lastTouch.current;
      if (idle >= IDLE_RESET_MS) reset();
      else setIdleWarning(idle >= IDLE_RESET_MS - IDLE_WARNING_MS);
    }, 1000);
    return () => clearInterval(id);
  }, [fresh, step]);

  // Each step's heading takes the focus, so a screen reader or keyboard user starts there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [step.kind]);

  function reset() {
    setStep({ kind: 'agency' });
    setQuery('');
    setIdleWarning(false);
    issue.clear();
    // The next citizen starts in Bahasa Indonesia.
    setLang('id');
  }

  async function take(service: Service, priorityGroup: string) {
    const res = await issue.run(() => api<{ view: TicketView; statusUrl: string }>(`/malls/${mallId}/tickets`, { method: 'POST', body: { serviceId: service.id, source: 'kiosk', ...(priorityGroup ? { priorityGroup } : {}) } }));
    if (res) setStep({ kind: 'ticket', view: res.view, service, url: new URL(res.statusUrl || `/ticket/${res.view.ticket.id}`, location.origin).toString() });
  }

  function choose(service: Service) {
    const groups = (mall.data?.policy?.priorityGroups ?? []).filter((g) => service.priorityGroups.includes(g.code));
    if (groups.length === 0) void take(service, '');
    else setStep({ kind: 'priority', service });
  }

  const activeAgencies = (agencies.data?.agencies ?? []).filter((a) => a.memberships.some((m) => m.mallId === mallId && m.status === 'active'));
  const serviceList = (services.data ?? []).filter((s) => s.status === 'active');

  return (
    <div class="kiosk">
      <header class="kiosk-head">
        <h1>{mall.data?.mall.name ?? t('appName')}</h1>
        <LangSwitch />
      </header>
      <main class="kiosk-body" id="main">
        <ErrorNote error={mall.error ?? agencies.error ?? services.error} onRetry={() => (mall.reload(), agencies.reload(), services.reload())} />
        {step.kind !== 'ticket' && <h2>{t('title')}</h2>}
        {idleWarning && (
          <p class="error" role="alert">
            {t('idle')}{' '}
            <button type="button" onClick={() => setIdleWarning(false)}>
              {t('moreTime')}
            </button>
          </p>
        )}
        {issue.error !== undefined && <IssueError error={issue.error} />}

        {step.kind === 'agency' && (
          <>
            <div class="field">
              <label for="kiosk-search">{t('searchLabel')}</label>
              <input id="kiosk-search" type="search" value={query} aria-describedby="kiosk-search-hint" onInput={(e) => setQuery(e.currentTarget.value)} autoComplete="off" />
              <small id="kiosk-search-hint" class="muted">
                {t('searchHint')}
              </small>
            </div>
            {query.trim().length >= 2 ? (
              <ServiceChoices services={serviceList} loading={services.loading || !mall.data} onChoose={choose} lang={lang} t={t} />
            ) : (
              <>
                <h3 ref={heading} tabIndex={-1}>
                  {t('chooseAgency')}
                </h3>
                {agencies.loading && <Loading />}
                <ul class="choices">
                  {activeAgencies.map((a) => (
                    <li key={a.code}>
                      <button type="button" onClick={() => setStep({ kind: 'service', agency: a })}>
                        {a.name}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}

        {step.kind === 'service' && (
          <>
            <h3 ref={heading} tabIndex={-1}>
              {t('chooseService')} — {step.agency.name}
            </h3>
            <ServiceChoices services={serviceList} loading={services.loading || !mall.data} onChoose={choose} lang={lang} t={t} />
            <p>
              <button type="button" onClick={reset}>
                {t('back')}
              </button>
            </p>
          </>
        )}

        {step.kind === 'priority' && (
          <>
            <h3 ref={heading} tabIndex={-1}>
              {t('choosePriority')}
            </h3>
            <p class="muted">{pick(lang, step.service.nameId, step.service.nameEn)}</p>
            <ul class="choices">
              <li>
                <button type="button" disabled={issue.busy} onClick={() => take(step.service, '')}>
                  {t('regular')}
                </button>
              </li>
              {(mall.data?.policy?.priorityGroups ?? [])
                .filter((g) => step.service.priorityGroups.includes(g.code))
                .map((g) => (
                  <li key={g.code}>
                    <button type="button" disabled={issue.busy} onClick={() => take(step.service, g.code)}>
                      {pick(lang, g.labelId, g.labelEn)}
                    </button>
                  </li>
                ))}
            </ul>
            <p>
              <button type="button" onClick={reset}>
                {t('back')}
              </button>
            </p>
          </>
        )}

        {step.kind === 'ticket' && (
          <>
            <section class="ticket-slip" aria-labelledby="slip-title">
              <p class="mall-name">{mall.data?.mall.name}</p>
              <h2 id="slip-title" ref={heading} tabIndex={-1}>
                {t('yourNumber')}
              </h2>
              <p class="number" data-testid="ticket-number">
                {step.view.ticket.number}
              </p>
              <p>{pick(lang, step.service.nameId, step.service.nameEn)}</p>
              <p>
                {t('position')}: <strong data-testid="ticket-position">{step.view.position}</strong> · {t('ahead')}: <strong>{step.view.peopleAhead}</strong>
                <br />
                {t('wait')}: <strong>±{step.view.estimatedWaitMinutes}</strong> {t('minutes')}
              </p>
              <div class="qr">
                <Qr text={step.url} label={t('scan')} />
              </div>
              <p class="muted">{t('scan')}</p>
              <p class="muted small">{new Date(step.view.ticket.issuedAt).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID')}</p>
            </section>
            <p class="row no-print" style="justify-content:center;margin-top:1rem">
              <button type="button" class="primary" onClick={() => print()}>
                {t('print')}
              </button>
              <button type="button" onClick={reset}>
                {t('done')}
              </button>
            </p>
          </>
        )}
      </main>
    </div>
  );
}

function ServiceChoices({ services, loading, onChoose, lang, t }: { services: readonly Service[]; loading: boolean; onChoose: (s: Service) => void; lang: 'id' | 'en'; t: ReturnType<typeof useT>['t'] }) {
  if (loading && services.length === 0) return <Loading />;
  // While the mall's priority groups load, a tap must not skip the priority question.
  if (services.length === 0) return <p>{t('noHits')}</p>;
  return (
    <ul class="choices">
      {services.map((s) => (
        <li key={s.id}>
          <button type="button" data-service={s.id} disabled={loading} onClick={() => onChoose(s)}>
            {pick(lang, s.nameId, s.nameEn)}
            {s.dailyQuota > 0 && <small>{t('quota', { n: s.dailyQuota })}</small>}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Closed or full in the citizen's words; anything else as the gateway said it. */
function IssueError({ error }: { error: unknown }) {
  const { t } = useT(dict);
  const reason = error instanceof ApiError ? (error.fieldError('service_id') ?? '') : '';
  const closed = /^closed: ([a-z-]+)(?: \((.*)\))?$/.exec(reason);
  if (closed) {
    const why = t(`why-${closed[1]}`) + (closed[2] ? ` — ${closed[2]}` : '');
    return (
      <p class="error" role="alert">
        {t('closed', { why })}
      </p>
    );
  }
  if (reason.startsWith('daily quota')) {
    return (
      <p class="error" role="alert">
        {t('full')}
      </p>
    );
  }
  return <ErrorNote error={error} />;
}
