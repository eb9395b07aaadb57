import type { ElasticsearchClient } from '@kbn/core/server';
import type { MetricPanelResponse, PanelRequest } from '../../common/panels';
import type { QueryContext } from '../routes/dashboard_routes';
import { queryMetricSeries, type MetricDefinition } from './metric_series';

/** Memory outside the heap: stacks, GC metadata, the profiling bucket hash, the rest. */
export const STACK_OTHER_METRICS: readonly MetricDefinition[] = [
  { metric: 'stack_in_use', field: 'golang.heap.stack.inuse', aggregation: 'instance_sum' },
  { metric: 'stack_obtained', field: 'golang.heap.system.stack', aggregation: 'instance_sum' },
  { metric: 'gc_metadata', field: 'golang.heap.system.gc_metadata', aggregation: 'instance_sum' },
  { metric: 'buck_hash', field: 'golang.heap.system.buck_hash', aggregation: 'instance_sum' },
  { metric: 'other', field: 'golang.heap.system.other', aggregation: 'instance_sum' },
];

export function queryStackOtherPanel(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
): Promise<MetricPanelResponse> {
  return queryMetricSeries(client, request, spaceId, STACK_OTHER_METRICS, signal, context, {
    what: 'stack or other off-heap memory figures',
  });
}
