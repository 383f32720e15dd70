import { useCallback, useEffect, useRef, useState } from 'react';

export type KeysetPage<T, C> = { items: T[]; nextCursor: C | null };

export type KeysetList<T> = {
  items: T[];
  isLoading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
};

/**
 * A list read page by page with the server's `nextCursor` (keyset pagination: no page numbers,
 * no total). Changing `filters` starts again from the first page; stale answers are dropped.
 */
export function useKeysetList<T, C, F>(
  fetchPage: (filters: F, cursor: C | undefined, signal: AbortSignal) => Promise<KeysetPage<T, C>>,
  filters: F,
): KeysetList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<C | null>(null);
  const [isLoading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const controllerRef = useRef<AbortController | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const filtersKey = JSON.stringify(filters);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const load = useCallback((from: C | undefined, append: boolean) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setLoading(true);
    setError(null);
    fetchRef.current(filtersRef.current, from, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) {
          return;
        }
        setItems((current) => (append ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (caught: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        setError(caught);
        setLoading(false);
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: filtersKey and generation are the triggers; the values are read through refs
  useEffect(() => {
    load(undefined, false);
    return () => controllerRef.current?.abort();
  }, [filtersKey, generation, load]);

  const loadMore = useCallback(() => {
    if (cursor !== null) {
      load(cursor, true);
    }
  }, [cursor, load]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return { items, isLoading, error, hasMore: cursor !== null, loadMore, reload };
}
