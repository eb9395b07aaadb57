import type { ElasticsearchClient } from '@kbn/core/server';
import { EXPVAR_DATASET } from '../../common/data_streams';
import type { CustomVarLine, CustomVarsRequest, CustomVarsResponse } from '../../common/panels';
import type { Bucket, Buckets, MetricValue, TopHits } from './aggregation_results';
import { dateHistogram } from './bucketing';
import { INSTANCE_FIELD, MAX_LINES_PER_PANEL, resolvePanelScope } from './panel_scope';
import { aggregationSearch } from './aggregation_search';

const METRICS_PATH = 'golang.expvar.metrics';
const LABELS_FIELD = 'golang.expvar.labels';
/** The picker lists at most this many var names (most sampled first). */
export const MAX_AVAILABLE_VARS = 200;
/** Charted when the request names none, so the panel is never empty by default. */
const DEFAULT_CHARTED_VARS = 3;
const MAX_LABEL_VALUES = 50;

/** One instance's bucket: its newest labels and, when vars are charted, their values over time. */
interface InstanceBucket extends Bucket {
  readonly latest: TopHits<{
    '@timestamp'?: string;
    golang?: { expvar?: { labels?: Record<string, unknown> } };
  }>;
  readonly over_time?: Buckets<
    Bucket<number> & {
      readonly metrics: {
        readonly chosen: { readonly byName: Buckets<Bucket & { readonly value: MetricValue }> };
      };
    }
  >;
}

/**
 * The service's custom vars (`metrics-go_runtime.expvar-*`): which numeric vars it published in
 * the range, each chosen var's max per bucket per instance (a custom var's meaning is the
 * application's; per instance is the only split that never mixes units), and each instance's
 * latest string and boolean vars.
 */
export async function queryCustomVarsPanel(
  client: ElasticsearchClient,
  request: CustomVarsRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<CustomVarsResponse> {
  const scope = await resolvePanelScope(client, request, spaceId, signal, {
    dataset: EXPVAR_DATASET,
  });
  const base = { index: scope.index, filter: scope.filter };
  const names = await aggregationSearch<{ metrics: { names: Buckets<Bucket> } }>(
    client,
    {
      ...base,
      aggs: {
        metrics: {
          nested: { path: METRICS_PATH },
          aggs: {
            names: { terms: { field: `${METRICS_PATH}.name`, size: MAX_AVAILABLE_VARS + 1 } },
          },
        },
      },
    },
    signal
  );
  const nameBuckets = names.aggregations?.metrics.names.buckets ?? [];
  const available = nameBuckets
    .slice(0, MAX_AVAILABLE_VARS)
    .map((bucket) => ({ name: String(bucket.key), documents: bucket.doc_count }));
  const vars = request.vars ?? available.slice(0, DEFAULT_CHARTED_VARS).map((v) => v.name);

  // Per instance and bucket: the nested and filter buckets plus one per var.
  const perLine = 2 + Math.max(vars.length, 1);
  const size = Math.max(
    1,
    Math.min(Math.floor(scope.plan.maxLines / perLine), MAX_LINES_PER_PANEL)
  );
  const response = await aggregationSearch<{ instances: Buckets<InstanceBucket> }>(
    client,
    {
      ...base,
      aggs: {
        instances: {
          terms: { field: INSTANCE_FIELD, size, order: { _key: 'asc' } },
          aggs: {
            latest: {
              top_hits: {
                size: 1,
                sort: [{ '@timestamp': { order: 'desc' } }],
                _source: { includes: [LABELS_FIELD, '@timestamp'] },
              },
            },
            ...(vars.length === 0
              ? {}
              : {
                  over_time: {
                    date_histogram: dateHistogram(request.from, request.to, scope.plan.bucketMs),
                    aggs: {
                      metrics: {
                        nested: { path: METRICS_PATH },
                        aggs: {
                          chosen: {
                            filter: { terms: { [`${METRICS_PATH}.name`]: vars } },
                            aggs: {
                              byName: {
                                terms: { field: `${METRICS_PATH}.name`, size: vars.length },
                                aggs: { value: { max: { field: `${METRICS_PATH}.value` } } },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                }),
          },
        },
      },
    },
    signal
  );
  const instances = response.aggregations?.instances.buckets ?? [];
  const lines: CustomVarLine[] = [];
  const labels: CustomVarsResponse['labels'] = [];
  for (const instance of instances) {
    const instanceName = String(instance.key);
    for (const name of vars) {
      const points = (instance.over_time?.buckets ?? []).map((bucket): [number, number | null] => [
        Number(bucket.key),
        bucket.metrics.chosen.byName.buckets.find((b) => b.key === name)?.value.value ?? null,
      ]);
      if (points.some(([, value]) => value !== null))
        lines.push({ name, instance: instanceName, points });
    }
    const latest = instance.latest.hits.hits[0]?._source;
    const values = Object.entries(latest?.golang?.expvar?.labels ?? {})
      .slice(0, MAX_LABEL_VALUES)
      .map(([key, value]) => [key, String(value)]);
    if (values.length > 0)
      labels.push({
        instance: instanceName,
        at: Date.parse(latest?.['@timestamp'] ?? '') || 0,
        values: Object.fromEntries(values),
      });
  }
  return {
    bucket_ms: scope.plan.bucketMs,
    available,
    available_limited: nameBuckets.length > MAX_AVAILABLE_VARS,
    lines,
    labels,
    instances: {
      total: scope.totalInstances,
      shown: instances.length,
      limited: instances.length < scope.totalInstances,
    },
  };
}
