import type { IRouter, KibanaRequest, Logger, RequestHandlerContext } from '@kbn/core/server';
import { API_PRIVILEGES, INTERNAL_API_VERSION } from '../../common/constants';
import { CUSTOM_METRIC_PREFIX } from '../../common/alerting/rule_params';
import {
  RULE_PREVIEW_ROUTE,
  RulePreviewQuery,
  type RulePreviewResponse,
} from '../../common/alerting/rule_preview';
import { queryRuleGroupValuesAcrossSources } from '../alerting/queries/rule_group_values_query';
import { queryRulePausePercentiles } from '../alerting/queries/rule_pause_percentiles_query';
import { OWN_SOURCE_ONLY, type SourceFailure } from '../alerting/queries/rule_sources';
import {
  queryPreviewSeries,
  queryPreviewSeriesAcrossSources,
} from '../queries/rule_preview_series_query';
import type { SourceReader } from '../sources/source_readers';
import { abortSignalOf } from './abort_signal';
import { searchFailed } from './dashboard_routes';
import { ioTsValidation } from './io_ts_validation';

const NS_PER_MS = 1e6;

/**
 * The rule form's current value and preview chart. The current values come from the queries
 * the rule executors run, over the same window, so the form shows what the rule would compare
 * against its threshold now. Read as the user, like the dashboards.
 */
export function registerRulePreviewRoute(
  router: IRouter<RequestHandlerContext>,
  deps: {
    readonly logger: Logger;
    readonly spaceIdOf: (request: KibanaRequest) => string;
    /** The enabled sources, the plugin's own first; absent means the plugin's own only. */
    readonly sources?: readonly SourceReader[];
  }
): void {
  router.versioned
    .get({
      path: RULE_PREVIEW_ROUTE,
      access: 'internal',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.read] } },
    })
    .addVersion(
      {
        version: INTERNAL_API_VERSION,
        validate: { request: { query: ioTsValidation(RulePreviewQuery) } },
      },
      async (context, request, response) => {
        const query = request.query;
        const signal = abortSignalOf(request);
        const spaceId = deps.spaceIdOf(request);
        const client = (await context.core).elasticsearch.client.asCurrentUser;
        const toMs = Date.now();
        const fromMs = toMs - query.window_ms;
        const groupBy = query.group_by ?? 'instance';
        const serviceNames = query.service_names;
        const scope = {
          fromMs,
          toMs,
          groupBy,
          ...(serviceNames === undefined ? {} : { serviceNames }),
        };
        try {
          let body: RulePreviewResponse;
          if (query.measure === 'metric') {
            const custom = query.metric.startsWith(CUSTOM_METRIC_PREFIX);
            // The sources the rule would read, as its executor reads them.
            const sources = deps.sources ?? OWN_SOURCE_ONLY;
            const [values, series] = await Promise.all([
              queryRuleGroupValuesAcrossSources(
                client,
                sources,
                { ...scope, metric: query.metric, aggregation: query.aggregation },
                spaceId,
                signal
              ),
              custom
                ? Promise.resolve({ points: [], failures: [] as SourceFailure[] })
                : queryPreviewSeriesAcrossSources(
                    client,
                    sources,
                    {
                      ...scope,
                      measure: {
                        kind: 'metric',
                        field: query.metric,
                        aggregation: query.aggregation,
                      },
                    },
                    spaceId,
                    signal
                  ),
            ]);
            for (const failure of [...values.failures, ...series.failures])
              deps.logger.warn(
                `rule preview: source ${failure.source} was not read: ${failure.message}`
              );
            body = {
              groups: [...values.groups],
              truncated: values.truncated,
              points: series.points,
              fromMs,
              toMs,
            };
          } else {
            const [pauses, points] = await Promise.all([
              queryRulePausePercentiles(
                client,
                { ...scope, percentile: query.percentile },
                spaceId,
                signal
              ),
              queryPreviewSeries(
                client,
                { ...scope, measure: { kind: 'gc_pause', percentile: query.percentile } },
                spaceId,
                signal
              ),
            ]);
            // The gcPause rule's threshold is in milliseconds.
            const ms = (ns: number | null) => (ns === null ? null : ns / NS_PER_MS);
            body = {
              groups: pauses.groups.map(({ valueNs, pauses: _count, ...group }) => ({
                ...group,
                value: ms(valueNs),
              })),
              truncated: pauses.truncated,
              points: points.map(([at, ns]) => [at, ms(ns)]),
              fromMs,
              toMs,
            };
          }
          return response.ok({ body });
        } catch (error) {
          return searchFailed(error, response, deps.logger, RULE_PREVIEW_ROUTE);
        }
      }
    );
}
