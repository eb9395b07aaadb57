import type { ElasticsearchClient } from '@kbn/core/server';
import {
  MAX_GOROUTINE_GROUP_ROWS,
  MAX_GOROUTINE_LINES,
  type GoroutineGroupRow,
  type GoroutinesResponse,
  type ProfileRequest,
} from '../../common/profile_pages';
import type { Bucket, Buckets, MetricValue, OverTime, TopHits } from './aggregation_results';
import { aggregationSearch } from './aggregation_search';
import { dateHistogram, planBuckets, searchMaxBuckets } from './bucketing';
import { INSTANCE_FIELD } from './panel_scope';
import { PROFILE_INDEX, endOfRange, profileFilter, type EndDocument } from './profile_scope';

interface StoredGroup {
  readonly count: number;
  readonly top_frame: string;
  readonly function: string;
  readonly file: string;
  readonly line: number;
  readonly frames?: ReadonlyArray<{ function: string }>;
}
interface StoredGoroutines {
  readonly goroutine?: {
    readonly total?: number;
    readonly groups_total?: number;
    readonly groups?: StoredGroup[];
  };
}
type ValueBucket = Bucket<number> & { readonly value: MetricValue };
type InstanceBucket = Bucket & OverTime<ValueBucket>;
interface CountAggs {
  readonly period: MetricValue;
  readonly instances: Buckets<InstanceBucket>;
  readonly instance_count: MetricValue;
  readonly end: TopHits<EndDocument<StoredGoroutines>>;
}

const GROUPS_FIELD = 'go_runtime.profile.goroutine';

/**
 * The Goroutines panel: each instance's goroutine count over time (the reads' `total`, the
 * largest per bucket), and the top stack groups of the last read with their growth since the
 * first read of the same instance in the range.
 */
export async function queryGoroutines(
  client: ElasticsearchClient,
  request: ProfileRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<GoroutinesResponse> {
  const filter = profileFilter(request, spaceId, 'goroutine');
  const [maxBuckets, periods] = await Promise.all([
    searchMaxBuckets(client, signal),
    aggregationSearch<{ period: MetricValue }>(
      client,
      { index: PROFILE_INDEX, filter, aggs: { period: { max: { field: 'metricset.period' } } } },
      signal
    ),
  ]);
  const plan = planBuckets({
    fromMs: request.from,
    toMs: request.to,
    periodMs: periods.aggregations?.period.value ?? 0,
    searchMaxBuckets: maxBuckets,
  });
  const lines = Math.max(1, Math.min(plan.maxLines, MAX_GOROUTINE_LINES));

  const response = await aggregationSearch<CountAggs>(
    client,
    {
      index: PROFILE_INDEX,
      filter,
      aggs: {
        period: { max: { field: 'metricset.period' } },
        instances: {
          terms: { field: INSTANCE_FIELD, size: lines, order: { _key: 'asc' } },
          aggs: {
            over_time: {
              date_histogram: dateHistogram(request.from, request.to, plan.bucketMs),
              aggs: { value: { max: { field: `${GROUPS_FIELD}.total` } } },
            },
          },
        },
        instance_count: { cardinality: { field: INSTANCE_FIELD } },
        end: endOfRange('desc', [GROUPS_FIELD]),
      },
    },
    signal
  );
  const aggs = response.aggregations;
  const instanceBuckets = aggs?.instances.buckets ?? [];
  const base = {
    bucket_ms: plan.bucketMs,
    lines: instanceBuckets.map((instance) => ({
      instance: String(instance.key),
      points: instance.over_time.buckets.map((bucket): [number, number | null] => [
        Number(bucket.key),
        bucket.value.value,
      ]),
    })),
    instances_limited: (aggs?.instance_count.value ?? 0) > instanceBuckets.length,
  };

  const last = aggs?.end.hits.hits[0]?._source;
  const instance = last?.service?.node?.name;
  const lastRead = last?.go_runtime?.profile?.goroutine;
  if (last === undefined || instance === undefined || lastRead === undefined)
    return { ...base, last: null };

  const firstSearch = await aggregationSearch<{
    end: TopHits<EndDocument<StoredGoroutines>>;
  }>(
    client,
    {
      index: PROFILE_INDEX,
      filter: profileFilter(request, spaceId, 'goroutine', instance),
      aggs: { end: endOfRange('asc', [`${GROUPS_FIELD}.groups`]) },
    },
    signal
  );
  const first = firstSearch.aggregations?.end.hits.hits[0]?._source;
  const before = new Map<string, number>();
  for (const group of first?.go_runtime?.profile?.goroutine?.groups ?? [])
    before.set(groupKey(group), (before.get(groupKey(group)) ?? 0) + group.count);

  const groups = (lastRead.groups ?? []).slice(0, MAX_GOROUTINE_GROUP_ROWS).map(
    (group): GoroutineGroupRow => ({
      function: group.function,
      file: group.file,
      line: group.line,
      top_frame: group.top_frame,
      count: group.count,
      growth: group.count - (before.get(groupKey(group)) ?? 0),
      listed_in_first: before.has(groupKey(group)),
    })
  );
  const lastAt = Date.parse(last['@timestamp']);
  return {
    ...base,
    last: {
      at: lastAt,
      instance,
      total: lastRead.total ?? 0,
      first_at: first === undefined ? lastAt : Date.parse(first['@timestamp']),
      groups,
      groups_total: lastRead.groups_total ?? groups.length,
    },
  };
}

/** A stack group is the same group in two reads when its stored frames are the same. */
function groupKey(group: StoredGroup): string {
  const frames = group.frames?.map((frame) => frame.function) ?? [];
  return frames.length > 0 ? frames.join('\n') : `${group.top_frame}\n${group.function}`;
}
