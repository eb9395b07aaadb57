import type { ElasticsearchClient } from '@kbn/core/server';
import type { MetricPanelResponse, PanelRequest } from '../../common/panels';
import type { QueryContext } from '../routes/dashboard_routes';
import { queryMetricSeries, type MetricDefinition } from './metric_series';

/**
 * The goroutines panel: the APM Go agent's `golang.goroutines` gauge (runtime.NumGoroutine).
 * The plugin's own scrapes (MemStats) have no goroutine count; the profile pages' goroutine
 * profiles are another thing (stacks, not a count over time).
 */
export const GOROUTINES_METRICS: readonly MetricDefinition[] = [
  { metric: 'goroutines', field: 'golang.goroutines', aggregation: 'instance_sum' },
];

export function queryGoroutinesPanel(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
): Promise<MetricPanelResponse> {
  return queryMetricSeries(client, request, spaceId, GOROUTINES_METRICS, signal, context, {
    what: 'goroutine count',
  });
}
