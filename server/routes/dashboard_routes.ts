import type {
  ElasticsearchClient,
  IKibanaResponse,
  IRouter,
  KibanaRequest,
  KibanaResponseFactory,
  Logger,
  RequestHandlerContext,
  SavedObjectsClientContract,
} from '@kbn/core/server';
import type * as t from 'io-ts';
import { API_PRIVILEGES, INTERNAL_API_VERSION } from '../../common/constants';
import {
  INSTANCE_LATEST_ROUTE,
  RESTARTS_ROUTE,
  SERVICES_ROUTE,
  SERVICE_INSTANCES_ROUTE,
  panelRoute,
} from '../../common/dashboard_routes';
import {
  CustomVarsRequest,
  InstanceLatestRequest,
  PanelRequest,
  ServiceRequest,
  ServicesRequest,
  SizeClassesRequest,
  type PanelId,
} from '../../common/panels';
import { queryAllocationRatePanel } from '../queries/allocation_rate_query';
import { queryCustomVarsPanel } from '../queries/custom_vars_query';
import { queryGcCyclesPanel } from '../queries/gc_cycles_query';
import { queryGcPausesPanel } from '../queries/gc_pauses_query';
import { queryGoroutinesPanel } from '../queries/goroutines_query';
import { queryHeapPanel } from '../queries/heap_query';
import { GOROUTINES_ROUTE, HEAP_PROFILE_ROUTE, ProfileRequest } from '../../common/profile_pages';
import { queryGoroutines } from '../queries/profile_goroutines_query';
import { queryHeapProfile } from '../queries/profile_heap_query';
import { queryInstanceLatest } from '../queries/instance_latest_query';
import { queryMcacheMspanPanel } from '../queries/mcache_mspan_query';
import { queryRestarts } from '../queries/restarts_query';
import { queryServiceInstances } from '../queries/service_instances_query';
import { queryServices } from '../queries/services_query';
import type { TargetStates } from '../queries/instance_state';
import { loadTargetStates } from '../queries/service_health_query';
import { querySizeClassesPanel } from '../queries/size_classes_query';
import { queryStackOtherPanel } from '../queries/stack_other_query';
import { abortSignalOf } from './abort_signal';
import { ioTsValidation } from './io_ts_validation';
import type { SourceReader } from '../sources/source_readers';

/** A dashboard range longer than this is refused: retention is 30 days by default. */
export const MAX_RANGE_MS = 90 * 24 * 3_600_000;

export interface DashboardRouteDeps {
  readonly logger: Logger;
  readonly spaceIdOf: (request: KibanaRequest) => string;
  /** go_runtime.sizeClasses.periodMinutes in ms: the size-class heatmap's bucket floor. */
  readonly sizeClassPeriodMs?: number;
  /** The enabled sources, the plugin's own first (server/sources/source_readers.ts). */
  readonly sources?: readonly SourceReader[];
}

/** What a query needs of the plugin's configuration. */
export interface QueryContext {
  readonly sizeClassPeriodMs?: number;
  /** The space's targets, enabled or not, read only by the queries that ask (health). */
  readonly loadTargets?: () => Promise<TargetStates>;
  /** The enabled sources, the plugin's own first; absent means the plugin's own only. */
  readonly sources?: readonly SourceReader[];
}

type Query<R, A> = (
  client: ElasticsearchClient,
  request: R,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
) => Promise<A>;

interface Range {
  from: number;
  to: number;
}

/**
 * One read route, its request type closed over: the list holds routes of different request
 * types, and each registers itself with the codec and the query that agree on its type.
 */
interface ReadRoute {
  readonly path: string;
  register(router: IRouter<RequestHandlerContext>, deps: DashboardRouteDeps): void;
}

const readRoute = <R extends Range>(
  path: string,
  codec: t.Decoder<unknown, R>,
  query: Query<R, unknown>
): ReadRoute => ({
  path,
  register: (router, deps) => registerReadRoute(router, deps, path, codec, query),
});

const PANEL_ROUTES: Record<PanelId, ReadRoute> = {
  heap: readRoute(panelRoute('heap'), PanelRequest, queryHeapPanel),
  gc_pauses: readRoute(panelRoute('gc_pauses'), PanelRequest, queryGcPausesPanel),
  gc_cycles: readRoute(panelRoute('gc_cycles'), PanelRequest, queryGcCyclesPanel),
  mcache_mspan: readRoute(panelRoute('mcache_mspan'), PanelRequest, queryMcacheMspanPanel),
  stack_other: readRoute(panelRoute('stack_other'), PanelRequest, queryStackOtherPanel),
  allocation_rate: readRoute(panelRoute('allocation_rate'), PanelRequest, queryAllocationRatePanel),
  size_classes: readRoute(panelRoute('size_classes'), SizeClassesRequest, querySizeClassesPanel),
  custom_vars: readRoute(panelRoute('custom_vars'), CustomVarsRequest, queryCustomVarsPanel),
  goroutines: readRoute(panelRoute('goroutines'), PanelRequest, queryGoroutinesPanel),
};

export const DASHBOARD_ROUTES: readonly ReadRoute[] = [
  readRoute(SERVICES_ROUTE, ServicesRequest, queryServices),
  readRoute(SERVICE_INSTANCES_ROUTE, ServiceRequest, queryServiceInstances),
  readRoute(RESTARTS_ROUTE, ServiceRequest, queryRestarts),
  readRoute(INSTANCE_LATEST_ROUTE, InstanceLatestRequest, queryInstanceLatest),
  ...Object.values(PANEL_ROUTES),
  readRoute(HEAP_PROFILE_ROUTE, ProfileRequest, queryHeapProfile),
  readRoute(GOROUTINES_ROUTE, ProfileRequest, queryGoroutines),
];

/**
 * The targets as the user may read them; when they cannot be read, health leaves disabled and
 * deleted targets undistinguished rather than failing the whole page.
 */
export async function targetStatesOrUnknown(
  client: SavedObjectsClientContract,
  logger: Logger
): Promise<TargetStates> {
  try {
    return await loadTargetStates(client);
  } catch (error) {
    logger.debug(`health without the targets: ${(error as Error).message}`);
    return undefined;
  }
}

/** An Elasticsearch failure as a response a person can act on, never a bare 500. */
export function searchFailed(
  error: unknown,
  response: KibanaResponseFactory,
  logger: Logger,
  path: string
): IKibanaResponse {
  const meta = (
    error as {
      meta?: {
        statusCode?: number;
        body?: { error?: { type?: string; reason?: string; caused_by?: { reason?: string } } };
      };
    }
  ).meta;
  const statusCode = meta?.statusCode;
  const reason =
    meta?.body?.error?.caused_by?.reason ?? meta?.body?.error?.reason ?? (error as Error).message;
  if (statusCode === 401 || statusCode === 403) {
    return response.forbidden({
      body: { message: `Elasticsearch refused the search for your user: ${reason}` },
    });
  }
  logger.warn(`${path}: the search failed: ${reason}`);
  return response.customError({
    statusCode:
      statusCode !== undefined && statusCode >= 400 && statusCode < 600 ? statusCode : 502,
    body: {
      message: `The search in Elasticsearch failed: ${reason}. Try a shorter time range or fewer instances.`,
    },
  });
}

/**
 * The dashboards' read routes: each validates its query with the panel's codec, runs the
 * panel query as the current user in the request's space, and cancels the search when the
 * browser goes away.
 */
export function registerDashboardRoutes(
  router: IRouter<RequestHandlerContext>,
  deps: DashboardRouteDeps
): void {
  for (const route of DASHBOARD_ROUTES) route.register(router, deps);
}

function registerReadRoute<R extends Range>(
  router: IRouter<RequestHandlerContext>,
  deps: DashboardRouteDeps,
  path: string,
  codec: t.Decoder<unknown, R>,
  query: Query<R, unknown>
): void {
  router.versioned
    .get({
      path,
      access: 'internal',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.read] } },
    })
    .addVersion(
      {
        version: INTERNAL_API_VERSION,
        validate: { request: { query: ioTsValidation(codec) } },
      },
      async (context, request, response) => {
        const range = request.query;
        if (range.to <= range.from)
          return response.badRequest({ body: { message: '[to] must be after [from]' } });
        if (range.to - range.from > MAX_RANGE_MS)
          return response.badRequest({
            body: { message: 'the time range may span at most 90 days' },
          });
        const signal = abortSignalOf(request);
        const core = await context.core;
        const client = core.elasticsearch.client.asCurrentUser;
        try {
          return response.ok({
            body: await query(client, range, deps.spaceIdOf(request), signal, {
              sizeClassPeriodMs: deps.sizeClassPeriodMs,
              sources: deps.sources,
              loadTargets: () => targetStatesOrUnknown(core.savedObjects.client, deps.logger),
            }),
          });
        } catch (error) {
          if (signal.aborted)
            return response.customError({
              statusCode: 499,
              body: { message: 'the request was aborted' },
            });
          return searchFailed(error, response, deps.logger, path);
        }
      }
    );
}
