import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import type { ServiceSummary, ServicesRequest, ServicesResponse } from '../../common/panels';
import { aggregationSearch } from './aggregation_search';
import { planBuckets } from './bucketing';
import { PAUSE_DURATIONS_FIELD, PAUSE_PERCENTILES } from './gc_pauses_query';
import { INSTANCE_FIELD } from './panel_scope';
import type { Buckets } from './aggregation_results';
import { spaceFilter } from './space_filter';
import type { QueryContext } from '../routes/dashboard_routes';
import { serviceHealthOf, type ServiceHealth } from '../../common/service_health';
import { queryInstanceHealth } from './service_health_query';
import type { SourceNote, SourceProblem } from '../../common/sources';
import { sourceProblem } from '../sources/source_problem';
import { ownSourceReader } from '../sources/source_readers';
import { mergeServiceRows, type SourceServiceRow } from './service_rows';
import { querySourceServices } from './source_services_query';

/** Rows of the services list; beyond this the response says it was cut (sorted by name). */
export const MAX_SERVICES = 200;
/** Instances read one by one per service, the most recent first (for the latest heap and recency). */
const MAX_INSTANCES_PER_SERVICE = 50;
const SPARKLINE_POINTS = 30;
const HEAP_IN_USE_FIELD = 'golang.heap.allocations.active';

interface Value {
  value: number | null;
}
interface InstanceBucket {
  key: string;
  last: Value;
  period: Value;
  latest: { hits: { hits: Array<{ fields?: Record<string, unknown[]> }> } };
}
interface ServiceBucket {
  key: string;
  instances_seen: Value;
  pause_percentiles: { values: Record<string, number | null> };
  pause_max: Value;
  pauses: Value;
  cycles: Value;
  restarts: { doc_count: number };
  last: Value;
  sparkline: { buckets: Array<{ key: number; doc_count: number; heap: Value; reporting: Value }> };
  per_instance: { buckets: InstanceBucket[] };
}

/**
 * One row per service that reported in the range, in any enabled source: a service in several
 * sources is one row (service_rows.ts). Heap in use is the sum of each instance's latest sample,
 * over the instances whose latest sample is within two reporting periods of the service's latest
 * (an instance that went away no longer counts). "Recent" instances have a sample within the
 * last two periods before now. A source whose search fails is named in `problems`.
 */
export async function queryServices(
  client: ElasticsearchClient,
  request: ServicesRequest,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
): Promise<ServicesResponse> {
  const now = Date.now();
  const healthSearch = (async () =>
    queryInstanceHealth(client, spaceId, {}, await context?.loadTargets?.(), now, signal))();
  const sparkline = planBuckets({ fromMs: request.from, toMs: request.to });
  const sparkMs = Math.max(
    sparkline.bucketMs,
    Math.ceil((request.to - request.from) / SPARKLINE_POINTS / 1000) * 1000
  );
  // Without sources in the context (a server caller), the plugin's own documents only.
  const external = (context?.sources ?? []).filter((reader) => reader.id !== 'go_runtime');
  const search = aggregationSearch<{ services: Buckets<ServiceBucket> }>(
    client,
    {
      index: dataStreamPattern(HEAP_DATASET),
      filter: [
        {
          range: {
            '@timestamp': { gte: request.from, lte: request.to, format: 'epoch_millis' },
          },
        },
        spaceFilter(spaceId),
      ],
      aggs: {
        services: {
          terms: { field: 'service.name', size: MAX_SERVICES + 1, order: { _key: 'asc' } },
          aggs: {
            instances_seen: { cardinality: { field: INSTANCE_FIELD, precision_threshold: 3_000 } },
            pause_percentiles: {
              percentiles: { field: PAUSE_DURATIONS_FIELD, ...PAUSE_PERCENTILES, percents: [99] },
            },
            pause_max: { max: { field: 'golang.heap.gc.pause.max.ns' } },
            pauses: { sum: { field: 'golang.heap.gc.pause.count' } },
            cycles: { sum: { field: 'golang.heap.gc.cycles' } },
            restarts: { filter: { term: { 'golang.heap.process.restarted': true } } },
            last: { max: { field: '@timestamp' } },
            sparkline: {
              date_histogram: {
                field: '@timestamp',
                fixed_interval: `${sparkMs}ms`,
                min_doc_count: 0,
                extended_bounds: { min: request.from, max: request.to },
              },
              aggs: {
                heap: { avg: { field: HEAP_IN_USE_FIELD } },
                reporting: { cardinality: { field: INSTANCE_FIELD } },
              },
            },
            per_instance: {
              terms: {
                field: INSTANCE_FIELD,
                size: MAX_INSTANCES_PER_SERVICE,
                order: { last: 'desc' },
              },
              aggs: {
                last: { max: { field: '@timestamp' } },
                period: { max: { field: 'metricset.period' } },
                // The doc value, not `_source`: synthetic `_source` rebuilds the whole document
                // first, which made this the costliest part of the list (test/bench/services_list.ts).
                latest: {
                  top_hits: {
                    size: 1,
                    sort: [{ '@timestamp': { order: 'desc' } }],
                    _source: false,
                    docvalue_fields: [HEAP_IN_USE_FIELD],
                  },
                },
              },
            },
          },
        },
      },
    },
    signal
  );
  const [own, health, ...others] = await Promise.allSettled([
    search,
    healthSearch,
    ...external.map((reader) =>
      querySourceServices(client, reader, request, { bucketMs: sparkMs }, signal)
    ),
  ]);
  // One source failing leaves the others listed; all failing (or a cancel) fails the request.
  const failed = [own, ...others].filter(
    (r): r is PromiseRejectedResult => r.status === 'rejected'
  );
  if (failed.length > 0 && (signal?.aborted === true || failed.length === 1 + others.length))
    throw failed[0]!.reason;
  if (health.status === 'rejected') throw health.reason;
  const problems: SourceProblem[] = [];
  const notes: SourceNote[] = [];
  const rows: SourceServiceRow[] = [];
  let limited = false;
  if (own.status === 'fulfilled') {
    const buckets = own.value.aggregations?.services.buckets ?? [];
    limited = buckets.length > MAX_SERVICES;
    rows.push(...buckets.slice(0, MAX_SERVICES).map(ownRow));
  } else problems.push(sourceProblem(ownSourceReader(), own.reason));
  others.forEach((result, i) => {
    if (result.status === 'fulfilled') {
      rows.push(...result.value.rows);
      limited ||= result.value.limited;
      if (result.value.problem !== undefined) problems.push(result.value.problem);
      if (result.value.note !== undefined) notes.push(result.value.note);
    } else problems.push(sourceProblem(external[i]!, result.reason));
  });
  const minutes = Math.max((Math.min(request.to, now) - request.from) / 60_000, 1 / 60);
  const byName = new Map<string, SourceServiceRow[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  const services = [...byName.values()].map((ofService) => {
    const ownRows = ofService.filter((row) => row.source === 'go_runtime');
    const scrapeHealth =
      ownRows.length === 0
        ? undefined
        : healthOf(health.value.get(ofService[0]!.name), ownRows[0]!.instancesSeen);
    return mergeServiceRows(ofService, scrapeHealth, now, minutes);
  });
  // A service down for the whole range has no heap document in it, yet it is the one to see.
  const listed = new Set(services.map((service) => service.service_name));
  for (const [name, instances] of health.value) {
    const summary = serviceHealthOf(instances);
    if (listed.has(name) || summary.state !== 'down') continue;
    services.push(silentService(name, summary, instances.length));
  }
  services.sort((a, b) => (a.service_name < b.service_name ? -1 : 1));
  return {
    services: services.slice(0, MAX_SERVICES),
    limited: limited || services.length > MAX_SERVICES,
    ...(problems.length === 0 ? {} : { problems }),
    ...(notes.length === 0 ? {} : { notes }),
  };
}

/** What the plugin's own scrapes know of one service (the per-scrape deltas and pauses are its own). */
function ownRow(service: ServiceBucket): SourceServiceRow {
  const hasPauses = (service.pauses.value ?? 0) > 0;
  const p99 = service.pause_percentiles.values['99.0'];
  return {
    source: 'go_runtime',
    name: String(service.key),
    instancesSeen: service.instances_seen.value ?? 0,
    instances: service.per_instance.buckets.map((instance) => {
      const value = instance.latest.hits.hits[0]?.fields?.[HEAP_IN_USE_FIELD]?.[0];
      return {
        last: instance.last.value ?? 0,
        periodMs: instance.period.value ?? 0,
        heap: typeof value === 'number' ? value : null,
      };
    }),
    pauseP99: hasPauses && typeof p99 === 'number' && Number.isFinite(p99) ? p99 : null,
    pauseMax: hasPauses ? service.pause_max.value : null,
    cycles: service.cycles.value,
    restarts: service.restarts.doc_count,
    last: service.last.value,
    sparkline: service.sparkline.buckets.map((b): [number, number | null] => [
      Number(b.key),
      b.doc_count === 0 || b.heap.value === null ? null : b.heap.value * (b.reporting.value ?? 1),
    ]),
  };
}

/**
 * A service with data in the range but no attempt in the health lookback is history: nobody
 * has scraped it for a day, so all its instances are stale.
 */
function healthOf(
  instances: Parameters<typeof serviceHealthOf>[0] | undefined,
  seen: number
): ServiceHealth {
  return instances === undefined || instances.length === 0
    ? { state: 'stale', up: 0, down: 0, stale: seen }
    : serviceHealthOf(instances);
}

function silentService(name: string, health: ServiceHealth, instances: number): ServiceSummary {
  return {
    service_name: name,
    health,
    instances_seen: instances,
    instances_recent: 0,
    heap_in_use_bytes: null,
    gc_pause_p99_ns: null,
    gc_pause_max_ns: null,
    gc_cycles_per_minute: null,
    restarts: 0,
    last_sample_at: null,
    heap_sparkline: [],
    sources: ['go_runtime'],
  };
}
