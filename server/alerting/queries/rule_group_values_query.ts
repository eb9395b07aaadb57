import type { ElasticsearchClient } from '@kbn/core/server';
import { EXPVAR_DATASET, HEAP_DATASET, dataStreamPattern } from '../../../common/data_streams';
import { CUSTOM_METRIC_PREFIX } from '../../../common/alerting/rule_params';
import type { GroupValue, GroupValuesRequest, GroupValuesResponse } from './rule_queries';
import { aggregationSearch } from '../../queries/aggregation_search';
import type { Measure } from '../../../common/sources';
import type { SourceReader } from '../../sources/source_readers';
import { ruleFilters } from './rule_filters';
import { alertIdOf } from '../shared/alert_id';
import type { RuleGroup } from './rule_queries';
import {
  groupAggs,
  groupBuckets,
  identityGroupAggs,
  identityGroupBuckets,
  type ServicesAggregation,
} from './rule_groups';
import {
  eachSource,
  externalAggregationSearch,
  externalRuleFilters,
  isExternal,
  type ExternalReader,
  type SourceFailure,
} from './rule_sources';

/** Bounds one rule run: more groups than this are not evaluated, and the run says so. */
export const MAX_SERVICES = 500;
export const MAX_INSTANCES_PER_SERVICE = 500;

interface Hit {
  _source?: Record<string, unknown>;
  fields?: Record<string, unknown[]>;
  sort?: unknown[];
}
interface StatBuckets {
  stat?: { value: number | null };
  metric?: { named: { stat: { value: number | null } } };
  first?: { hits: { hits: Hit[] } };
  latest?: { hits: { hits: Hit[] } };
}
const LIMITS = { services: MAX_SERVICES, instancesPerService: MAX_INSTANCES_PER_SERVICE };

/**
 * The value of one metric per group over a window: `max`, `min`, `avg` of the gauge, `last`
 * (the newest document's value), or `rate` (per second, between the window's first and last
 * documents; null when the counter went back, i.e. the process restarted inside the window).
 * A service group aggregates all of its documents; for `last` and `rate` it sums its
 * instances' values, which is what a counter per service means.
 */
export async function queryRuleGroupValues(
  client: ElasticsearchClient,
  request: GroupValuesRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<GroupValuesResponse> {
  return queryGroupValuesOf(client, undefined, request, spaceId, signal);
}

/**
 * The field an external source keeps a threshold metric in, or undefined when the source
 * cannot feed it: a custom metric (only the plugin reads an application's expvar vars), a
 * measure the plugin derives per scrape (RATE_OF_COUNTER: take the counter with `rate`), or
 * one the source's documents do not carry.
 */
export function externalMetricField(reader: ExternalReader, metric: string): string | undefined {
  return metric.startsWith(CUSTOM_METRIC_PREFIX) ? undefined : reader.field(metric as Measure);
}

/** The sources that can feed a threshold metric: the plugin's own always, others by their fields. */
export function sourcesOfMetric(readers: readonly SourceReader[], metric: string): SourceReader[] {
  return readers.filter(
    (reader) => !isExternal(reader) || externalMetricField(reader, metric) !== undefined
  );
}

/**
 * queryRuleGroupValues on every source that can feed the metric; an external source's groups
 * carry its id. A source that fails is in `failures`, the others' groups stand.
 */
export async function queryRuleGroupValuesAcrossSources(
  client: ElasticsearchClient,
  readers: readonly SourceReader[],
  request: GroupValuesRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<GroupValuesResponse & { failures: SourceFailure[] }> {
  const { answers, failures } = await eachSource(
    sourcesOfMetric(readers, request.metric),
    (reader) =>
      queryGroupValuesOf(client, isExternal(reader) ? reader : undefined, request, spaceId, signal),
    signal
  );
  return {
    groups: answers.flatMap(({ answer }) => answer.groups),
    truncated: answers.some(({ answer }) => answer.truncated),
    failures,
  };
}

async function queryGroupValuesOf(
  client: ElasticsearchClient,
  external: ExternalReader | undefined,
  request: GroupValuesRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<GroupValuesResponse> {
  const custom =
    external === undefined && request.metric.startsWith(CUSTOM_METRIC_PREFIX)
      ? request.metric.slice(CUSTOM_METRIC_PREFIX.length)
      : undefined;
  const field =
    external === undefined ? request.metric : externalMetricField(external, request.metric);
  if (field === undefined) return { groups: [], truncated: false };
  const perInstance =
    request.groupBy === 'instance' ||
    request.aggregation === 'last' ||
    request.aggregation === 'rate';
  const buckets = perInstance ? 'instance' : 'service';
  const valueAggs =
    custom === undefined
      ? heapValueAggs(field, request.aggregation)
      : customValueAggs(custom, request.aggregation);
  if (external !== undefined)
    return externalGroupValues(client, external, field, valueAggs, request, signal);
  const response = await aggregationSearch<ServicesAggregation<StatBuckets>>(
    client,
    {
      index: dataStreamPattern(custom === undefined ? HEAP_DATASET : EXPVAR_DATASET),
      filter: ruleFilters(request.fromMs, request.toMs, spaceId, request.serviceNames),
      aggs: groupAggs(buckets, LIMITS, valueAggs),
    },
    signal
  );
  const read = groupBuckets(response.aggregations?.services, buckets);
  const values = read.groups.map(({ group, bucket }) => ({
    ...group,
    value:
      request.aggregation === 'last' || request.aggregation === 'rate'
        ? pointValue(bucket, request.aggregation, field, custom)
        : statOf(bucket),
  }));
  return {
    groups: request.groupBy === 'instance' || !perInstance ? values : sumPerService(values),
    truncated: read.truncated,
  };
}

/**
 * One external source's values: always read per instance (its numbers are per process), then
 * a service's from its instances': the highest maximum, the lowest minimum, the mean weighted by
 * documents, the sum of last values and rates.
 */
async function externalGroupValues(
  client: ElasticsearchClient,
  reader: ExternalReader,
  field: string,
  valueAggs: Record<string, object>,
  request: GroupValuesRequest,
  signal?: AbortSignal
): Promise<GroupValuesResponse> {
  const response = await externalAggregationSearch<Record<string, unknown>>(
    client,
    reader,
    {
      filter: externalRuleFilters(reader, request, request.serviceNames, field),
      aggs: identityGroupAggs(reader, LIMITS, valueAggs),
    },
    signal
  );
  const read = identityGroupBuckets<StatBuckets>(reader, response.aggregations);
  const { aggregation } = request;
  const merged = new Map<string, { group: RuleGroup; value: number | null; docs: number }>();
  for (const { group, bucket } of read.groups) {
    const value =
      aggregation === 'last' || aggregation === 'rate'
        ? pointValue(bucket, aggregation, field, undefined)
        : statOf(bucket);
    const key = request.groupBy === 'service' ? group.service : alertIdOf(group);
    const before = merged.get(key);
    const next = { value, docs: bucket.doc_count };
    const grouped = request.groupBy === 'service' ? { service: group.service } : group;
    merged.set(key, {
      group: { ...grouped, source: reader.id },
      ...(before === undefined ? next : combineValues(aggregation, before, next)),
    });
  }
  return {
    groups: [...merged.values()].map(({ group, value }) => ({ ...group, value })),
    truncated: read.truncated,
  };
}

function combineValues(
  aggregation: GroupValuesRequest['aggregation'],
  a: { value: number | null; docs: number },
  b: { value: number | null; docs: number }
): { value: number | null; docs: number } {
  const docs = a.docs + b.docs;
  if (a.value === null || b.value === null) return { value: a.value ?? b.value, docs };
  switch (aggregation) {
    case 'max':
      return { value: Math.max(a.value, b.value), docs };
    case 'min':
      return { value: Math.min(a.value, b.value), docs };
    case 'avg':
      return { value: (a.value * a.docs + b.value * b.docs) / Math.max(docs, 1), docs };
    default:
      return { value: a.value + b.value, docs };
  }
}

function heapValueAggs(
  field: string,
  aggregation: GroupValuesRequest['aggregation']
): Record<string, object> {
  if (aggregation === 'max' || aggregation === 'min' || aggregation === 'avg')
    return { stat: { [aggregation]: { field } } };
  const edge = (order: 'asc' | 'desc') => ({
    top_hits: {
      size: 1,
      sort: [{ '@timestamp': { order } }],
      _source: false,
      docvalue_fields: [field, { field: '@timestamp', format: 'epoch_millis' }],
    },
  });
  return aggregation === 'last'
    ? { latest: edge('desc') }
    : { latest: edge('desc'), first: edge('asc') };
}

function customValueAggs(
  pointer: string,
  aggregation: GroupValuesRequest['aggregation']
): Record<string, object> {
  if (aggregation === 'max' || aggregation === 'min' || aggregation === 'avg') {
    return {
      metric: {
        nested: { path: 'golang.expvar.metrics' },
        aggs: {
          named: {
            filter: { term: { 'golang.expvar.metrics.name': pointer } },
            aggs: { stat: { [aggregation]: { field: 'golang.expvar.metrics.value' } } },
          },
        },
      },
    };
  }
  // Nested values have no doc values reachable from the root document; the expvar stream
  // keeps _source, so the newest (and oldest) document's value is read from it.
  const edge = (order: 'asc' | 'desc') => ({
    top_hits: {
      size: 1,
      sort: [{ '@timestamp': { order } }],
      _source: ['golang.expvar.metrics', '@timestamp'],
    },
  });
  return aggregation === 'last'
    ? { latest: edge('desc') }
    : { latest: edge('desc'), first: edge('asc') };
}

function statOf(bucket: StatBuckets): number | null {
  return bucket.stat?.value ?? bucket.metric?.named.stat.value ?? null;
}

function sumOf(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

/** A service's value from its instances' (last and rate are per process): their sum. */
function sumPerService(instances: readonly GroupValue[]): GroupValue[] {
  const byService = new Map<string, Array<number | null>>();
  for (const { service, value } of instances)
    byService.set(service, [...(byService.get(service) ?? []), value]);
  // One query reads one source, so the instances here share it.
  const source = instances[0]?.source === undefined ? {} : { source: instances[0].source };
  return [...byService].map(([service, values]) => ({
    service,
    ...source,
    value: sumOf(values),
  }));
}

/** The value and time of the newest (or oldest) document of a bucket. */
function edgePoint(
  hit: Hit | undefined,
  field: string,
  custom: string | undefined
): { value: number; atMs: number } | undefined {
  if (hit === undefined) return undefined;
  if (custom !== undefined) {
    const metrics = hit._source?.golang as
      | { expvar?: { metrics?: Array<{ name: string; value: number }> } }
      | undefined;
    const found = metrics?.expvar?.metrics?.find((metric) => metric.name === custom);
    const at = Date.parse(String(hit._source?.['@timestamp']));
    return found === undefined || !Number.isFinite(at)
      ? undefined
      : { value: found.value, atMs: at };
  }
  const value = Number(hit.fields?.[field]?.[0]);
  const atMs = Number(hit.fields?.['@timestamp']?.[0]);
  return Number.isFinite(value) && Number.isFinite(atMs) && hit.fields?.[field] !== undefined
    ? { value, atMs }
    : undefined;
}

function pointValue(
  bucket: StatBuckets,
  aggregation: 'last' | 'rate',
  field: string,
  custom: string | undefined
): number | null {
  const latest = edgePoint(bucket.latest?.hits.hits[0], field, custom);
  if (latest === undefined) return null;
  if (aggregation === 'last') return latest.value;
  const first = edgePoint(bucket.first?.hits.hits[0], field, custom);
  if (first === undefined || latest.atMs <= first.atMs || latest.value < first.value) return null;
  return (latest.value - first.value) / ((latest.atMs - first.atMs) / 1_000);
}
