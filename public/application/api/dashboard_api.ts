import type { HttpStart } from '@kbn/core/public';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { INTERNAL_API_VERSION } from '../../../common/constants';
import {
  INSTANCE_LATEST_ROUTE,
  RESTARTS_ROUTE,
  SERVICES_ROUTE,
  SERVICE_HEALTH_ROUTE,
  SERVICE_INSTANCES_ROUTE,
  panelRoute,
} from '../../../common/dashboard_routes';
import {
  ACTIVE_ALERTS_ROUTE,
  ActiveAlertsResponse,
  type ActiveAlertsRequest,
} from '../../../common/alerting/active_alerts';
import { formatValidationErrors } from '../../../common/io_ts_errors';
import {
  CustomVarsResponse,
  GcPausesResponse,
  InstanceLatestResponse,
  MetricPanelResponse,
  RestartsResponse,
  ServiceHealthResponse,
  ServiceInstancesResponse,
  ServicesResponse,
  SizeClassesResponse,
} from '../../../common/panels';
import {
  GOROUTINES_ROUTE,
  GoroutinesResponse,
  HEAP_PROFILE_ROUTE,
  HeapProfileResponse,
} from '../../../common/profile_pages';
import { explained } from './http_error';

function decode<A>(codec: t.Decoder<unknown, A>, value: unknown, what: string): A {
  const result = codec.decode(value);
  if (isRight(result)) return result.right;
  throw new Error(`Unexpected ${what} from the server: ${formatValidationErrors(result.left)}`);
}

export interface RangeQuery {
  readonly from: string;
  readonly to: string;
}
export interface ServiceQuery extends RangeQuery {
  readonly service_name: string;
  readonly instances?: readonly string[];
}
export interface PanelQuery extends ServiceQuery {
  readonly by_instance?: boolean;
}

/** The profile panels: one service's profiles, or one instance's. */
export interface ProfileQuery extends RangeQuery {
  readonly service_name: string;
  readonly instance?: string;
}

/** The metric panels: one line chart each, from the same response shape. */
export type MetricPanelId =
  | 'heap'
  | 'gc_cycles'
  | 'mcache_mspan'
  | 'stack_other'
  | 'allocation_rate'
  | 'goroutines';

/** Every answer is decoded with the codec the server encoded it with. */
export function createDashboardApi(http: HttpStart) {
  const get = async <A>(
    path: string,
    query: object,
    codec: t.Decoder<unknown, A>,
    what: string,
    signal?: AbortSignal
  ): Promise<A> => {
    const cleaned = Object.fromEntries(
      Object.entries(query).filter(
        ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)
      )
    );
    return decode(
      codec,
      await explained(http.get(path, { query: cleaned, signal, version: INTERNAL_API_VERSION })),
      what
    );
  };
  return {
    services: (query: RangeQuery, signal?: AbortSignal) =>
      get(SERVICES_ROUTE, query, ServicesResponse, 'services list', signal),
    instances: (query: ServiceQuery, signal?: AbortSignal) =>
      get(SERVICE_INSTANCES_ROUTE, query, ServiceInstancesResponse, 'instance list', signal),
    serviceHealth: (query: { service_name: string; instance?: string }, signal?: AbortSignal) =>
      get(SERVICE_HEALTH_ROUTE, query, ServiceHealthResponse, 'service health', signal),
    restarts: (query: ServiceQuery, signal?: AbortSignal) =>
      get(RESTARTS_ROUTE, query, RestartsResponse, 'restarts', signal),
    activeAlerts: (query: ActiveAlertsRequest, signal?: AbortSignal) =>
      get(ACTIVE_ALERTS_ROUTE, query, ActiveAlertsResponse, 'active alerts', signal),
    instanceLatest: (
      query: RangeQuery & { service_name: string; instance: string },
      signal?: AbortSignal
    ) => get(INSTANCE_LATEST_ROUTE, query, InstanceLatestResponse, 'latest values', signal),
    metricPanel: (panel: MetricPanelId, query: PanelQuery, signal?: AbortSignal) =>
      get(panelRoute(panel), query, MetricPanelResponse, `${panel} panel`, signal),
    gcPauses: (query: PanelQuery, signal?: AbortSignal) =>
      get(panelRoute('gc_pauses'), query, GcPausesResponse, 'GC pauses panel', signal),
    sizeClasses: (query: ServiceQuery, signal?: AbortSignal) =>
      get(panelRoute('size_classes'), query, SizeClassesResponse, 'size classes panel', signal),
    customVars: (query: ServiceQuery & { vars?: readonly string[] }, signal?: AbortSignal) =>
      get(panelRoute('custom_vars'), query, CustomVarsResponse, 'custom vars panel', signal),
    heapProfile: (query: ProfileQuery, signal?: AbortSignal) =>
      get(HEAP_PROFILE_ROUTE, query, HeapProfileResponse, 'heap profile panel', signal),
    goroutines: (query: ProfileQuery, signal?: AbortSignal) =>
      get(GOROUTINES_ROUTE, query, GoroutinesResponse, 'goroutines panel', signal),
  };
}
export type DashboardApi = ReturnType<typeof createDashboardApi>;
