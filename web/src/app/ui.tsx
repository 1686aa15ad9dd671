import { cloneElement, isValidElement, type ComponentChildren, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { onSessionChange, session, signIn, signOut, type Session } from './auth';
import { setLang, useT } from './i18n';
import { navigate } from './router';

const STATUS_TITLE: Record<number, string> = { 400: 'error400', 401: 'error401', 403: 'error403', 404: 'error404', 409: 'error409', 413: 'error400', 429: 'error429' };

/** The gateway's problem detail as a readable alert, with its field errors; nothing when no error. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  // The heading in the reader's language by kind; the API's own detail (often English) below it.
  const title = api === undefined ? t('errorTitle') : api.status === 0 ? t('offline') : t(STATUS_TITLE[api.status] ?? (api.status >= 500 ? 'error5xx' : 'errorTitle'));
  const text = api?.status === 0 ? '' : api ? api.problem.detail || api.problem.title || api.message : error instanceof Error ? error.message : String(error);
  return (
    <div class="error" role="alert">
      <strong>{title}</strong>
      {text && <p>{text}</p>}
      {api?.problem.errors && api.problem.errors.length > 0 && (
        <ul>
          {api.problem.errors.map((e) => (
            <li key={e.field}>
              <code>{e.field}</code>: {e.reason}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useT();
  return (
    <p class="muted" role="status">
      {t('loading')}
    </p>
  );
}

/** A labelled form field: the label names the control, the hint and the error are read with it. */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string | undefined; children: ComponentChildren }) {
  // The hint and the error are read with the control; an error marks it invalid.
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const control = isValidElement(children) ? cloneElement(children, { ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': 'true' } : {}) }) : children;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {control}
      {hint && (
        <small id={`${id}-hint`} class="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

export function useSession(): Session | undefined {
  const [s, set] = useState(session());
  useEffect(() => onSessionChange(() => set(session())), []);
  return s;
}

/** Shows `children` only to the given roles; otherwise a sign-in button that comes back here. */
export function RequireRole({ roles, children }: { roles: readonly string[]; children: (s: Session) => ComponentChildren }) {
  const { t } = useT();
  const s = useSession();
  const [error, setError] = useState<unknown>();
  if (s && roles.includes(s.claims.mpp_role ?? '')) return <>{children(s)}</>;
  return (
    <section class="card narrow">
      <p>{t('needRole', { roles: roles.join(', ') })}</p>
      {s && (
        <p class="muted">
          {t('signedInAs')} {s.claims.name ?? s.claims.sub} ({s.claims.mpp_role})
        </p>
      )}
      <button type="button" class="primary" onClick={() => signIn(location.pathname + location.search).catch(setError)}>
        {t('signIn')}
      </button>
      <ErrorNote error={error} />
    </section>
  );
}

/** The tab's title follows the page's heading (WCAG 2.4.2), after every render. */
export function useDocumentTitle(suffix: string): void {
  useEffect(() => {
    const heading = document.querySelector('main h1, h1')?.textContent?.trim();
    document.title = heading && heading !== suffix ? `${heading} — ${suffix}` : suffix;
  });
}

export function LangSwitch() {
  const { lang } = useT();
  return (
    <div class="lang" role="group" aria-label="Bahasa / Language">
      <button type="button" aria-pressed={lang === 'id'} onClick={() => setLang('id')}>
        ID
      </button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
        EN
      </button>
    </div>
  );
}

/** The frame of the ordinary pages: header with the mall's links, language and sign-in; main content. */
export function Layout({ mallId, children, wide }: { mallId?: string | undefined; children: ComponentChildren; wide?: boolean }) {
  const { t } = useT();
  const s = useSession();
  useDocumentTitle(t('appName'));
  const mall = mallId ?? s?.claims.mpp_mall;
  const role = s?.claims.mpp_role ?? '';
  // Citizens see the public pages; signed-in staff also see their own screens.
  const links: [string, string][] = [
    ...(mall ? ([[`/m/${mall}`, t('catalog')], [`/m/${mall}/board`, t('board')], [`/m/${mall}/complaint`, t('complaint')]] as [string, string][]) : [['/', t('home')] as [string, string]]),
    ...(role === 'kiosk' && mall ? [[`/m/${mall}/kiosk`, t('kiosk')] as [string, string]] : []),
    ...(role === 'officer' || role === 'agency-admin' ? [['/console', t('console')] as [string, string]] : []),
    ...(['agency-admin', 'mall-admin', 'auditor'].includes(role) ? [[`/dashboard${mall ? `?mall=${mall}` : ''}`, t('dashboard')] as [string, string]] : []),
    ...(role === 'agency-admin' || role === 'mall-admin' ? [['/admin', t('admin')] as [string, string]] : []),
  ];
  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="top">
        <a href="/" class="brand">
          {t('appName')}
        </a>
        <nav aria-label={t('menu')}>
          {links.map(([href, text]) => (
            <a key={href} href={href} aria-current={location.pathname === href.split('?')[0] ? 'page' : undefined}>
              {text}
            </a>
          ))}
        </nav>
        <div class="who">
          <LangSwitch />
          {s ? (
            <button
              type="button"
              onClick={() => {
                signOut();
                navigate('/');
              }}
            >
              {t('signOut')} ({s.claims.name ?? s.claims.sub})
            </button>
          ) : null}
        </div>
      </header>
      <main id="main" class={wide ? 'wide' : ''} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

export const onEnter = (fn: () => void) => (e: JSX.TargetedKeyboardEvent<HTMLElement>) => {
  if (e.key === 'Enter') fn();
};

/** Minutes and seconds as the UI shows them. */
export const formatTime = (iso: string | undefined, lang: string) => (iso ? new Date(iso).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'id-ID', { hour: '2-digit', minute: '2-digit' }) : '');
export const formatDate = (iso: string | undefined, lang: string) => (iso ? new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric' }) : '');
