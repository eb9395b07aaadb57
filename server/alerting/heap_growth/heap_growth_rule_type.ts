import { i18n } from '@kbn/i18n';
import { formatMeasure } from '../../../common/format_measure';
import { HeapGrowthParams, windowMs } from '../../../common/alerting/rule_params';
import { ACTION_GROUPS, RULE_TYPE_IDS } from '../../../common/alerting/rule_types';
import { HEAP_DATASET } from '../../../common/data_streams';
import { whereText } from '../shared/alert_context';
import { alertIdOf } from '../shared/alert_id';
import { reportAlert } from '../shared/alert_reporting';
import { goRuleType, type GoRuleType, type GoRuleTypeDeps } from '../shared/go_rule_type';
import { metricNoDataWatch, NO_DATA_ACTION_GROUP } from '../shared/no_data';
import type { RuleGroup } from '../queries/rule_queries';
import { queryRuleHeapLowPointsAcrossSources } from '../queries/rule_heap_low_points_query';
import { judgeGrowth, type GrowthVerdict } from './growth_fit';
import { findTopGrowths, type TopGrowth } from './top_growth';

type ActionGroupId = typeof ACTION_GROUPS.heapGrowing | typeof ACTION_GROUPS.noData;

/** Alerts when the live heap (after-GC low points) keeps rising: a leak, not a sawtooth or a warming cache. */
export function createHeapGrowthRuleType(
  deps: GoRuleTypeDeps
): GoRuleType<HeapGrowthParams, ActionGroupId> {
  return goRuleType<HeapGrowthParams, ActionGroupId>(
    {
      id: RULE_TYPE_IDS.heapGrowth,
      name: i18n.translate('goRuntime.alerting.heapGrowth.name', {
        defaultMessage: 'Go heap growth',
      }),
      params: HeapGrowthParams,
      actionGroups: [
        {
          id: ACTION_GROUPS.heapGrowing,
          name: i18n.translate('goRuntime.alerting.actionGroups.heapGrowing', {
            defaultMessage: 'Heap growing',
          }),
        },
      ],
      contextVariables: [
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
        {
          name: 'topGrowth',
          description:
            'The function whose in-use heap grew most over the window (from heap profiles; absent when the target serves none).',
        },
        {
          name: 'topGrowthBytes',
          description: 'How many bytes in use that function gained over the window.',
        },
      ],
      noData: {
        group: NO_DATA_ACTION_GROUP,
        watch: (params) =>
          metricNoDataWatch(params, {
            dataset: HEAP_DATASET,
            metric: 'golang.heap.allocations.allocated',
            unit: 'bytes_per_hour',
            threshold: [params.minGrowthBytesPerHour],
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
        // Every source that reports the heap in use; each group is one source's service or instance.
        const { groups, failures } = await queryRuleHeapLowPointsAcrossSources(
          esClient,
          sources,
          {
            fromMs: nowMs - window,
            toMs: nowMs,
            groupBy: params.groupBy ?? 'instance',
            serviceNames: params.serviceNames,
          },
          spaceId
        );
        sourcesFailed(failures);
        const threshold = [params.minGrowthBytesPerHour];
        const limit = params.memoryLimitBytes;
        const sloped = (group: RuleGroup, slope: number | null, reason: string) => ({
          group,
          value: slope,
          unit: 'bytes_per_hour' as const,
          threshold,
          reason,
          windowMs: window,
        });
        const slopes = new Map<string, number | null>();
        const growing: Array<{
          group: RuleGroup;
          verdict: Extract<GrowthVerdict, { growing: true }>;
        }> = [];
        for (const group of groups) {
          const verdict = judgeGrowth(group.points, window, params.minGrowthBytesPerHour, limit);
          slopes.set(alertIdOf(group), verdict.fit?.slope ?? null);
          if (verdict.growing) growing.push({ group, verdict });
        }
        const fromMs = nowMs - window;
        const tops = await findTopGrowths(
          esClient,
          growing.map(({ group }) => group),
          { fromMs, toMs: nowMs },
          spaceId
        );
        growing.forEach(({ group, verdict }, index) => {
          const top = tops[index];
          const { fit, hoursToLimit } = verdict;
          const limitText =
            hoursToLimit === undefined || limit === undefined
              ? ''
              : hoursToLimit === 0
              ? `; it is already past the limit of ${formatMeasure(limit, 'bytes')}`
              : `; at this rate it reaches ${formatMeasure(
                  limit,
                  'bytes'
                )} in ${hoursToLimit.toFixed(1)} h`;
          const reason = `The heap after GC of ${whereText(group)} grew ${formatMeasure(
            fit.slope,
            'bytes_per_hour'
          )} over the last ${params.timeSize}${params.timeUnit} (r² ${fit.r2.toFixed(
            2
          )}), above ${formatMeasure(
            params.minGrowthBytesPerHour,
            'bytes_per_hour'
          )}${limitText}.${topGrowthText(top)}`;
          reportAlert(alertsClient, {
            key: group,
            actionGroup: ACTION_GROUPS.heapGrowing,
            context: context({
              ...sloped(group, fit.slope, reason),
              // With a heap profile to show, the link opens What grew over the alert's window.
              ...(top === undefined
                ? {}
                : { view: { fromMs, toMs: nowMs, instance: group.instance ?? top.instance } }),
              extra: {
                slopeBytesPerHour: fit.slope,
                fitR2: fit.r2,
                recentSlopeBytesPerHour: verdict.recentSlope,
                heapAfterGcBytes: fit.fittedNow,
                ...(hoursToLimit === undefined
                  ? {}
                  : {
                      hoursToLimit,
                      limitReachedAt: new Date(nowMs + hoursToLimit * 3_600_000).toISOString(),
                    }),
                ...(top === undefined
                  ? {}
                  : { topGrowth: top.function, topGrowthBytes: top.inuseSpaceGrowthBytes }),
              },
            }),
          });
        });
        return {
          recoveryOf: (group) => {
            const slope = slopes.get(alertIdOf(group)) ?? null;
            return {
              ...sloped(
                group,
                slope,
                slope === null
                  ? `Not enough heap data from ${whereText(
                      group
                    )} to fit a trend; the alert recovered.`
                  : `The heap after GC of ${whereText(
                      group
                    )} no longer keeps growing (${formatMeasure(
                      slope,
                      'bytes_per_hour'
                    )} over the window); the alert recovered.`
              ),
              extra: { slopeBytesPerHour: slope },
            };
          },
        };
      },
    },
    deps
  );
}

/** " Most grown in use: main.leak (main.go:42), +12 MiB." — or nothing without a profile. */
function topGrowthText(top: TopGrowth | undefined): string {
  if (top === undefined) return '';
  const where = top.file === '' ? '' : ` (${top.file}:${top.line})`;
  return ` Most grown in use: ${top.function}${where}, +${formatMeasure(
    top.inuseSpaceGrowthBytes,
    'bytes'
  )}.`;
}
