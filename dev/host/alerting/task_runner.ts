import type { Client } from '@elastic/elasticsearch';
import type { Logger, SavedObjectsClientContract } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import type { EncryptedSavedObjectsClient } from '@kbn/encrypted-saved-objects-plugin/server';
import type { RunContext, RunResult } from '@kbn/task-manager-plugin/server';
import { randomUUID } from 'node:crypto';
import type { ActionsClient } from '../actions/actions_client';
import { renderParams } from '../actions/mustache_renderer';
import type { TrackedAlert, TrackedRecoveredAlert } from './alert';
import { RunAlertsClient, trackedAfterRun, type ProcessedAlerts } from './alerts_client';
import type { AlertsIndices, FieldMap } from './alerts_index';
import { scheduleActions, type AlertForActions, type ScheduledAction } from './action_scheduler';
import { parseIntervalMs } from './interval';
import { RULE_SAVED_OBJECT_TYPE, type RuleAttributes, type RuleLastRun } from './rule_saved_object';
import { recoveryGroupOf, type AnyRuleType } from './rule_type_registry';
import type { RuleApiKeys } from './rule_api_keys';

/** The rule task's state, as Kibana keeps it (alertInstances, previousStartedAt, summaryActions). */
interface RuleTaskState {
  alertTypeState?: Record<string, unknown>;
  alertInstances?: Record<string, TrackedAlert>;
  alertRecoveredInstances?: Record<string, TrackedRecoveredAlert>;
  previousStartedAt?: string | null;
  summaryActions?: Record<string, string>;
}

export interface TaskRunnerDeps {
  readonly client: Client;
  /** The saved objects of one space: a rule and its connectors live in the rule's space. */
  readonly savedObjects: (spaceId: string) => SavedObjectsClientContract;
  readonly encryptedSavedObjects: EncryptedSavedObjectsClient;
  /** Security on: the executor's `asCurrentUser` authenticates with the rule's API key. */
  readonly apiKeys?: RuleApiKeys;
  readonly actions: (spaceId: string) => ActionsClient;
  readonly indices: AlertsIndices;
  readonly logger: Logger;
  readonly kibanaVersion: string;
  readonly publicBaseUrl: string;
}

const OUTCOME_ORDER = { succeeded: 0, warning: 10, failed: 20 } as const;

/**
 * The rule, read once per run, as Kibana's task runner (task_runner/rule_loader.ts): with
 * security the decrypted rule, whose `apiKey` the fake request sends (`Authorization: ApiKey
 * <apiKey>`); without, the plain saved object.
 */
async function loadRule(
  deps: TaskRunnerDeps,
  ruleId: string,
  spaceId: string
): Promise<RuleAttributes> {
  const loaded =
    deps.apiKeys === undefined
      ? await deps.savedObjects(spaceId).get<RuleAttributes>(RULE_SAVED_OBJECT_TYPE, ruleId)
      : await deps.encryptedSavedObjects.getDecryptedAsInternalUser<RuleAttributes>(
          RULE_SAVED_OBJECT_TYPE,
          ruleId,
          { namespace: spaceId }
        );
  return loaded.attributes;
}

/** Without a key the request carries no credentials, so with security on it is refused, as in Kibana. */
function currentUserClient(deps: TaskRunnerDeps, rule: RuleAttributes): Client {
  return deps.apiKeys === undefined ? deps.client : deps.apiKeys.asApiKey(rule.apiKey ?? null);
}

/** Runs one rule once, as Kibana's TaskRunner does: executor, alert lifecycle, alert documents, actions, status on the rule. */
export function createRuleTaskRunner(ruleType: AnyRuleType, deps: TaskRunnerDeps) {
  return ({ taskInstance, signal }: RunContext) => ({
    run: async (): Promise<RunResult> => {
      const { alertId: ruleId, spaceId } = taskInstance.params as {
        alertId: string;
        spaceId: string;
      };
      const state = taskInstance.state as RuleTaskState;
      const startedAt = new Date();
      const logger = deps.logger.get(ruleType.id);
      const savedObjects = deps.savedObjects(spaceId);
      let rule: RuleAttributes;
      try {
        rule = await loadRule(deps, ruleId, spaceId);
      } catch (error) {
        // As Kibana: only a rule that is gone removes its task; any other failure (Elasticsearch
        // unavailable, a key that does not decrypt) fails this run, and the next one tries again.
        if (!SavedObjectsErrorHelpers.isNotFoundError(error as Error)) throw error;
        logger.warn(`rule ${ruleId} no longer exists; its task is removed`);
        return { state: {}, shouldDeleteTask: true };
      }
      if (!rule.enabled) return { state: state as Record<string, unknown>, shouldDeleteTask: true };
      const schedule = { interval: rule.schedule.interval };
      // Not refreshed, as Kibana's run-time updates: nothing reads them back right away, and a wait
      // for the refresh would hold the worker for up to a second.
      await savedObjects
        .update<RuleAttributes>(
          RULE_SAVED_OBJECT_TYPE,
          ruleId,
          { running: true },
          { refresh: false }
        )
        .catch(() => undefined);

      const executionId = randomUUID();
      const tracked = state.alertInstances ?? {};
      const actionGroups = new Set(ruleType.actionGroups.map((group) => group.id));
      const alertsClient = new RunAlertsClient(
        tracked,
        startedAt.toISOString(),
        actionGroups,
        state.alertRecoveredInstances ?? {}
      );
      let processed: ProcessedAlerts | undefined;
      let error: Error | undefined;
      let ruleTypeState = state.alertTypeState ?? {};
      try {
        const params = ruleType.validate.params.validate(rule.params);
        const asCurrentUser = currentUserClient(deps, rule);
        const result = await ruleType.executor({
          executionId,
          logger,
          params,
          previousStartedAt: state.previousStartedAt ? new Date(state.previousStartedAt) : null,
          rule: {
            id: ruleId,
            name: rule.name,
            tags: rule.tags,
            consumer: rule.consumer,
            producer: ruleType.producer,
            ruleTypeId: ruleType.id,
            ruleTypeName: ruleType.name,
            enabled: rule.enabled,
            schedule: rule.schedule,
            revision: rule.revision,
          },
          services: {
            alertsClient: alertsClient.publicClient,
            savedObjectsClient: savedObjects,
            scopedClusterClient: { asCurrentUser, asInternalUser: deps.client },
            shouldStopExecution: () => signal.aborted,
            shouldWriteAlerts: () => true,
          },
          spaceId,
          startedAt,
          startedAtOverridden: false,
          state: ruleTypeState,
          isServerless: false,
        });
        ruleTypeState = result.state ?? {};
        processed = alertsClient.process();
      } catch (caught) {
        error = caught as Error;
        logger.error(`rule ${ruleType.id}:${ruleId} "${rule.name}" failed: ${error.message}`);
      }

      const nowMs = Date.now();
      let nextAlerts: Record<string, TrackedAlert> = tracked;
      let nextRecovered = state.alertRecoveredInstances ?? {};
      let warning: string | null = null;
      const counts = { active: 0, new: 0, recovered: 0, ignored: 0 };
      let summaryActions = state.summaryActions ?? {};
      if (processed !== undefined) {
        if (processed.limitReached) warning = 'maxAlerts';
        const forActions = toActionAlerts(processed, ruleType);
        await writeAlertDocuments(
          deps,
          ruleType,
          ruleId,
          rule,
          spaceId,
          executionId,
          startedAt,
          forActions
        ).catch((writeError: Error) => {
          logger.error(
            `could not write the alert documents of rule ${ruleId}: ${writeError.message}`
          );
          warning ??= 'alertsWrite';
        });
        const scheduled = scheduleActions({
          rule,
          recoveryGroup: recoveryGroupOf(ruleType).id,
          alerts: forActions,
          nowMs,
          lastSummaries: summaryActions,
        });
        const ran = await runActions(deps, logger, scheduled, {
          rule,
          ruleId,
          ruleType,
          spaceId,
          date: startedAt.toISOString(),
        });
        nextAlerts = {};
        for (const alert of [...processed.newAlerts, ...processed.ongoing]) {
          const ranForAlert = ran.filter(
            (entry) => entry.kind === 'alert' && entry.alert.id === alert.id
          );
          const last = alert.previous?.lastScheduledActions;
          nextAlerts[alert.id] = {
            ...trackedAfterRun(alert),
            ...(ranForAlert.length === 0
              ? last === undefined
                ? {}
                : { lastScheduledActions: last }
              : {
                  lastScheduledActions: {
                    group: alert.actionGroup,
                    date: new Date(nowMs).toISOString(),
                    actions: {
                      ...(last?.group === alert.actionGroup ? last.actions : {}),
                      ...Object.fromEntries(
                        ranForAlert.map((entry) => [
                          entry.action.uuid,
                          { date: new Date(nowMs).toISOString() },
                        ])
                      ),
                    },
                  },
                }),
          };
        }
        summaryActions = {
          ...summaryActions,
          ...Object.fromEntries(
            ran
              .filter((entry) => entry.kind === 'summary')
              .map((entry) => [entry.action.uuid, new Date(nowMs).toISOString()])
          ),
        };
        nextRecovered = processed.trackedRecovered;
        counts.active = processed.newAlerts.length + processed.ongoing.length;
        counts.new = processed.newAlerts.length;
        counts.recovered = processed.recovered.length;
      }

      const durationMs = Date.now() - startedAt.getTime();
      const outcome: RuleLastRun['outcome'] =
        error !== undefined ? 'failed' : warning !== null ? 'warning' : 'succeeded';
      const lastRun: RuleLastRun = {
        outcome,
        outcomeOrder: OUTCOME_ORDER[outcome],
        outcomeMsg:
          error !== undefined
            ? [error.message]
            : warning === 'maxAlerts'
            ? [
                'Rule reported more than the maximum number of alerts in a single run. Alerts may be missed and recovery notifications may be delayed',
              ]
            : null,
        warning: error !== undefined ? 'execute' : warning,
        alertsCount: counts,
      };
      const nextRun = new Date(
        startedAt.getTime() + parseIntervalMs(rule.schedule.interval)
      ).toISOString();
      await savedObjects
        .update<RuleAttributes>(
          RULE_SAVED_OBJECT_TYPE,
          ruleId,
          {
            running: false,
            executionStatus: {
              status:
                error !== undefined
                  ? 'error'
                  : warning !== null
                  ? 'warning'
                  : counts.active > 0
                  ? 'active'
                  : 'ok',
              lastExecutionDate: startedAt.toISOString(),
              lastDuration: durationMs,
              ...(error === undefined
                ? {}
                : { error: { reason: 'execute', message: error.message } }),
            },
            lastRun,
            nextRun,
          },
          { refresh: false }
        )
        .catch((updateError: Error) =>
          logger.warn(`could not store the status of rule ${ruleId}: ${updateError.message}`)
        );

      const nextState: RuleTaskState = {
        alertTypeState: ruleTypeState,
        alertInstances: nextAlerts,
        alertRecoveredInstances: nextRecovered,
        previousStartedAt: startedAt.toISOString(),
        summaryActions,
      };
      return { state: nextState as Record<string, unknown>, schedule };
    },
  });
}

function toActionAlerts(processed: ProcessedAlerts, ruleType: AnyRuleType): AlertForActions[] {
  const groupName = (id: string) =>
    ruleType.actionGroups.find((group) => group.id === id)?.name ?? id;
  const recovery = recoveryGroupOf(ruleType);
  return [
    ...processed.newAlerts.map((alert) => ({ alert, status: 'new' as const })),
    ...processed.ongoing.map((alert) => ({ alert, status: 'ongoing' as const })),
  ]
    .map(
      ({ alert, status }): AlertForActions => ({
        id: alert.id,
        uuid: alert.uuid,
        actionGroup: alert.actionGroup,
        actionGroupName: groupName(alert.actionGroup),
        status,
        context: alert.context,
        state: alert.state,
        consecutiveMatches: (alert.previous?.activeCount ?? 0) + 1,
        ...(alert.previous === undefined ? {} : { previous: alert.previous }),
        ...(alert.flapping === undefined ? {} : { flapping: alert.flapping }),
        document: {
          ...alert.payload,
          start: alert.start,
          previousActionGroup: alert.previous?.actionGroup,
        },
      })
    )
    .concat(
      processed.recovered.map(({ id, tracked, alert, payload, flapping }) => ({
        id,
        uuid: tracked.uuid,
        actionGroup: recovery.id,
        actionGroupName: recovery.name,
        status: 'recovered' as const,
        context: alert.getContext(),
        state: tracked.state,
        consecutiveMatches: 0,
        previous: tracked,
        flapping,
        document: { ...payload, start: tracked.start, previousActionGroup: tracked.actionGroup },
      }))
    );
}

/**
 * One alert document per alert, `_id` its uuid: created when new, then merged onto while active
 * and when recovered. Kibana's alerts client builds ongoing and recovered alerts from the existing
 * document, so fields the rule reported once (service.node.name, its own context) survive a run
 * that reports none, as a recovery usually does.
 */
async function writeAlertDocuments(
  deps: TaskRunnerDeps,
  ruleType: AnyRuleType,
  ruleId: string,
  rule: RuleAttributes,
  spaceId: string,
  executionId: string,
  startedAt: Date,
  alerts: AlertForActions[]
): Promise<void> {
  if (ruleType.alerts === undefined || ruleType.alerts.shouldWrite !== true || alerts.length === 0)
    return;
  const index = await deps.indices.ensure(
    ruleType.alerts.context,
    spaceId,
    ruleType.alerts.mappings.fieldMap as FieldMap
  );
  const now = startedAt.toISOString();
  const operations: object[] = [];
  for (const alert of alerts) {
    const { start, previousActionGroup, ...payload } = alert.document as Record<string, unknown> & {
      start: string;
      previousActionGroup?: string;
    };
    const recovered = alert.status === 'recovered';
    const durationUs = Math.max(0, (startedAt.getTime() - Date.parse(start)) * 1000);
    const fields = {
      ...payload,
      '@timestamp': now,
      'event.action': alert.status === 'new' ? 'open' : recovered ? 'close' : 'active',
      'event.kind': 'signal',
      tags: rule.tags,
      'kibana.version': deps.kibanaVersion,
      'kibana.space_ids': [spaceId],
      'kibana.alert.uuid': alert.uuid,
      'kibana.alert.instance.id': alert.id,
      'kibana.alert.status': recovered ? 'recovered' : 'active',
      'kibana.alert.workflow_status': 'open',
      'kibana.alert.action_group': alert.actionGroup,
      ...(previousActionGroup === undefined
        ? {}
        : { 'kibana.alert.previous_action_group': previousActionGroup }),
      'kibana.alert.flapping': alert.flapping?.flapping ?? false,
      'kibana.alert.flapping_history': alert.flapping?.flappingHistory ?? [],
      'kibana.alert.pending_recovered_count': alert.flapping?.pendingRecoveredCount ?? 0,
      'kibana.alert.start': start,
      ...(recovered ? { 'kibana.alert.end': now } : {}),
      'kibana.alert.last_detected': recovered ? undefined : now,
      'kibana.alert.time_range': recovered ? { gte: start, lte: now } : { gte: start },
      'kibana.alert.duration.us': durationUs,
      'kibana.alert.consecutive_matches': alert.consecutiveMatches,
      'kibana.alert.rule.uuid': ruleId,
      'kibana.alert.rule.name': rule.name,
      'kibana.alert.rule.rule_type_id': ruleType.id,
      'kibana.alert.rule.consumer': rule.consumer,
      'kibana.alert.rule.producer': ruleType.producer,
      'kibana.alert.rule.category': ruleType.name,
      'kibana.alert.rule.execution.uuid': executionId,
      'kibana.alert.rule.tags': rule.tags,
      'kibana.alert.rule.revision': rule.revision,
      'kibana.alert.rule.parameters': rule.params,
    };
    if (alert.status === 'new')
      operations.push({ index: { _index: index, _id: alert.uuid } }, fields);
    else
      operations.push(
        { update: { _index: index, _id: alert.uuid } },
        { doc: fields, doc_as_upsert: true }
      );
  }
  const response = await deps.client.bulk({ operations, refresh: 'wait_for' });
  if (response.errors) {
    const failed = response.items.find((item) => (item.index ?? item.update)?.error !== undefined);
    const first = (failed?.index ?? failed?.update)?.error;
    throw new Error(`alert documents refused: ${String(first?.reason ?? first?.type)}`);
  }
}

async function runActions(
  deps: TaskRunnerDeps,
  logger: Logger,
  scheduled: ScheduledAction[],
  run: {
    rule: RuleAttributes;
    ruleId: string;
    ruleType: AnyRuleType;
    spaceId: string;
    date: string;
  }
): Promise<ScheduledAction[]> {
  const ran: ScheduledAction[] = [];
  const ruleVariables = {
    id: run.ruleId,
    name: run.rule.name,
    type: run.ruleType.id,
    spaceId: run.spaceId,
    tags: run.rule.tags,
    params: run.rule.params,
    url: `${deps.publicBaseUrl}/app/management/insightsAndAlerting/triggersActions/rule/${run.ruleId}`,
  };
  const base = {
    rule: ruleVariables,
    date: run.date,
    params: run.rule.params,
    kibanaBaseUrl: deps.publicBaseUrl,
    alertId: run.ruleId,
    alertName: run.rule.name,
    spaceId: run.spaceId,
    tags: run.rule.tags,
  };
  for (const entry of scheduled) {
    const variables =
      entry.kind === 'alert'
        ? {
            ...base,
            context: entry.alert.context,
            state: entry.alert.state,
            alertInstanceId: entry.alert.id,
            alertActionGroup: entry.alert.actionGroup,
            alertActionGroupName: entry.alert.actionGroupName,
            alert: {
              id: entry.alert.id,
              uuid: entry.alert.uuid,
              actionGroup: entry.alert.actionGroup,
              actionGroupName: entry.alert.actionGroupName,
              flapping: false,
              consecutiveMatches: entry.alert.consecutiveMatches,
            },
          }
        : {
            ...base,
            alerts: {
              new: { count: entry.alerts.new.length, data: entry.alerts.new.map(summaryItem) },
              ongoing: {
                count: entry.alerts.ongoing.length,
                data: entry.alerts.ongoing.map(summaryItem),
              },
              recovered: {
                count: entry.alerts.recovered.length,
                data: entry.alerts.recovered.map(summaryItem),
              },
              all: {
                count:
                  entry.alerts.new.length +
                  entry.alerts.ongoing.length +
                  entry.alerts.recovered.length,
                data: [...entry.alerts.new, ...entry.alerts.ongoing, ...entry.alerts.recovered].map(
                  summaryItem
                ),
              },
            },
          };
    const escape = entry.action.actionTypeId === '.webhook' ? 'json' : 'none';
    const params = renderParams(entry.action.params, variables, escape);
    const result = await deps.actions(run.spaceId).executeUnchecked(entry.action.id, params);
    if (result.status === 'error')
      logger.warn(
        `action ${entry.action.actionTypeId}:${entry.action.id} of rule ${run.ruleId} failed: ${
          result.message
        }${result.serviceMessage === undefined ? '' : ` (${result.serviceMessage})`}`
      );
    ran.push(entry);
  }
  return ran;
}

function summaryItem(alert: AlertForActions): Record<string, unknown> {
  return {
    id: alert.id,
    uuid: alert.uuid,
    actionGroup: alert.actionGroup,
    status: alert.status,
    context: alert.context,
    ...alert.document,
  };
}
