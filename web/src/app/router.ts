import { useEffect, useState } from 'preact/hooks';
export { match } from './paths';

/** A tiny history router: pages are plain paths (the gateway serves index.html for each). */
const listeners = new Set<() => void>();
addEventListener('popstate', () => listeners.forEach((l) => l()));

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
  scrollTo(0, 0);
}

export function useLocation(): { path: string; search: URLSearchParams } {
  const [, tick] = useState(0);
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return { path: location.pathname, search: new URLSearchParams(location.search) };
}

/** Same-page navigation for links inside the app (a normal link otherwise: new tab, modifiers). */
export function onLinkClick(event: MouseEvent): void {
  const a = (event.target as HTMLElement).closest('a');
  if (!a || a.target || a.hasAttribute('download') || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/oidc/') || url.pathname.startsWith('/docs')) return;
  // A link within this page (`#main`, a table of contents): the browser scrolls and moves focus.
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
