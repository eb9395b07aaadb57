import type { ElasticsearchClient } from '@kbn/core/server';
import type { MetricPanelResponse, PanelRequest } from '../../common/panels';
import type { QueryContext } from '../routes/dashboard_routes';
import { queryMetricSeries, type MetricDefinition } from './metric_series';

/**
 * GC cycles per second (from each scrape's NumGC delta, which derive computes per process, so
 * a restart never counts backwards) and the GC CPU fraction (a mean, never a sum).
 */
export const GC_CYCLES_METRICS: readonly MetricDefinition[] = [
  { metric: 'cycles_per_second', field: 'golang.heap.gc.cycles', aggregation: 'per_second' },
  { metric: 'cpu_fraction', field: 'golang.heap.gc.cpu_fraction', aggregation: 'mean' },
];

export function queryGcCyclesPanel(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
): Promise<MetricPanelResponse> {
  return queryMetricSeries(client, request, spaceId, GC_CYCLES_METRICS, signal, context, {
    what: 'GC cycle figures',
  });
}
