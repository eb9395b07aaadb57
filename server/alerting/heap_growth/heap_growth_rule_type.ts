import type { RuleType } from '@kbn/alerting-plugin/server';
import { i18n } from '@kbn/i18n';
import { formatMeasure } from '../../../common/format_measure';
import { HeapGrowthParams, windowMs } from '../../../common/alerting/rule_params';
import { ACTION_GROUPS, RULE_TYPE_IDS } from '../../../common/alerting/rule_types';
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
import { queryRuleHeapLowPoints } from '../queries/rule_heap_low_points_query';
import { judgeGrowth } from './growth_fit';

type ActionGroupId = typeof ACTION_GROUPS.heapGrowing;

/** Alerts when the live heap (after-GC low points) keeps rising: a leak, not a sawtooth or a warming cache. */
export function createHeapGrowthRuleType(): RuleType<
  HeapGrowthParams,
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
    id: RULE_TYPE_IDS.heapGrowth,
    name: i18n.translate('goRuntime.alerting.heapGrowth.name', {
      defaultMessage: 'Go heap growth',
    }),
    validate: { params: paramsValidator(HeapGrowthParams) },
    actionGroups: [
      {
        id: ACTION_GROUPS.heapGrowing,
        name: i18n.translate('goRuntime.alerting.actionGroups.heapGrowing', {
          defaultMessage: 'Heap growing',
        }),
      },
    ],
    defaultActionGroupId: ACTION_GROUPS.heapGrowing,
    actionVariables: {
      context: [
        ...RULE_TYPE_BASE.actionVariables.context,
        {
          name: 'slopeBytesPerHour',
          description:
            'Growth of the after-GC heap, bytes per hour (least squares over the low points).',
        },
        { name: 'fitR2', description: 'How well the line fits the low points (r², 0 to 1).' },
        {
          name: 'hoursToLimit',
          description: 'Hours until memoryLimitBytes at this slope, when the rule has a limit.',
        },
      ],
    },
    executor: async ({ params, services, startedAt, spaceId }) => {
      const { alertsClient } = services;
      if (alertsClient === null) throw new AlertsClientUnavailableError();
      const nowMs = startedAt.getTime();
      const window = windowMs(params.timeSize, params.timeUnit);
      const { groups } = await queryRuleHeapLowPoints(
        services.scopedClusterClient.asCurrentUser,
        {
          fromMs: nowMs - window,
          toMs: nowMs,
          groupBy: params.groupBy ?? 'instance',
          serviceNames: params.serviceNames,
        },
        spaceId
      );
      const threshold = [params.minGrowthBytesPerHour];
      const slopes = new Map<string, number | null>();
      for (const group of groups) {
        const verdict = judgeGrowth(
          group.points,
          window,
          params.minGrowthBytesPerHour,
          params.memoryLimitBytes
        );
        slopes.set(alertIdOf(group), verdict.fit?.slope ?? null);
        if (!verdict.growing) continue;
        const { fit } = verdict;
        const limitText =
          verdict.hoursToLimit === undefined
            ? ''
            : verdict.hoursToLimit === 0
            ? `; it is already past the limit of ${formatMeasure(
                params.memoryLimitBytes!,
                'bytes'
              )}`
            : `; at this rate it reaches ${formatMeasure(
                params.memoryLimitBytes!,
                'bytes'
              )} in ${verdict.hoursToLimit.toFixed(1)} h`;
        const reason = `The heap after GC of ${whereText(group)} grew ${formatMeasure(
          fit.slope,
          'bytes_per_hour'
        )} over the last ${params.timeSize}${params.timeUnit} (r² ${fit.r2.toFixed(
          2
        )}), above ${formatMeasure(params.minGrowthBytesPerHour, 'bytes_per_hour')}${limitText}.`;
        const context = buildContext({
          spaceId,
          group,
          value: fit.slope,
          unit: 'bytes_per_hour',
          threshold,
          reason,
          nowMs,
          windowMs: window,
          extra: {
            slopeBytesPerHour: fit.slope,
            fitR2: fit.r2,
            recentSlopeBytesPerHour: verdict.recentSlope,
            heapAfterGcBytes: fit.fittedNow,
            ...(verdict.hoursToLimit === undefined
              ? {}
              : {
                  hoursToLimit: verdict.hoursToLimit,
                  limitReachedAt: new Date(nowMs + verdict.hoursToLimit * 3_600_000).toISOString(),
                }),
          },
        });
        reportAlert(alertsClient, { key: group, actionGroup: ACTION_GROUPS.heapGrowing, context });
      }
      recoverAlerts(alertsClient, (group) => {
        const slope = slopes.get(alertIdOf(group)) ?? null;
        const reason =
          slope === null
            ? `Not enough heap data from ${whereText(group)} to fit a trend; the alert recovered.`
            : `The heap after GC of ${whereText(group)} no longer keeps growing (${formatMeasure(
                slope,
                'bytes_per_hour'
              )} over the window); the alert recovered.`;
        return buildContext({
          spaceId,
          group,
          value: slope,
          unit: 'bytes_per_hour',
          threshold,
          reason,
          nowMs,
          windowMs: window,
          extra: { slopeBytesPerHour: slope },
        });
      });
      return { state: {} };
    },
  };
}
