import type { Filing } from '@linli/contract/organizations';
import { useCallback, useEffect, useState } from 'react';

export type FilingsState = {
  items: Filing[];
  isLoading: boolean;
  error: unknown;
  reload: () => void;
};

/** A short, unpaged list of filings (the review queue, one's own filings); nothing is fetched while disabled. */
export function useFilings(
  fetchList: (signal: AbortSignal) => Promise<{ items: Filing[] }>,
  isEnabled: boolean,
): FilingsState {
  const [items, setItems] = useState<Filing[]>([]);
  const [isLoading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    if (!isEnabled) {
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    fetchList(controller.signal).then(
      (list) => {
        setItems(list.items);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(caught);
          setLoading(false);
        }
      },
    );
    return () => controller.abort();
  }, [fetchList, isEnabled, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { items, isLoading, error, reload };
}
