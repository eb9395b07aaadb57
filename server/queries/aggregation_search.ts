import type { ElasticsearchClient } from '@kbn/core/server';

/**
 * The plugin's aggregations-only search: no hits, no total unless asked for, and no failure
 * while a data stream does not exist yet (a dashboard or rule made before the first scrape
 * finds nothing, and says so). `TAggregations` is the tree `aggs` asks for.
 */
export function aggregationSearch<TAggregations>(
  client: ElasticsearchClient,
  request: {
    readonly index: string;
    readonly filter: readonly object[];
    readonly aggs: Record<string, object>;
    readonly trackTotalHits?: boolean;
  },
  signal?: AbortSignal
) {
  return client.search<unknown, TAggregations>(
    {
      index: request.index,
      size: 0,
      ignore_unavailable: true,
      allow_no_indices: true,
      track_total_hits: request.trackTotalHits ?? false,
      query: { bool: { filter: [...request.filter] } },
      aggs: request.aggs,
    },
    { signal }
  );
}
