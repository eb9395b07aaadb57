import { i18n } from '@kbn/i18n';
import { formatMeasure } from '../../../common/format_measure';
import { GcPauseParams, windowMs } from '../../../common/alerting/rule_params';
import { ACTION_GROUPS, RULE_TYPE_IDS } from '../../../common/alerting/rule_types';
import { HEAP_DATASET } from '../../../common/data_streams';
import { whereText } from '../shared/alert_context';
import { alertIdOf } from '../shared/alert_id';
import { reportAlert } from '../shared/alert_reporting';
import { comparatorWords, meetsThreshold } from '../shared/compare';
import { goRuleType, type GoRuleType, type GoRuleTypeDeps } from '../shared/go_rule_type';
import { metricNoDataWatch, NO_DATA_ACTION_GROUP } from '../shared/no_data';
import type { RuleGroup } from '../queries/rule_queries';
import { queryRulePausePercentiles } from '../queries/rule_pause_percentiles_query';

type ActionGroupId = typeof ACTION_GROUPS.pauseExceeded | typeof ACTION_GROUPS.noData;

/** Alerts on a percentile of the exact GC pauses (stop-the-world) in the window, in milliseconds. */
export function createGcPauseRuleType(
  deps: GoRuleTypeDeps
): GoRuleType<GcPauseParams, ActionGroupId> {
  return goRuleType<GcPauseParams, ActionGroupId>(
    {
      id: RULE_TYPE_IDS.gcPause,
      name: i18n.translate('goRuntime.alerting.gcPause.name', { defaultMessage: 'Go GC pause' }),
      params: GcPauseParams,
      actionGroups: [
        {
          id: ACTION_GROUPS.pauseExceeded,
          name: i18n.translate('goRuntime.alerting.actionGroups.pauseExceeded', {
            defaultMessage: 'GC pause exceeded',
          }),
        },
      ],
      noData: {
        group: NO_DATA_ACTION_GROUP,
        watch: (params) =>
          metricNoDataWatch(params, {
            dataset: HEAP_DATASET,
            unit: 'millis',
            threshold: [params.thresholdMs],
          }),
      },
      run: async ({ params, esClient, alertsClient, nowMs, spaceId, context }) => {
        const window = windowMs(params.timeSize, params.timeUnit);
        const { groups } = await queryRulePausePercentiles(
          esClient,
          {
            fromMs: nowMs - window,
            toMs: nowMs,
            percentile: params.percentile,
            groupBy: params.groupBy ?? 'instance',
            serviceNames: params.serviceNames,
          },
          spaceId
        );
        // Opens the reasons; "p99" keeps its lower case there, as percentiles are written.
        const label =
          params.percentile === 100 ? 'The longest GC pause' : `p${params.percentile} of GC pauses`;
        const windowText = `${params.timeSize}${params.timeUnit}`;
        const threshold = [params.thresholdMs];
        const measured = (group: RuleGroup, valueMs: number | null, reason: string) => ({
          group,
          value: valueMs,
          unit: 'millis' as const,
          threshold,
          reason,
          windowMs: window,
        });
        for (const group of groups) {
          if (group.valueNs === null) continue;
          const valueMs = group.valueNs / 1e6;
          if (!meetsThreshold(valueMs, params.comparator, threshold)) continue;
          const reason = `${label} over the last ${windowText} is ${formatMeasure(
            valueMs,
            'millis'
          )} on ${whereText(group)} (${group.pauses} pauses), ${comparatorWords(
            params.comparator
          )} ${formatMeasure(params.thresholdMs, 'millis')}.`;
          reportAlert(alertsClient, {
            key: group,
            actionGroup: ACTION_GROUPS.pauseExceeded,
            context: context({
              ...measured(group, valueMs, reason),
              extra: { pauses: group.pauses, percentile: params.percentile },
            }),
          });
        }
        const byId = new Map(groups.map((group) => [alertIdOf(group), group]));
        return {
          recoveryOf: (group) => {
            const found = byId.get(alertIdOf(group));
            const valueMs = found?.valueNs == null ? null : found.valueNs / 1e6;
            return measured(
              group,
              valueMs,
              valueMs === null
                ? `No GC pause was recorded on ${whereText(
                    group
                  )} in the last ${windowText}; the alert recovered.`
                : `${label} is back to ${formatMeasure(valueMs, 'millis')} on ${whereText(
                    group
                  )}; the alert recovered.`
            );
          },
        };
      },
    },
    deps
  );
}
