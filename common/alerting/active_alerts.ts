import * as t from 'io-ts';
import { boundedString } from '../codecs';
import { INTERNAL_API_BASE } from '../constants';
import { InstanceName } from '../panels';
import { ServiceName } from '../targets';

/** A service dashboard's, or a rule's, active alerts (Kibana's own UI only; not a public API). */
export const ACTIVE_ALERTS_ROUTE = `${INTERNAL_API_BASE}/active_alerts`;

/** More active alerts than this for one service would bury the dashboard; the rest are counted. */
export const MAX_ACTIVE_ALERTS = 100;

/** Kibana's rule ids are saved object ids: UUIDs, or what a caller chose at creation. */
const RuleId = boundedString('RuleId', 1024);

/** The alerts of one service (its dashboard) or of one rule (its details page). */
export const ActiveAlertsRequest = t.union(
  [t.exact(t.type({ service_name: ServiceName })), t.exact(t.type({ rule_id: RuleId }))],
  'ActiveAlertsRequest'
);
export type ActiveAlertsRequest = t.TypeOf<typeof ActiveAlertsRequest>;

export const ActiveAlert = t.type({
  /** kibana.alert.uuid: one alert from its start to its recovery. */
  uuid: t.string,
  rule_id: t.string,
  rule_name: t.string,
  /** The service the alert is about (`service.name`); absent only in a foreign document. */
  service: t.union([ServiceName, t.undefined]),
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
