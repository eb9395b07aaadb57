import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import type { ServiceInstancesResponse, ServiceRequest } from '../../common/panels';
import type { Bucket, Buckets, MetricValue } from './aggregation_results';
import { INSTANCE_FIELD, selectionFilter } from './panel_scope';
import { aggregationSearch } from './aggregation_search';

/** The instance picker lists at most this many; the response says when there are more. */
export const MAX_LISTED_INSTANCES = 1_000;

/** The instances of one service that reported in the range, by name. */
export async function queryServiceInstances(
  client: ElasticsearchClient,
  request: ServiceRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<ServiceInstancesResponse> {
  const response = await aggregationSearch<{
    instances: Buckets<Bucket & { readonly last: MetricValue }>;
  }>(
    client,
    {
      index: dataStreamPattern(HEAP_DATASET),
      filter: selectionFilter({ ...request, instances: [] }, spaceId),
      aggs: {
        instances: {
          terms: { field: INSTANCE_FIELD, size: MAX_LISTED_INSTANCES + 1, order: { _key: 'asc' } },
          aggs: { last: { max: { field: '@timestamp' } } },
        },
      },
    },
    signal
  );
  const buckets = response.aggregations?.instances.buckets ?? [];
  return {
    instances: buckets.slice(0, MAX_LISTED_INSTANCES).map((b) => ({
      name: String(b.key),
      last_sample_at: b.last.value ?? 0,
      documents: b.doc_count,
      source: 'go_runtime' as const,
    })),
    limited: buckets.length > MAX_LISTED_INSTANCES,
  };
}
