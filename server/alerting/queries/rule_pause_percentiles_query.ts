import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../../common/data_streams';
import type {
  PausePercentile,
  PausePercentilesRequest,
  PausePercentilesResponse,
} from './rule_queries';
import { PAUSE_DURATIONS_FIELD as DURATIONS_FIELD } from '../../queries/gc_pauses_query';
import { ruleFilters } from './rule_filters';

/** Documents read per run at most (newest first); a window with more is evaluated on these and flagged truncated. */
export const MAX_PAUSE_DOCUMENTS = 10_000;

/**
 * The exact percentile of GC pauses per group: every pause recorded in the window (each heap
 * document lists its scrape's pauses), not an estimate from a digest, so a p99.9 over a few
 * hundred pauses is one of them. Nearest rank: the smallest pause with at least p % of the
 * pauses at or below it.
 */
export async function queryRulePausePercentiles(
  client: ElasticsearchClient,
  request: PausePercentilesRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<PausePercentilesResponse> {
  const response = await client.search(
    {
      index: dataStreamPattern(HEAP_DATASET),
      size: MAX_PAUSE_DOCUMENTS,
      ignore_unavailable: true,
      allow_no_indices: true,
      track_total_hits: MAX_PAUSE_DOCUMENTS + 1,
      _source: false,
      sort: [{ '@timestamp': { order: 'desc' } }],
      docvalue_fields: [DURATIONS_FIELD, 'service.name', 'service.node.name'],
      query: {
        bool: { filter: ruleFilters(request.fromMs, request.toMs, spaceId, request.serviceNames) },
      },
    },
    { signal }
  );
  const byGroup = new Map<string, { service: string; instance?: string; pauses: number[] }>();
  for (const hit of response.hits.hits) {
    const fields = (hit.fields ?? {}) as Record<string, unknown[]>;
    const service = fields['service.name']?.[0];
    if (typeof service !== 'string') continue;
    const instance =
      request.groupBy === 'instance' ? String(fields['service.node.name']?.[0] ?? '') : undefined;
    const key = instance === undefined ? service : `${service}\u0000${instance}`;
    let group = byGroup.get(key);
    if (group === undefined)
      byGroup.set(
        key,
        (group = { service, ...(instance === undefined ? {} : { instance }), pauses: [] })
      );
    for (const value of fields[DURATIONS_FIELD] ?? []) {
      const ns = Number(value);
      if (Number.isFinite(ns)) group.pauses.push(ns);
    }
  }
  const total =
    typeof response.hits.total === 'number' ? response.hits.total : response.hits.total?.value ?? 0;
  const groups: PausePercentile[] = [...byGroup.values()].map(({ pauses, ...group }) => ({
    ...group,
    valueNs: nearestRank(pauses, request.percentile),
    pauses: pauses.length,
  }));
  return { groups, truncated: total > MAX_PAUSE_DOCUMENTS };
}

export function nearestRank(values: number[], percentile: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}
