import type { Logger, SavedObjectsClientContract } from '@kbn/core/server';
import type { EncryptedSavedObjectsClient } from '@kbn/encrypted-saved-objects-plugin/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import type { TaskManagerStartContract } from '@kbn/task-manager-plugin/server';
import { randomUUID } from 'node:crypto';
import type { Grants } from '../features_registry';
import { HostHttpError } from '../http/host_http_error';
import type { ActionsClient } from '../actions/actions_client';
import {
  RULE_SAVED_OBJECT_TYPE,
  type NotifyWhen,
  type RawRuleAction,
  type RuleActionFrequency,
  type RuleAttributes,
} from './rule_saved_object';
import {
  recoveryGroupOf,
  ruleTaskType,
  type AnyRuleType,
  type RuleTypeRegistry,
} from './rule_type_registry';
import { parseIntervalMs } from './interval';
import { retryIfConflicts } from './retry_if_conflicts';
import {
  encodeRuleApiKey,
  ruleApiKeyId,
  ruleApiKeyName,
  type RuleApiKeyAttributes,
  type RuleApiKeys,
} from './rule_api_keys';

export interface RuleActionInput {
  group: string;
  id: string;
  params: Record<string, unknown>;
  uuid?: string;
  frequency?: RuleActionFrequency;
}

export interface RuleInput {
  name: string;
  tags: string[];
  schedule: { interval: string };
  params: Record<string, unknown>;
  actions: RuleActionInput[];
  notifyWhen: NotifyWhen | null;
  throttle: string | null;
}

/** A rule as the rules client returns it: never with its API key. */
export interface Rule extends Omit<RuleAttributes, 'apiKey'> {
  id: string;
}

const MAX_RULES = 10_000;
/** Kibana's xpack.alerting.rules.minimumScheduleInterval default. */
const MIN_INTERVAL_MS = 1_000;

type Operation = 'create' | 'get' | 'find' | 'update' | 'delete' | 'enable' | 'disable' | 'runSoon';
const WRITE_OPERATIONS: ReadonlySet<Operation> = new Set([
  'create',
  'update',
  'delete',
  'enable',
  'disable',
  'runSoon',
]);

/**
 * Kibana's RulesClient for one request: authorization by rule type and consumer (the
 * features' `alerting` privileges), param validation by the rule type, rules as saved
 * objects and each enabled rule as a Task Manager task with the rule's id.
 */
export class RulesClient {
  constructor(
    private readonly deps: {
      savedObjects: SavedObjectsClientContract;
      registry: RuleTypeRegistry;
      taskManager: TaskManagerStartContract;
      actions: ActionsClient;
      grants: Grants;
      username: string;
      spaceId: string;
      logger: Logger;
      /** Kibana's untrackRuleAlerts: the rule's active alerts in its space become `untracked`. */
      untrackAlerts: (ruleType: AnyRuleType, ruleId: string) => Promise<void>;
      /** Elasticsearch security is on: rules run with an API key of their last editor. */
      apiKeys?: RuleApiKeys;
      /** Kibana's bulkMarkApiKeysForInvalidation: queues keys no rule uses any more. */
      markApiKeysForInvalidation: (apiKeyIds: readonly string[]) => Promise<void>;
      /** Reads a rule with its API key (Kibana's encryptedSavedObjectsClient). */
      encryptedSavedObjects: EncryptedSavedObjectsClient;
    }
  ) {}

  private authorize(ruleTypeId: string, consumer: string, operation: Operation): AnyRuleType {
    const ruleType = this.deps.registry.get(ruleTypeId);
    if (ruleType === undefined)
      throw new HostHttpError(400, `Rule type "${ruleTypeId}" is not registered.`);
    if (!this.may(ruleTypeId, consumer, WRITE_OPERATIONS.has(operation) ? 'all' : 'read')) {
      throw new HostHttpError(
        403,
        `Unauthorized by "${consumer}" to ${operation} "${ruleTypeId}" rule`
      );
    }
    return ruleType;
  }

  private may(ruleTypeId: string, consumer: string, level: 'all' | 'read'): boolean {
    const { grants } = this.deps;
    if (grants.superuser) return true;
    const grant = grants.ruleTypes.get(ruleTypeId);
    if (grant?.rule === undefined || !grant.consumers.has(consumer)) return false;
    return level === 'read' || grant.rule === 'all';
  }

  async create(
    input: RuleInput & { ruleTypeId: string; consumer: string; enabled: boolean }
  ): Promise<Rule> {
    const ruleType = this.authorize(input.ruleTypeId, input.consumer, 'create');
    const params = this.validateParams(ruleType, input.params);
    checkInterval(input.schedule.interval);
    const actions = await this.validateActions(ruleType, input.actions, input.notifyWhen);
    const id = randomUUID();
    const now = new Date().toISOString();
    // As Kibana's createRule: the key first, so a rule never exists without the key it runs with.
    const apiKey = await this.createNewApiKeySet(input.ruleTypeId, input.name);
    const attributes: RuleAttributes = {
      name: input.name,
      tags: input.tags,
      alertTypeId: input.ruleTypeId,
      consumer: input.consumer,
      enabled: input.enabled,
      schedule: input.schedule,
      params,
      actions,
      notifyWhen: input.notifyWhen,
      throttle: input.throttle,
      scheduledTaskId: input.enabled ? id : null,
      executionStatus: { status: 'pending', lastExecutionDate: now },
      lastRun: null,
      nextRun: input.enabled ? now : null,
      running: false,
      muteAll: false,
      mutedInstanceIds: [],
      createdBy: this.deps.username,
      updatedBy: this.deps.username,
      createdAt: now,
      updatedAt: now,
      ...apiKey,
      revision: 0,
    };
    try {
      await this.deps.savedObjects.create(RULE_SAVED_OBJECT_TYPE, attributes, { id });
    } catch (error) {
      await this.invalidateApiKeys([apiKey.apiKey]);
      throw error;
    }
    if (input.enabled)
      await this.schedule(id, input.ruleTypeId, input.consumer, input.schedule.interval);
    return withoutApiKey({ id, ...attributes });
  }

  async get(id: string): Promise<Rule> {
    const rule = await this.load(id);
    this.authorize(rule.alertTypeId, rule.consumer, 'get');
    return rule;
  }

  async find(options: {
    page: number;
    perPage: number;
    search?: string;
    ruleTypeIds?: string[];
  }): Promise<{ page: number; perPage: number; total: number; data: Rule[] }> {
    const found = await this.deps.savedObjects.find<RuleAttributes>({
      type: RULE_SAVED_OBJECT_TYPE,
      perPage: MAX_RULES,
      sortField: 'name',
      sortOrder: 'asc',
    });
    const search = options.search?.toLowerCase();
    const visible = found.saved_objects
      .map((object) => withoutApiKey({ id: object.id, ...object.attributes }))
      .filter((rule) => this.may(rule.alertTypeId, rule.consumer, 'read'))
      .filter(
        (rule) =>
          options.ruleTypeIds === undefined || options.ruleTypeIds.includes(rule.alertTypeId)
      )
      .filter(
        (rule) =>
          search === undefined ||
          rule.name.toLowerCase().includes(search) ||
          rule.tags.some((tag) => tag.toLowerCase().includes(search))
      );
    const start = (options.page - 1) * options.perPage;
    return {
      page: options.page,
      perPage: options.perPage,
      total: visible.length,
      data: visible.slice(start, start + options.perPage),
    };
  }

  update(id: string, input: RuleInput): Promise<Rule> {
    return retryIfConflicts(this.deps.logger, `rulesClient.update('${id}')`, () =>
      this.updateOnce(id, input)
    );
  }

  private async updateOnce(id: string, input: RuleInput): Promise<Rule> {
    const { rule: current, apiKey: previousKey } = await this.loadWithApiKey(id);
    const ruleType = this.authorize(current.alertTypeId, current.consumer, 'update');
    const params = this.validateParams(ruleType, input.params);
    checkInterval(input.schedule.interval);
    const actions = await this.validateActions(ruleType, input.actions, input.notifyWhen);
    // As Kibana's updateRule: a new key for the editor, the old one invalidated once the rule
    // has the new one (rules_client/lib/create_new_api_key_set.ts, update_rule.ts).
    const apiKey: Partial<RuleApiKeyAttributes> =
      this.deps.apiKeys === undefined
        ? {}
        : await this.createNewApiKeySet(current.alertTypeId, input.name);
    const changes: Partial<RuleAttributes> = {
      name: input.name,
      tags: input.tags,
      schedule: input.schedule,
      params,
      actions,
      notifyWhen: input.notifyWhen,
      throttle: input.throttle,
      updatedBy: this.deps.username,
      updatedAt: new Date().toISOString(),
      revision: current.revision + 1,
      ...apiKey,
    };
    try {
      await this.deps.savedObjects.update(RULE_SAVED_OBJECT_TYPE, id, changes);
    } catch (error) {
      await this.invalidateApiKeys([apiKey.apiKey]);
      throw error;
    }
    if (apiKey.apiKey !== undefined) await this.invalidateApiKeys([previousKey]);
    if (current.enabled && input.schedule.interval !== current.schedule.interval) {
      await this.deps.taskManager.removeIfExists(id);
      await this.schedule(id, current.alertTypeId, current.consumer, input.schedule.interval);
    }
    return withoutApiKey({ ...current, ...changes });
  }

  async delete(id: string): Promise<void> {
    const { rule: current, apiKey } = await this.loadWithApiKey(id);
    const ruleType = this.authorize(current.alertTypeId, current.consumer, 'delete');
    // As Kibana's deleteRule: always, before the rule goes, so no alert stays active without a rule.
    await this.deps.untrackAlerts(ruleType, id);
    await this.deps.savedObjects.delete(RULE_SAVED_OBJECT_TYPE, id);
    await this.invalidateApiKeys([apiKey]);
    await this.deps.taskManager.removeIfExists(id);
  }

  enable(id: string): Promise<void> {
    return retryIfConflicts(this.deps.logger, `rulesClient.enable('${id}')`, () =>
      this.enableOnce(id)
    );
  }

  private async enableOnce(id: string): Promise<void> {
    const { rule: current, apiKey: storedKey } = await this.loadWithApiKey(id);
    this.authorize(current.alertTypeId, current.consumer, 'enable');
    if (current.enabled) return;
    const now = new Date().toISOString();
    // As Kibana's enableRule: a key for the enabling user only when the rule has none (a
    // disabled rule keeps its key).
    const apiKey: Partial<RuleApiKeyAttributes> =
      this.deps.apiKeys === undefined || storedKey !== null
        ? {}
        : await this.createNewApiKeySet(current.alertTypeId, current.name);
    try {
      await this.deps.savedObjects.update<RuleAttributes>(RULE_SAVED_OBJECT_TYPE, id, {
        enabled: true,
        scheduledTaskId: id,
        updatedBy: this.deps.username,
        updatedAt: now,
        nextRun: now,
        executionStatus: { status: 'pending', lastExecutionDate: now },
        ...apiKey,
      });
    } catch (error) {
      await this.invalidateApiKeys([apiKey.apiKey]);
      throw error;
    }
    await this.schedule(id, current.alertTypeId, current.consumer, current.schedule.interval);
  }

  /** `untrack` as Kibana's `POST /_disable {untrack}` (default false): also end the rule's active alerts. */
  disable(id: string, untrack = false): Promise<void> {
    return retryIfConflicts(this.deps.logger, `rulesClient.disable('${id}')`, () =>
      this.disableOnce(id, untrack)
    );
  }

  private async disableOnce(id: string, untrack: boolean): Promise<void> {
    const current = await this.load(id);
    const ruleType = this.authorize(current.alertTypeId, current.consumer, 'disable');
    if (untrack) await this.deps.untrackAlerts(ruleType, id);
    if (!current.enabled) return;
    await this.deps.taskManager.removeIfExists(id);
    await this.deps.savedObjects.update<RuleAttributes>(RULE_SAVED_OBJECT_TYPE, id, {
      enabled: false,
      scheduledTaskId: null,
      nextRun: null,
      updatedBy: this.deps.username,
      updatedAt: new Date().toISOString(),
    });
  }

  async runSoon(id: string): Promise<string | undefined> {
    const current = await this.load(id);
    this.authorize(current.alertTypeId, current.consumer, 'runSoon');
    if (!current.enabled) return 'Error running rule: rule is disabled';
    try {
      await this.deps.taskManager.runSoon(id);
      return undefined;
    } catch (error) {
      return `Error running rule: ${(error as Error).message}`;
    }
  }

  /**
   * Kibana's createNewAPIKeySet: with security, a key granted as Kibana's identity for the
   * caller (a 400 naming the cause when that fails); without, no key, and the caller still
   * recorded as its owner.
   */
  private async createNewApiKeySet(
    ruleTypeId: string,
    ruleName: string
  ): Promise<RuleApiKeyAttributes> {
    const { apiKeys, username } = this.deps;
    if (apiKeys === undefined) return { apiKey: null, apiKeyOwner: username };
    try {
      const granted = await apiKeys.grantAsInternalUser(
        username,
        ruleApiKeyName(ruleTypeId, ruleName)
      );
      return { apiKey: encodeRuleApiKey(granted), apiKeyOwner: username };
    } catch (error) {
      throw new HostHttpError(400, `Error creating API key for rule - ${(error as Error).message}`);
    }
  }

  /**
   * The rule and its key as stored (decrypted; null without one or without security), in one
   * read, as Kibana's update, enable and delete read the decrypted rule. A key that does not
   * decrypt is logged and taken as none, and the rule read without it, as Kibana's do: the
   * operation goes on (and update and enable grant a new key).
   */
  private async loadWithApiKey(id: string): Promise<{ rule: Rule; apiKey: string | null }> {
    if (this.deps.apiKeys === undefined) return { rule: await this.load(id), apiKey: null };
    try {
      const decrypted =
        await this.deps.encryptedSavedObjects.getDecryptedAsInternalUser<RuleAttributes>(
          RULE_SAVED_OBJECT_TYPE,
          id,
          { namespace: this.deps.spaceId }
        );
      return {
        rule: withoutApiKey({ id, ...decrypted.attributes }),
        apiKey: decrypted.attributes.apiKey ?? null,
      };
    } catch (error) {
      if (SavedObjectsErrorHelpers.isNotFoundError(error as Error)) throw ruleNotFound(id);
      this.deps.logger.error(
        `Failed to load the API key of rule ${id}: ${(error as Error).message}`
      );
      return { rule: await this.load(id), apiKey: null };
    }
  }

  /**
   * Queues keys no rule uses any more, as Kibana's bulkMarkApiKeysForInvalidation: the
   * invalidation task invalidates them after `removalDelay` (api_key_invalidation.ts), so a
   * run that started with the old key finishes with it. A failed write is logged.
   */
  private async invalidateApiKeys(
    apiKeys: ReadonlyArray<string | null | undefined>
  ): Promise<void> {
    if (this.deps.apiKeys === undefined) return;
    const ids = apiKeys
      .filter((key): key is string => typeof key === 'string')
      .map(ruleApiKeyId)
      .filter((id): id is string => id !== undefined);
    await this.deps.markApiKeysForInvalidation(ids);
  }

  private async schedule(
    id: string,
    ruleTypeId: string,
    consumer: string,
    interval: string
  ): Promise<void> {
    await this.deps.taskManager.schedule({
      id,
      taskType: ruleTaskType(ruleTypeId),
      schedule: { interval },
      params: { alertId: id, spaceId: this.deps.spaceId, consumer },
      state: {},
      scope: ['alerting'],
    });
  }

  private validateParams(
    ruleType: AnyRuleType,
    params: Record<string, unknown>
  ): Record<string, unknown> {
    try {
      return ruleType.validate.params.validate(params) as Record<string, unknown>;
    } catch (error) {
      throw new HostHttpError(400, `params invalid: ${(error as Error).message}`);
    }
  }

  private async validateActions(
    ruleType: AnyRuleType,
    actions: RuleActionInput[],
    notifyWhen: NotifyWhen | null
  ): Promise<RawRuleAction[]> {
    const groups = new Set([
      ...ruleType.actionGroups.map((group) => group.id),
      recoveryGroupOf(ruleType).id,
    ]);
    const invalid = actions
      .filter((action) => !groups.has(action.group))
      .map((action) => action.group);
    if (invalid.length > 0)
      throw new HostHttpError(
        400,
        `Failed to validate actions due to the following error: Invalid action groups: ${invalid.join(
          ', '
        )}`
      );
    const raw: RawRuleAction[] = [];
    for (const action of actions) {
      let connector;
      try {
        connector = await this.deps.actions.get(action.id);
      } catch (error) {
        if (error instanceof HostHttpError && error.statusCode === 404) {
          throw new HostHttpError(
            400,
            `Failed to validate actions due to the following error: Invalid connectors: ${action.id}`
          );
        }
        throw error;
      }
      if (
        action.frequency?.summary === true &&
        action.frequency.notifyWhen === 'onActionGroupChange'
      ) {
        throw new HostHttpError(
          400,
          'Failed to validate actions due to the following error: Summary actions cannot notify on action group change'
        );
      }
      if (
        action.frequency?.notifyWhen === 'onThrottleInterval' &&
        action.frequency.throttle === null
      ) {
        throw new HostHttpError(
          400,
          `Failed to validate actions due to the following error: Action frequency of ${action.id} needs a throttle with onThrottleInterval`
        );
      }
      if (action.frequency === undefined && notifyWhen === null) {
        // Kibana requires a frequency per action once the rule has no rule-level notify_when.
        throw new HostHttpError(
          400,
          `Failed to validate actions due to the following error: Actions missing frequency parameters: ${action.group}`
        );
      }
      raw.push({
        uuid: action.uuid ?? randomUUID(),
        group: action.group,
        id: action.id,
        actionTypeId: connector.actionTypeId,
        params: action.params,
        ...(action.frequency === undefined ? {} : { frequency: action.frequency }),
      });
    }
    return raw;
  }

  private async load(id: string): Promise<Rule> {
    try {
      const object = await this.deps.savedObjects.get<RuleAttributes>(RULE_SAVED_OBJECT_TYPE, id);
      return withoutApiKey({ id, ...object.attributes });
    } catch (error) {
      if (SavedObjectsErrorHelpers.isNotFoundError(error as Error)) throw ruleNotFound(id);
      throw error;
    }
  }
}

const ruleNotFound = (id: string) => new HostHttpError(404, `Saved object [alert/${id}] not found`);

function withoutApiKey({ apiKey: _apiKey, ...rule }: RuleAttributes & { id: string }): Rule {
  return rule;
}

function checkInterval(interval: string): void {
  let ms: number;
  try {
    ms = parseIntervalMs(interval);
  } catch {
    throw new HostHttpError(
      400,
      `[schedule.interval]: string is not a valid duration: ${interval}`
    );
  }
  if (ms < MIN_INTERVAL_MS)
    throw new HostHttpError(
      400,
      `Error updating rule: the interval ${interval} is less than the minimum interval of 1s.`
    );
}
