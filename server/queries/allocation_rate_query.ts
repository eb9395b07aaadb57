import type { ElasticsearchClient } from '@kbn/core/server';
import type { MetricPanelResponse, PanelRequest } from '../../common/panels';
import type { QueryContext } from '../routes/dashboard_routes';
import { queryMetricSeries, type MetricDefinition } from './metric_series';

/**
 * Allocation in bytes/s and objects/s, and live objects. The rates are the TotalAlloc and
 * Mallocs deltas that derive computed per process between two scrapes of the same process:
 * a scrape after a restart (counters back at zero) has no rate, so a counter reset yields
 * neither a negative nor a huge rate. Live objects are HeapObjects (= Mallocs − Frees).
 */
export const ALLOCATION_RATE_METRICS: readonly MetricDefinition[] = [
  {
    metric: 'bytes_per_second',
    field: 'golang.heap.allocations.rate.bytes_per_second',
    aggregation: 'instance_sum',
  },
  {
    metric: 'objects_per_second',
    field: 'golang.heap.allocations.rate.objects_per_second',
    aggregation: 'instance_sum',
  },
  { metric: 'live_objects', field: 'golang.heap.allocations.objects', aggregation: 'instance_sum' },
];

export function queryAllocationRatePanel(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
): Promise<MetricPanelResponse> {
  return queryMetricSeries(client, request, spaceId, ALLOCATION_RATE_METRICS, signal, context, {
    what: 'allocation figures',
  });
}
