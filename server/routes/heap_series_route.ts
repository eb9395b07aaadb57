import type { IRouter, KibanaRequest, RequestHandlerContext } from '@kbn/core/server';
import { API_PRIVILEGES, INTERNAL_API_VERSION, HEAP_SERIES_ROUTE } from '../../common/constants';
import { HeapSeriesQuery } from '../../common/heap_series';
import { queryHeapSeries } from '../queries/heap_series_query';
import { elasticsearchForbiddenMessage } from './elasticsearch_errors';
import { ioTsValidation } from './io_ts_validation';

const DEFAULT_FIELD = 'golang.heap.allocations.allocated';
const MAX_RANGE_MS = 90 * 24 * 3_600_000;

export function registerHeapSeriesRoute(
  router: IRouter<RequestHandlerContext>,
  spaceIdOf: (request: KibanaRequest) => string
): void {
  router.versioned
    .get({
      path: HEAP_SERIES_ROUTE,
      access: 'internal',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.read] } },
    })
    .addVersion(
      {
        version: INTERNAL_API_VERSION,
        validate: { request: { query: ioTsValidation(HeapSeriesQuery) } },
      },
      async (context, request, response) => {
        const { from, to, service_name, field } = request.query;
        if (to <= from)
          return response.badRequest({ body: { message: '[to] must be after [from]' } });
        if (to - from > MAX_RANGE_MS)
          return response.badRequest({
            body: { message: 'the time range may span at most 90 days' },
          });
        const client = (await context.core).elasticsearch.client.asCurrentUser;
        try {
          const body = await queryHeapSeries(client, {
            fromMs: from,
            toMs: to,
            field: field ?? DEFAULT_FIELD,
            spaceId: spaceIdOf(request),
            ...(service_name === undefined ? {} : { serviceName: service_name }),
          });
          return response.ok({ body });
        } catch (error) {
          const forbidden = elasticsearchForbiddenMessage(error);
          if (forbidden !== undefined) return response.forbidden({ body: { message: forbidden } });
          throw error;
        }
      }
    );
}
