import type { RuleType } from '@kbn/alerting-plugin/server';
import { i18n } from '@kbn/i18n';
import { HEAP_FIELDS } from '../../../common/heap_fields';
import type { MeasureUnit } from '../../../common/format_measure';
import {
  CUSTOM_METRIC_PREFIX,
  MetricThresholdParams,
  windowMs,
} from '../../../common/alerting/rule_params';
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
import { queryRuleGroupValues } from '../queries/rule_group_values_query';
import { formatMeasure } from '../../../common/format_measure';

type ActionGroupId = typeof ACTION_GROUPS.thresholdMet;

const DERIVED_UNITS: Record<string, MeasureUnit> = {
  'golang.heap.gc.pause.sum.ns': 'nanos',
  'golang.heap.gc.pause.max.ns': 'nanos',
  'golang.heap.gc.pause.avg.ns': 'nanos',
  'golang.heap.allocations.rate.bytes_per_second': 'bytes_per_second',
  'golang.heap.allocations.rate.objects_per_second': 'per_second',
};

/** The unit of the evaluated value: the field's unit, per second for a rate. */
export function unitOf(
  metric: string,
  aggregation: MetricThresholdParams['aggregation']
): MeasureUnit {
  const field = HEAP_FIELDS.find((candidate) => candidate.name === metric);
  const base: MeasureUnit =
    field?.unit ??
    DERIVED_UNITS[metric] ??
    (metric.startsWith(CUSTOM_METRIC_PREFIX) ? 'none' : 'count');
  if (aggregation !== 'rate') return base;
  return base === 'bytes' ? 'bytes_per_second' : base === 'nanos' ? 'nanos' : 'per_second';
}

export function createMetricThresholdRuleType(): RuleType<
  MetricThresholdParams,
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
    id: RULE_TYPE_IDS.metricThreshold,
    name: i18n.translate('goRuntime.alerting.metricThreshold.name', {
      defaultMessage: 'Go runtime metric threshold',
    }),
    validate: { params: paramsValidator(MetricThresholdParams) },
    actionGroups: [
      {
        id: ACTION_GROUPS.thresholdMet,
        name: i18n.translate('goRuntime.alerting.actionGroups.thresholdMet', {
          defaultMessage: 'Threshold met',
        }),
      },
    ],
    defaultActionGroupId: ACTION_GROUPS.thresholdMet,
    executor: async ({ params, services, startedAt, spaceId }) => {
      const { alertsClient } = services;
      if (alertsClient === null) throw new AlertsClientUnavailableError();
      const nowMs = startedAt.getTime();
      const window = windowMs(params.timeSize, params.timeUnit);
      const groupBy = params.groupBy ?? 'instance';
      const unit = unitOf(params.metric, params.aggregation);
      const { groups } = await queryRuleGroupValues(
        services.scopedClusterClient.asCurrentUser,
        {
          fromMs: nowMs - window,
          toMs: nowMs,
          metric: params.metric,
          aggregation: params.aggregation,
          groupBy,
          serviceNames: params.serviceNames,
        },
        spaceId
      );
      const described = `${params.aggregation} of ${params.metric} over the last ${params.timeSize}${params.timeUnit}`;
      const values = new Map(groups.map((group) => [alertIdOf(group), group]));
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
        const context = buildContext({
          spaceId,
          group,
          value: group.value,
          unit,
          threshold: params.threshold,
          reason,
          nowMs,
          windowMs: window,
        });
        reportAlert(alertsClient, { key: group, actionGroup: ACTION_GROUPS.thresholdMet, context });
      }
      recoverAlerts(alertsClient, (key) => {
        const group = values.get(alertIdOf(key)) ?? { ...key, value: null };
        const reason =
          group.value === null
            ? `${described} has no data on ${whereText(group)} any more; the alert recovered.`
            : `${described} is back to ${formatMeasure(group.value, unit)} on ${whereText(
                group
              )}; the alert recovered.`;
        return buildContext({
          spaceId,
          group,
          value: group.value,
          unit,
          threshold: params.threshold,
          reason,
          nowMs,
          windowMs: window,
        });
      });
      return { state: {} };
    },
  };
}
