import type { IRouter, KibanaRequest, Logger, RequestHandlerContext } from '@kbn/core/server';
import { API_PRIVILEGES, INTERNAL_API_VERSION } from '../../common/constants';
import { ACTIVE_ALERTS_ROUTE, ActiveAlertsRequest } from '../../common/alerting/active_alerts';
import { queryActiveAlerts } from '../queries/active_alerts_query';
import { abortSignalOf } from './abort_signal';
import { searchFailed } from './dashboard_routes';
import { ioTsValidation } from './io_ts_validation';

/**
 * A service dashboard's, or a rule details page's, active alerts. The feature's read privilege grants the plugin's rule
 * types' alerts (server/feature.ts), so the route checks it and then reads the alerts index as
 * Kibana's internal user, filtered to the request's space and the plugin's producer: users hold
 * no Elasticsearch privilege on `.alerts-*`, as in Kibana, whose alerts client
 * (x-pack/platform/plugins/shared/rule_registry/server/alert_data_client/alerts_client.ts)
 * authorizes by rule type and space, then searches as the internal user.
 */
export function registerActiveAlertsRoute(
  router: IRouter<RequestHandlerContext>,
  deps: { readonly logger: Logger; readonly spaceIdOf: (request: KibanaRequest) => string }
): void {
  router.versioned
    .get({
      path: ACTIVE_ALERTS_ROUTE,
      access: 'internal',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.read] } },
    })
    .addVersion(
      {
        version: INTERNAL_API_VERSION,
        validate: { request: { query: ioTsValidation(ActiveAlertsRequest) } },
      },
      async (context, request, response) => {
        const signal = abortSignalOf(request);
        const client = (await context.core).elasticsearch.client.asInternalUser;
        try {
          return response.ok({
            body: await queryActiveAlerts(client, request.query, deps.spaceIdOf(request), signal),
          });
        } catch (error) {
          if (signal.aborted)
            return response.customError({
              statusCode: 499,
              body: { message: 'the request was aborted' },
            });
          return searchFailed(error, response, deps.logger, ACTIVE_ALERTS_ROUTE);
        }
      }
    );
}
