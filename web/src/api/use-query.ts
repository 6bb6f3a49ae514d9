// The one way pages load data: `useQuery(key, load)`. It runs `load` when the key changes (or on
// `reload()`), cancels the request it replaces (AbortController), and lets only the newest
// request write its answer: a slow answer for old filters never overwrites a newer one, and a
// page that was left never gets a late answer. `key` names what is loaded (usually the request's
// path and query); `null` loads nothing (a page the member may not open).
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from './client.js';
import type { Page } from './types.js';

export interface Query<T> {
  /** The answer for the current key (`undefined` while the first answer for it is on its way). */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads the same key again (after a change made elsewhere). */
  reload(): void;
  /** Replaces the data locally, e.g. with what a write answered. */
  set(update: T | ((previous: T | undefined) => T)): void;
}

interface State<T> {
  key: string | null;
  data?: T | undefined;
  error?: unknown;
  loading: boolean;
}

export function useQuery<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  options: { keepPrevious?: boolean } = {},
): Query<T> {
  const keepPrevious = options.keepPrevious ?? false;
  const [state, setState] = useState<State<T>>({ key, loading: key !== null });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  const ticket = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger (reload() bumps it).
  useEffect(() => {
    const mine = ++ticket.current;
    if (key === null) {
      setState({ key, loading: false });
      return undefined;
    }
    const controller = new AbortController();
    setState((s) => ({ key, data: s.key === key || keepPrevious ? s.data : undefined, loading: true }));
    latest.current(controller.signal).then(
      (data) => {
        if (ticket.current === mine) setState({ key, data, loading: false });
      },
      (error: unknown) => {
        if (ticket.current === mine && !isAbort(error))
          setState((s) => ({ key, data: s.key === key ? s.data : undefined, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, generation, keepPrevious]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((update: T | ((previous: T | undefined) => T)) => {
    setState((s) => ({ ...s, data: typeof update === 'function' ? (update as (p: T | undefined) => T)(s.data) : update }));
  }, []);
  // Until the effect has run for a new key, the old key's data is not this key's answer.
  const current = state.key === key;
  return {
    data: current || keepPrevious ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: key !== null && (!current || state.loading),
    reload,
    set,
  };
}

/**
 * A cursor-paged list ({items, nextCursor}) on top of useQuery: the first page reloads when the key
 * (path and filters) changes, keeping the old rows on screen meanwhile; "Load more" appends the next
 * page unless the list was reloaded while it was on its way (then that page belongs to the old list).
 */
export function usePagedList<T>(key: string | null, loadPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>) {
  const epoch = useRef<AbortController | undefined>(undefined);
  const latest = useRef(loadPage);
  latest.current = loadPage;
  const query = useQuery<Page<T>>(
    key,
    (signal) => {
      epoch.current?.abort();
      epoch.current = new AbortController();
      return latest.current(undefined, signal);
    },
    { keepPrevious: true },
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();

  const loadMore = useCallback(async () => {
    const cursor = query.data?.nextCursor;
    const mine = epoch.current;
    if (!cursor || !mine || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await latest.current(cursor, mine.signal);
      if (epoch.current !== mine) return;
      query.set((prev) => ({ items: [...(prev?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (err) {
      if (!isAbort(err) && epoch.current === mine) setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }, [query, loadingMore]);

  return {
    items: query.data?.items,
    next: query.data?.nextCursor ?? null,
    loading: query.loading,
    error: query.error ?? moreError,
    loadMore,
    loadingMore,
    reload: query.reload,
  };
}
