import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../../common/data_streams';
import type { HeapLowPoints, HeapLowPointsRequest, HeapLowPointsResponse } from './rule_queries';
import type { MetricValue } from '../../queries/aggregation_results';
import { aggregationSearch } from '../../queries/aggregation_search';
import { ruleFilters } from './rule_filters';
import { groupAggs, groupBuckets, type ServicesAggregation } from './rule_groups';

const HEAP_IN_USE_FIELD = 'golang.heap.allocations.allocated';
/** Points per group at most; with the group caps below, under Elasticsearch's search.max_buckets. */
export const LOW_POINT_BUCKETS = 40;
/** GC cycles a bucket spans at least, so that some scrape in it fell soon after a GC. */
const CYCLES_PER_BUCKET = 5;
/** Scrapes a bucket spans at least. */
const SCRAPES_PER_BUCKET = 3;
/** A bucket is at most this fraction of the window, so a fit has points (see judgeGrowth's MIN_POINTS). */
const MAX_BUCKET_FRACTION = 8;

/**
 * A bucket's minimum is near the live heap only if some scrape in it came soon after a GC:
 * with a GC every minute and a scrape every 10 s, a one-minute bucket's lowest sample can
 * sit anywhere on the way up. So buckets span several GC cycles and several scrapes.
 */
export function lowPointBucketMs(
  windowMs: number,
  meanGcCycleMs: number,
  periodMs: number
): number {
  const wanted = Math.max(
    windowMs / LOW_POINT_BUCKETS,
    CYCLES_PER_BUCKET * meanGcCycleMs,
    SCRAPES_PER_BUCKET * periodMs,
    1_000
  );
  // A process that rarely collects still gets enough points to fit; they are just less exact.
  const capped = Math.min(wanted, windowMs / MAX_BUCKET_FRACTION);
  return Math.max(1_000, Math.ceil(capped / 1_000) * 1_000);
}

/** Buckets cut by the window's edges hold fewer scrapes, so their minimum sits higher: they are left out. */
export function wholeBuckets<T extends { atMs: number }>(
  points: readonly T[],
  bucketMs: number,
  fromMs: number,
  toMs: number
): T[] {
  return points.filter((point) => point.atMs >= fromMs && point.atMs + bucketMs <= toMs);
}
const LIMITS = { services: 200, instancesPerService: 200 };

interface TimeBucket {
  key: number;
  doc_count: number;
  low: { value: number | null };
}
interface OverTime {
  over_time: { buckets: TimeBucket[] };
}

/**
 * Heap in use sampled at each scrape is a sawtooth: it climbs with allocation and drops at
 * each GC to what is still live. The lowest sample of each time bucket approximates the
 * after-GC low point, the live heap, which is what a leak makes grow.
 */
export async function queryRuleHeapLowPoints(
  client: ElasticsearchClient,
  request: HeapLowPointsRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<HeapLowPointsResponse> {
  const filter = ruleFilters(request.fromMs, request.toMs, spaceId, request.serviceNames);
  const pace = await aggregationSearch<{ period: MetricValue; cycles: MetricValue }>(
    client,
    {
      index: dataStreamPattern(HEAP_DATASET),
      filter,
      trackTotalHits: true,
      aggs: {
        cycles: { sum: { field: 'golang.heap.gc.cycles' } },
        period: { avg: { field: 'metricset.period' } },
      },
    },
    signal
  );
  const docs = typeof pace.hits.total === 'number' ? pace.hits.total : pace.hits.total?.value ?? 0;
  const periodMs = pace.aggregations?.period.value ?? 10_000;
  const cycles = pace.aggregations?.cycles.value ?? 0;
  // Documents × period is the observed time summed over the groups; over the cycles, the mean GC cycle.
  const meanGcCycleMs = cycles > 0 ? (docs * periodMs) / cycles : periodMs;
  const bucketMs = lowPointBucketMs(request.toMs - request.fromMs, meanGcCycleMs, periodMs);
  const overTime = {
    over_time: {
      date_histogram: { field: '@timestamp', fixed_interval: `${bucketMs}ms`, min_doc_count: 1 },
      aggs: { low: { min: { field: HEAP_IN_USE_FIELD } } },
    },
  };
  const response = await aggregationSearch<ServicesAggregation<OverTime>>(
    client,
    {
      index: dataStreamPattern(HEAP_DATASET),
      filter,
      aggs: groupAggs(request.groupBy, LIMITS, overTime),
    },
    signal
  );
  const read = groupBuckets(response.aggregations?.services, request.groupBy);
  const points = (bucket: OverTime) =>
    wholeBuckets(
      bucket.over_time.buckets.flatMap((time) =>
        time.low.value === null ? [] : [{ atMs: time.key, bytes: time.low.value }]
      ),
      bucketMs,
      request.fromMs,
      request.toMs
    );
  const groups: HeapLowPoints[] = read.groups.map(({ group, bucket }) => ({
    ...group,
    points: points(bucket),
  }));
  return { groups, truncated: read.truncated };
}
