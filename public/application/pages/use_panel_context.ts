import { useMemo } from 'react';
import { useRefreshingFetch } from '../hooks/use_refreshing_fetch';
import type { DashboardPageProps } from './service_page';

/**
 * What every panel of a dashboard page is given: the page's range and refresh, and the
 * restarts of the instances shown, which the charts mark.
 */
export function usePanelContext(
  props: DashboardPageProps,
  serviceName: string,
  instances: readonly string[]
) {
  const { api, range, rangeKey, refreshKey, selectRange } = props;
  const restarts = useRefreshingFetch(
    (signal) =>
      api.restarts({ ...range, service_name: serviceName, instances: [...instances] }, signal),
    [rangeKey, serviceName, instances.join('\u0000')],
    refreshKey
  );
  return useMemo(
    () => ({
      api,
      range,
      rangeKey,
      refreshKey,
      selectRange,
      restarts: restarts.data?.restarts ?? [],
    }),
    [api, range, rangeKey, refreshKey, selectRange, restarts.data]
  );
}
