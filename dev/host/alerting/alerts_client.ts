import type {
  AlertInstanceContext,
  AlertInstanceState,
  RuleExecutorServices,
} from '@kbn/alerting-plugin/server';
import { randomUUID } from 'node:crypto';
import { FrameworkAlert, type TrackedAlert } from './alert';

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
}

export interface ProcessedAlerts {
  newAlerts: ReportedAlert[];
  ongoing: ReportedAlert[];
  recovered: Array<{
    id: string;
    tracked: TrackedAlert;
    alert: FrameworkAlert;
    payload: Record<string, unknown>;
  }>;
  limitReached: boolean;
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
    private readonly actionGroups: ReadonlySet<string>
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

  process(): ProcessedAlerts {
    const all = [...this.reported.values()];
    const recovered = Object.entries(this.tracked)
      .filter(([id]) => !this.reported.has(id))
      .map(([id, tracked]) => ({
        id,
        tracked,
        alert: this.recoveredAlert(id)!,
        payload: this.recoveredPayloads.get(id) ?? {},
      }));
    return {
      newAlerts: all.filter((a) => a.isNew),
      ongoing: all.filter((a) => !a.isNew),
      recovered,
      limitReached: this.limitReached,
    };
  }
}
