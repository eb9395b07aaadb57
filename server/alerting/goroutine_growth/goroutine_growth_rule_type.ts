import { i18n } from '@kbn/i18n';
import { GoroutineGrowthParams, windowMs } from '../../../common/alerting/rule_params';
import { ACTION_GROUPS, RULE_TYPE_IDS } from '../../../common/alerting/rule_types';
import { PROFILE_DATASET } from '../../../common/data_streams';
import { alertIdOf } from '../shared/alert_id';
import { reportAlert } from '../shared/alert_reporting';
import { goRuleType, type GoRuleType, type GoRuleTypeDeps } from '../shared/go_rule_type';
import { metricNoDataWatch, NO_DATA_ACTION_GROUP } from '../shared/no_data';
import type { RuleGroup } from '../queries/rule_queries';
import { queryRuleGoroutineReads } from '../queries/rule_goroutine_reads_query';
import {
  judgeCount,
  judgeGroupGrowth,
  worstOf,
  type GoroutineRead,
  type GoroutineVerdict,
} from './goroutine_conditions';
import { firingReason, recoveryReason } from './goroutine_reasons';

type ActionGroupId =
  | typeof ACTION_GROUPS.goroutinesAbove
  | typeof ACTION_GROUPS.goroutineGroupGrowing
  | typeof ACTION_GROUPS.noData;

/**
 * Alerts on goroutine reads (the profile data stream): too many goroutines, or one stack group
 * that keeps growing, a leak. The alert names the group's function, where the goroutines wait.
 */
export function createGoroutineGrowthRuleType(
  deps: GoRuleTypeDeps
): GoRuleType<GoroutineGrowthParams, ActionGroupId> {
  return goRuleType<GoroutineGrowthParams, ActionGroupId>(
    {
      id: RULE_TYPE_IDS.goroutineGrowth,
      name: i18n.translate('goRuntime.alerting.goroutineGrowth.name', {
        defaultMessage: 'Go goroutine growth',
      }),
      params: GoroutineGrowthParams,
      actionGroups: [
        {
          id: ACTION_GROUPS.goroutinesAbove,
          name: i18n.translate('goRuntime.alerting.actionGroups.goroutinesAbove', {
            defaultMessage: 'Goroutines above threshold',
          }),
        },
        {
          id: ACTION_GROUPS.goroutineGroupGrowing,
          name: i18n.translate('goRuntime.alerting.actionGroups.goroutineGroupGrowing', {
            defaultMessage: 'Goroutine group growing',
          }),
        },
      ],
      contextVariables: [
        {
          name: 'topFunction',
          description:
            'The function the named stack group is blocked or running in: the group that grew, or the largest group.',
        },
        { name: 'groupCount', description: 'Goroutines in that group at the latest read.' },
        { name: 'goroutines', description: 'Goroutines in all at the latest read.' },
        {
          name: 'groupRise',
          description: 'For a growing group: goroutines it gained over the intervals.',
        },
      ],
      noData: {
        group: NO_DATA_ACTION_GROUP,
        watch: (params) =>
          metricNoDataWatch(params, {
            dataset: PROFILE_DATASET,
            unit: 'count',
            threshold: params.condition === 'count' ? [params.thresholdGoroutines] : [],
          }),
      },
      run: async ({ params, esClient, alertsClient, nowMs, spaceId, context }) => {
        const window = windowMs(params.timeSize, params.timeUnit);
        const windowText = `${params.timeSize}${params.timeUnit}`;
        const { instances } = await queryRuleGoroutineReads(
          esClient,
          {
            fromMs: nowMs - window,
            toMs: nowMs,
            reads: params.condition === 'count' ? 1 : params.intervals + 1,
            serviceNames: params.serviceNames,
          },
          spaceId
        );
        const judge = (instance: string, reads: readonly GoroutineRead[]) =>
          params.condition === 'count'
            ? judgeCount(instance, reads, params.thresholdGoroutines)
            : judgeGroupGrowth(instance, reads, params.intervals);
        const verdicts = new Map<string, { group: RuleGroup; verdicts: GoroutineVerdict[] }>();
        for (const { service, instance, reads } of instances) {
          const group: RuleGroup =
            (params.groupBy ?? 'instance') === 'instance' ? { service, instance } : { service };
          const id = alertIdOf(group);
          const entry = verdicts.get(id) ?? { group, verdicts: [] };
          const verdict = judge(instance, reads);
          if (verdict !== undefined) entry.verdicts.push(verdict);
          verdicts.set(id, entry);
        }
        const threshold = params.condition === 'count' ? [params.thresholdGoroutines] : [];
        const judged = (
          group: RuleGroup,
          verdict: GoroutineVerdict | undefined,
          reason: string
        ) => ({
          group,
          value:
            verdict === undefined
              ? null
              : params.condition === 'count'
              ? verdict.total
              : verdict.groupCount ?? 0,
          unit: 'count' as const,
          threshold,
          reason,
          windowMs: window,
          extra: {
            goroutines: verdict?.total ?? null,
            topFunction: verdict?.topFunction ?? null,
            groupCount: verdict?.groupCount ?? null,
            ...(verdict?.rise === undefined
              ? {}
              : { groupRise: (verdict.groupCount ?? 0) - verdict.rise.from }),
          },
        });
        const worst = new Map<string, GoroutineVerdict | undefined>();
        for (const [id, { group, verdicts: seen }] of verdicts) {
          const verdict = worstOf(seen);
          worst.set(id, verdict);
          if (verdict === undefined || !verdict.met) continue;
          const reason = firingReason(params, group, verdict);
          reportAlert(alertsClient, {
            key: group,
            actionGroup:
              params.condition === 'count'
                ? ACTION_GROUPS.goroutinesAbove
                : ACTION_GROUPS.goroutineGroupGrowing,
            context: context(judged(group, verdict, reason)),
          });
        }
        return {
          recoveryOf: (group) => {
            const verdict = worst.get(alertIdOf(group));
            const reason = recoveryReason(params, group, verdict, windowText);
            return judged(group, verdict, reason);
          },
        };
      },
    },
    deps
  );
}
