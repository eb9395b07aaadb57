import type { ElasticsearchClient } from '@kbn/core/server';
import type { InstanceLimit, PanelRequest } from '../../common/panels';
import type { SplitOverTime } from './aggregation_results';
import { dateHistogram } from './bucketing';
import { INSTANCE_FIELD, instanceLines, type PanelScope } from './panel_scope';
import { aggregationSearch } from './aggregation_search';

/**
 * The search of the time-series panels: `bucketAggs` per time bucket, over all selected
 * instances together or, when the request splits by instance, per instance (as many as the
 * panel's line budget allows, by name). `limit` says how many instances the answer shows.
 */
export async function searchOverTime<TBucket>(
  client: ElasticsearchClient,
  scope: PanelScope,
  request: PanelRequest,
  bucketAggs: Record<string, object>,
  signal?: AbortSignal
): Promise<{
  split: boolean;
  limit: (shown: number) => InstanceLimit;
  aggregations: SplitOverTime<TBucket> | undefined;
}> {
  const split = request.by_instance === true;
  const { size, limit } = instanceLines(scope, split);
  const overTime = {
    date_histogram: dateHistogram(request.from, request.to, scope.plan.bucketMs),
    aggs: bucketAggs,
  };
  const response = await aggregationSearch<SplitOverTime<TBucket>>(
    client,
    {
      index: scope.index,
      filter: scope.filter,
      aggs: split
        ? {
            instances: {
              terms: { field: INSTANCE_FIELD, size, order: { _key: 'asc' } },
              aggs: { over_time: overTime },
            },
          }
        : { over_time: overTime },
    },
    signal
  );
  return { split, limit, aggregations: response.aggregations };
}
