import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import type { Aggregation } from '../../common/alerting/rule_params';
import { ruleFilters } from '../alerting/queries/rule_filters';
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
  stat?: { value: number | null; values?: Record<string, number | null> };
}

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
