import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import type { RestartsResponse, ServiceRequest } from '../../common/panels';
import { INSTANCE_FIELD, selectionFilter } from './panel_scope';

/** Annotations beyond this many in one range would hide the chart under them. */
export const MAX_RESTARTS = 500;

interface RestartSource {
  '@timestamp'?: string;
  service?: { node?: { name?: string } };
  golang?: { heap?: { process?: { restart_reason?: string } } };
}

/** The restarts collection noticed in the range (a counter went back or the cmdline changed), oldest first. */
export async function queryRestarts(
  client: ElasticsearchClient,
  request: ServiceRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<RestartsResponse> {
  const response = await client.search<RestartSource>(
    {
      index: dataStreamPattern(HEAP_DATASET),
      size: MAX_RESTARTS + 1,
      ignore_unavailable: true,
      allow_no_indices: true,
      track_total_hits: false,
      query: {
        bool: {
          filter: [
            ...selectionFilter(request, spaceId),
            { term: { 'golang.heap.process.restarted': true } },
          ],
        },
      },
      sort: [{ '@timestamp': { order: 'asc' } }],
      _source: ['@timestamp', INSTANCE_FIELD, 'golang.heap.process.restart_reason'],
    },
    { signal }
  );
  const hits = response.hits.hits;
  return {
    restarts: hits.slice(0, MAX_RESTARTS).map((hit) => ({
      at: Date.parse(hit._source?.['@timestamp'] ?? '') || 0,
      instance: hit._source?.service?.node?.name ?? '',
      reason: hit._source?.golang?.heap?.process?.restart_reason ?? 'unknown',
    })),
    limited: hits.length > MAX_RESTARTS,
  };
}
