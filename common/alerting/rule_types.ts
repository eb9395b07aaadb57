/**
 * Ids of the plugin's rule types and their action groups: the server registers them, the
 * browser registers a model for each, and both take the names from here.
 */
export const RULE_TYPE_IDS = {
  metricThreshold: 'goRuntime.metricThreshold',
  gcPause: 'goRuntime.gcPause',
  targetHealth: 'goRuntime.targetHealth',
  heapGrowth: 'goRuntime.heapGrowth',
  goroutineGrowth: 'goRuntime.goroutineGrowth',
} as const;
export type GoRuleTypeId = (typeof RULE_TYPE_IDS)[keyof typeof RULE_TYPE_IDS];
export const ALL_RULE_TYPE_IDS: readonly GoRuleTypeId[] = Object.values(RULE_TYPE_IDS);

export const ACTION_GROUPS = {
  thresholdMet: 'threshold_met',
  pauseExceeded: 'pause_exceeded',
  down: 'down',
  restarted: 'restarted',
  missedPauses: 'missed_pauses',
  heapGrowing: 'heap_growing',
  goroutinesAbove: 'goroutines_above',
  goroutineGroupGrowing: 'goroutine_group_growing',
  /** A metric rule with alertOnNoData: a group it saw before sent nothing in the window. */
  noData: 'no_data',
} as const;

/** The rules' producer and consumer: the plugin's feature id. */
export const RULE_PRODUCER = 'goRuntime';
/**
 * The alerts-as-data context: the plugin's alerts go to `.alerts-go_runtime.alerts-<space>`.
 * Index names are lower case, so the feature id cannot be used as it is.
 */
export const ALERTS_CONTEXT = 'go_runtime';

/**
 * The app's route for a service's dashboard at a time range, or for one of its instances' page
 * when an instance is named (the same paths as the app's router).
 */
export function serviceDashboardPath(
  service: string,
  fromMs: number,
  toMs: number,
  instance?: string
): string {
  const range = `rangeFrom=${encodeURIComponent(
    new Date(fromMs).toISOString()
  )}&rangeTo=${encodeURIComponent(new Date(toMs).toISOString())}`;
  const page = instance === undefined ? '' : `/instances/${encodeURIComponent(instance)}`;
  return `/app/goRuntime/services/${encodeURIComponent(service)}${page}?${range}`;
}

/** Kibana's page of one rule (Stack Management > Rules), as Kibana's own rule links open it. */
export function ruleDetailsPath(ruleId: string): string {
  return `/app/management/insightsAndAlerting/triggersActions/rule/${encodeURIComponent(ruleId)}`;
}
