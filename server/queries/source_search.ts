import type { ElasticsearchClient } from '@kbn/core/server';
import type { InstanceLimit, PanelRequest } from '../../common/panels';
import {
  SOURCE_LABELS,
  RATE_OF_COUNTER,
  type Measure,
  type SourceId,
  type SourceNote,
  type SourceProblem,
} from '../../common/sources';
import type { QueryContext } from '../routes/dashboard_routes';
import type { SourceReader } from '../sources/source_readers';
import { partialProblem, sourceProblem } from '../sources/source_problem';
import type { Bucket, Buckets, MetricValue, OverTime } from './aggregation_results';
import { aggregationSearch } from './aggregation_search';
import { dateHistogram, planBuckets, searchMaxBuckets, type BucketPlan } from './bucketing';
import { lineBudget, resolvePanelScope, type PanelScope } from './panel_scope';

/**
 * How the panel queries read other products' Go data beside the plugin's own: one scope search
 * per source (its scrape period and instance count), one bucket plan for all, then one search
 * per source in parallel. A source that fails becomes a problem on the response; the others
 * still draw.
 */

/** Cardinality is exact in practice below this many values (Elasticsearch's HyperLogLog++). */
const PRECISION_THRESHOLD = 3_000;

/** The other sources a request reads; none when the route passed no sources. */
export function otherSources(context: QueryContext | undefined): SourceReader[] {
  return (context?.sources ?? []).filter((reader) => reader.id !== 'go_runtime');
}

/** One other source with documents of the service in the range. */
export interface OtherSourceScope {
  readonly reader: SourceReader;
  readonly filter: object[];
  readonly instances: number;
  readonly periodMs: number;
}

export interface SourcesScope {
  /** Undefined when the plugin's own scope search failed (a problem says why). */
  readonly own: PanelScope | undefined;
  /** Other sources that answered and hold the service. */
  readonly others: OtherSourceScope[];
  readonly plan: BucketPlan;
  readonly problems: SourceProblem[];
}

/** "The APM Go agent", "Metricbeat": a source as the subject of a sentence. */
export function sourceSubject(source: SourceId): string {
  if (source === 'metricbeat') return SOURCE_LABELS.metricbeat;
  if (source === 'go_runtime') return "The plugin's own scraping";
  return `The ${SOURCE_LABELS[source]}`;
}

/** Documents of the service (and selected instances) of one other source in the range. */
export function otherSourceFilter(
  reader: SourceReader,
  request: PanelRequest,
  spaceId: string
): object[] {
  const filter: object[] = [
    { range: { '@timestamp': { gte: request.from, lte: request.to, format: 'epoch_millis' } } },
    ...reader.documentFilter(spaceId),
    reader.serviceFilter(request.service_name),
  ];
  if (request.instances !== undefined && request.instances.length > 0)
    filter.push(reader.instancesFilter(request.instances));
  return filter;
}

async function otherScope(
  client: ElasticsearchClient,
  reader: SourceReader,
  request: PanelRequest,
  spaceId: string,
  signal: AbortSignal | undefined
): Promise<{ scope: OtherSourceScope; problem?: SourceProblem }> {
  const filter = otherSourceFilter(reader, request, spaceId);
  // The first key names most documents: it needs no filter of its own (see IdentityKey).
  const keys = reader.instanceKeys;
  const aggs: Record<string, object> = {
    // Metricbeat says its period; APM and the integration do not: their default then.
    period: { max: { field: 'metricset.period' } },
  };
  keys.forEach((key, i) => {
    const count = {
      cardinality: { field: key.field, precision_threshold: PRECISION_THRESHOLD },
    };
    aggs[`instances_${i}`] = i === 0 ? count : { filter: key.filter, aggs: { instances: count } };
  });
  const response = await aggregationSearch<Record<string, unknown> & { period: MetricValue }>(
    client,
    { index: reader.index, filter, aggs },
    signal
  );
  const result = response.aggregations;
  let instances = 0;
  keys.forEach((_, i) => {
    const group = result?.[`instances_${i}`] as
      | (MetricValue & { instances?: MetricValue })
      | undefined;
    instances += (i === 0 ? group?.value : group?.instances?.value) ?? 0;
  });
  return {
    scope: {
      reader,
      filter,
      instances,
      periodMs: result?.period?.value ?? reader.defaultPeriodMs,
    },
    problem: partialProblem(reader, response),
  };
}

/**
 * Every source's scope, and the one bucket plan: at least twice the longest period among the
 * sources that hold the service. Without other sources this is the plugin's own scope alone,
 * failures included, as before sources existed.
 */
export async function resolveSourcesScope(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  signal: AbortSignal | undefined,
  context: QueryContext | undefined
): Promise<SourcesScope> {
  const readers = otherSources(context);
  if (readers.length === 0) {
    const own = await resolvePanelScope(client, request, spaceId, signal);
    return { own, others: [], plan: own.plan, problems: [] };
  }
  const [ownResult, maxBuckets, ...otherResults] = await Promise.allSettled([
    resolvePanelScope(client, request, spaceId, signal),
    searchMaxBuckets(client, signal),
    ...readers.map((reader) => otherScope(client, reader, request, spaceId, signal)),
  ]);
  const problems: SourceProblem[] = [];
  const own = ownResult.status === 'fulfilled' ? ownResult.value : undefined;
  if (ownResult.status === 'rejected') {
    const ownReader = context?.sources?.find((reader) => reader.id === 'go_runtime');
    if (ownReader !== undefined) problems.push(sourceProblem(ownReader, ownResult.reason));
  }
  const others: OtherSourceScope[] = [];
  otherResults.forEach((result, i) => {
    if (result.status === 'rejected') {
      problems.push(sourceProblem(readers[i]!, result.reason));
      return;
    }
    if (result.value.problem !== undefined) problems.push(result.value.problem);
    if (result.value.scope.instances > 0) others.push(result.value.scope);
  });
  // The plugin's own failure is the route's, as before, unless another source draws instead.
  if (ownResult.status === 'rejected' && others.length === 0) throw ownResult.reason;
  const ownPeriod = own !== undefined && own.totalInstances > 0 ? own.periodMs : 0;
  const longest = Math.max(ownPeriod, ...others.map((other) => other.periodMs));
  // The plugin's own plan stands unless another source scrapes less often.
  if (own !== undefined && longest <= own.periodMs)
    return { own, others, plan: own.plan, problems };
  const plan = planBuckets({
    fromMs: request.from,
    toMs: request.to,
    periodMs: longest,
    searchMaxBuckets: maxBuckets.status === 'fulfilled' ? maxBuckets.value : undefined,
  });
  return { own: own && { ...own, plan }, others, plan, problems };
}

export type InstanceBuckets<TBucket> = ReadonlyArray<Bucket & OverTime<TBucket>>;

/**
 * One other source's buckets, per instance (as many as the line budget allows, by name): an
 * external source's numbers are per process (its counters restart with it), so even the
 * service's line is made from its instances' lines.
 */
export async function searchOtherSource<TBucket>(
  client: ElasticsearchClient,
  scope: OtherSourceScope,
  request: PanelRequest,
  plan: BucketPlan,
  bucketAggs: Record<string, object>,
  signal: AbortSignal | undefined
): Promise<{ instances: InstanceBuckets<TBucket>; problem?: SourceProblem }> {
  const keys = scope.reader.instanceKeys;
  const size = lineBudget(plan);
  const terms = (field: string) => ({
    terms: { field, size, order: { _key: 'asc' } },
    aggs: {
      over_time: {
        date_histogram: dateHistogram(request.from, request.to, plan.bucketMs),
        aggs: bucketAggs,
      },
    },
  });
  const aggs: Record<string, object> = {};
  keys.forEach((key, i) => {
    aggs[`instances_${i}`] =
      i === 0 ? terms(key.field) : { filter: key.filter, aggs: { instances: terms(key.field) } };
  });
  type Group = Buckets<Bucket & OverTime<TBucket>>;
  const response = await aggregationSearch<Record<string, Group | { instances: Group }>>(
    client,
    { index: scope.reader.index, filter: scope.filter, aggs },
    signal
  );
  // One bucket per instance name, by name, within the budget (the first field naming it wins).
  const byName = new Map<string, Bucket & OverTime<TBucket>>();
  keys.forEach((_, i) => {
    const group = response.aggregations?.[`instances_${i}`];
    const buckets =
      group === undefined ? [] : 'buckets' in group ? group.buckets : group.instances.buckets;
    for (const bucket of buckets)
      if (!byName.has(String(bucket.key))) byName.set(String(bucket.key), bucket);
  });
  const instances = [...byName.values()]
    .sort((a, b) => (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0))
    .slice(0, size);
  return { instances, problem: partialProblem(scope.reader, response) };
}

/** A source's field for a panel's measure; for a per-scrape rate, the counter it comes from. */
export function fieldFor(
  reader: SourceReader,
  measure: string
): { field: string; counter: boolean } | undefined {
  const counter = RATE_OF_COUNTER[measure as Measure];
  if (counter !== undefined) {
    const field = reader.field(counter);
    return field === undefined ? undefined : { field, counter: true };
  }
  const field = reader.field(measure as Measure);
  return field === undefined ? undefined : { field, counter: false };
}

/** One note for a source that holds the service but cannot feed some of a panel's lines. */
export function missingNote(
  source: SourceId,
  missing: readonly string[],
  all: number,
  what: string
): SourceNote {
  return {
    source,
    message:
      missing.length >= all
        ? `${sourceSubject(source)} reports no ${what}.`
        : `${sourceSubject(source)} reports no ${missing.join(', ')}: the panel shows the rest.`,
  };
}

/** Instances over every source: each searched source lists at most its line budget. */
export function sourcesLimit(
  counts: ReadonlyArray<{ total: number; shown: number }>
): InstanceLimit {
  const total = counts.reduce((sum, c) => sum + c.total, 0);
  const shown = counts.reduce((sum, c) => sum + c.shown, 0);
  return { total, shown, limited: shown < total };
}
