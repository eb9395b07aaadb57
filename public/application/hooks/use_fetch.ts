import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';

export type FetchState<T> =
  | { readonly status: 'loading'; readonly data?: T }
  | { readonly status: 'error'; readonly error: Error; readonly data?: T }
  | { readonly status: 'success'; readonly data: T };

/**
 * Runs one load into `setState`, keeping the last data while it loads or after it fails; an
 * aborted load writes nothing, so a stale answer never overwrites a newer one.
 */
export function runLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  controller: AbortController,
  setState: Dispatch<SetStateAction<FetchState<T>>>
): Promise<unknown> {
  setState((previous) => ({ status: 'loading', data: previous.data }));
  return load(controller.signal)
    .then((data) => !controller.signal.aborted && setState({ status: 'success', data }))
    .catch(
      (error: Error) =>
        !controller.signal.aborted &&
        setState((previous) => ({ status: 'error', error, data: previous.data }))
    );
}

/**
 * Loads `load` now, again when `deps` change and every `refreshMs`; a refresh keeps the last
 * data on screen instead of flashing a spinner, and a stale answer never overwrites a newer one.
 */
export function useFetch<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  refreshMs?: number
): FetchState<T> & { reload: () => void } {
  const [state, setState] = useState<FetchState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    void runLoad(loadRef.current, controller, setState);
    const timer =
      refreshMs === undefined
        ? undefined
        : setTimeout(() => setGeneration((g) => g + 1), refreshMs);
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation, refreshMs]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
