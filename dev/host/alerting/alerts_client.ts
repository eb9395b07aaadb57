import type {
  AlertInstanceContext,
  AlertInstanceState,
  RuleExecutorServices,
} from '@kbn/alerting-plugin/server';
import { randomUUID } from 'node:crypto';
import {
  FrameworkAlert,
  type FlappingStatus,
  type TrackedAlert,
  type TrackedRecoveredAlert,
} from './alert';
import {
  DEFAULT_FLAPPING_SETTINGS,
  isFlapping,
  updateFlappingHistory,
  type FlappingSettings,
} from './flapping';

/** Kibana's default of xpack.alerting.rules.run.alerts.max. */
export const MAX_ALERTS_PER_RUN = 1_000;

export interface ReportedAlert {
  id: string;
  uuid: string;
  start: string;
  actionGroup: string;
  state: AlertInstanceState;
  context: AlertInstanceContext;
  payload: Record<string, unknown>;
  isNew: boolean;
  previous?: TrackedAlert;
  /** Set by process(). */
  flapping?: FlappingStatus;
}

export interface ProcessedAlerts {
  newAlerts: ReportedAlert[];
  ongoing: ReportedAlert[];
  recovered: Array<{
    id: string;
    tracked: TrackedAlert;
    alert: FrameworkAlert;
    payload: Record<string, unknown>;
    flapping: FlappingStatus;
  }>;
  /** Recovered alerts to keep in the task state, for their flapping history. */
  trackedRecovered: Record<string, TrackedRecoveredAlert>;
  limitReached: boolean;
}

/**
 * What an active alert leaves in the task state for the next run: its identity, group and state,
 * one more active run, and its flapping. The task runner adds which actions ran for it.
 */
export function trackedAfterRun(alert: ReportedAlert): TrackedAlert {
  return {
    uuid: alert.uuid,
    start: alert.start,
    actionGroup: alert.actionGroup,
    state: alert.state,
    activeCount: (alert.previous?.activeCount ?? 0) + 1,
    ...alert.flapping,
  };
}

/**
 * One run's alerts: what the executor reports, against what was active after the previous
 * run. Reported and not tracked is new, reported and tracked is ongoing, tracked and not
 * reported is recovered (Kibana's alerts client and its processAlerts).
 */
export class RunAlertsClient {
  private readonly reported = new Map<string, ReportedAlert>();
  private readonly recoveredAlerts = new Map<string, FrameworkAlert>();
  private readonly recoveredPayloads = new Map<string, Record<string, unknown>>();
  private limitReached = false;

  constructor(
    private readonly tracked: Readonly<Record<string, TrackedAlert>>,
    private readonly now: string,
    private readonly actionGroups: ReadonlySet<string>,
    private readonly trackedRecovered: Readonly<Record<string, TrackedRecoveredAlert>> = {},
    private readonly flappingSettings: FlappingSettings = DEFAULT_FLAPPING_SETTINGS
  ) {}

  readonly publicClient: NonNullable<
    RuleExecutorServices<AlertInstanceState, AlertInstanceContext, string>['alertsClient']
  > = {
    report: (alert) => {
      if (!this.actionGroups.has(alert.actionGroup))
        throw new Error(
          `Invalid action group [${alert.actionGroup}] reported for alert [${alert.id}]`
        );
      const existing = this.reported.get(alert.id);
      if (existing === undefined && this.reported.size >= MAX_ALERTS_PER_RUN) {
        this.limitReached = true;
        return { uuid: '', start: null };
      }
      const previous = this.tracked[alert.id];
      const entry: ReportedAlert = {
        id: alert.id,
        uuid: existing?.uuid ?? previous?.uuid ?? randomUUID(),
        start: previous?.start ?? this.now,
        actionGroup: alert.actionGroup,
        state: alert.state ?? {},
        context: alert.context ?? {},
        payload: alert.payload ?? {},
        isNew: previous === undefined,
        ...(previous === undefined ? {} : { previous }),
      };
      this.reported.set(alert.id, entry);
      return { uuid: entry.uuid, start: entry.start };
    },
    isTrackedAlert: (id) => this.tracked[id] !== undefined,
    setAlertData: ({ id, context, payload }) => {
      const reported = this.reported.get(id);
      if (reported !== undefined) {
        if (context !== undefined) reported.context = context;
        if (payload !== undefined) reported.payload = { ...reported.payload, ...payload };
        return;
      }
      const recovered = this.recoveredAlert(id);
      if (recovered === undefined)
        throw new Error(
          `Cannot set alert data for alert ${id} because it has not been reported and it is not recovered.`
        );
      if (context !== undefined) recovered.setContext(context);
      if (payload !== undefined) this.recoveredPayloads.set(id, payload);
    },
    getAlertLimitValue: () => MAX_ALERTS_PER_RUN,
    setAlertLimitReached: (reached) => {
      this.limitReached = reached;
    },
    getRecoveredAlerts: () =>
      Object.keys(this.tracked)
        .filter((id) => !this.reported.has(id))
        .map((id) => ({ alert: this.recoveredAlert(id)! })),
  };

  private recoveredAlert(id: string): FrameworkAlert | undefined {
    const tracked = this.tracked[id];
    if (tracked === undefined || this.reported.has(id)) return undefined;
    let alert = this.recoveredAlerts.get(id);
    if (alert === undefined)
      this.recoveredAlerts.set(
        id,
        (alert = new FrameworkAlert(id, tracked.uuid, tracked.start, tracked.state))
      );
    return alert;
  }

  /**
   * Sorts the run's alerts into new, ongoing and recovered, and updates each one's flapping as
   * Kibana's processAlerts and applyFlappingRecovery do: a flapping alert that is not reported
   * stays active ("pending recovered", in its last action group) until it has gone unreported
   * for `statusChangeThreshold` runs, so a toggling condition does not notify on every toggle.
   */
  process(): ProcessedAlerts {
    const settings = this.flappingSettings;
    const newAlerts: ReportedAlert[] = [];
    const ongoing: ReportedAlert[] = [];
    for (const alert of this.reported.values()) {
      const before = alert.isNew ? this.trackedRecovered[alert.id] : alert.previous;
      const history = updateFlappingHistory(settings, before?.flappingHistory ?? [], alert.isNew);
      alert.flapping = {
        flappingHistory: history,
        // A returning alert is a new Alert in Kibana: it starts from "not flapping".
        flapping: isFlapping(settings, history, alert.isNew ? false : before?.flapping ?? false),
        pendingRecoveredCount: 0,
      };
      (alert.isNew ? newAlerts : ongoing).push(alert);
    }
    const recovered: ProcessedAlerts['recovered'] = [];
    for (const [id, tracked] of Object.entries(this.tracked)) {
      if (this.reported.has(id)) continue;
      const history = updateFlappingHistory(settings, tracked.flappingHistory ?? [], true);
      const flapping = isFlapping(settings, history, tracked.flapping ?? false);
      const alert = this.recoveredAlert(id)!;
      const payload = this.recoveredPayloads.get(id) ?? {};
      const pending = (tracked.pendingRecoveredCount ?? 0) + 1;
      if (flapping && pending < settings.statusChangeThreshold) {
        ongoing.push({
          id,
          uuid: tracked.uuid,
          start: tracked.start,
          actionGroup: tracked.lastScheduledActions?.group ?? tracked.actionGroup,
          state: tracked.state,
          context: alert.getContext(),
          payload,
          isNew: false,
          previous: tracked,
          flapping: { flappingHistory: history, flapping, pendingRecoveredCount: pending },
        });
        continue;
      }
      recovered.push({
        id,
        tracked,
        alert,
        payload,
        flapping: { flappingHistory: history, flapping, pendingRecoveredCount: 0 },
      });
    }
    const trackedRecovered: Record<string, TrackedRecoveredAlert> = {};
    const keep = (id: string, history: boolean[], flapping: boolean) => {
      // Kibana keeps a recovered alert only while its window holds a change, and no more than the alert limit.
      if (history.includes(true) && Object.keys(trackedRecovered).length < MAX_ALERTS_PER_RUN)
        trackedRecovered[id] = { flappingHistory: history, flapping };
    };
    for (const entry of recovered)
      keep(entry.id, entry.flapping.flappingHistory, entry.flapping.flapping);
    for (const [id, before] of Object.entries(this.trackedRecovered)) {
      if (this.reported.has(id) || this.tracked[id] !== undefined) continue;
      const history = updateFlappingHistory(settings, before.flappingHistory, false);
      keep(id, history, isFlapping(settings, history, before.flapping));
    }
    return { newAlerts, ongoing, recovered, trackedRecovered, limitReached: this.limitReached };
  }
}
