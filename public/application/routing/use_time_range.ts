import { useCallback, useEffect, useMemo, useState } from 'react';
import { useHistory, useLocation } from 'react-router-dom';
import { parseTimeRange, resolveTimeRange, withTimeRange, type TimeRangeState } from './time_range';

/**
 * The page's time range from the URL, resolved to absolute instants again at each refresh
 * (so `now-1h` moves with the clock), and its setters, which write the URL (a new history
 * entry, so back returns to the previous range).
 */
export function useTimeRange() {
  const location = useLocation();
  const history = useHistory();
  const state = useMemo(() => parseTimeRange(location.search), [location.search]);
  const [tick, setTick] = useState(0);
  // A refresh bumps `tick` so that a relative range (now-15m) resolves against a new now.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const resolved = useMemo(() => resolveTimeRange(state), [state, tick]);

  useEffect(() => {
    if (state.refreshPaused) return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), state.refreshInterval);
    return () => clearInterval(timer);
  }, [state.refreshPaused, state.refreshInterval]);

  const setTimeRange = useCallback(
    (next: Partial<TimeRangeState>) =>
      history.push({ pathname: location.pathname, search: withTimeRange(location.search, next) }),
    [history, location.pathname, location.search]
  );
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  // What the user chose (a change cancels loads in flight) and the refresh count (which does not).
  const rangeKey = `${state.rangeFrom}|${state.rangeTo}`;
  return { state, resolved, rangeKey, refreshKey: tick, setTimeRange, refresh };
}
