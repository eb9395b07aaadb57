import type { ElasticsearchClient } from '@kbn/core/server';
import type { GcPausesResponse, PanelRequest, PauseBucket, PauseLine } from '../../common/panels';
import { searchOverTime } from './over_time_search';
import type { QueryContext } from '../routes/dashboard_routes';
import { queryGcPausesAcrossSources } from './gc_pauses_external';
import { resolvePanelScope, type PanelScope } from './panel_scope';
import { otherSources } from './source_search';

export const PAUSE_DURATIONS_FIELD = 'golang.heap.gc.pause.durations.ns';
/**
 * Percentiles of the exact pause durations with an HDR histogram at 3 significant digits: a
 * reported percentile is the recorded duration at that rank, rounded up by at most 0.1 %
 * (HdrHistogram's "highest equivalent value"). T-Digest would be cheaper but its error depends
 * on the distribution and the bucket's size; pauses are non-negative integers, which is all HDR
 * needs. The max is exact (a `max` of each scrape's longest pause).
 */
export const PAUSE_PERCENTILES: {
  percents: number[];
  hdr: { number_of_significant_value_digits: number };
} = {
  percents: [50, 95, 99],
  hdr: { number_of_significant_value_digits: 3 },
};

interface TimeBucket {
  key: number;
  doc_count: number;
  percentiles: { values: Record<string, number | null> };
  max: { value: number | null };
  pauses: { value: number | null };
  missed: { value: number | null };
}

const bucketAggs = {
  percentiles: { percentiles: { field: PAUSE_DURATIONS_FIELD, ...PAUSE_PERCENTILES } },
  max: { max: { field: 'golang.heap.gc.pause.max.ns' } },
  pauses: { sum: { field: 'golang.heap.gc.pause.count' } },
  missed: { sum: { field: 'golang.heap.gc.pause.missed' } },
};

function percentile(bucket: TimeBucket, p: number): number | null {
  const value = bucket.percentiles.values[`${p}.0`];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function toPauseBuckets(buckets: readonly TimeBucket[]): PauseBucket[] {
  return buckets.map((bucket) => {
    const pauses = bucket.pauses.value ?? 0;
    return {
      at: Number(bucket.key),
      p50: pauses > 0 ? percentile(bucket, 50) : null,
      p95: pauses > 0 ? percentile(bucket, 95) : null,
      p99: pauses > 0 ? percentile(bucket, 99) : null,
      max: pauses > 0 ? bucket.max.value : null,
      pauses,
      missed: bucket.missed.value ?? 0,
    };
  });
}

/**
 * GC pauses per bucket across the selected instances: p50/p95/p99 over every recorded pause
 * (not averages of averages), the longest, how many, and how many GCs were missed.
 */
export async function queryGcPausesPanel(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
): Promise<GcPausesResponse> {
  const ofScope = (scope: PanelScope) => gcPausesOfScope(client, scope, request, signal);
  if (context !== undefined && otherSources(context).length > 0)
    return queryGcPausesAcrossSources(client, request, spaceId, signal, context, ofScope);
  return ofScope(await resolvePanelScope(client, request, spaceId, signal));
}

/** The plugin's own pauses in a resolved scope (the bucket plan may be shared with other sources). */
async function gcPausesOfScope(
  client: ElasticsearchClient,
  scope: PanelScope,
  request: PanelRequest,
  signal?: AbortSignal
): Promise<GcPausesResponse> {
  const { split, limit, aggregations } = await searchOverTime<TimeBucket>(
    client,
    scope,
    request,
    bucketAggs,
    signal
  );
  if (split) {
    const instances = aggregations?.instances?.buckets ?? [];
    const lines: PauseLine[] = instances.map((instance) => ({
      instance: String(instance.key),
      buckets: toPauseBuckets(instance.over_time.buckets),
    }));
    return { bucket_ms: scope.plan.bucketMs, lines, instances: limit(lines.length) };
  }
  const buckets = aggregations?.over_time?.buckets ?? [];
  return {
    bucket_ms: scope.plan.bucketMs,
    lines: scope.totalInstances > 0 ? [{ buckets: toPauseBuckets(buckets) }] : [],
    instances: limit(0),
  };
}
