import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, SCRAPE_DATASET, dataStreamPattern } from '../../../common/data_streams';
import type {
  InstanceHealth,
  InstanceHealthRequest,
  InstanceHealthResponse,
  ScrapeAttempt,
} from './rule_queries';
import type { TopHits } from '../../queries/aggregation_results';
import { aggregationSearch } from '../../queries/aggregation_search';
import { ruleFilters } from './rule_filters';
import { groupAggs, groupBuckets, type ServicesAggregation } from './rule_groups';

/**
 * Scrape health documents (`metrics-go_runtime.scrape-<namespace>`, one per attempt). Until
 * they exist, `scrapes` comes back empty and `down` rests on heap documents alone.
 */
const SCRAPE_INDEX_PATTERN = dataStreamPattern(SCRAPE_DATASET);
const LIMITS = { services: 500, instancesPerService: 500 };

interface Bucket<T = unknown> {
  key: string;
  doc_count: number;
  sub?: T;
}

interface HeapInstance {
  last_seen: { value: number | null };
  any_period: { value: number | null };
  recent: {
    period: { value: number | null };
    missed: { value: number | null };
    restarts: { doc_count: number; reason: { buckets: Bucket[] } };
  };
}
/** The part of a scrape health document the rule reads. */
interface ScrapeSource {
  event?: { outcome?: string };
  error?: { type?: unknown; message?: unknown };
}
interface ScrapeInstance {
  last: TopHits<ScrapeSource>;
}

/** Per instance known in the lookback: its newest heap document, period, restarts and missed pauses, and its last scrape attempts. */
export async function queryRuleInstanceHealth(
  client: ElasticsearchClient,
  request: InstanceHealthRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<InstanceHealthResponse> {
  const fromMs = request.nowMs - request.lookbackMs;
  const eventsFromMs = request.nowMs - request.eventWindowMs;
  const filter = ruleFilters(fromMs, request.nowMs, spaceId, request.serviceNames);
  const heapSearch = aggregationSearch<ServicesAggregation<HeapInstance>>(
    client,
    {
      index: dataStreamPattern(HEAP_DATASET),
      filter,
      aggs: groupAggs('instance', LIMITS, {
        // Maxes, not a top_hits of the newest document: over 100 instances × 24 h at 10 s the
        // top_hits per instance took about twice as long (median 192 ms against 104 ms, the
        // same query otherwise). The period is the largest in the recent window, or over the
        // lookback for an instance silent in that window (which is down for any period).
        last_seen: { max: { field: '@timestamp' } },
        any_period: { max: { field: 'metricset.period' } },
        recent: {
          filter: {
            range: {
              '@timestamp': { gte: eventsFromMs, lte: request.nowMs, format: 'epoch_millis' },
            },
          },
          aggs: {
            period: { max: { field: 'metricset.period' } },
            missed: { sum: { field: 'golang.heap.gc.pause.missed' } },
            restarts: {
              filter: { term: { 'golang.heap.process.restarted': true } },
              aggs: { reason: { terms: { field: 'golang.heap.process.restart_reason', size: 1 } } },
            },
          },
        },
      }),
    },
    signal
  );
  const scrapeSearch = aggregationSearch<ServicesAggregation<ScrapeInstance>>(
    client,
    {
      index: SCRAPE_INDEX_PATTERN,
      filter,
      aggs: groupAggs('instance', LIMITS, {
        last: {
          top_hits: {
            size: request.downForIntervals,
            sort: [{ '@timestamp': { order: 'desc' } }],
            _source: ['event.outcome', 'error.type', 'error.message'],
            docvalue_fields: [{ field: '@timestamp', format: 'epoch_millis' }],
          },
        },
      }),
    },
    signal
  );
  const [heap, scrapes] = await Promise.all([heapSearch, scrapeSearch]);

  const instances = new Map<string, InstanceHealth & { scrapes: ScrapeAttempt[] }>();
  const keyOf = (service: string, instance: string) => `${service}\u0000${instance}`;
  const heapGroups = groupBuckets(heap.aggregations?.services, 'instance');
  for (const { group, bucket } of heapGroups.groups) {
    const { service, instance = '' } = group;
    const reason = bucket.recent.restarts.reason.buckets[0]?.key;
    instances.set(keyOf(service, instance), {
      service,
      instance,
      lastHeapDocMs: finiteOrNull(bucket.last_seen.value),
      periodMs: finiteOrNull(bucket.recent.period.value ?? bucket.any_period.value),
      scrapes: [],
      restarts: bucket.recent.restarts.doc_count,
      ...(reason === undefined ? {} : { restartReason: String(reason) }),
      missedPauses: bucket.recent.missed.value ?? 0,
    });
  }
  for (const { group, bucket } of groupBuckets(scrapes.aggregations?.services, 'instance').groups) {
    const { service, instance = '' } = group;
    const attempts: ScrapeAttempt[] = bucket.last.hits.hits.map((hit) => ({
      atMs: Number(hit.fields?.['@timestamp']?.[0]),
      outcome: hit._source?.event?.outcome === 'failure' ? 'failure' : 'success',
      ...(hit._source?.error?.type === undefined
        ? {}
        : { errorType: String(hit._source.error.type) }),
      ...(hit._source?.error?.message === undefined
        ? {}
        : { errorMessage: String(hit._source.error.message).slice(0, 300) }),
    }));
    const known = instances.get(keyOf(service, instance));
    if (known !== undefined) known.scrapes.push(...attempts);
    else {
      // A target that never produced a heap document is still an instance the rule watches.
      instances.set(keyOf(service, instance), {
        service,
        instance,
        lastHeapDocMs: null,
        periodMs: null,
        scrapes: attempts,
        restarts: 0,
        missedPauses: 0,
      });
    }
  }
  return { instances: [...instances.values()], truncated: heapGroups.truncated };
}

function finiteOrNull(value: unknown): number | null {
  const number = Number(value);
  return value === undefined || value === null || !Number.isFinite(number) ? null : number;
}
