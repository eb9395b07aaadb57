import type { Aggregation, GroupBy } from '../../../common/alerting/rule_params';
import type { Dataset } from '../../../common/data_streams';
import type { SourceId } from '../../../common/sources';

/**
 * Requests and responses of the rule queries beside this module. They take the shape of the
 * dashboard's panel queries, `(client, request, spaceId, signal?) => response`, so that a rule
 * and a panel over the same data are read, scoped to a space and cancelled the same way. Only
 * the rule executors use them, so they live with the server.
 */

/**
 * One group of a rule: a service, or one instance (`service.node.name`) of it, as one source
 * reports it. The same service in two sources is two groups (their numbers are never summed:
 * nothing is counted twice, and a source's instance names mean nothing in another's).
 */
export interface RuleGroup {
  readonly service: string;
  /** Absent when the rule groups by service. */
  readonly instance?: string;
  /** Who reported the group's documents; absent for the plugin's own scrapes. */
  readonly source?: Exclude<SourceId, 'go_runtime'>;
}

export interface GroupValuesRequest {
  readonly fromMs: number;
  readonly toMs: number;
  /** A heap field name, or `custom:<JSON pointer>`. */
  readonly metric: string;
  readonly aggregation: Aggregation;
  readonly groupBy: GroupBy;
  readonly serviceNames?: readonly string[];
}
export interface GroupValue extends RuleGroup {
  /** null when the group has documents but none with the metric (or a counter went back). */
  readonly value: number | null;
}
export interface GroupValuesResponse {
  readonly groups: readonly GroupValue[];
  /** True when a terms aggregation hit its size: some groups were not evaluated. */
  readonly truncated: boolean;
}

export interface PausePercentilesRequest {
  readonly fromMs: number;
  readonly toMs: number;
  readonly percentile: number;
  readonly groupBy: GroupBy;
  readonly serviceNames?: readonly string[];
}
export interface PausePercentile extends RuleGroup {
  /** The exact percentile of every pause recorded in the window (nearest rank), in ns; null without pauses. */
  readonly valueNs: number | null;
  readonly pauses: number;
}
export interface PausePercentilesResponse {
  readonly groups: readonly PausePercentile[];
  readonly truncated: boolean;
}

export interface InstanceHealthRequest {
  readonly nowMs: number;
  /** How far back an instance is still known (its last document). */
  readonly lookbackMs: number;
  /** Restarts and missed pauses count inside [nowMs - eventWindowMs, nowMs]. */
  readonly eventWindowMs: number;
  readonly downForIntervals: number;
  readonly serviceNames?: readonly string[];
}
export interface ScrapeAttempt {
  readonly atMs: number;
  readonly outcome: 'success' | 'failure';
  readonly errorType?: string;
  readonly errorMessage?: string;
}
export interface InstanceHealth {
  readonly service: string;
  readonly instance: string;
  readonly lastHeapDocMs: number | null;
  /** `metricset.period` of the newest heap document, ms. */
  readonly periodMs: number | null;
  /** Newest first, at most downForIntervals; empty where no scrape health documents exist. */
  readonly scrapes: readonly ScrapeAttempt[];
  readonly restarts: number;
  readonly restartReason?: string;
  readonly missedPauses: number;
}
export interface InstanceHealthResponse {
  readonly instances: readonly InstanceHealth[];
  readonly truncated: boolean;
}

export interface HeapLowPointsRequest {
  readonly fromMs: number;
  readonly toMs: number;
  readonly groupBy: GroupBy;
  readonly serviceNames?: readonly string[];
}
export interface HeapLowPoints extends RuleGroup {
  /** Per time bucket, the lowest heap in use seen: the after-GC low points of the sawtooth. */
  readonly points: ReadonlyArray<{ readonly atMs: number; readonly bytes: number }>;
}
export interface HeapLowPointsResponse {
  readonly groups: readonly HeapLowPoints[];
  readonly truncated: boolean;
}

export interface SilentGroupsRequest {
  readonly nowMs: number;
  /** The rule's window: a group with no document in [nowMs - windowMs, nowMs] is silent. */
  readonly windowMs: number;
  /** How far back a group still counts as one the rule saw. */
  readonly lookbackMs: number;
  readonly dataset: Dataset;
  readonly groupBy: GroupBy;
  readonly serviceNames?: readonly string[];
}
export interface SilentGroup extends RuleGroup {
  /** The newest document's @timestamp, before the window. */
  readonly lastSeenMs: number;
}
export interface SilentGroupsResponse {
  readonly groups: readonly SilentGroup[];
  readonly truncated: boolean;
}
