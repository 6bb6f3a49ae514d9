// A small history router: the app has a dozen pages and needs paths, query strings, links that
// behave like links (middle-click, Ctrl-click) and a `next` after sign-in. No dependency for that.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  window.addEventListener('popstate', l);
  return () => {
    listeners.delete(l);
    window.removeEventListener('popstate', l);
  };
};
const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

export interface Location {
  path: string;
  query: URLSearchParams;
  /** path + query, for `next` after sign-in. */
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname.replace(/\/+$/, '') || '/', query: url.searchParams, href };
}

/** `/users/:userId` against `/users/usr_1` → `{ userId: 'usr_1' }`; no match → undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const a = path.split('/');
  if (p.length !== a.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(a[i]!);
    else if (seg !== a[i]) return undefined;
  }
  return params;
}

/**
 * Only same-origin relative paths are followed after sign-in: `next=https://evil.example` or
 * `//evil.example` would turn the sign-in page into an open redirect.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/** A full page load is under way: the page is being left, nothing else may navigate. */
let leaving = false;
// Back to this page from the browser's back-forward cache: it is ours again.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) leaving = false;
});

/**
 * Paths handled by the server (OpenID Connect) need a full page load, not a client-side route.
 * Once one has started, later calls are ignored: a second load of an OpenID Connect interaction
 * (the sign-in page going on to `next`, and the signed-in shell forwarding there too) cancels the
 * first in the browser after the server may have completed it, and then finds it consumed.
 */
export function goTo(to: string) {
  if (leaving) return;
  if (to.startsWith('/oidc/')) {
    leaving = true;
    window.location.assign(to);
  } else navigate(to, { replace: true });
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
