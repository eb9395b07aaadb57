import type { RuleType } from '@kbn/alerting-plugin/server';
import { i18n } from '@kbn/i18n';
import { formatMeasure } from '../../../common/format_measure';
import { GcPauseParams, windowMs } from '../../../common/alerting/rule_params';
import { ACTION_GROUPS, RULE_TYPE_IDS } from '../../../common/alerting/rule_types';
import {
  buildContext,
  whereText,
  type GoAlertContext,
  type GoAlertData,
} from '../shared/alert_context';
import { alertIdOf } from '../shared/alert_id';
import { recoverAlerts, reportAlert } from '../shared/alert_reporting';
import { comparatorWords, meetsThreshold } from '../shared/compare';
import { paramsValidator } from '../shared/params_validator';
import {
  AlertsClientUnavailableError,
  RULE_TYPE_BASE,
  type NoState,
} from '../shared/rule_type_base';
import { queryRulePausePercentiles } from '../queries/rule_pause_percentiles_query';

type ActionGroupId = typeof ACTION_GROUPS.pauseExceeded;

/** Alerts on a percentile of the exact GC pauses (stop-the-world) in the window, in milliseconds. */
export function createGcPauseRuleType(): RuleType<
  GcPauseParams,
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
    id: RULE_TYPE_IDS.gcPause,
    name: i18n.translate('goRuntime.alerting.gcPause.name', { defaultMessage: 'Go GC pause' }),
    validate: { params: paramsValidator(GcPauseParams) },
    actionGroups: [
      {
        id: ACTION_GROUPS.pauseExceeded,
        name: i18n.translate('goRuntime.alerting.actionGroups.pauseExceeded', {
          defaultMessage: 'GC pause exceeded',
        }),
      },
    ],
    defaultActionGroupId: ACTION_GROUPS.pauseExceeded,
    executor: async ({ params, services, startedAt, spaceId }) => {
      const { alertsClient } = services;
      if (alertsClient === null) throw new AlertsClientUnavailableError();
      const nowMs = startedAt.getTime();
      const window = windowMs(params.timeSize, params.timeUnit);
      const { groups } = await queryRulePausePercentiles(
        services.scopedClusterClient.asCurrentUser,
        {
          fromMs: nowMs - window,
          toMs: nowMs,
          percentile: params.percentile,
          groupBy: params.groupBy ?? 'instance',
          serviceNames: params.serviceNames,
        },
        spaceId
      );
      const label =
        params.percentile === 100 ? 'the longest GC pause' : `p${params.percentile} of GC pauses`;
      const threshold = [params.thresholdMs];
      const byId = new Map(groups.map((group) => [alertIdOf(group), group]));
      for (const group of groups) {
        if (group.valueNs === null) continue;
        const valueMs = group.valueNs / 1e6;
        if (!meetsThreshold(valueMs, params.comparator, threshold)) continue;
        const reason = `${label} over the last ${params.timeSize}${
          params.timeUnit
        } is ${formatMeasure(valueMs, 'millis')} on ${whereText(group)} (${
          group.pauses
        } pauses), ${comparatorWords(params.comparator)} ${formatMeasure(
          params.thresholdMs,
          'millis'
        )}.`;
        const context = buildContext({
          spaceId,
          group,
          value: valueMs,
          unit: 'millis',
          threshold,
          reason,
          nowMs,
          windowMs: window,
          extra: { pauses: group.pauses, percentile: params.percentile },
        });
        reportAlert(alertsClient, {
          key: group,
          actionGroup: ACTION_GROUPS.pauseExceeded,
          context,
        });
      }
      recoverAlerts(alertsClient, (group) => {
        const found = byId.get(alertIdOf(group));
        const valueMs = found?.valueNs == null ? null : found.valueNs / 1e6;
        const reason =
          valueMs === null
            ? `No GC pause was recorded on ${whereText(group)} in the last ${params.timeSize}${
                params.timeUnit
              }; the alert recovered.`
            : `${label} is back to ${formatMeasure(valueMs, 'millis')} on ${whereText(
                group
              )}; the alert recovered.`;
        return buildContext({
          spaceId,
          group,
          value: valueMs,
          unit: 'millis',
          threshold,
          reason,
          nowMs,
          windowMs: window,
        });
      });
      return { state: {} };
    },
  };
}
