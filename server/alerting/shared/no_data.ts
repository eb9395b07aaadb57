import type { ElasticsearchClient } from '@kbn/core/server';
import { i18n } from '@kbn/i18n';
import { windowMs, type GroupBy, type TimeUnit } from '../../../common/alerting/rule_params';
import { ACTION_GROUPS } from '../../../common/alerting/rule_types';
import type { Dataset } from '../../../common/data_streams';
import type { MeasureUnit } from '../../../common/format_measure';
import type { SourceReader } from '../../sources/source_readers';
import { externalMetricField } from '../queries/rule_group_values_query';
import {
  queryExternalSilentGroups,
  queryRuleSilentGroups,
} from '../queries/rule_silent_groups_query';
import { eachSource, isExternal, type SourceFailure } from '../queries/rule_sources';
import { whereText, type ContextInput, type GoAlertContext } from './alert_context';
import { reportAlert, type GoAlertsClient } from './alert_reporting';

/**
 * No-data alerts of the metric rules: with `alertOnNoData`, a group seen within
 * NO_DATA_LOOKBACK_MS but silent in the rule's window is reported under the same alert id as
 * its other alert, so an alert that fired goes on as "no data" instead of recovering.
 */

/** What "a group the rule watches" means for no-data alerts, when the rule's params ask for them. */
export interface NoDataWatch {
  readonly dataset: Dataset;
  /**
   * The measure whose documents count in other products' sources (those that can feed it);
   * absent for a rule that reads the plugin's own documents only.
   */
  readonly metric?: string;
  readonly groupBy: GroupBy;
  readonly serviceNames?: readonly string[];
  readonly windowMs: number;
  /** The window as the reasons say it, e.g. "5m". */
  readonly windowText: string;
  readonly unit: MeasureUnit;
  readonly threshold: readonly number[];
}

/** The params every metric rule has that say which groups it watches, over which window. */
interface WindowedParams {
  readonly timeSize: number;
  readonly timeUnit: TimeUnit;
  readonly groupBy?: GroupBy;
  readonly serviceNames?: readonly string[];
  readonly alertOnNoData?: boolean;
}

/** A metric rule's no-data watch: its groups and window, when its params turn it on. */
export function metricNoDataWatch(
  params: WindowedParams,
  measure: Pick<NoDataWatch, 'dataset' | 'unit' | 'threshold' | 'metric'>
): NoDataWatch | undefined {
  if (params.alertOnNoData !== true) return undefined;
  return {
    ...measure,
    groupBy: params.groupBy ?? 'instance',
    serviceNames: params.serviceNames,
    windowMs: windowMs(params.timeSize, params.timeUnit),
    windowText: `${params.timeSize}${params.timeUnit}`,
  };
}

/** A group silent for longer than this is forgotten: its alert recovers, as a target health alert does. */
export const NO_DATA_LOOKBACK_MS = 24 * 3_600_000;

export const NO_DATA_ACTION_GROUP = {
  id: ACTION_GROUPS.noData as typeof ACTION_GROUPS.noData,
  name: i18n.translate('goRuntime.alerting.actionGroups.noData', { defaultMessage: 'No data' }),
};

export const NO_DATA_CONTEXT_VARIABLES = [
  { name: 'lastSeen', description: "For a no-data alert: when the group's last document was." },
];

/**
 * Reports a no-data alert for every group the watch finds silent, in every source that can feed
 * the watched measure. Sources that failed are returned, not thrown, while another answered.
 */
export async function reportSilentGroups<ActionGroupId extends string>(
  run: {
    esClient: ElasticsearchClient;
    alertsClient: GoAlertsClient<ActionGroupId>;
    spaceId: string;
    nowMs: number;
    sources: readonly SourceReader[];
    context(input: ContextInput): GoAlertContext;
  },
  watch: NoDataWatch,
  actionGroup: ActionGroupId
): Promise<SourceFailure[]> {
  const request = { ...watch, nowMs: run.nowMs, lookbackMs: NO_DATA_LOOKBACK_MS };
  const { metric } = watch;
  const readers = run.sources.filter(
    (reader) =>
      !isExternal(reader) ||
      (metric !== undefined && externalMetricField(reader, metric) !== undefined)
  );
  const { answers, failures } = await eachSource(readers, async (reader) => {
    if (!isExternal(reader)) return queryRuleSilentGroups(run.esClient, request, run.spaceId);
    const field = metric === undefined ? undefined : externalMetricField(reader, metric);
    return field === undefined
      ? { groups: [], truncated: false }
      : queryExternalSilentGroups(run.esClient, reader, field, request);
  });
  for (const group of answers.flatMap(({ answer }) => answer.groups)) {
    const lastSeen = new Date(group.lastSeenMs).toISOString();
    reportAlert(run.alertsClient, {
      key: group,
      actionGroup,
      context: run.context({
        group,
        value: null,
        unit: watch.unit,
        threshold: watch.threshold,
        reason: `No data from ${whereText(group)} in the last ${
          watch.windowText
        }; its last document is from ${lastSeen}.`,
        windowMs: watch.windowMs,
        extra: { lastSeen },
      }),
    });
  }
  return failures;
}
