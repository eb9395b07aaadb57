import type { ElasticsearchClient } from '@kbn/core/server';
import type { MetricLine, MetricPanelResponse, PanelRequest } from '../../common/panels';
import { searchOverTime } from './over_time_search';
import { INSTANCE_FIELD, resolvePanelScope } from './panel_scope';

/**
 * How a metric's documents become one value per bucket:
 * - `instance_sum`: a gauge of the service as a whole (bytes in use): the mean of each
 *   instance's samples in the bucket, summed over instances (mean × instances reporting);
 *   split by instance, the instance's mean;
 * - `mean`: a fraction or ratio, averaged over every sample (never summed);
 * - `per_second`: a per-scrape delta (GC cycles since the previous scrape) summed over the
 *   bucket and divided by the bucket's seconds inside the range, so a partial bucket is not low.
 */
export type MetricAggregation = 'instance_sum' | 'mean' | 'per_second';

export interface MetricDefinition {
  /** The line's id in the response and the chart's series id. */
  readonly metric: string;
  readonly field: string;
  readonly aggregation: MetricAggregation;
}

interface Value {
  value: number | null;
}
type TimeBucket = Record<string, unknown> & { key: number; doc_count: number };

function metricAggs(metrics: readonly MetricDefinition[], split: boolean): Record<string, object> {
  const aggs: Record<string, object> = {};
  metrics.forEach((m, i) => {
    aggs[`m${i}`] =
      m.aggregation === 'per_second' ? { sum: { field: m.field } } : { avg: { field: m.field } };
  });
  if (!split && metrics.some((m) => m.aggregation === 'instance_sum')) {
    aggs.reporting = { cardinality: { field: INSTANCE_FIELD } };
  }
  return aggs;
}

function lineValues(
  metric: MetricDefinition,
  index: number,
  buckets: readonly TimeBucket[],
  window: { from: number; to: number; bucketMs: number },
  split: boolean
): Array<[number, number | null]> {
  return buckets.map((bucket) => {
    const at = Number(bucket.key);
    const raw = (bucket[`m${index}`] as Value | undefined)?.value ?? null;
    if (bucket.doc_count === 0 || raw === null) return [at, null];
    if (metric.aggregation === 'per_second') {
      const seconds =
        (Math.min(at + window.bucketMs, window.to) - Math.max(at, window.from)) / 1000;
      return [at, seconds > 0 ? raw / seconds : null];
    }
    if (metric.aggregation === 'instance_sum' && !split) {
      return [at, raw * ((bucket.reporting as Value | undefined)?.value ?? 1)];
    }
    return [at, raw];
  });
}

/** The shared query of the time-series panels: some metrics of one service over time. */
export async function queryMetricSeries(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  metrics: readonly MetricDefinition[],
  signal?: AbortSignal
): Promise<MetricPanelResponse> {
  const scope = await resolvePanelScope(client, request, spaceId, signal);
  const { bucketMs } = scope.plan;
  const { split, limit, aggregations } = await searchOverTime<TimeBucket>(
    client,
    scope,
    request,
    metricAggs(metrics, request.by_instance === true),
    signal
  );
  // A bucket's end is clipped to now as well: the current bucket is still filling.
  const window = { from: request.from, to: Math.min(request.to, Date.now()), bucketMs };
  const lines: MetricLine[] = [];
  if (split) {
    const instances = aggregations?.instances?.buckets ?? [];
    for (const instance of instances) {
      metrics.forEach((metric, i) =>
        lines.push({
          metric: metric.metric,
          instance: String(instance.key),
          points: lineValues(metric, i, instance.over_time.buckets, window, true),
        })
      );
    }
    return { bucket_ms: bucketMs, lines, instances: limit(instances.length) };
  }
  const buckets = aggregations?.over_time?.buckets ?? [];
  if (scope.totalInstances > 0)
    metrics.forEach((metric, i) =>
      lines.push({ metric: metric.metric, points: lineValues(metric, i, buckets, window, false) })
    );
  return { bucket_ms: bucketMs, lines, instances: limit(0) };
}
