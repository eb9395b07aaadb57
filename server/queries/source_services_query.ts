import type { ElasticsearchClient } from '@kbn/core/server';
import type { ServicesRequest } from '../../common/panels';
import { SOURCE_LABELS, type SourceNote, type SourceProblem } from '../../common/sources';
import type { IdentityKey, SourceReader } from '../sources/source_readers';
import { partialProblem } from '../sources/source_problem';
import type { Bucket, Buckets, MetricValue, TopHits } from './aggregation_results';
import { aggregationSearch } from './aggregation_search';
import { keyedBuckets, keyedLimited, keyedTerms, type KeyedTerms } from './identity_aggs';
import type { InstanceSample, SourceServiceRow } from './service_rows';

/** Services per source, as the plugin's own list (services_query.ts MAX_SERVICES). */
const MAX_SERVICES = 200;
const MAX_INSTANCES_PER_SERVICE = 50;

interface Newest {
  readonly hit: TopHits<never>;
}
interface InstanceBucket extends Bucket {
  readonly last: MetricValue;
  readonly period: MetricValue;
  readonly heap?: Newest;
  readonly counter_first?: Newest;
  readonly counter_last?: Newest;
  readonly counter_max?: MetricValue;
}
interface Counted {
  readonly n: MetricValue;
}
type ServiceBucket = Bucket &
  Readonly<Record<string, unknown>> & {
    readonly last: MetricValue;
    readonly pause_max?: MetricValue;
    readonly sparkline: Buckets<
      Bucket<number> & Readonly<Record<string, unknown>> & { readonly heap?: MetricValue }
    >;
  };

/** Distinct instances over the source's instance keys (each key's documents are disjoint). */
const countInstances = (keys: readonly IdentityKey[]) =>
  Object.fromEntries(
    keys.map((key, i) => [
      `count_${i}`,
      { filter: key.filter, aggs: { n: { cardinality: { field: key.field } } } },
    ])
  );
const countedInstances = (
  keys: readonly IdentityKey[],
  bucket: Readonly<Record<string, unknown>>
) =>
  keys.reduce(
    (sum, _, i) => sum + ((bucket[`count_${i}`] as Counted | undefined)?.n.value ?? 0),
    0
  );

/** The newest (or oldest) value of `field` among the documents that have it. */
const newest = (field: string, order: 'asc' | 'desc' = 'desc') => ({
  filter: { exists: { field } },
  aggs: {
    hit: {
      top_hits: {
        size: 1,
        sort: [{ '@timestamp': { order } }],
        _source: false,
        docvalue_fields: [field],
      },
    },
  },
});
function valueOf(agg: Newest | undefined, field: string): number | null {
  const value = Number(agg?.hit.hits.hits[0]?.fields?.[field]?.[0]);
  return agg?.hit.hits.hits[0] === undefined || !Number.isFinite(value) ? null : value;
}

/**
 * GC cycles of one instance in the range from its cumulative count. A count lower than one
 * before is a restart: the cycles before it run up to the count's maximum, those after it from
 * zero to the last count. Exact for at most one restart in the range, a lower bound beyond.
 */
export function counterIncrease(first: number, last: number, max: number): number {
  return last >= first && last >= max ? last - first : max - first + last;
}

/**
 * What one other source (the APM Go agent, the Golang integration, Metricbeat) knows of each
 * service in the range: instances, their newest heap in use, GC pause max per period where the
 * source has it, and GC cycles from the cumulative count per instance.
 */
export async function querySourceServices(
  client: ElasticsearchClient,
  reader: SourceReader,
  request: ServicesRequest,
  sparkline: { readonly bucketMs: number },
  signal?: AbortSignal
): Promise<{
  rows: SourceServiceRow[];
  limited: boolean;
  problem?: SourceProblem;
  note?: SourceNote;
}> {
  const heapField = reader.field('golang.heap.allocations.active');
  const pauseMaxField = reader.field('golang.heap.gc.pause.max.ns');
  const counterField = reader.field('golang.heap.gc.total_count');
  const perInstance: Record<string, object> = {
    last: { max: { field: '@timestamp' } },
    period: { max: { field: 'metricset.period' } },
    ...(heapField === undefined ? {} : { heap: newest(heapField) }),
    ...(counterField === undefined
      ? {}
      : {
          counter_first: newest(counterField, 'asc'),
          counter_last: newest(counterField),
          counter_max: { max: { field: counterField } },
        }),
  };
  const serviceAggs: Record<string, object> = {
    last: { max: { field: '@timestamp' } },
    ...countInstances(reader.instanceKeys),
    ...(pauseMaxField === undefined ? {} : { pause_max: { max: { field: pauseMaxField } } }),
    sparkline: {
      date_histogram: {
        field: '@timestamp',
        fixed_interval: `${sparkline.bucketMs}ms`,
        min_doc_count: 0,
        extended_bounds: { min: request.from, max: request.to },
      },
      aggs: {
        ...(heapField === undefined ? {} : { heap: { avg: { field: heapField } } }),
        ...countInstances(reader.instanceKeys),
      },
    },
    ...keyedTerms(
      reader.instanceKeys,
      { size: MAX_INSTANCES_PER_SERVICE, order: { last: 'desc' } },
      perInstance
    ),
  };
  const response = await aggregationSearch<KeyedTerms<ServiceBucket> & { unnamed?: Bucket }>(
    client,
    {
      index: reader.index,
      filter: [
        { range: { '@timestamp': { gte: request.from, lte: request.to, format: 'epoch_millis' } } },
        // No space: other products' documents are not the plugin's, and belong to no space.
        ...reader.documentFilter(''),
      ],
      aggs: {
        ...keyedTerms(
          reader.serviceKeys,
          { size: MAX_SERVICES + 1, order: { _key: 'asc' } },
          serviceAggs
        ),
        // Documents no identity field names (no service.name, no service.address): left out,
        // and said, so that a misconfigured scrape is not a silently missing service.
        unnamed: {
          filter: {
            bool: { must_not: reader.serviceKeys.map((key) => ({ exists: { field: key.field } })) },
          },
        },
      },
    },
    signal
  );
  const rows = keyedBuckets(reader.serviceKeys, response.aggregations).map(
    ({ name, bucket }): SourceServiceRow => {
      const instances = keyedBuckets(
        reader.instanceKeys,
        bucket as unknown as KeyedTerms<InstanceBucket>
      ).map(({ bucket: instance }): InstanceSample & { cycles: number | null } => {
        const first =
          counterField === undefined ? null : valueOf(instance.counter_first, counterField);
        const last =
          counterField === undefined ? null : valueOf(instance.counter_last, counterField);
        const max = instance.counter_max?.value ?? null;
        return {
          last: instance.last.value ?? 0,
          periodMs: instance.period.value ?? reader.defaultPeriodMs,
          heap: heapField === undefined ? null : valueOf(instance.heap, heapField),
          cycles:
            first === null || last === null || max === null
              ? null
              : counterIncrease(first, last, max),
        };
      });
      const cycles = instances.filter((i) => i.cycles !== null);
      return {
        source: reader.id,
        name,
        instancesSeen: countedInstances(reader.instanceKeys, bucket),
        instances,
        pauseP99: null,
        pauseMax: bucket.pause_max?.value ?? null,
        cycles: cycles.length === 0 ? null : cycles.reduce((sum, i) => sum + i.cycles!, 0),
        restarts: 0,
        last: bucket.last.value,
        sparkline: bucket.sparkline.buckets.map((b): [number, number | null] => [
          Number(b.key),
          b.doc_count === 0 || b.heap?.value === null || b.heap === undefined
            ? null
            : b.heap.value * Math.max(countedInstances(reader.instanceKeys, b), 1),
        ]),
      };
    }
  );
  const problem = partialProblem(reader, response as never);
  const unnamed = response.aggregations?.unnamed?.doc_count ?? 0;
  const fields = reader.serviceKeys.map((key) => key.field);
  const lacking = fields.length === 1 ? `no ${fields[0]}` : `neither ${fields.join(' nor ')}`;
  return {
    rows,
    limited: keyedLimited(reader.serviceKeys, response.aggregations, MAX_SERVICES),
    ...(problem === undefined ? {} : { problem }),
    ...(unnamed === 0
      ? {}
      : {
          note: {
            source: reader.id,
            message: `${
              SOURCE_LABELS[reader.id]
            }: ${unnamed} document(s) in the range have ${lacking}, so they belong to no service and are left out. Set the service name (or the scraped address) where they are collected.`,
          },
        }),
  };
}
