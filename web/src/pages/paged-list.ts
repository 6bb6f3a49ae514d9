// A cursor-paged list from the API ({items, nextCursor}): reloads when its path (with the filters
// in the query) changes, cancelling the request for the old filters, and "Load more" appends the
// next page. (useAction alone would drop a reload while an older one is still running.)
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Page } from '../api.js';
import { useAction } from '../components/ui.js';

export function usePagedList<T>(path: string | null) {
  const [items, setItems] = useState<T[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  const current = useRef(path);
  current.current = path;

  useEffect(() => {
    if (!path) return;
    const ctl = new AbortController();
    setError(undefined);
    setLoading(true);
    api.get<Page<T>>(path, { signal: ctl.signal }).then(
      (page) => {
        setItems(page.items);
        setNext(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setError(err);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [path, generation]);

  const more = useAction(async () => {
    if (!path || !next) return;
    const page = await api.get<Page<T>>(`${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}`);
    // The filters changed while this page was on its way: it belongs to the old list.
    if (current.current !== path) return;
    setItems((prev) => [...(prev ?? []), ...page.items]);
    setNext(page.nextCursor);
  });

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { items, next, loading, error: error ?? more.error, loadMore: more.run, loadingMore: more.busy, reload };
}
