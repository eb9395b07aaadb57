import type { SavedObjectsType } from '@kbn/core/server';

/** Kibana's rule saved object type (RULE_SAVED_OBJECT_TYPE in x-pack/platform/plugins/shared/alerting/server/saved_objects). */
export const RULE_SAVED_OBJECT_TYPE = 'alert';

export type NotifyWhen = 'onActionGroupChange' | 'onActiveAlert' | 'onThrottleInterval';

export interface RuleActionFrequency {
  summary: boolean;
  notifyWhen: NotifyWhen;
  throttle: string | null;
}

export interface RawRuleAction {
  uuid: string;
  group: string;
  id: string;
  actionTypeId: string;
  params: Record<string, unknown>;
  frequency?: RuleActionFrequency;
}

export type ExecutionStatus = 'ok' | 'active' | 'error' | 'pending' | 'unknown' | 'warning';

export interface RuleLastRun {
  outcome: 'succeeded' | 'warning' | 'failed';
  outcomeOrder: number;
  outcomeMsg: string[] | null;
  warning: string | null;
  alertsCount: { active: number; new: number; recovered: number; ignored: number };
}

/** Attributes as Kibana stores them (camelCase in the saved object, snake_case in the HTTP API). */
export interface RuleAttributes {
  name: string;
  tags: string[];
  alertTypeId: string;
  consumer: string;
  enabled: boolean;
  schedule: { interval: string };
  params: Record<string, unknown>;
  actions: RawRuleAction[];
  notifyWhen: NotifyWhen | null;
  throttle: string | null;
  scheduledTaskId: string | null;
  executionStatus: {
    status: ExecutionStatus;
    lastExecutionDate: string;
    lastDuration?: number;
    error?: { reason: string; message: string };
  };
  lastRun: RuleLastRun | null;
  nextRun: string | null;
  running: boolean;
  muteAll: boolean;
  mutedInstanceIds: string[];
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
  apiKeyOwner: string | null;
  /**
   * `base64(id:api_key)` of the key the rule runs with, when Elasticsearch security is on
   * (see rule_api_keys.ts); encrypted at rest and left out of every ordinary read.
   */
  apiKey?: string | null;
  revision: number;
}

/**
 * The rule type's encrypted attributes, as Kibana's alerting registers them
 * (x-pack/platform/plugins/shared/alerting/server/saved_objects/index.ts: `apiKey`, bound to
 * attributes of the rule). Bound here to those no update changes without a new key, so the
 * task's status writes and a rename keep the ciphertext valid.
 */
export const ruleEncryptedAttributes = {
  type: RULE_SAVED_OBJECT_TYPE,
  attributesToEncrypt: new Set(['apiKey']),
  attributesToIncludeInAAD: new Set(['alertTypeId', 'consumer', 'createdAt', 'apiKeyOwner']),
};

export const ruleSavedObjectType: SavedObjectsType = {
  name: RULE_SAVED_OBJECT_TYPE,
  hidden: true,
  namespaceType: 'multiple-isolated',
  mappings: {
    dynamic: false,
    properties: {
      name: { type: 'keyword' },
      alertTypeId: { type: 'keyword' },
      consumer: { type: 'keyword' },
      enabled: { type: 'boolean' },
      tags: { type: 'keyword' },
    },
  },
};
