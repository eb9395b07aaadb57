import { i18n } from '@kbn/i18n';
import { formatMeasure } from '../../../common/format_measure';
import { measurePhrase } from '../../../common/alerting/metric_names';
import { thresholdUnitOf } from '../../../common/alerting/threshold_unit';
import {
  CUSTOM_METRIC_PREFIX,
  MetricThresholdParams,
  windowMs,
} from '../../../common/alerting/rule_params';
import { ACTION_GROUPS, RULE_TYPE_IDS } from '../../../common/alerting/rule_types';
import { EXPVAR_DATASET, HEAP_DATASET } from '../../../common/data_streams';
import { startOfSentence, whereText } from '../shared/alert_context';
import { alertIdOf } from '../shared/alert_id';
import { reportAlert } from '../shared/alert_reporting';
import { comparatorWords, meetsThreshold } from '../shared/compare';
import { goRuleType, type GoRuleType, type GoRuleTypeDeps } from '../shared/go_rule_type';
import { metricNoDataWatch, NO_DATA_ACTION_GROUP } from '../shared/no_data';
import { queryRuleGroupValuesAcrossSources } from '../queries/rule_group_values_query';

type ActionGroupId = typeof ACTION_GROUPS.thresholdMet | typeof ACTION_GROUPS.noData;

export function createMetricThresholdRuleType(
  deps: GoRuleTypeDeps
): GoRuleType<MetricThresholdParams, ActionGroupId> {
  return goRuleType<MetricThresholdParams, ActionGroupId>(
    {
      id: RULE_TYPE_IDS.metricThreshold,
      name: i18n.translate('goRuntime.alerting.metricThreshold.name', {
        defaultMessage: 'Go runtime metric threshold',
      }),
      params: MetricThresholdParams,
      actionGroups: [
        {
          id: ACTION_GROUPS.thresholdMet,
          name: i18n.translate('goRuntime.alerting.actionGroups.thresholdMet', {
            defaultMessage: 'Threshold met',
          }),
        },
      ],
      noData: {
        group: NO_DATA_ACTION_GROUP,
        watch: (params) =>
          metricNoDataWatch(params, {
            dataset: params.metric.startsWith(CUSTOM_METRIC_PREFIX) ? EXPVAR_DATASET : HEAP_DATASET,
            metric: params.metric,
            unit: thresholdUnitOf(params.metric, params.aggregation),
            threshold: params.threshold,
          }),
      },
      run: async ({
        params,
        esClient,
        alertsClient,
        nowMs,
        spaceId,
        sources,
        sourcesFailed,
        context,
      }) => {
        const window = windowMs(params.timeSize, params.timeUnit);
        const unit = thresholdUnitOf(params.metric, params.aggregation);
        // Every source that can feed the metric; each group is one source's service or instance.
        const { groups, failures } = await queryRuleGroupValuesAcrossSources(
          esClient,
          sources,
          {
            fromMs: nowMs - window,
            toMs: nowMs,
            metric: params.metric,
            aggregation: params.aggregation,
            groupBy: params.groupBy ?? 'instance',
            serviceNames: params.serviceNames,
          },
          spaceId
        );
        sourcesFailed(failures);
        // "The highest heap allocated over the last 5m": the subject of every reason.
        const described = startOfSentence(
          `${measurePhrase(params.metric, params.aggregation)} over the last ${params.timeSize}${
            params.timeUnit
          }`
        );
        const measured = (group: (typeof groups)[number], reason: string) => ({
          group,
          value: group.value,
          unit,
          threshold: params.threshold,
          reason,
          windowMs: window,
        });
        for (const group of groups) {
          if (
            group.value === null ||
            !meetsThreshold(group.value, params.comparator, params.threshold)
          )
            continue;
          const reason = `${described} is ${formatMeasure(group.value, unit)} on ${whereText(
            group
          )}, ${comparatorWords(params.comparator)} the threshold of ${params.threshold
            .map((t) => formatMeasure(t, unit))
            .join(' and ')}.`;
          reportAlert(alertsClient, {
            key: group,
            actionGroup: ACTION_GROUPS.thresholdMet,
            context: context(measured(group, reason)),
          });
        }
        const values = new Map(groups.map((group) => [alertIdOf(group), group]));
        return {
          recoveryOf: (key) => {
            const group = values.get(alertIdOf(key)) ?? { ...key, value: null };
            return measured(
              group,
              group.value === null
                ? `${described} has no data on ${whereText(group)} any more; the alert recovered.`
                : `${described} is back to ${formatMeasure(group.value, unit)} on ${whereText(
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
