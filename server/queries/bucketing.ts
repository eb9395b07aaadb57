import type { ElasticsearchClient } from '@kbn/core/server';
import type { estypes } from '@elastic/elasticsearch';

/** Round bucket widths, so that axis ticks and bucket edges land on readable times. */
const NICE_BUCKETS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000,
  604_800_000,
];
/** A chart with more points per line than this shows no more to a person, only costs more. */
export const TARGET_BUCKETS = 200;
/** Elasticsearch's default `search.max_buckets`, used when the setting cannot be read. */
export const DEFAULT_SEARCH_MAX_BUCKETS = 65_536;
/**
 * Share of `search.max_buckets` one panel query may plan for: the terms buckets and the other
 * sub-aggregations count too, and a request that hits the limit fails whole.
 */
const BUDGET_SHARE = 0.5;

export interface BucketPlan {
  readonly bucketMs: number;
  /** Date-histogram buckets per line, extended bounds included. */
  readonly buckets: number;
  /** How many lines (instances) fit in the budget at this width; at least 1. */
  readonly maxLines: number;
}

/**
 * The one bucketing rule of every chart: the smallest round width that keeps a line at or
 * under TARGET_BUCKETS points (or `targetBuckets`, for a chart whose buckets cost more) and is
 * at least twice the longest scrape period (so an empty bucket means a missed scrape, not a
 * bucket narrower than the interval); then how many lines fit under `search.max_buckets` at
 * that width.
 */
export function planBuckets(options: {
  fromMs: number;
  toMs: number;
  periodMs?: number;
  searchMaxBuckets?: number;
  targetBuckets?: number;
}): BucketPlan {
  const span = Math.max(options.toMs - options.fromMs, 1);
  const minWidth = 2 * (options.periodMs ?? 0);
  const target = Math.max(1, options.targetBuckets ?? TARGET_BUCKETS);
  const bucketMs =
    NICE_BUCKETS_MS.find((width) => span / width <= target && width >= minWidth) ??
    Math.max(NICE_BUCKETS_MS[NICE_BUCKETS_MS.length - 1]!, Math.ceil(span / target), minWidth);
  const buckets = Math.ceil(span / bucketMs) + 1;
  const budget = Math.floor(
    (options.searchMaxBuckets ?? DEFAULT_SEARCH_MAX_BUCKETS) * BUDGET_SHARE
  );
  return { bucketMs, buckets, maxLines: Math.max(1, Math.floor(budget / (buckets + 1))) };
}

/**
 * The same range at no more than `targetBuckets` per line, never narrower than `plan`: for a
 * chart whose every bucket costs a histogram or a hundred counters. The line budget stays the
 * one `plan` was given (fewer buckets only leave more room under `search.max_buckets`).
 */
export function coarserPlan(
  plan: BucketPlan,
  range: { fromMs: number; toMs: number },
  targetBuckets: number
): BucketPlan {
  const coarse = planBuckets({ ...range, periodMs: plan.bucketMs / 2, targetBuckets });
  return coarse.bucketMs <= plan.bucketMs ? plan : { ...coarse, maxLines: plan.maxLines };
}

/** A date_histogram over [from, to] at the planned width, empty buckets included. */
export interface DateHistogram {
  field: string;
  fixed_interval: string;
  min_doc_count: number;
  extended_bounds?: { min: number; max: number };
}

export function dateHistogram(
  fromMs: number,
  toMs: number,
  bucketMs: number,
  minDocCount = 0
): DateHistogram {
  return {
    field: '@timestamp',
    fixed_interval: `${bucketMs}ms`,
    min_doc_count: minDocCount,
    ...(minDocCount === 0 ? { extended_bounds: { min: fromMs, max: toMs } } : {}),
  };
}

const SETTINGS_TTL_MS = 5 * 60_000;
let cached: { value: number; at: number } | undefined;

/**
 * The cluster's `search.max_buckets`. Read with the caller's client; a user without the
 * cluster privilege to read settings gets Elasticsearch's default, which is also the limit a
 * cluster has unless someone changed it. Cached for a few minutes per Kibana node.
 */
export async function searchMaxBuckets(
  client: ElasticsearchClient,
  signal?: AbortSignal
): Promise<number> {
  if (cached !== undefined && Date.now() - cached.at < SETTINGS_TTL_MS) return cached.value;
  let value = DEFAULT_SEARCH_MAX_BUCKETS;
  try {
    // filter_path drops the sections that do not hold the setting, so each may be missing.
    const settings: Partial<estypes.ClusterGetSettingsResponse> = await client.cluster.getSettings(
      { include_defaults: true, flat_settings: true, filter_path: ['*.search.max_buckets'] },
      { signal }
    );
    const raw: unknown =
      settings.transient?.['search.max_buckets'] ??
      settings.persistent?.['search.max_buckets'] ??
      settings.defaults?.['search.max_buckets'];
    const parsed = Number(raw);
    if (Number.isInteger(parsed) && parsed > 0) value = parsed;
  } catch {
    // No privilege or no answer: keep the default, and ask again after the TTL.
  }
  cached = { value, at: Date.now() };
  return value;
}
