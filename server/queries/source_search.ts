import type { ElasticsearchClient } from '@kbn/core/server';
import type { InstanceLimit, PanelRequest } from '../../common/panels';
import {
  SOURCES,
  SOURCE_LABELS,
  RATE_OF_COUNTER,
  type Measure,
  type SourceId,
  type SourceNote,
  type SourceProblem,
} from '../../common/sources';
import type { QueryContext } from '../routes/dashboard_routes';
import type { SourceReader } from '../sources/source_readers';
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

const SETTINGS_KEY: Record<SourceId, string> = {
  go_runtime: 'go_runtime',
  apm: 'go_runtime.sources.apm',
  golang_integration: 'go_runtime.sources.golangIntegration',
  metricbeat: 'go_runtime.sources.metricbeat',
};

/** "The APM Go agent", "Metricbeat": a source as the subject of a sentence. */
export function sourceSubject(source: SourceId): string {
  if (source === 'metricbeat') return SOURCE_LABELS.metricbeat;
  if (source === 'go_runtime') return "The plugin's own scraping";
  return `The ${SOURCE_LABELS[source]}`;
}

interface ShardFailure {
  index?: string;
  reason?: {
    type?: string;
    reason?: string | null;
    caused_by?: { reason?: string | null };
  };
}

function failureReason(failure: ShardFailure): string {
  const reason = failure.reason;
  return reason?.caused_by?.reason ?? reason?.reason ?? 'no reason given';
}

function shardFailureMessage(reader: SourceReader, failures: readonly ShardFailure[]): string {
  const first = failures[0] ?? {};
  const index = first.index ?? reader.index;
  const where =
    reader.id === 'go_runtime'
      ? 'the data stream'
      : `the index pattern in ${SETTINGS_KEY[reader.id]}.indices`;
  return (
    `${SOURCE_LABELS[reader.id]}: the search failed on index ${index}: ${failureReason(first)}. ` +
    `A field is likely mapped differently there (for example as text or keyword where a number ` +
    `belongs): fix that index's mapping (its template, then a rollover or reindex), or leave the ` +
    `index out of ${where}.`
  );
}

/** A source's failed search as a message that says which source, where, and what to do. */
export function sourceProblem(reader: SourceReader, error: unknown): SourceProblem {
  const meta = (
    error as {
      meta?: {
        statusCode?: number;
        body?: {
          error?: {
            type?: string;
            reason?: string;
            caused_by?: { reason?: string };
            failed_shards?: ShardFailure[];
          };
        };
      };
    }
  ).meta;
  const label = SOURCE_LABELS[reader.id];
  const body = meta?.body?.error;
  const reason = body?.caused_by?.reason ?? body?.reason ?? (error as Error).message;
  const status = meta?.statusCode;
  if (status === 401 || status === 403) {
    const turnOff =
      reader.id === 'go_runtime'
        ? ''
        : `, or turn the source off (${SETTINGS_KEY[reader.id]}.enabled: false)`;
    return {
      source: reader.id,
      message: `${label}: Elasticsearch refused your user the search of ${reader.index} (${reason}). Ask an administrator for the "read" index privilege on ${reader.index}${turnOff}.`,
    };
  }
  if (body?.failed_shards !== undefined && body.failed_shards.length > 0)
    return { source: reader.id, message: shardFailureMessage(reader, body.failed_shards) };
  if (
    status === 408 ||
    status === 504 ||
    (error as Error).name === 'TimeoutError' ||
    /timed? ?out/i.test(reason)
  )
    return {
      source: reader.id,
      message: `${label}: the search of ${reader.index} did not answer in time. Try a shorter time range or fewer instances.`,
    };
  return {
    source: reader.id,
    message: `${label}: the search of ${reader.index} failed: ${reason}.`,
  };
}

/** The problem of a search that answered but skipped some shards, if it did. */
export function partialProblem(
  reader: SourceReader,
  response: { _shards?: { failed?: number; failures?: ShardFailure[] } }
): SourceProblem | undefined {
  const shards = response._shards;
  if (shards === undefined || (shards.failed ?? 0) === 0) return undefined;
  return { source: reader.id, message: shardFailureMessage(reader, shards.failures ?? []) };
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
  const fields = instanceFields(reader);
  const aggs: Record<string, object> = {
    // Metricbeat says its period; APM and the integration do not: their default then.
    period: { max: { field: 'metricset.period' } },
  };
  fields.forEach((field, i) => {
    const count = {
      cardinality: { field, precision_threshold: PRECISION_THRESHOLD },
    };
    aggs[`instances_${i}`] =
      i === 0 ? count : { filter: namedByField(fields, i), aggs: { instances: count } };
  });
  const response = await aggregationSearch<Record<string, unknown> & { period: MetricValue }>(
    client,
    { index: reader.index, filter, aggs },
    signal
  );
  const result = response.aggregations;
  let instances = 0;
  fields.forEach((_, i) => {
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

/**
 * The fields that name an instance, in order of preference. Grouped field by field (documents
 * without the earlier ones), not through the reader's runtime field: a runtime field needs
 * painless, which not every cluster has (dev/es has none), and costs a script per document.
 */
function instanceFields(reader: SourceReader): readonly string[] {
  return SOURCES[reader.id].instanceFields;
}

/** Documents whose instance is named by `fields[i]`: none of the earlier fields present. */
function namedByField(fields: readonly string[], i: number): object {
  return {
    bool: {
      filter: [{ exists: { field: fields[i]! } }],
      must_not: fields.slice(0, i).map((field) => ({ exists: { field } })),
    },
  };
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
  const fields = instanceFields(scope.reader);
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
  fields.forEach((field, i) => {
    aggs[`instances_${i}`] =
      i === 0
        ? terms(field)
        : { filter: namedByField(fields, i), aggs: { instances: terms(field) } };
  });
  type Group = Buckets<Bucket & OverTime<TBucket>>;
  const response = await aggregationSearch<Record<string, Group | { instances: Group }>>(
    client,
    { index: scope.reader.index, filter: scope.filter, aggs },
    signal
  );
  // One bucket per instance name, by name, within the budget (the first field naming it wins).
  const byName = new Map<string, Bucket & OverTime<TBucket>>();
  fields.forEach((_, i) => {
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
