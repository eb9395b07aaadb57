import { useEffect, useRef, useState } from 'react';
import { runLoad } from './use_fetch';
import type { FetchState } from './use_fetch';

/**
 * Loads when `deps` change (cancelling a load in flight: the user asked for something else)
 * and again at each `refreshKey`, but a refresh never cancels a load in flight: it waits for
 * it and then loads once more. On a slow cluster a refresh interval shorter than the query
 * would otherwise cancel every answer before it arrives, and the panel would never draw.
 */
export function useRefreshingFetch<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  refreshKey: unknown
): FetchState<T> {
  const [state, setState] = useState<FetchState<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const inFlight = useRef<AbortController | undefined>(undefined);
  const pending = useRef(false);
  const mounted = useRef(true);

  const start = () => {
    const controller = new AbortController();
    inFlight.current = controller;
    void runLoad(loadRef.current, controller, setState).finally(() => {
      if (inFlight.current !== controller) return;
      inFlight.current = undefined;
      if (pending.current && mounted.current && !controller.signal.aborted) {
        pending.current = false;
        start();
      }
    });
  };

  useEffect(() => {
    mounted.current = true;
    inFlight.current?.abort();
    pending.current = false;
    start();
    return () => {
      inFlight.current?.abort();
      inFlight.current = undefined;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (inFlight.current !== undefined) pending.current = true;
    else start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);

  useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  return state;
}
