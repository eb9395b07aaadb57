import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import type { Aggregation } from '../../common/alerting/rule_params';
import { ruleFilters } from '../alerting/queries/rule_filters';
import { externalMetricField } from '../alerting/queries/rule_group_values_query';
import {
  eachSource,
  externalAggregationSearch,
  externalRuleFilters,
  isExternal,
  type ExternalReader,
  type SourceFailure,
} from '../alerting/queries/rule_sources';
import type { SourceReader } from '../sources/source_readers';
import { PAUSE_DURATIONS_FIELD } from './gc_pauses_query';

/** Points on the rule form's preview chart: enough for its width, few enough to be quick. */
const BUCKETS = 40;

export interface PreviewSeriesRequest {
  readonly fromMs: number;
  readonly toMs: number;
  readonly serviceNames?: readonly string[];
  /** A heap field with the rule's aggregation per bucket, or a percentile of the GC pauses. */
  readonly measure:
    | { readonly kind: 'metric'; readonly field: string; readonly aggregation: Aggregation }
    | { readonly kind: 'gc_pause'; readonly percentile: number };
}

interface Bucket {
  key: number;
  doc_count: number;
  stat?: { value: number | null; values?: Record<string, number | null> };
}
type Point = [number, number | null];

/**
 * The measure over the window, all the rule's services together, in the field's unit (ns for
 * pauses). `last` draws the bucket's maximum; a rate is not drawn (it is a difference per
 * process, which a bucket across processes cannot give). Pause percentiles per bucket are
 * Elasticsearch's estimate: the rule itself ranks the exact pauses.
 */
export async function queryPreviewSeries(
  client: ElasticsearchClient,
  request: PreviewSeriesRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<Array<[number, number | null]>> {
  const { measure } = request;
  if (measure.kind === 'metric' && measure.aggregation === 'rate') return [];
  const stat =
    measure.kind === 'gc_pause'
      ? { percentiles: { field: PAUSE_DURATIONS_FIELD, percents: [measure.percentile] } }
      : {
          [measure.aggregation === 'last' ? 'max' : measure.aggregation]: { field: measure.field },
        };
  const intervalMs = Math.max(
    1000,
    Math.ceil((request.toMs - request.fromMs) / BUCKETS / 1000) * 1000
  );
  const response = await client.search<unknown, { series: { buckets: Bucket[] } }>(
    {
      index: dataStreamPattern(HEAP_DATASET),
      size: 0,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: {
        bool: { filter: ruleFilters(request.fromMs, request.toMs, spaceId, request.serviceNames) },
      },
      aggs: {
        series: {
          date_histogram: {
            field: '@timestamp',
            fixed_interval: `${intervalMs}ms`,
            min_doc_count: 0,
            extended_bounds: { min: request.fromMs, max: request.toMs },
          },
          aggs: { stat },
        },
      },
    },
    { signal }
  );
  return (response.aggregations?.series.buckets ?? []).map((bucket) => {
    const value =
      measure.kind === 'gc_pause'
        ? Object.values(bucket.stat?.values ?? {})[0] ?? null
        : bucket.stat?.value ?? null;
    return [bucket.key, typeof value === 'number' ? value : null];
  });
}

/**
 * A metric's preview series over every source that can feed it, one line: per bucket the
 * highest of the sources' values for max and last, the lowest for min, and for avg the mean
 * weighted by each source's documents. (Pause percentiles come from the plugin's own documents
 * only: no other source keeps each GC's pause.)
 */
export async function queryPreviewSeriesAcrossSources(
  client: ElasticsearchClient,
  readers: readonly SourceReader[],
  request: PreviewSeriesRequest & {
    readonly measure: Extract<PreviewSeriesRequest['measure'], { kind: 'metric' }>;
  },
  spaceId: string,
  signal?: AbortSignal
): Promise<{ points: Point[]; failures: SourceFailure[] }> {
  const { measure } = request;
  if (measure.aggregation === 'rate') return { points: [], failures: [] };
  const feeding = readers.filter(
    (reader) => !isExternal(reader) || externalMetricField(reader, measure.field) !== undefined
  );
  const { answers, failures } = await eachSource(
    feeding,
    (reader) =>
      isExternal(reader)
        ? externalSeries(client, reader, request, signal)
        : ownSeriesWithCounts(client, request, spaceId, signal),
    signal
  );
  const merged = new Map<number, { value: number | null; docs: number }>();
  for (const { answer } of answers) {
    for (const { key, value, docs } of answer) {
      const before = merged.get(key);
      if (before === undefined || before.value === null) merged.set(key, { value, docs });
      else if (value !== null)
        merged.set(
          key,
          combine(measure.aggregation, { value: before.value, docs: before.docs }, { value, docs })
        );
    }
  }
  return {
    points: [...merged.entries()]
      .sort(([a], [b]) => a - b)
      .map(([key, { value }]): Point => [key, value]),
    failures,
  };
}

function combine(
  aggregation: Aggregation,
  a: { value: number; docs: number },
  b: { value: number; docs: number }
): { value: number; docs: number } {
  const docs = a.docs + b.docs;
  if (aggregation === 'min') return { value: Math.min(a.value, b.value), docs };
  if (aggregation === 'avg')
    return { value: docs === 0 ? a.value : (a.value * a.docs + b.value * b.docs) / docs, docs };
  return { value: Math.max(a.value, b.value), docs };
}

interface CountedPoint {
  readonly key: number;
  readonly value: number | null;
  readonly docs: number;
}

function seriesAggs(request: PreviewSeriesRequest, field: string, aggregation: Aggregation) {
  return {
    series: {
      date_histogram: {
        field: '@timestamp',
        fixed_interval: `${intervalMsOf(request)}ms`,
        min_doc_count: 0,
        extended_bounds: { min: request.fromMs, max: request.toMs },
      },
      aggs: { stat: { [aggregation === 'last' ? 'max' : aggregation]: { field } } },
    },
  };
}

function intervalMsOf(request: PreviewSeriesRequest): number {
  return Math.max(1000, Math.ceil((request.toMs - request.fromMs) / BUCKETS / 1000) * 1000);
}

const countedPoints = (buckets: readonly Bucket[] | undefined): CountedPoint[] =>
  (buckets ?? []).map((bucket) => ({
    key: bucket.key,
    value: typeof bucket.stat?.value === 'number' ? bucket.stat.value : null,
    docs: bucket.doc_count,
  }));

async function ownSeriesWithCounts(
  client: ElasticsearchClient,
  request: PreviewSeriesRequest & {
    readonly measure: Extract<PreviewSeriesRequest['measure'], { kind: 'metric' }>;
  },
  spaceId: string,
  signal?: AbortSignal
): Promise<CountedPoint[]> {
  const response = await client.search<unknown, { series: { buckets: Bucket[] } }>(
    {
      index: dataStreamPattern(HEAP_DATASET),
      size: 0,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: {
        bool: { filter: ruleFilters(request.fromMs, request.toMs, spaceId, request.serviceNames) },
      },
      aggs: seriesAggs(request, request.measure.field, request.measure.aggregation),
    },
    { signal }
  );
  return countedPoints(response.aggregations?.series.buckets);
}

async function externalSeries(
  client: ElasticsearchClient,
  reader: ExternalReader,
  request: PreviewSeriesRequest & {
    readonly measure: Extract<PreviewSeriesRequest['measure'], { kind: 'metric' }>;
  },
  signal?: AbortSignal
): Promise<CountedPoint[]> {
  const field = externalMetricField(reader, request.measure.field);
  if (field === undefined) return [];
  const response = await externalAggregationSearch<{ series: { buckets: Bucket[] } }>(
    client,
    reader,
    {
      filter: externalRuleFilters(reader, request, request.serviceNames, field),
      aggs: seriesAggs(request, field, request.measure.aggregation),
    },
    signal
  );
  return countedPoints(response.aggregations?.series.buckets);
}
