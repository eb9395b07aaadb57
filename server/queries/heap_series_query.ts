import type { ElasticsearchClient } from '@kbn/core/server';
import { spaceFilter } from './space_filter';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import type { HeapFieldName } from '../../common/heap_fields';
import type { Bucket, Buckets, MetricValue, OverTime } from './aggregation_results';
import type { HeapSeries, HeapSeriesResponse } from '../../common/heap_series';
import { aggregationSearch } from './aggregation_search';

const NICE_BUCKETS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
  1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];
const MAX_BUCKETS = 120;
/** Bounds the response: a chart with more lines than this is unreadable anyway. */
const MAX_SERVICES = 50;
const MAX_INSTANCES_PER_SERVICE = 50;

/**
 * The smallest round bucket that keeps the chart under MAX_BUCKETS points per line and is at
 * least twice the longest scrape period, so a bucket without a point means a missed scrape,
 * not a bucket narrower than the interval.
 */
export function chooseBucketMs(fromMs: number, toMs: number, longestPeriodMs = 0): number {
  const span = Math.max(toMs - fromMs, 1);
  return (
    NICE_BUCKETS_MS.find(
      (bucket) => span / bucket <= MAX_BUCKETS && bucket >= 2 * longestPeriodMs
    ) ?? NICE_BUCKETS_MS[NICE_BUCKETS_MS.length - 1]!
  );
}

export interface HeapSeriesParams {
  readonly fromMs: number;
  readonly toMs: number;
  readonly field: HeapFieldName;
  readonly serviceName?: string;
  /** Only this Kibana space's documents; every space's when absent (benchmarks, tests). */
  readonly spaceId?: string;
  /** Where to read; the heap data streams of every namespace unless told (benchmarks). */
  readonly index?: string;
}

type ValueBucket = Bucket<number> & { readonly value: MetricValue };
type InstanceBucket = Bucket & OverTime<ValueBucket>;
type ServiceBucket = Bucket & { readonly instances: Buckets<InstanceBucket> };

/** Max per bucket, per instance, per service: a gauge's peak is what an operator looks for. */
export async function queryHeapSeries(
  client: ElasticsearchClient,
  params: HeapSeriesParams
): Promise<HeapSeriesResponse> {
  const filter: object[] = [
    { range: { '@timestamp': { gte: params.fromMs, lte: params.toMs, format: 'epoch_millis' } } },
  ];
  if (params.serviceName !== undefined)
    filter.push({ term: { 'service.name': params.serviceName } });
  if (params.spaceId !== undefined) filter.push(spaceFilter(params.spaceId));

  const index = params.index ?? dataStreamPattern(HEAP_DATASET);
  const periods = await aggregationSearch<{ longest_period: MetricValue }>(client, {
    index,
    filter,
    aggs: { longest_period: { max: { field: 'metricset.period' } } },
  });
  const longestPeriod = periods.aggregations?.longest_period.value ?? 0;
  const bucketMs = chooseBucketMs(params.fromMs, params.toMs, longestPeriod);

  const response = await aggregationSearch<{ services: Buckets<ServiceBucket> }>(client, {
    index,
    filter,
    aggs: {
      services: {
        terms: { field: 'service.name', size: MAX_SERVICES, order: { _key: 'asc' } },
        aggs: {
          instances: {
            terms: {
              field: 'service.node.name',
              size: MAX_INSTANCES_PER_SERVICE,
              order: { _key: 'asc' },
            },
            aggs: {
              over_time: {
                date_histogram: {
                  field: '@timestamp',
                  fixed_interval: `${bucketMs}ms`,
                  min_doc_count: 0,
                  extended_bounds: { min: params.fromMs, max: params.toMs },
                },
                aggs: { value: { max: { field: params.field } } },
              },
            },
          },
        },
      },
    },
  });

  const services = response.aggregations?.services.buckets ?? [];
  const series: HeapSeries[] = services.flatMap((service) =>
    service.instances.buckets.map((instance) => ({
      service_name: String(service.key),
      service_node_name: String(instance.key),
      points: instance.over_time.buckets.map((bucket): [number, number | null] => [
        Number(bucket.key),
        bucket.value.value,
      ]),
    }))
  );
  return { field: params.field, bucket_ms: bucketMs, series };
}
