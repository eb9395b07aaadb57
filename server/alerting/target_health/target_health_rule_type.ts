import type { RuleType } from '@kbn/alerting-plugin/server';
import { i18n } from '@kbn/i18n';
import {
  DEFAULT_DOWN_FOR_INTERVALS,
  HealthCondition,
  TargetHealthParams,
} from '../../../common/alerting/rule_params';
import { ACTION_GROUPS, RULE_TYPE_IDS } from '../../../common/alerting/rule_types';
import { parseDuration } from '../../../common/duration';
import {
  buildContext,
  whereText,
  type GoAlertContext,
  type GoAlertData,
} from '../shared/alert_context';
import { alertIdOf } from '../shared/alert_id';
import { recoverAlerts, reportAlert } from '../shared/alert_reporting';
import { paramsValidator } from '../shared/params_validator';
import {
  AlertsClientUnavailableError,
  RULE_TYPE_BASE,
  type NoState,
} from '../shared/rule_type_base';
import { queryRuleInstanceHealth } from '../queries/rule_instance_health_query';
import { evaluateHealth } from './health_conditions';

type ActionGroupId =
  | typeof ACTION_GROUPS.down
  | typeof ACTION_GROUPS.restarted
  | typeof ACTION_GROUPS.missedPauses;

const GROUP_OF: Record<HealthCondition, ActionGroupId> = {
  down: 'down',
  restarted: 'restarted',
  missed_pauses: 'missed_pauses',
};
/** An instance silent for longer than this is forgotten: its alert recovers as "no data". */
const LOOKBACK_MS = 24 * 3_600_000;
const MIN_EVENT_WINDOW_MS = 30_000;

/** Kibana only stores schedules it can parse; anything else is a broken rule, not a default. */
function scheduleMs(interval: string): number {
  const ms = parseDuration(interval);
  if (ms === undefined)
    throw new Error(`invalid duration [${interval}]; expected e.g. 10s, 1m, 2h, 1d`);
  return ms;
}

/** The condition of a recovered alert's id; every id this rule type makes ends in one. */
function recoveredCondition(condition: string | undefined): HealthCondition {
  if (!HealthCondition.is(condition))
    throw new Error(`a target health alert id ends in no condition: [${String(condition)}]`);
  return condition;
}

/**
 * One alert per instance and condition (`<service>,<instance>,<condition>`), so that a target
 * that is down and restarted has two alerts, each with its own action group.
 */
export function createTargetHealthRuleType(): RuleType<
  TargetHealthParams,
  never,
  NoState,
  NoState,
  GoAlertContext,
  ActionGroupId,
  'recovered',
  GoAlertData
> {
  return {
    ...RULE_TYPE_BASE,
    id: RULE_TYPE_IDS.targetHealth,
    name: i18n.translate('goRuntime.alerting.targetHealth.name', {
      defaultMessage: 'Go target health',
    }),
    validate: { params: paramsValidator(TargetHealthParams) },
    actionGroups: [
      {
        id: ACTION_GROUPS.down,
        name: i18n.translate('goRuntime.alerting.actionGroups.down', {
          defaultMessage: 'Target down',
        }),
      },
      {
        id: ACTION_GROUPS.restarted,
        name: i18n.translate('goRuntime.alerting.actionGroups.restarted', {
          defaultMessage: 'Process restarted',
        }),
      },
      {
        id: ACTION_GROUPS.missedPauses,
        name: i18n.translate('goRuntime.alerting.actionGroups.missedPauses', {
          defaultMessage: 'GC pauses missed',
        }),
      },
    ],
    defaultActionGroupId: ACTION_GROUPS.down,
    executor: async ({ params, services, startedAt, spaceId, rule }) => {
      const { alertsClient } = services;
      if (alertsClient === null) throw new AlertsClientUnavailableError();
      const nowMs = startedAt.getTime();
      const downForIntervals = params.downForIntervals ?? DEFAULT_DOWN_FOR_INTERVALS;
      // Restarts and missed pauses stay in view for two rule intervals, so a run that starts
      // late or a document indexed late is still seen once.
      const eventWindowMs = Math.max(2 * scheduleMs(rule.schedule.interval), MIN_EVENT_WINDOW_MS);
      const { instances } = await queryRuleInstanceHealth(
        services.scopedClusterClient.asCurrentUser,
        {
          nowMs,
          lookbackMs: LOOKBACK_MS,
          eventWindowMs,
          downForIntervals,
          serviceNames: params.serviceNames,
        },
        spaceId
      );
      const byId = new Map(instances.map((health) => [alertIdOf(health), health]));
      for (const health of instances) {
        for (const finding of evaluateHealth(health, params.conditions, downForIntervals, nowMs)) {
          const context = buildContext({
            spaceId,
            group: health,
            value: finding.value,
            unit: 'count',
            threshold: finding.condition === 'down' ? [downForIntervals] : [0],
            reason: finding.reason,
            nowMs,
            windowMs: eventWindowMs,
            extra: { condition: finding.condition },
          });
          reportAlert(alertsClient, {
            key: {
              service: health.service,
              instance: health.instance,
              condition: finding.condition,
            },
            actionGroup: GROUP_OF[finding.condition],
            context,
          });
        }
      }
      recoverAlerts(alertsClient, (key) => {
        const condition = recoveredCondition(key.condition);
        const group = { service: key.service, instance: key.instance };
        const health = byId.get(alertIdOf(group));
        const value =
          condition === 'down'
            ? 0
            : condition === 'restarted'
            ? health?.restarts ?? 0
            : health?.missedPauses ?? 0;
        const where = whereText(group);
        const reason =
          condition === 'down'
            ? `${where} is scraped again.`
            : condition === 'restarted'
            ? `No restart of ${where} in the last ${Math.round(eventWindowMs / 1000)} s.`
            : `No GC pause of ${where} was missed in the last ${Math.round(
                eventWindowMs / 1000
              )} s.`;
        return buildContext({
          spaceId,
          group,
          value,
          unit: 'count',
          threshold: condition === 'down' ? [downForIntervals] : [0],
          reason,
          nowMs,
          windowMs: eventWindowMs,
          extra: { condition },
        });
      });
      return { state: {} };
    },
  };
}
