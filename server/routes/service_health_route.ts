import type { IRouter, KibanaRequest, Logger, RequestHandlerContext } from '@kbn/core/server';
import { API_PRIVILEGES, INTERNAL_API_VERSION } from '../../common/constants';
import { SERVICE_HEALTH_ROUTE } from '../../common/dashboard_routes';
import { ServiceHealthRequest } from '../../common/panels';
import { queryServiceHealth } from '../queries/service_health_query';
import { abortSignalOf } from './abort_signal';
import { searchFailed, targetStatesOrUnknown } from './dashboard_routes';
import { ioTsValidation } from './io_ts_validation';

/**
 * Whether a service's (or one instance's) scrapes work now, and when it last reported. No time
 * range: the dashboards ask it beside their range, so a stopped program shows as down and a
 * range without data is told apart from a service never seen.
 */
export function registerServiceHealthRoute(
  router: IRouter<RequestHandlerContext>,
  deps: { readonly logger: Logger; readonly spaceIdOf: (request: KibanaRequest) => string }
): void {
  router.versioned
    .get({
      path: SERVICE_HEALTH_ROUTE,
      access: 'internal',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.read] } },
    })
    .addVersion(
      {
        version: INTERNAL_API_VERSION,
        validate: { request: { query: ioTsValidation(ServiceHealthRequest) } },
      },
      async (context, request, response) => {
        const signal = abortSignalOf(request);
        const core = await context.core;
        try {
          return response.ok({
            body: await queryServiceHealth(
              core.elasticsearch.client.asCurrentUser,
              request.query,
              deps.spaceIdOf(request),
              await targetStatesOrUnknown(core.savedObjects.client, deps.logger),
              Date.now(),
              signal
            ),
          });
        } catch (error) {
          if (signal.aborted)
            return response.customError({
              statusCode: 499,
              body: { message: 'the request was aborted' },
            });
          return searchFailed(error, response, deps.logger, SERVICE_HEALTH_ROUTE);
        }
      }
    );
}
