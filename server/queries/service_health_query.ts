import type { ElasticsearchClient, SavedObjectsClientContract } from '@kbn/core/server';
import { TARGET_SAVED_OBJECT_TYPE } from '../../common/constants';
import { HEAP_DATASET, SCRAPE_DATASET, dataStreamPattern } from '../../common/data_streams';
import type { ServiceHealthRequest, ServiceHealthResponse } from '../../common/panels';
import { serviceHealthOf, type InstanceHealth } from '../../common/service_health';
import type { MetricValue, TermsBuckets, TopHits } from './aggregation_results';
import { aggregationSearch } from './aggregation_search';
import { instanceHealthOf, type InstanceObservation, type TargetStates } from './instance_state';
import { INSTANCE_FIELD } from './panel_scope';
import { spaceFilter } from './space_filter';

/**
 * How far back health looks for attempts: an instance with none in this window is not known
 * to health at all (its data, if any, is old history).
 */
export const HEALTH_LOOKBACK_MS = 24 * 3_600_000;
const MAX_SERVICES = 500;
const MAX_INSTANCES_PER_SERVICE = 200;
/** Down instances whose start of the outage is looked up one by one; the rest show their newest failure. */
const MAX_SINCE_LOOKUPS = 200;
const TARGET_PAGE = 1_000;
const MAX_TARGET_PAGES = 10;

interface ScrapeSource {
  event?: { outcome?: string };
  error?: { type?: unknown; message?: unknown };
  go_runtime?: { target?: { id?: unknown } };
  metricset?: { period?: unknown };
}
interface InstanceBucket {
  key: string;
  newest: TopHits<ScrapeSource>;
  success: { last: MetricValue };
}
type ServiceBuckets = TermsBuckets<{ key: string; instances: TermsBuckets<InstanceBucket> }>;

/** Whether each target of the request's space is enabled, by id (the space-scoped client). */
export async function loadTargetStates(
  client: SavedObjectsClientContract
): Promise<Map<string, boolean>> {
  const states = new Map<string, boolean>();
  for (let page = 1; page <= MAX_TARGET_PAGES; page++) {
    const found = await client.find<{ enabled?: boolean }>({
      type: TARGET_SAVED_OBJECT_TYPE,
      page,
      perPage: TARGET_PAGE,
    });
    for (const target of found.saved_objects)
      states.set(target.id, target.attributes.enabled !== false);
    if (page * TARGET_PAGE >= found.total) break;
  }
  return states;
}

/**
 * The health of every instance with an attempt in the lookback, by service (one service when
 * `serviceName` is given): the newest attempt says up or down, the targets say disabled or
 * removed, and a silence of a few periods says stale. For each down instance, a second search
 * finds the first failure after its last success: when the outage began.
 */
export async function queryInstanceHealth(
  client: ElasticsearchClient,
  spaceId: string,
  scope: { readonly serviceName?: string; readonly instance?: string },
  targets: TargetStates,
  nowMs: number,
  signal?: AbortSignal
): Promise<Map<string, InstanceHealth[]>> {
  const fromMs = nowMs - HEALTH_LOOKBACK_MS;
  const filter: object[] = [
    { range: { '@timestamp': { gte: fromMs, lte: nowMs, format: 'epoch_millis' } } },
    spaceFilter(spaceId),
  ];
  if (scope.serviceName !== undefined) filter.push({ term: { 'service.name': scope.serviceName } });
  if (scope.instance !== undefined) filter.push({ term: { [INSTANCE_FIELD]: scope.instance } });
  const response = await aggregationSearch<{ services: ServiceBuckets }>(
    client,
    {
      index: dataStreamPattern(SCRAPE_DATASET),
      filter,
      aggs: {
        services: {
          terms: { field: 'service.name', size: MAX_SERVICES },
          aggs: {
            instances: {
              terms: { field: INSTANCE_FIELD, size: MAX_INSTANCES_PER_SERVICE },
              aggs: {
                newest: {
                  top_hits: {
                    size: 1,
                    sort: [{ '@timestamp': { order: 'desc' } }],
                    _source: [
                      'event.outcome',
                      'error.type',
                      'error.message',
                      'go_runtime.target.id',
                      'metricset.period',
                    ],
                    docvalue_fields: [{ field: '@timestamp', format: 'epoch_millis' }],
                  },
                },
                success: {
                  filter: { term: { 'event.outcome': 'success' } },
                  aggs: { last: { max: { field: '@timestamp' } } },
                },
              },
            },
          },
        },
      },
    },
    signal
  );
  const observed: Array<{ service: string; observation: InstanceObservation }> = [];
  for (const service of response.aggregations?.services.buckets ?? []) {
    for (const bucket of service.instances.buckets) {
      const hit = bucket.newest.hits.hits[0];
      const source = hit?._source;
      const at = Number(hit?.fields?.['@timestamp']?.[0]);
      if (source === undefined || !Number.isFinite(at)) continue;
      const lastSuccess = bucket.success.last.value;
      observed.push({
        service: String(service.key),
        observation: {
          instance: String(bucket.key),
          targetId: String(source.go_runtime?.target?.id ?? ''),
          lastAttemptAt: at,
          periodMs: Number(source.metricset?.period) || 10_000,
          failed: source.event?.outcome === 'failure',
          ...(source.error?.type === undefined ? {} : { errorType: String(source.error.type) }),
          ...(source.error?.message === undefined
            ? {}
            : { errorMessage: String(source.error.message) }),
          ...(lastSuccess === null ? {} : { lastSuccessAt: lastSuccess }),
        },
      });
    }
  }
  const health = observed.map(({ service, observation }) => ({
    service,
    observation,
    health: instanceHealthOf(observation, nowMs, targets),
  }));
  const since = await queryDownSince(
    client,
    spaceId,
    health
      .filter((entry) => entry.health.state === 'down')
      .slice(0, MAX_SINCE_LOOKUPS)
      .map((entry) => entry.observation),
    fromMs,
    nowMs,
    signal
  );
  const byService = new Map<string, InstanceHealth[]>();
  for (const entry of health) {
    const list = byService.get(entry.service) ?? [];
    list.push(
      instanceHealthOf(entry.observation, nowMs, targets, since.get(entry.observation.targetId))
    );
    byService.set(entry.service, list);
  }
  return byService;
}

/** The first failure after the last success of each down target, by target id. */
async function queryDownSince(
  client: ElasticsearchClient,
  spaceId: string,
  down: readonly InstanceObservation[],
  fromMs: number,
  nowMs: number,
  signal?: AbortSignal
): Promise<Map<string, number>> {
  const since = new Map<string, number>();
  if (down.length === 0) return since;
  const filters: Record<string, object> = {};
  down.forEach((observation, index) => {
    filters[String(index)] = {
      bool: {
        filter: [
          { term: { 'go_runtime.target.id': observation.targetId } },
          {
            range: {
              '@timestamp': {
                [observation.lastSuccessAt === undefined ? 'gte' : 'gt']:
                  observation.lastSuccessAt ?? fromMs,
                format: 'epoch_millis',
              },
            },
          },
        ],
      },
    };
  });
  const response = await aggregationSearch<{
    down: { buckets: Record<string, { first: MetricValue }> };
  }>(
    client,
    {
      index: dataStreamPattern(SCRAPE_DATASET),
      filter: [
        { range: { '@timestamp': { gte: fromMs, lte: nowMs, format: 'epoch_millis' } } },
        { term: { 'event.outcome': 'failure' } },
        spaceFilter(spaceId),
      ],
      aggs: { down: { filters: { filters }, aggs: { first: { min: { field: '@timestamp' } } } } },
    },
    signal
  );
  down.forEach((observation, index) => {
    const first = response.aggregations?.down.buckets[String(index)]?.first.value;
    if (typeof first === 'number') since.set(observation.targetId, first);
  });
  return since;
}

/** The newest heap document of a service (or one instance), over everything kept. */
async function queryLastSample(
  client: ElasticsearchClient,
  request: ServiceHealthRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<number | null> {
  const filter: object[] = [
    { term: { 'service.name': request.service_name } },
    spaceFilter(spaceId),
  ];
  if (request.instance !== undefined) filter.push({ term: { [INSTANCE_FIELD]: request.instance } });
  const response = await aggregationSearch<{ last: MetricValue }>(
    client,
    {
      index: dataStreamPattern(HEAP_DATASET),
      filter,
      aggs: { last: { max: { field: '@timestamp' } } },
    },
    signal
  );
  return response.aggregations?.last.value ?? null;
}

/** One service's (or instance's) health now, and when it last reported, whatever the range. */
export async function queryServiceHealth(
  client: ElasticsearchClient,
  request: ServiceHealthRequest,
  spaceId: string,
  targets: TargetStates,
  nowMs: number,
  signal?: AbortSignal
): Promise<ServiceHealthResponse> {
  const [byService, lastSample] = await Promise.all([
    queryInstanceHealth(
      client,
      spaceId,
      {
        serviceName: request.service_name,
        ...(request.instance === undefined ? {} : { instance: request.instance }),
      },
      targets,
      nowMs,
      signal
    ),
    queryLastSample(client, request, spaceId, signal),
  ]);
  const instances = (byService.get(request.service_name) ?? []).sort((a, b) =>
    a.instance.localeCompare(b.instance)
  );
  return {
    health: instances.length === 0 ? null : serviceHealthOf(instances),
    instances,
    last_sample_at: lastSample,
  };
}
