import type { HttpStart } from '@kbn/core/public';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  HEAP_SERIES_ROUTE,
  INTERNAL_API_VERSION,
  PUBLIC_API_VERSION,
  TARGETS_BULK_CREATE_ROUTE,
  TARGETS_BULK_DELETE_ROUTE,
  TARGETS_BULK_DISABLE_ROUTE,
  TARGETS_BULK_ENABLE_ROUTE,
  TARGETS_ROUTE,
  TARGETS_TEST_ROUTE,
  TARGET_DISABLE_ROUTE,
  TARGET_ENABLE_ROUTE,
  TARGET_ROUTE,
} from '../../../common/constants';
import { HeapSeriesResponse } from '../../../common/heap_series';
import { formatValidationErrors } from '../../../common/io_ts_errors';
import {
  BulkCreateDryRunResponse,
  BulkCreateTargetsResponse,
  BulkTargetsResponse,
  ListTargetsResponse,
  Target,
  TestTargetResponse,
  type CreateTargetRequest,
  type ListTargetsQuery,
  type TestTargetRequest,
  type UpdateTargetRequest,
} from '../../../common/targets';
import type { HeapFieldName } from '../../../common/heap_fields';
import { explained } from './http_error';

/** Server answers are decoded too: a version skew shows as a clear error, not a blank chart. */
function decode<A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A {
  const result = codec.decode(value);
  if (isRight(result)) return result.right;
  throw new Error(`Unexpected ${what} from the server: ${formatValidationErrors(result.left)}`);
}

const target = (route: string, id: string) => route.replace('{id}', encodeURIComponent(id));

/** Every call rejects with the server's own message (see ./http_error), not Kibana's status text. */
export function createGoRuntimeApi(http: HttpStart) {
  return {
    async listTargets(
      signal?: AbortSignal,
      query: ListTargetsQuery = {}
    ): Promise<ListTargetsResponse> {
      const params = Object.fromEntries(
        Object.entries(query).map(([key, value]) => [key, String(value)])
      );
      return decode(
        ListTargetsResponse,
        await explained(
          http.get(TARGETS_ROUTE, { query: params, signal, version: PUBLIC_API_VERSION })
        ),
        'target list'
      );
    },
    async updateTarget(id: string, request: UpdateTargetRequest): Promise<Target> {
      return decode(
        Target,
        await explained(
          http.put(target(TARGET_ROUTE, id), {
            body: JSON.stringify(request),
            version: PUBLIC_API_VERSION,
          })
        ),
        'target'
      );
    },
    async setEnabled(id: string, enabled: boolean): Promise<Target> {
      return decode(
        Target,
        await explained(
          http.post(target(enabled ? TARGET_ENABLE_ROUTE : TARGET_DISABLE_ROUTE, id), {
            version: PUBLIC_API_VERSION,
          })
        ),
        'target'
      );
    },
    async bulk(
      action: 'delete' | 'enable' | 'disable',
      ids: string[]
    ): Promise<BulkTargetsResponse> {
      const route = {
        delete: TARGETS_BULK_DELETE_ROUTE,
        enable: TARGETS_BULK_ENABLE_ROUTE,
        disable: TARGETS_BULK_DISABLE_ROUTE,
      }[action];
      return decode(
        BulkTargetsResponse,
        await explained(
          http.post(route, { body: JSON.stringify({ ids }), version: PUBLIC_API_VERSION })
        ),
        'bulk result'
      );
    },
    async testTarget(request: TestTargetRequest): Promise<TestTargetResponse> {
      return decode(
        TestTargetResponse,
        await explained(
          http.post(TARGETS_TEST_ROUTE, {
            body: JSON.stringify(request),
            version: PUBLIC_API_VERSION,
          })
        ),
        'connection test'
      );
    },
    async createTarget(request: CreateTargetRequest): Promise<Target> {
      return decode(
        Target,
        await explained(
          http.post(TARGETS_ROUTE, { body: JSON.stringify(request), version: PUBLIC_API_VERSION })
        ),
        'target'
      );
    },
    /** One request for up to MAX_BULK_CREATE targets; the answer says what became of each. */
    async createTargets(requests: CreateTargetRequest[]): Promise<BulkCreateTargetsResponse> {
      return decode(
        BulkCreateTargetsResponse,
        await explained(
          http.post(TARGETS_BULK_CREATE_ROUTE, {
            body: JSON.stringify({ targets: requests }),
            version: PUBLIC_API_VERSION,
          })
        ),
        'bulk create result'
      );
    },
    /** The bulk create's checks, nothing written: what creating these would do now. */
    async checkTargets(requests: CreateTargetRequest[]): Promise<BulkCreateDryRunResponse> {
      return decode(
        BulkCreateDryRunResponse,
        await explained(
          http.post(TARGETS_BULK_CREATE_ROUTE, {
            body: JSON.stringify({ targets: requests }),
            query: { dry_run: 'true' },
            version: PUBLIC_API_VERSION,
          })
        ),
        'bulk create dry run'
      );
    },
    async deleteTarget(id: string): Promise<void> {
      await explained(http.delete(target(TARGET_ROUTE, id), { version: PUBLIC_API_VERSION }));
    },
    async heapSeries(
      params: { from: string; to: string; field: HeapFieldName; service_name?: string },
      signal?: AbortSignal
    ): Promise<HeapSeriesResponse> {
      return decode(
        HeapSeriesResponse,
        await explained(
          http.get(HEAP_SERIES_ROUTE, { query: params, signal, version: INTERNAL_API_VERSION })
        ),
        'heap series'
      );
    },
  };
}
export type GoRuntimeApi = ReturnType<typeof createGoRuntimeApi>;
