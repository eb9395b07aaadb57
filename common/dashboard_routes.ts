import { INTERNAL_API_BASE } from './constants';
import type { PanelId } from './panels';

/** The dashboards' internal routes (Kibana's own UI only; not a public API). */
export const SERVICES_ROUTE = `${INTERNAL_API_BASE}/services`;
export const SERVICE_INSTANCES_ROUTE = `${INTERNAL_API_BASE}/service_instances`;
export const RESTARTS_ROUTE = `${INTERNAL_API_BASE}/restarts`;
export const INSTANCE_LATEST_ROUTE = `${INTERNAL_API_BASE}/instance_latest`;
export const SERVICE_HEALTH_ROUTE = `${INTERNAL_API_BASE}/service_health`;

export function panelRoute(panel: PanelId): string {
  return `${INTERNAL_API_BASE}/panels/${panel}`;
}
