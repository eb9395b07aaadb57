import type { ElasticsearchClient } from '@kbn/core/server';
import type { MetricPanelResponse, PanelRequest } from '../../common/panels';
import type { QueryContext } from '../routes/dashboard_routes';
import { queryMetricSeries, type MetricDefinition } from './metric_series';

/** The heap panel: MemStats HeapAlloc, HeapInuse, HeapIdle, HeapReleased, Sys and NextGC. */
export const HEAP_METRICS: readonly MetricDefinition[] = [
  { metric: 'allocated', field: 'golang.heap.allocations.allocated', aggregation: 'instance_sum' },
  { metric: 'in_use', field: 'golang.heap.allocations.active', aggregation: 'instance_sum' },
  { metric: 'idle', field: 'golang.heap.allocations.idle', aggregation: 'instance_sum' },
  { metric: 'released', field: 'golang.heap.system.released', aggregation: 'instance_sum' },
  { metric: 'obtained', field: 'golang.heap.system.total', aggregation: 'instance_sum' },
  { metric: 'gc_target', field: 'golang.heap.gc.next_gc_limit', aggregation: 'instance_sum' },
];

export function queryHeapPanel(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
): Promise<MetricPanelResponse> {
  return queryMetricSeries(client, request, spaceId, HEAP_METRICS, signal, context, {
    what: 'heap figures',
  });
}
