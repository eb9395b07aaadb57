import type { RuleType } from '@kbn/alerting-plugin/server';
import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import type * as t from 'io-ts';
import type { GoRuleTypeId } from '../../../common/alerting/rule_types';
import {
  buildContext,
  type ContextInput,
  type GoAlertContext,
  type GoAlertData,
} from './alert_context';
import type { AlertKey } from './alert_id';
import { recoverAlerts, type GoAlertsClient } from './alert_reporting';
import { NO_DATA_CONTEXT_VARIABLES, reportSilentGroups, type NoDataWatch } from './no_data';
import { paramsValidator } from './params_validator';
import { AlertsClientUnavailableError, RULE_TYPE_BASE, type NoState } from './rule_type_base';
import type { SourceReader } from '../../sources/source_readers';
import { OWN_SOURCE_ONLY, type SourceFailure } from '../queries/rule_sources';

/** Kibana's RuleType as every rule type of the plugin instantiate it. */
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
  /** The enabled sources, the plugin's own first (sourceReaders of go_runtime.sources). */
  readonly sources?: readonly SourceReader[];
  /** Where a run says which source it could not read (the run goes on with the others). */
  readonly logger?: Logger;
}

/** One run of a rule, with what every executor needs already taken from Kibana's options. */
export interface GoRuleRun<Params, ActionGroupId extends string> {
  readonly params: Params;
  readonly esClient: ElasticsearchClient;
  readonly alertsClient: GoAlertsClient<ActionGroupId>;
  readonly nowMs: number;
  readonly spaceId: string;
  readonly scheduleInterval: string;
  /** The sources the rule may read; each rule type takes those that can feed its measure. */
  readonly sources: readonly SourceReader[];
  /** Logs the sources a query of this run could not read: their groups are not judged this run. */
  sourcesFailed(failures: readonly SourceFailure[]): void;
  /** An alert context at this run's time, with links into the rule's space. */
  context(input: ContextInput): GoAlertContext;
}

/** What a run reports back: how to word each alert that recovered in it. */
export interface GoRuleOutcome {
  /** Gets the names the recovered alert's id was made of. */
  recoveryOf(key: AlertKey): ContextInput;
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
  /** A metric rule's no-data alerts (see no_data.ts). */
  readonly noData?: {
    /** NO_DATA_ACTION_GROUP: the type lists it among its action groups when it alerts on no data. */
    readonly group: { id: ActionGroupId; name: string };
    watch(params: Params): NoDataWatch | undefined;
  };
  run(run: GoRuleRun<Params, ActionGroupId>): Promise<GoRuleOutcome>;
}

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
      const sources = deps.sources ?? OWN_SOURCE_ONLY;
      const sourcesFailed = (failures: readonly SourceFailure[]) => {
        for (const failure of failures)
          deps.logger?.warn(
            `rule ${rule.id} (${spec.id}): source ${failure.source} was not read in this run, its groups are not evaluated: ${failure.message}`
          );
      };
      // Before the run's own alerts: a no-data alert is reported, so it is not taken as recovered.
      if (spec.noData !== undefined) {
        const watch = spec.noData.watch(params);
        if (watch !== undefined)
          sourcesFailed(
            await reportSilentGroups(
              { esClient, alertsClient, spaceId, nowMs, sources, context },
              watch,
              spec.noData.group.id
            )
          );
      }
      const outcome = await spec.run({
        params,
        esClient,
        alertsClient,
        nowMs,
        spaceId,
        scheduleInterval: rule.schedule.interval,
        sources,
        sourcesFailed,
        context,
      });
      recoverAlerts(alertsClient, (key) => context(outcome.recoveryOf(key)));
      return { state: {} };
    },
  };
}
