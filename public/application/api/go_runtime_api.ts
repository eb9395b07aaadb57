import type { HttpStart } from '@kbn/core/public';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { HEAP_SERIES_ROUTE, TARGETS_ROUTE, TARGET_ROUTE } from '../../../common/constants';
import { HeapSeriesResponse } from '../../../common/heap_series';
import { formatValidationErrors } from '../../../common/io_ts_errors';
import { ListTargetsResponse, Target, type CreateTargetRequest } from '../../../common/targets';
import type { HeapFieldName } from '../../../common/heap_fields';
import { explained } from './http_error';

/** Server answers are decoded too: a version skew shows as a clear error, not a blank chart. */
function decode<A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A {
  const result = codec.decode(value);
  if (isRight(result)) return result.right;
  throw new Error(`Unexpected ${what} from the server: ${formatValidationErrors(result.left)}`);
}

/** Every call rejects with the server's own message (see ./http_error), not Kibana's status text. */
export function createGoRuntimeApi(http: HttpStart) {
  return {
    async listTargets(signal?: AbortSignal): Promise<ListTargetsResponse> {
      return decode(ListTargetsResponse, await explained(http.get(TARGETS_ROUTE, { signal })), 'target list');
    },
    async createTarget(request: CreateTargetRequest): Promise<Target> {
      return decode(Target, await explained(http.post(TARGETS_ROUTE, { body: JSON.stringify(request) })), 'target');
    },
    async deleteTarget(id: string): Promise<void> {
      await explained(http.delete(TARGET_ROUTE.replace('{id}', encodeURIComponent(id))));
    },
    async heapSeries(
      params: { from: string; to: string; field: HeapFieldName; service_name?: string },
      signal?: AbortSignal
    ): Promise<HeapSeriesResponse> {
      return decode(HeapSeriesResponse, await explained(http.get(HEAP_SERIES_ROUTE, { query: params, signal })), 'heap series');
    },
  };
}
export type GoRuntimeApi = ReturnType<typeof createGoRuntimeApi>;
