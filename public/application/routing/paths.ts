import { timeRangeSearch, type TimeRangeState } from './time_range';

/** The app's routes, relative to /app/goRuntime. */
export const SERVICES_PATH = '/services';
export const SERVICE_PATH = '/services/:serviceName';
export const INSTANCE_PATH = '/services/:serviceName/instances/:instanceName';
export const TARGETS_PATH = '/targets';
export const RULES_PATH = '/rules';
export const RULE_PATH = '/rules/:ruleId';

export function servicePath(serviceName: string): string {
  return `${SERVICES_PATH}/${encodeURIComponent(serviceName)}`;
}

export function instancePath(serviceName: string, instanceName: string): string {
  return `${servicePath(serviceName)}/instances/${encodeURIComponent(instanceName)}`;
}

export function rulePath(ruleId: string): string {
  return `${RULES_PATH}/${encodeURIComponent(ruleId)}`;
}

/** Links carry the time range, so a new page shows the same period. */
export function withRange(range: TimeRangeState): string {
  return timeRangeSearch(range);
}
