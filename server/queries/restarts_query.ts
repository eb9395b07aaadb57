import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import type { RestartsResponse, ServiceRequest } from '../../common/panels';
import { INSTANCE_FIELD, selectionFilter } from './panel_scope';

/** Annotations beyond this many in one range would hide the chart under them. */
export const MAX_RESTARTS = 500;

const RESTART_REASON_FIELD = 'golang.heap.process.restart_reason';

/** The restarts collection noticed in the range (a counter went back or the cmdline changed), oldest first. */
export async function queryRestarts(
  client: ElasticsearchClient,
  request: ServiceRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<RestartsResponse> {
  const response = await client.search(
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
      // From doc values: a stored `_source` leaves them out (storage/index_templates.ts).
      _source: false,
      docvalue_fields: [
        { field: '@timestamp', format: 'epoch_millis' },
        INSTANCE_FIELD,
        RESTART_REASON_FIELD,
      ],
    },
    { signal }
  );
  const hits = response.hits.hits;
  return {
    restarts: hits.slice(0, MAX_RESTARTS).map((hit) => ({
      at: Number(hit.fields?.['@timestamp']?.[0]) || 0,
      instance: String(hit.fields?.[INSTANCE_FIELD]?.[0] ?? ''),
      reason: String(hit.fields?.[RESTART_REASON_FIELD]?.[0] ?? 'unknown'),
    })),
    limited: hits.length > MAX_RESTARTS,
  };
}
