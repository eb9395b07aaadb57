import type { ElasticsearchClient } from '@kbn/core/server';
import type { MetricLine, MetricPanelResponse, PanelRequest } from '../../common/panels';
import {
  SOURCES,
  type Measure,
  type SourceId,
  type SourceNote,
  type SourceProblem,
} from '../../common/sources';
import type { QueryContext } from '../routes/dashboard_routes';
import { searchOverTime } from './over_time_search';
import { INSTANCE_FIELD, lineBudget, type PanelScope } from './panel_scope';
import {
  fieldFor,
  missingNote,
  resolveSourcesScope,
  searchOtherSource,
  sourcesLimit,
  type OtherSourceScope,
} from './source_search';
import { sourceProblem } from '../sources/source_problem';
import { counterRate, sumPoints, weightedMeanPoints, type Point } from './source_series';

/**
 * How a metric's documents become one value per bucket:
 * - `instance_sum`: a gauge of the service as a whole (bytes in use): the mean of each
 *   instance's samples in the bucket, summed over instances (mean × instances reporting);
 *   split by instance, the instance's mean;
 * - `mean`: a fraction or ratio, averaged over every sample (never summed);
 * - `per_second`: a per-scrape delta (GC cycles since the previous scrape) summed over the
 *   bucket and divided by the bucket's seconds inside the range, so a partial bucket is not low.
 */
export type MetricAggregation = 'instance_sum' | 'mean' | 'per_second';

export interface MetricDefinition {
  /** The line's id in the response and the chart's series id. */
  readonly metric: string;
  readonly field: string;
  readonly aggregation: MetricAggregation;
}

/** What a panel's lines show, for the note of a source that can feed none of them. */
export interface PanelSubject {
  readonly what: string;
}

interface Value {
  value: number | null;
}
type TimeBucket = Record<string, unknown> & { key: number; doc_count: number };

function metricAggs(metrics: readonly MetricDefinition[], split: boolean): Record<string, object> {
  const aggs: Record<string, object> = {};
  metrics.forEach((m, i) => {
    aggs[`m${i}`] =
      m.aggregation === 'per_second' ? { sum: { field: m.field } } : { avg: { field: m.field } };
  });
  if (!split && metrics.some((m) => m.aggregation === 'instance_sum')) {
    aggs.reporting = { cardinality: { field: INSTANCE_FIELD } };
  }
  return aggs;
}

function lineValues(
  metric: MetricDefinition,
  index: number,
  buckets: readonly TimeBucket[],
  window: { from: number; to: number; bucketMs: number },
  split: boolean
): Array<[number, number | null]> {
  return buckets.map((bucket) => {
    const at = Number(bucket.key);
    const raw = (bucket[`m${index}`] as Value | undefined)?.value ?? null;
    if (bucket.doc_count === 0 || raw === null) return [at, null];
    if (metric.aggregation === 'per_second') {
      const seconds =
        (Math.min(at + window.bucketMs, window.to) - Math.max(at, window.from)) / 1000;
      return [at, seconds > 0 ? raw / seconds : null];
    }
    if (metric.aggregation === 'instance_sum' && !split) {
      return [at, raw * ((bucket.reporting as Value | undefined)?.value ?? 1)];
    }
    return [at, raw];
  });
}

/** One source's lines: per instance (split) or per metric for the service (undefined: none). */
interface SourceLines {
  readonly source: SourceId;
  readonly instances: ReadonlyArray<{ name: string; metrics: ReadonlyArray<Point[] | undefined> }>;
  readonly service: ReadonlyArray<{ points: Point[]; weights: number[] } | undefined>;
  readonly total: number;
  readonly shown: number;
}

interface Window {
  from: number;
  to: number;
  bucketMs: number;
}

/** Whether the plugin's own documents have the metric (MemStats has no goroutine count). */
const ownFeeds = (metric: MetricDefinition) =>
  SOURCES.go_runtime.fields[metric.field as Measure] !== undefined;

/** The plugin's own lines: the same search and arithmetic as before other sources existed. */
async function ownLines(
  client: ElasticsearchClient,
  scope: PanelScope,
  request: PanelRequest,
  metrics: readonly MetricDefinition[],
  window: Window,
  signal: AbortSignal | undefined
): Promise<SourceLines> {
  const { split, aggregations } = await searchOverTime<TimeBucket>(
    client,
    scope,
    request,
    metricAggs(metrics, request.by_instance === true),
    signal
  );
  if (split) {
    const instances = aggregations?.instances?.buckets ?? [];
    return {
      source: 'go_runtime',
      instances: instances.map((instance) => ({
        name: String(instance.key),
        metrics: metrics.map((metric, i) =>
          ownFeeds(metric)
            ? lineValues(metric, i, instance.over_time.buckets, window, true)
            : undefined
        ),
      })),
      service: [],
      total: scope.totalInstances,
      shown: instances.length,
    };
  }
  const buckets = aggregations?.over_time?.buckets ?? [];
  return {
    source: 'go_runtime',
    instances: [],
    service:
      scope.totalInstances > 0
        ? metrics.map((metric, i) =>
            ownFeeds(metric)
              ? {
                  points: lineValues(metric, i, buckets, window, false),
                  weights: buckets.map((bucket) => bucket.doc_count),
                }
              : undefined
          )
        : [],
    total: scope.totalInstances,
    shown: scope.totalInstances,
  };
}

/**
 * Another source's lines, always per instance: its counters are per process, so a rate is
 * taken per instance and the service's line is the instances' lines combined.
 */
async function otherLines(
  client: ElasticsearchClient,
  scope: OtherSourceScope,
  request: PanelRequest,
  metrics: readonly MetricDefinition[],
  window: Window,
  plan: PanelScope['plan'],
  signal: AbortSignal | undefined
): Promise<{ lines: SourceLines; problem?: SourceProblem }> {
  const fields = metrics.map((metric) => fieldFor(scope.reader, metric.field));
  const aggs: Record<string, object> = {};
  fields.forEach((field, i) => {
    if (field === undefined) return;
    if (field.counter) aggs[`m${i}`] = { max: { field: field.field } };
    else {
      const metric = metrics[i]!;
      aggs[`m${i}`] =
        metric.aggregation === 'per_second'
          ? { sum: { field: field.field } }
          : { avg: { field: field.field } };
      aggs[`c${i}`] = { value_count: { field: field.field } };
    }
  });
  const { instances, problem } = await searchOtherSource<TimeBucket>(
    client,
    scope,
    request,
    plan,
    aggs,
    signal
  );
  const perInstance = instances.map((instance) => {
    const buckets = instance.over_time.buckets;
    return {
      name: String(instance.key),
      metrics: metrics.map((metric, i) => {
        const field = fields[i];
        if (field === undefined) return undefined;
        if (!field.counter) return lineValues(metric, i, buckets, window, true);
        return counterRate(
          buckets.map(
            (bucket): Point => [
              Number(bucket.key),
              bucket.doc_count === 0 ? null : (bucket[`m${i}`] as Value | undefined)?.value ?? null,
            ]
          )
        );
      }),
      weights: metrics.map((_, i) =>
        buckets.map((bucket) => (bucket[`c${i}`] as Value | undefined)?.value ?? bucket.doc_count)
      ),
    };
  });
  const service = metrics.map((metric, i) => {
    const lines = perInstance.flatMap((instance) => {
      const points = instance.metrics[i];
      return points === undefined ? [] : [{ points, weights: instance.weights[i]! }];
    });
    if (lines.length === 0) return undefined;
    return {
      points:
        metric.aggregation === 'mean'
          ? weightedMeanPoints(lines)
          : sumPoints(lines.map((line) => line.points)),
      weights: lines[0]!.points.map((_, b) =>
        lines.reduce((sum, line) => sum + (line.weights[b] ?? 0), 0)
      ),
    };
  });
  return {
    lines: {
      source: scope.reader.id,
      instances: perInstance,
      service,
      total: scope.instances,
      shown: Math.min(scope.instances, lineBudget(plan)),
    },
    problem,
  };
}

/** Each metric's line for the service: the sources' lines combined bucket by bucket. */
function serviceLines(
  metrics: readonly MetricDefinition[],
  sources: readonly SourceLines[]
): MetricLine[] {
  const lines: MetricLine[] = [];
  metrics.forEach((metric, i) => {
    const parts = sources.flatMap((source) => {
      const part = source.service[i];
      return part === undefined ? [] : [part];
    });
    if (parts.length === 0) return;
    const points =
      parts.length === 1
        ? parts[0]!.points
        : metric.aggregation === 'mean'
        ? weightedMeanPoints(parts)
        : sumPoints(parts.map((part) => part.points));
    lines.push({ metric: metric.metric, points });
  });
  return lines;
}

/**
 * The shared query of the time-series panels: some metrics of one service over time, from the
 * plugin's own scrapes and every other enabled source that holds the service. Split by instance,
 * a line per (source, instance, metric); else a line per metric, the sources combined per bucket
 * (gauges summed, means weighted by samples, rates summed).
 */
export async function queryMetricSeries(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  metrics: readonly MetricDefinition[],
  signal?: AbortSignal,
  context?: QueryContext,
  subject: PanelSubject = { what: 'figures for this panel' }
): Promise<MetricPanelResponse> {
  const scope = await resolveSourcesScope(client, request, spaceId, signal, context);
  const { bucketMs } = scope.plan;
  // A bucket's end is clipped to now as well: the current bucket is still filling.
  const window = { from: request.from, to: Math.min(request.to, Date.now()), bucketMs };
  const problems: SourceProblem[] = [...scope.problems];
  const sources: SourceLines[] = [];
  const readsOthers = context?.sources !== undefined && scope.others.length + problems.length > 0;
  const [own, ...others] = await Promise.allSettled([
    scope.own === undefined
      ? Promise.resolve(undefined)
      : ownLines(client, scope.own, request, metrics, window, signal),
    ...scope.others.map((other) =>
      otherLines(client, other, request, metrics, window, scope.plan, signal)
    ),
  ]);
  if (own.status === 'rejected') {
    // Alone, the plugin's own failure is the route's, as before other sources existed.
    const ownReader = context?.sources?.find((reader) => reader.id === 'go_runtime');
    if (scope.others.length === 0 || ownReader === undefined) throw own.reason;
    problems.push(sourceProblem(ownReader, own.reason));
  } else if (own.value !== undefined) sources.push(own.value);
  others.forEach((result, i) => {
    if (result.status === 'rejected') {
      problems.push(sourceProblem(scope.others[i]!.reader, result.reason));
      return;
    }
    sources.push(result.value.lines);
    if (result.value.problem !== undefined) problems.push(result.value.problem);
  });
  if (sources.length === 0 && own.status === 'rejected') throw own.reason;
  const notes: SourceNote[] = [];
  const ownMissing = metrics.filter((metric) => !ownFeeds(metric)).map((metric) => metric.metric);
  if (scope.own !== undefined && scope.own.totalInstances > 0 && ownMissing.length > 0)
    notes.push(missingNote('go_runtime', ownMissing, metrics.length, subject.what));
  for (const other of scope.others) {
    const missing = metrics
      .filter((metric) => fieldFor(other.reader, metric.field) === undefined)
      .map((metric) => metric.metric);
    if (missing.length > 0)
      notes.push(missingNote(other.reader.id, missing, metrics.length, subject.what));
  }
  const lines: MetricLine[] =
    request.by_instance === true
      ? sources.flatMap((source) =>
          source.instances.flatMap((instance) =>
            metrics.flatMap((metric, i) => {
              const points = instance.metrics[i];
              if (points === undefined) return [];
              return [
                {
                  metric: metric.metric,
                  instance: instance.name,
                  points,
                  ...(readsOthers ? { source: source.source } : {}),
                },
              ];
            })
          )
        )
      : serviceLines(metrics, sources);
  const counts = sources.map((source) => ({ total: source.total, shown: source.shown }));
  const limit = sourcesLimit(counts);
  return {
    bucket_ms: bucketMs,
    lines,
    instances:
      request.by_instance === true || limit.limited
        ? limit
        : { total: limit.total, shown: limit.total, limited: false },
    ...(problems.length > 0 ? { problems } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}
