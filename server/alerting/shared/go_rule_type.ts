import type { RuleType } from '@kbn/alerting-plugin/server';
import type { ElasticsearchClient } from '@kbn/core/server';
import { i18n } from '@kbn/i18n';
import type * as t from 'io-ts';
import { windowMs, type GroupBy, type TimeUnit } from '../../../common/alerting/rule_params';
import { ACTION_GROUPS, type GoRuleTypeId } from '../../../common/alerting/rule_types';
import type { Dataset } from '../../../common/data_streams';
import type { MeasureUnit } from '../../../common/format_measure';
import { queryRuleSilentGroups } from '../queries/rule_silent_groups_query';
import {
  buildContext,
  whereText,
  type ContextInput,
  type GoAlertContext,
  type GoAlertData,
} from './alert_context';
import type { AlertKey } from './alert_id';
import { recoverAlerts, reportAlert, type GoAlertsClient } from './alert_reporting';
import { paramsValidator } from './params_validator';
import { AlertsClientUnavailableError, RULE_TYPE_BASE, type NoState } from './rule_type_base';

/** Kibana's RuleType as all four of the plugin's rule types instantiate it. */
export type GoRuleType<
  Params extends Record<string, unknown>,
  ActionGroupId extends string
> = RuleType<
  Params,
  never,
  NoState,
  NoState,
  GoAlertContext,
  ActionGroupId,
  'recovered',
  GoAlertData
>;

type ContextVariables = NonNullable<
  NonNullable<GoRuleType<never, never>['actionVariables']>['context']
>;

/** What the plugin hands every rule type when it registers them. */
export interface GoRuleTypeDeps {
  /** Kibana's server.publicBaseUrl (core.http.basePath.publicBaseUrl); unset in many installs. */
  readonly publicBaseUrl?: string;
}

/** One run of a rule, with what every executor needs already taken from Kibana's options. */
export interface GoRuleRun<Params, ActionGroupId extends string> {
  readonly params: Params;
  readonly esClient: ElasticsearchClient;
  readonly alertsClient: GoAlertsClient<ActionGroupId>;
  readonly nowMs: number;
  readonly spaceId: string;
  readonly scheduleInterval: string;
  /** An alert context at this run's time, with links into the rule's space. */
  context(input: ContextInput): GoAlertContext;
}

/** What a run reports back: how to word each alert that recovered in it. */
export interface GoRuleOutcome {
  /** Gets the names the recovered alert's id was made of. */
  recoveryOf(key: AlertKey): ContextInput;
}

/** What "a group the rule watches" means for no-data alerts, when the rule's params ask for them. */
export interface NoDataWatch {
  readonly dataset: Dataset;
  readonly groupBy: GroupBy;
  readonly serviceNames?: readonly string[];
  readonly windowMs: number;
  /** The window as the reasons say it, e.g. "5m". */
  readonly windowText: string;
  readonly unit: MeasureUnit;
  readonly threshold: readonly number[];
}

export interface GoRuleTypeSpec<
  Params extends Record<string, unknown>,
  ActionGroupId extends string
> {
  readonly id: GoRuleTypeId;
  readonly name: string;
  readonly params: t.Decoder<unknown, Params>;
  /** The first is the default action group. */
  readonly actionGroups: readonly [
    { id: ActionGroupId; name: string },
    ...Array<{ id: ActionGroupId; name: string }>
  ];
  /** Context variables besides the ones every rule type offers. */
  readonly contextVariables?: ContextVariables;
  /**
   * A metric rule: with `alertOnNoData` in its params, a group seen within NO_DATA_LOOKBACK_MS but
   * silent in the window raises a no-data alert (under the same alert id as the group's other
   * alert, so an alert that fired goes on as "no data" instead of recovering).
   */
  readonly noData?: {
    /** NO_DATA_ACTION_GROUP: the type lists it among its action groups when it alerts on no data. */
    readonly group: { id: ActionGroupId; name: string };
    watch(params: Params): NoDataWatch | undefined;
  };
  run(run: GoRuleRun<Params, ActionGroupId>): Promise<GoRuleOutcome>;
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
  measure: Pick<NoDataWatch, 'dataset' | 'unit' | 'threshold'>
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

const NO_DATA_CONTEXT_VARIABLES = [
  { name: 'lastSeen', description: "For a no-data alert: when the group's last document was." },
];

/**
 * One of the plugin's rule types: the shared registration (producer, alerts index, context
 * variables, recovery) around what the type itself says (id, name, params, action groups and
 * the body of its executor).
 */
export function goRuleType<Params extends Record<string, unknown>, ActionGroupId extends string>(
  spec: GoRuleTypeSpec<Params, ActionGroupId>,
  deps: GoRuleTypeDeps
): GoRuleType<Params, ActionGroupId> {
  return {
    ...RULE_TYPE_BASE,
    id: spec.id,
    name: spec.name,
    validate: { params: paramsValidator(spec.params) },
    actionGroups: [...spec.actionGroups, ...(spec.noData === undefined ? [] : [spec.noData.group])],
    defaultActionGroupId: spec.actionGroups[0].id,
    actionVariables: {
      context: [
        ...RULE_TYPE_BASE.actionVariables.context,
        ...(spec.contextVariables ?? []),
        ...(spec.noData === undefined ? [] : NO_DATA_CONTEXT_VARIABLES),
      ],
    },
    executor: async ({ params, services, startedAt, spaceId, rule }) => {
      const { alertsClient } = services;
      if (alertsClient === null) throw new AlertsClientUnavailableError();
      const nowMs = startedAt.getTime();
      const links = { publicBaseUrl: deps.publicBaseUrl, spaceId, ruleId: rule.id };
      const context = (input: ContextInput) => buildContext({ ...input, nowMs, links });
      const esClient = services.scopedClusterClient.asCurrentUser;
      const watch = spec.noData?.watch(params);
      // Before the run's own alerts: a no-data alert is reported, so it is not taken as recovered.
      if (spec.noData !== undefined && watch !== undefined) {
        const { groups } = await queryRuleSilentGroups(
          esClient,
          { ...watch, nowMs, lookbackMs: NO_DATA_LOOKBACK_MS },
          spaceId
        );
        for (const group of groups) {
          const lastSeen = new Date(group.lastSeenMs).toISOString();
          reportAlert(alertsClient, {
            key: group,
            actionGroup: spec.noData.group.id,
            context: context({
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
      }
      const outcome = await spec.run({
        params,
        esClient,
        alertsClient,
        nowMs,
        spaceId,
        scheduleInterval: rule.schedule.interval,
        context,
      });
      recoverAlerts(alertsClient, (key) => context(outcome.recoveryOf(key)));
      return { state: {} };
    },
  };
}
