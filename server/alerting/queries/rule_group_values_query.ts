import type { ElasticsearchClient } from '@kbn/core/server';
import { EXPVAR_DATASET, HEAP_DATASET, dataStreamPattern } from '../../../common/data_streams';
import { CUSTOM_METRIC_PREFIX } from '../../../common/alerting/rule_params';
import type { GroupValue, GroupValuesRequest, GroupValuesResponse } from './rule_queries';
import { aggregationSearch } from '../../queries/aggregation_search';
import { ruleFilters } from './rule_filters';
import { groupAggs, groupBuckets, type ServicesAggregation } from './rule_groups';

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
  const custom = request.metric.startsWith(CUSTOM_METRIC_PREFIX)
    ? request.metric.slice(CUSTOM_METRIC_PREFIX.length)
    : undefined;
  const perInstance =
    request.groupBy === 'instance' ||
    request.aggregation === 'last' ||
    request.aggregation === 'rate';
  const buckets = perInstance ? 'instance' : 'service';
  const valueAggs =
    custom === undefined
      ? heapValueAggs(request.metric, request.aggregation)
      : customValueAggs(custom, request.aggregation);
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
        ? pointValue(bucket, request, custom)
        : statOf(bucket),
  }));
  return {
    groups: request.groupBy === 'instance' || !perInstance ? values : sumPerService(values),
    truncated: read.truncated,
  };
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
  return [...byService].map(([service, values]) => ({ service, value: sumOf(values) }));
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
  request: GroupValuesRequest,
  custom: string | undefined
): number | null {
  const latest = edgePoint(bucket.latest?.hits.hits[0], request.metric, custom);
  if (latest === undefined) return null;
  if (request.aggregation === 'last') return latest.value;
  const first = edgePoint(bucket.first?.hits.hits[0], request.metric, custom);
  if (first === undefined || latest.atMs <= first.atMs || latest.value < first.value) return null;
  return (latest.value - first.value) / ((latest.atMs - first.atMs) / 1_000);
}
