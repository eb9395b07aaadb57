import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../../common/data_streams';
import type { HeapLowPoints, HeapLowPointsRequest, HeapLowPointsResponse } from './rule_queries';
import type { MetricValue } from '../../queries/aggregation_results';
import { aggregationSearch } from '../../queries/aggregation_search';
import type { Measure } from '../../../common/sources';
import type { SourceReader } from '../../sources/source_readers';
import { ruleFilters } from './rule_filters';
import { alertIdOf } from '../shared/alert_id';
import type { RuleGroup } from './rule_queries';
import {
  groupAggs,
  groupBuckets,
  identityGroupAggs,
  identityGroupBuckets,
  type ServicesAggregation,
} from './rule_groups';
import {
  eachSource,
  externalAggregationSearch,
  externalRuleFilters,
  isExternal,
  type ExternalReader,
  type SourceFailure,
} from './rule_sources';

const HEAP_IN_USE: Measure = 'golang.heap.allocations.allocated';
const HEAP_IN_USE_FIELD = HEAP_IN_USE;
/** GC cycles since the process started: what another source says instead of cycles per scrape. */
const GC_TOTAL: Measure = 'golang.heap.gc.total_count';
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
  const { bucketMs } = await ownPace(client, filter, request, signal);
  const response = await aggregationSearch<ServicesAggregation<OverTime>>(
    client,
    {
      index: dataStreamPattern(HEAP_DATASET),
      filter,
      aggs: groupAggs(request.groupBy, LIMITS, overTimeAggs(bucketMs, HEAP_IN_USE_FIELD)),
    },
    signal
  );
  return lowPointsOf(response.aggregations?.services, request, bucketMs);
}

/** The sources that can feed the heap-growth rule: those that report the heap in use. */
export function sourcesOfHeapInUse(readers: readonly SourceReader[]): SourceReader[] {
  return readers.filter((reader) => reader.field(HEAP_IN_USE) !== undefined);
}

/**
 * queryRuleHeapLowPoints on every source that reports the heap in use; an external source's
 * groups carry its id. A source that fails is in `failures`, the others' groups stand.
 */
export async function queryRuleHeapLowPointsAcrossSources(
  client: ElasticsearchClient,
  readers: readonly SourceReader[],
  request: HeapLowPointsRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<HeapLowPointsResponse & { failures: SourceFailure[] }> {
  const { answers, failures } = await eachSource(
    sourcesOfHeapInUse(readers),
    (reader) =>
      isExternal(reader)
        ? queryExternalHeapLowPoints(client, reader, request, signal)
        : queryRuleHeapLowPoints(client, request, spaceId, signal),
    signal
  );
  return {
    groups: answers.flatMap(({ answer }) => answer.groups),
    truncated: answers.some(({ answer }) => answer.truncated),
    failures,
  };
}

async function queryExternalHeapLowPoints(
  client: ElasticsearchClient,
  reader: ExternalReader,
  request: HeapLowPointsRequest,
  signal?: AbortSignal
): Promise<HeapLowPointsResponse> {
  const field = reader.field(HEAP_IN_USE);
  if (field === undefined) return { groups: [], truncated: false };
  const filter = externalRuleFilters(reader, request, request.serviceNames, field);
  const { bucketMs } = await externalPace(client, reader, filter, request, signal);
  // Per instance always (another source's numbers are per process); a service's low point per
  // bucket is the lowest of its instances', as one aggregation over its documents gives it.
  const response = await externalAggregationSearch<Record<string, unknown>>(
    client,
    reader,
    { filter, aggs: identityGroupAggs(reader, LIMITS, overTimeAggs(bucketMs, field)) },
    signal
  );
  const read = identityGroupBuckets<OverTime>(reader, response.aggregations);
  const merged = new Map<string, { group: RuleGroup; lows: Map<number, number> }>();
  for (const { group, bucket } of read.groups) {
    const grouped: RuleGroup =
      request.groupBy === 'service'
        ? { service: group.service, source: reader.id }
        : { ...group, source: reader.id };
    const key = alertIdOf(grouped);
    const entry = merged.get(key) ?? { group: grouped, lows: new Map<number, number>() };
    for (const time of bucket.over_time.buckets)
      if (time.low.value !== null)
        entry.lows.set(time.key, Math.min(entry.lows.get(time.key) ?? Infinity, time.low.value));
    merged.set(key, entry);
  }
  return {
    groups: [...merged.values()].map(({ group, lows }) => ({
      ...group,
      points: wholeBuckets(
        [...lows.entries()].sort(([a], [b]) => a - b).map(([atMs, bytes]) => ({ atMs, bytes })),
        bucketMs,
        request.fromMs,
        request.toMs
      ),
    })),
    truncated: read.truncated,
  };
}

/**
 * The other products report the GC count since start, not per scrape: per instance, the count's
 * rise over the window (last minus first; a restart only makes it smaller, so the bucket is at
 * worst wider than it needs to be). Their period is `metricset.period` where documents carry it
 * (Metricbeat), else the source's default.
 */
async function externalPace(
  client: ElasticsearchClient,
  reader: ExternalReader,
  filter: readonly object[],
  request: HeapLowPointsRequest,
  signal?: AbortSignal
): Promise<{ bucketMs: number }> {
  const total = reader.field(GC_TOTAL);
  const pace = await externalAggregationSearch<Record<string, unknown> & { period?: MetricValue }>(
    client,
    reader,
    {
      filter,
      trackTotalHits: true,
      aggs: {
        period: { avg: { field: 'metricset.period' } },
        ...(total === undefined
          ? {}
          : identityGroupAggs(reader, LIMITS, {
              hi: { max: { field: total } },
              lo: { min: { field: total } },
            })),
      },
    },
    signal
  );
  const docs = typeof pace.hits.total === 'number' ? pace.hits.total : pace.hits.total?.value ?? 0;
  const periodMs = pace.aggregations?.period?.value ?? reader.defaultPeriodMs;
  const cycles =
    total === undefined
      ? 0
      : identityGroupBuckets<{ hi: MetricValue; lo: MetricValue }>(
          reader,
          pace.aggregations
        ).groups.reduce(
          (sum, { bucket }) => sum + Math.max(0, (bucket.hi.value ?? 0) - (bucket.lo.value ?? 0)),
          0
        );
  const meanGcCycleMs = cycles > 0 ? (docs * periodMs) / cycles : periodMs;
  return {
    bucketMs: lowPointBucketMs(request.toMs - request.fromMs, meanGcCycleMs, periodMs),
  };
}

async function ownPace(
  client: ElasticsearchClient,
  filter: readonly object[],
  request: HeapLowPointsRequest,
  signal?: AbortSignal
): Promise<{ bucketMs: number }> {
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
  return {
    bucketMs: lowPointBucketMs(request.toMs - request.fromMs, meanGcCycleMs, periodMs),
  };
}

function overTimeAggs(bucketMs: number, field: string): Record<string, object> {
  return {
    over_time: {
      date_histogram: { field: '@timestamp', fixed_interval: `${bucketMs}ms`, min_doc_count: 1 },
      aggs: { low: { min: { field } } },
    },
  };
}

function lowPointsOf(
  services: Parameters<typeof groupBuckets<OverTime>>[0],
  request: HeapLowPointsRequest,
  bucketMs: number
): HeapLowPointsResponse {
  const read = groupBuckets(services, request.groupBy);
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
