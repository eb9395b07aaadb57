import type { Client } from '@elastic/elasticsearch';
import type { ActionType } from '@kbn/actions-plugin/server';
import type { AlertingServerSetup, AlertingServerStart } from '@kbn/alerting-plugin/server';
import type { Logger, SavedObjectsClientContract, SavedObjectsType } from '@kbn/core/server';
import type { EncryptedSavedObjectsClient } from '@kbn/encrypted-saved-objects-plugin/server';
import type { FeaturesPluginSetup } from '@kbn/features-plugin/server';
import type {
  TaskManagerSetupContract,
  TaskManagerStartContract,
} from '@kbn/task-manager-plugin/server';
import { DEFAULT_APP_CATEGORIES } from '@kbn/core/server';
import type { Grants } from '../features_registry';
import {
  ActionsClient,
  connectorSavedObjectType,
  type ConnectorsPrivilege,
} from '../actions/actions_client';
import { CONNECTOR_TYPES } from '../actions/connector_types';
import { SecretsCipher } from '../actions/secrets_cipher';
import { AlertsIndices } from './alerts_index';
import type { AlertingRequestContext } from './alerting_routes';
import { ruleSavedObjectType } from './rule_saved_object';
import type { RuleApiKeys } from './rule_api_keys';
import { RulesClient } from './rules_client';
import { RuleTypeRegistry, ruleTaskType, type AnyRuleType } from './rule_type_registry';
import { createRuleTaskRunner } from './task_runner';
import {
  apiKeyPendingInvalidationType,
  markApiKeysForInvalidation,
  registerApiKeyInvalidator,
  scheduleApiKeyInvalidator,
  type InvalidateApiKeysTaskConfig,
} from './api_key_invalidation';

/** Kibana's management feature for connectors ("Actions and Connectors"), which the host registers itself. */
export const ACTIONS_FEATURE_ID = 'actions';

export interface AlertingPlatformOptions {
  readonly client: Client;
  readonly logger: Logger;
  readonly kibanaVersion: string;
  readonly publicBaseUrl: string;
  /** xpack.encryptedSavedObjects.encryptionKey: connector secrets are encrypted under it. */
  readonly encryptionKey: string | undefined;
  /** The saved objects of a space (rules and connectors are space-scoped, as in Kibana). */
  readonly savedObjects: (spaceId: string) => SavedObjectsClientContract;
  /** Reads rules with their encrypted API key (the encrypted saved objects plugin's client). */
  readonly encryptedSavedObjects: EncryptedSavedObjectsClient;
  /**
   * With Elasticsearch security on: each rule runs with an API key granted for the user who
   * last created, updated or enabled it. Without, rules have no key and run as the host's client.
   */
  readonly apiKeys?: RuleApiKeys;
  /** `xpack.alerting.invalidateApiKeysTask`: how often, and how long after, unused keys go. */
  readonly invalidateApiKeysTask: InvalidateApiKeysTaskConfig;
}

/**
 * The dev host's alerting and actions plugins: rule types registered in setup become Task
 * Manager task types `alerting:<id>`; rules and connectors are saved objects; alerts go to
 * `.alerts-<context>.alerts-<space>`; connectors run `.server-log`, `.index` and `.webhook`.
 */
export class AlertingPlatform {
  private readonly registry = new RuleTypeRegistry();
  private readonly connectorTypes: ReadonlyMap<string, ActionType> = new Map(
    CONNECTOR_TYPES.map((type) => [type.id, type])
  );
  private readonly cipher: SecretsCipher;
  private readonly indices: AlertsIndices;
  private taskManager: TaskManagerStartContract | undefined;

  readonly savedObjectTypes: readonly SavedObjectsType[] = [
    ruleSavedObjectType,
    connectorSavedObjectType,
    apiKeyPendingInvalidationType,
  ];

  constructor(
    private readonly options: AlertingPlatformOptions,
    private readonly taskManagerSetup: TaskManagerSetupContract
  ) {
    this.cipher = new SecretsCipher(options.encryptionKey);
    this.indices = new AlertsIndices(options.client);
    // Without security no rule has a key, so nothing is ever queued.
    if (options.apiKeys !== undefined) {
      registerApiKeyInvalidator(taskManagerSetup, {
        queue: () => this.invalidationQueue(),
        apiKeys: options.apiKeys,
        logger: options.logger.get('invalidateApiKeys'),
        config: options.invalidateApiKeysTask,
      });
    }
  }

  /** The queue of keys to invalidate (namespace-agnostic in Kibana: one for every space here). */
  private invalidationQueue(): SavedObjectsClientContract {
    return this.options.savedObjects('default');
  }

  registerFeatures(features: FeaturesPluginSetup): void {
    features.registerKibanaFeature({
      id: ACTIONS_FEATURE_ID,
      name: 'Actions and Connectors',
      category: DEFAULT_APP_CATEGORIES.management,
      app: [],
      privileges: {
        all: {
          savedObject: { all: ['action'], read: [] },
          ui: ['show', 'save', 'execute', 'delete'],
        },
        read: { savedObject: { all: [], read: ['action'] }, ui: ['show'] },
      },
    });
  }

  readonly setup: AlertingServerSetup = {
    registerType: (ruleType) => {
      this.registry.register(ruleType as unknown as AnyRuleType, (registered) => {
        this.taskManagerSetup.registerTaskDefinitions({
          [ruleTaskType(registered.id)]: {
            title: registered.name,
            timeout: registered.ruleTaskTimeout ?? '5m',
            createTaskRunner: createRuleTaskRunner(registered, {
              client: this.options.client,
              savedObjects: this.options.savedObjects,
              encryptedSavedObjects: this.options.encryptedSavedObjects,
              ...(this.options.apiKeys === undefined ? {} : { apiKeys: this.options.apiKeys }),
              actions: (spaceId) => this.actionsClient('all', spaceId),
              indices: this.indices,
              logger: this.options.logger.get('rules'),
              kibanaVersion: this.options.kibanaVersion,
              publicBaseUrl: this.options.publicBaseUrl,
            }),
          },
        });
      });
    },
  };

  readonly start: AlertingServerStart = {
    listTypes: () =>
      new Map(
        this.registry
          .list()
          .map((type) => [type.id, { id: type.id, name: type.name, producer: type.producer }])
      ),
  };

  async begin(taskManager: TaskManagerStartContract): Promise<void> {
    this.taskManager = taskManager;
    if (this.options.apiKeys !== undefined) {
      await scheduleApiKeyInvalidator(
        taskManager,
        this.options.logger.get('invalidateApiKeys'),
        this.options.invalidateApiKeysTask
      );
    }
  }

  private actionsClient(privilege: ConnectorsPrivilege, spaceId: string): ActionsClient {
    return new ActionsClient({
      savedObjects: this.options.savedObjects(spaceId),
      types: this.connectorTypes,
      cipher: this.cipher,
      esClient: this.options.client,
      logger: this.options.logger.get('actions'),
      privilege,
    });
  }

  /**
   * The `alerting` and `actions` parts of a request's handler context, for the caller's grants
   * in the request's space (`/s/<space>/api/alerting/...`): its rules and connectors are that
   * space's saved objects, and its rules' tasks carry the space to the executor.
   */
  requestContext(grants: Grants, username: string, spaceId: string): AlertingRequestContext {
    const privilege: ConnectorsPrivilege = grants.superuser
      ? 'all'
      : grants.featureLevels.get(ACTIONS_FEATURE_ID) ?? 'none';
    return {
      alerting: {
        // As GET /api/alerting/rule_types: the types the caller may see, snake_case.
        listRuleTypes: () =>
          this.registry
            .list()
            .filter((type) => grants.superuser || grants.ruleTypes.get(type.id)?.rule !== undefined)
            .map((type) => ({
              id: type.id,
              name: type.name,
              category: type.category,
              producer: type.producer,
              solution: type.solution,
              action_groups: [
                ...type.actionGroups,
                type.recoveryActionGroup ?? { id: 'recovered', name: 'Recovered' },
              ],
              default_action_group_id: type.defaultActionGroupId,
              recovery_action_group: type.recoveryActionGroup ?? {
                id: 'recovered',
                name: 'Recovered',
              },
              action_variables: {
                context: type.actionVariables?.context ?? [],
                state: [],
                params: [],
              },
              minimum_license_required: type.minimumLicenseRequired,
              is_exportable: type.isExportable,
              default_schedule_interval: type.defaultScheduleInterval,
              does_set_recovery_context: type.doesSetRecoveryContext ?? false,
              has_alerts_mappings: type.alerts !== undefined,
              authorized_consumers: {
                [type.producer]: {
                  read: true,
                  all: grants.superuser || grants.ruleTypes.get(type.id)?.rule === 'all',
                },
              },
            })),
        getRulesClient: () =>
          new RulesClient({
            savedObjects: this.options.savedObjects(spaceId),
            registry: this.registry,
            taskManager: this.taskManager!,
            // Rules name connectors; seeing one to reference it needs only read.
            actions: this.actionsClient(grants.superuser ? 'all' : 'read', spaceId),
            grants,
            username,
            spaceId,
            logger: this.options.logger.get('rulesClient'),
            encryptedSavedObjects: this.options.encryptedSavedObjects,
            ...(this.options.apiKeys === undefined ? {} : { apiKeys: this.options.apiKeys }),
            markApiKeysForInvalidation: (ids) =>
              markApiKeysForInvalidation(
                this.invalidationQueue(),
                this.options.logger.get('rulesClient'),
                ids
              ),
            untrackAlerts: async (ruleType, ruleId) => {
              if (ruleType.alerts === undefined) return;
              // Kibana logs and goes on: a failed untrack does not block the disable or delete.
              await this.indices
                .untrackRuleAlerts(ruleType.alerts.context, spaceId, ruleId, new Date())
                .catch((error: Error) =>
                  this.options.logger.warn(
                    `could not untrack the alerts of rule ${ruleId}: ${error.message}`
                  )
                );
            },
          }),
      },
      actions: { getActionsClient: () => this.actionsClient(privilege, spaceId) },
    };
  }
}
