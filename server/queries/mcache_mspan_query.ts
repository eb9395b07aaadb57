import type { ElasticsearchClient } from '@kbn/core/server';
import type { MetricPanelResponse, PanelRequest } from '../../common/panels';
import type { QueryContext } from '../routes/dashboard_routes';
import { queryMetricSeries, type MetricDefinition } from './metric_series';

/** The runtime's span and per-P cache structures: MSpanInuse/Sys and MCacheInuse/Sys. */
export const MCACHE_MSPAN_METRICS: readonly MetricDefinition[] = [
  { metric: 'mspan_in_use', field: 'golang.heap.mspan.allocated', aggregation: 'instance_sum' },
  { metric: 'mspan_obtained', field: 'golang.heap.mspan.obtained', aggregation: 'instance_sum' },
  { metric: 'mcache_in_use', field: 'golang.heap.mcache.allocated', aggregation: 'instance_sum' },
  { metric: 'mcache_obtained', field: 'golang.heap.mcache.obtained', aggregation: 'instance_sum' },
];

export function queryMcacheMspanPanel(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
): Promise<MetricPanelResponse> {
  return queryMetricSeries(client, request, spaceId, MCACHE_MSPAN_METRICS, signal, context, {
    what: 'mcache or mspan sizes',
  });
}
