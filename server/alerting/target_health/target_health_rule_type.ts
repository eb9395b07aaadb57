import { i18n } from '@kbn/i18n';
import {
  DEFAULT_DOWN_FOR_INTERVALS,
  HealthCondition,
  TargetHealthParams,
} from '../../../common/alerting/rule_params';
import { ACTION_GROUPS, RULE_TYPE_IDS } from '../../../common/alerting/rule_types';
import { parseDuration } from '../../../common/duration';
import { whereText } from '../shared/alert_context';
import { alertIdOf } from '../shared/alert_id';
import { reportAlert } from '../shared/alert_reporting';
import { goRuleType, type GoRuleType, type GoRuleTypeDeps } from '../shared/go_rule_type';
import type { RuleGroup } from '../queries/rule_queries';
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
export function createTargetHealthRuleType(
  deps: GoRuleTypeDeps
): GoRuleType<TargetHealthParams, ActionGroupId> {
  return goRuleType<TargetHealthParams, ActionGroupId>(
    {
      id: RULE_TYPE_IDS.targetHealth,
      name: i18n.translate('goRuntime.alerting.targetHealth.name', {
        defaultMessage: 'Go target health',
      }),
      params: TargetHealthParams,
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
      run: async ({
        params,
        esClient,
        alertsClient,
        nowMs,
        spaceId,
        scheduleInterval,
        context,
      }) => {
        const downForIntervals = params.downForIntervals ?? DEFAULT_DOWN_FOR_INTERVALS;
        // Restarts and missed pauses stay in view for two rule intervals, so a run that starts
        // late or a document indexed late is still seen once.
        const eventWindowMs = Math.max(2 * scheduleMs(scheduleInterval), MIN_EVENT_WINDOW_MS);
        const { instances } = await queryRuleInstanceHealth(
          esClient,
          {
            nowMs,
            lookbackMs: LOOKBACK_MS,
            eventWindowMs,
            downForIntervals,
            serviceNames: params.serviceNames,
          },
          spaceId
        );
        const found = (
          group: RuleGroup,
          condition: HealthCondition,
          value: number,
          reason: string
        ) => ({
          group,
          value,
          unit: 'count' as const,
          threshold: condition === 'down' ? [downForIntervals] : [0],
          reason,
          windowMs: eventWindowMs,
          extra: { condition },
        });
        for (const health of instances) {
          for (const finding of evaluateHealth(
            health,
            params.conditions,
            downForIntervals,
            nowMs
          )) {
            reportAlert(alertsClient, {
              key: {
                service: health.service,
                instance: health.instance,
                condition: finding.condition,
              },
              actionGroup: GROUP_OF[finding.condition],
              context: context(found(health, finding.condition, finding.value, finding.reason)),
            });
          }
        }
        const byId = new Map(instances.map((health) => [alertIdOf(health), health]));
        const eventSeconds = Math.round(eventWindowMs / 1000);
        return {
          recoveryOf: (key) => {
            const condition = recoveredCondition(key.condition);
            const group = { service: key.service, instance: key.instance };
            const health = byId.get(alertIdOf(group));
            const where = whereText(group);
            return condition === 'down'
              ? found(group, condition, 0, `${where} is scraped again.`)
              : condition === 'restarted'
              ? found(
                  group,
                  condition,
                  health?.restarts ?? 0,
                  `No restart of ${where} in the last ${eventSeconds} s.`
                )
              : found(
                  group,
                  condition,
                  health?.missedPauses ?? 0,
                  `No GC pause of ${where} was missed in the last ${eventSeconds} s.`
                );
          },
        };
      },
    },
    deps
  );
}
