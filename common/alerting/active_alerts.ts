import * as t from 'io-ts';
import { INTERNAL_API_BASE } from '../constants';
import { InstanceName } from '../panels';
import { ServiceName } from '../targets';

/** The service dashboard's active alerts (Kibana's own UI only; not a public API). */
export const ACTIVE_ALERTS_ROUTE = `${INTERNAL_API_BASE}/active_alerts`;

/** More active alerts than this for one service would bury the dashboard; the rest are counted. */
export const MAX_ACTIVE_ALERTS = 100;

export const ActiveAlertsRequest = t.exact(
  t.type({ service_name: ServiceName }),
  'ActiveAlertsRequest'
);
export type ActiveAlertsRequest = t.TypeOf<typeof ActiveAlertsRequest>;

export const ActiveAlert = t.type({
  /** kibana.alert.uuid: one alert from its start to its recovery. */
  uuid: t.string,
  rule_id: t.string,
  rule_name: t.string,
  /** The instance the alert is about; absent for a rule that groups by service. */
  instance: t.union([InstanceName, t.undefined]),
  reason: t.string,
  /** kibana.alert.start, epoch ms. */
  started: t.number,
});
export type ActiveAlert = t.TypeOf<typeof ActiveAlert>;

export const ActiveAlertsResponse = t.type({
  alerts: t.array(ActiveAlert),
  /** How many are active in all, when more than MAX_ACTIVE_ALERTS. */
  total: t.number,
});
export type ActiveAlertsResponse = t.TypeOf<typeof ActiveAlertsResponse>;
