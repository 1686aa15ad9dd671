import { render, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './app/styles.css';
import { completeSignIn } from './app/auth';
import { match, navigate, onLinkClick, useLocation } from './app/router';
import { ErrorNote, Layout, Loading } from './app/ui';
import { useT } from './app/i18n';
import { HomePage } from './pages/home/HomePage';

type Params = Record<string, string>;
type PageModule = () => Promise<{ default: ComponentType<{ params: Params }> }>;

/** Every page: its path and its code (loaded when first visited, so a kiosk never loads the admin pages). */
const ROUTES: readonly [string, PageModule][] = [
  ['/m/:mallId', () => import('./pages/catalog/CatalogPage')],
  ['/m/:mallId/kiosk', () => import('./pages/kiosk/KioskPage')],
  ['/m/:mallId/board', () => import('./pages/board/BoardPage')],
  ['/m/:mallId/complaint', () => import('./pages/survey/ComplaintPage')],
  ['/ticket/:ticketId', () => import('./pages/ticket/TicketPage')],
  ['/survey/:token', () => import('./pages/survey/SurveyPage')],
  ['/console', () => import('./pages/console/ConsolePage')],
  ['/dashboard', () => import('./pages/dashboard/DashboardPage')],
  ['/admin', () => import('./pages/admin/AdminPage')],
];

function Lazy({ load, params }: { load: PageModule; params: Params }) {
  const [page, setPage] = useState<{ load: PageModule; Page: ComponentType<{ params: Params }> }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    load().then(
      (m) => live && setPage({ load, Page: m.default }),
      (e: unknown) => live && setError(e),
    );
    return () => void (live = false);
  }, [load]);
  if (error) return <ErrorNote error={error} onRetry={() => location.reload()} />;
  if (!page || page.load !== load) return <Loading />;
  return <page.Page params={params} />;
}

function SignInCallback() {
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    completeSignIn(new URLSearchParams(location.search)).then((to) => navigate(to || '/', true), setError);
  }, []);
  return <Layout>{error ? <ErrorNote error={error} /> : <Loading />}</Layout>;
}

function NotFound() {
  const { t } = useT();
  return (
    <Layout>
      <h1>{t('notFound')}</h1>
      <a href="/">{t('home')}</a>
    </Layout>
  );
}

function App() {
  const { path } = useLocation();
  if (path === '/') return <HomePage />;
  if (path === '/signin/callback') return <SignInCallback />;
  for (const [pattern, load] of ROUTES) {
    const params = match(pattern, path);
    if (params) return <Lazy load={load} params={params} />;
  }
  return <NotFound />;
}

document.addEventListener('click', onLinkClick);
render(<App />, document.getElementById('app')!);
