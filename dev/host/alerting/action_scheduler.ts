import type { FlappingStatus, TrackedAlert } from './alert';
import { parseIntervalMs } from './interval';
import type { NotifyWhen, RawRuleAction, RuleAttributes } from './rule_saved_object';

/** One alert as the action scheduler sees it after a run. */
export interface AlertForActions {
  id: string;
  uuid: string;
  actionGroup: string;
  actionGroupName: string;
  status: 'new' | 'ongoing' | 'recovered';
  context: Record<string, unknown>;
  state: Record<string, unknown>;
  consecutiveMatches: number;
  previous?: TrackedAlert;
  flapping?: FlappingStatus;
  /** The alert document, for summary variables (`alerts.new.data`). */
  document: Record<string, unknown>;
}

export type ScheduledAction =
  | { kind: 'alert'; action: RawRuleAction; alert: AlertForActions }
  | {
      kind: 'summary';
      action: RawRuleAction;
      alerts: { new: AlertForActions[]; ongoing: AlertForActions[]; recovered: AlertForActions[] };
    };

/** Kibana's default of xpack.alerting.rules.run.actions.max. */
export const MAX_ACTIONS_PER_RUN = 1_000;

function frequencyOf(
  action: RawRuleAction,
  rule: Pick<RuleAttributes, 'notifyWhen' | 'throttle'>
): { summary: boolean; notifyWhen: NotifyWhen; throttleMs: number } {
  const notifyWhen = action.frequency?.notifyWhen ?? rule.notifyWhen ?? 'onActiveAlert';
  const throttle = action.frequency?.throttle ?? rule.throttle;
  return {
    summary: action.frequency?.summary ?? false,
    notifyWhen,
    throttleMs: throttle === null || throttle === undefined ? 0 : parseIntervalMs(throttle),
  };
}

/**
 * Which actions run after a rule run (Kibana's action scheduler, per-alert and summary):
 * - per alert, an action of the alert's group runs on every run (`onActiveAlert`), when the
 *   alert is new or its group changed (`onActionGroupChange`), or at most once per throttle
 *   unless the group changed (`onThrottleInterval`); an action of the recovery group runs
 *   once, when the alert recovers;
 * - a summary action runs once per run with alerts (`onActiveAlert`), or at most once per
 *   throttle (`onThrottleInterval`), over the new, ongoing and recovered alerts.
 */
export function scheduleActions(input: {
  rule: Pick<
    RuleAttributes,
    'actions' | 'notifyWhen' | 'throttle' | 'muteAll' | 'mutedInstanceIds'
  >;
  recoveryGroup: string;
  alerts: AlertForActions[];
  nowMs: number;
  /** When each summary action last ran (by action uuid). */
  lastSummaries: Readonly<Record<string, string>>;
}): ScheduledAction[] {
  if (input.rule.muteAll) return [];
  const scheduled: ScheduledAction[] = [];
  for (const action of input.rule.actions) {
    const frequency = frequencyOf(action, input.rule);
    const alerts = input.alerts.filter((alert) => !input.rule.mutedInstanceIds.includes(alert.id));
    if (frequency.summary) {
      if (alerts.length === 0) continue;
      const last = input.lastSummaries[action.uuid];
      if (
        frequency.notifyWhen === 'onThrottleInterval' &&
        last !== undefined &&
        input.nowMs - Date.parse(last) < frequency.throttleMs
      )
        continue;
      scheduled.push({
        kind: 'summary',
        action,
        alerts: {
          new: alerts.filter((a) => a.status === 'new'),
          ongoing: alerts.filter((a) => a.status === 'ongoing'),
          recovered: alerts.filter((a) => a.status === 'recovered'),
        },
      });
      continue;
    }
    for (const alert of alerts) {
      if (alert.status === 'recovered') {
        if (action.group === input.recoveryGroup) scheduled.push({ kind: 'alert', action, alert });
        continue;
      }
      if (action.group !== alert.actionGroup) continue;
      const last = alert.previous?.lastScheduledActions;
      const groupChanged = last === undefined || last.group !== alert.actionGroup;
      const lastForAction = last?.actions[action.uuid]?.date;
      const due =
        frequency.notifyWhen === 'onActiveAlert'
          ? true
          : frequency.notifyWhen === 'onActionGroupChange'
          ? alert.status === 'new' || groupChanged
          : groupChanged ||
            lastForAction === undefined ||
            input.nowMs - Date.parse(lastForAction) >= frequency.throttleMs;
      if (due) scheduled.push({ kind: 'alert', action, alert });
    }
  }
  return scheduled.slice(0, MAX_ACTIONS_PER_RUN);
}
