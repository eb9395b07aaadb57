/**
 * The slice of `@kbn/triggers-actions-ui-plugin/public` (Kibana 9.x) this plugin uses.
 * Shapes mirror x-pack/platform/plugins/shared/triggers_actions_ui/public/{types.ts,plugin.ts,
 * application/type_registry.ts}; the dev host's browser shell implements them.
 */
import type { ComponentType, LazyExoticComponent, ReactElement } from 'react';

/** Mirrors `IErrorObject` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts. */
export interface IErrorObject {
  [key: string]: string | string[] | IErrorObject;
}

/** Mirrors `ValidationResult` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts. */
export interface ValidationResult {
  errors: IErrorObject;
}

/** Mirrors `ActionGroup` in x-pack/platform/plugins/shared/alerting/common/builtin_action_groups.ts, as the browser types re-export it. */
interface ActionGroup<ActionGroupIds extends string> {
  id: ActionGroupIds;
  name: string;
}

/**
 * Mirrors `RuleTypeParamsExpressionProps` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts
 * (charts, data, dataViews, unifiedSearch, ruleThrottle and alertNotifyWhen left out).
 */
export interface RuleTypeParamsExpressionProps<
  Params extends Record<string, unknown> = Record<string, unknown>,
  MetaData = Record<string, unknown>
> {
  id?: string;
  ruleParams: Params;
  ruleInterval: string;
  setRuleParams: <Key extends keyof Params>(property: Key, value: Params[Key] | undefined) => void;
  errors: IErrorObject;
  defaultActionGroupId: string;
  actionGroups: Array<ActionGroup<string>>;
  metadata?: MetaData;
}

/** Mirrors `RuleTypeModel` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts (alertDetailsAppSection left out). */
export interface RuleTypeModel<Params extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  description: string;
  iconClass: string;
  documentationUrl: string | null;
  validate: (ruleParams: Params) => ValidationResult;
  ruleParamsExpression:
    | ComponentType<RuleTypeParamsExpressionProps<Params>>
    | LazyExoticComponent<ComponentType<RuleTypeParamsExpressionProps<Params>>>;
  requiresAppContext: boolean;
  defaultActionMessage?: string;
  defaultRecoveryMessage?: string;
  defaultSummaryMessage?: string;
}

/** Mirrors `TypeRegistry` in x-pack/platform/plugins/shared/triggers_actions_ui/public/application/type_registry.ts. */
export interface TypeRegistry<T extends { id: string }> {
  has(id: string): boolean;
  register(objectType: T): void;
  get(id: string): T;
  list(): T[];
}

/** Mirrors `RuleAddProps` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts (a subset). */
export interface RuleAddProps<Params extends Record<string, unknown> = Record<string, unknown>> {
  consumer: string;
  ruleTypeId?: string;
  canChangeTrigger?: boolean;
  initialValues?: { name?: string; params?: Partial<Params>; schedule?: { interval: string } };
  onClose: (reason: 'canceled' | 'saved') => void;
  onSave?: (metadata?: Record<string, unknown>) => Promise<void>;
}

/**
 * Mirrors `Rule` in x-pack/platform/plugins/shared/alerting/common/rule.ts as the browser types
 * re-export it (camelCase, as triggers_actions_ui's loadRule rewrites the HTTP answer); the
 * fields the edit flyout reads.
 */
export interface Rule<Params extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  name: string;
  ruleTypeId: string;
  consumer: string;
  enabled: boolean;
  tags: string[];
  schedule: { interval: string };
  params: Params;
  actions: Array<{
    id: string;
    group?: string;
    params: Record<string, unknown>;
    frequency?: { summary: boolean; notifyWhen: string; throttle: string | null };
  }>;
}

/**
 * Mirrors `RuleEditProps` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts
 * (at 89656fc7b1f14b8ded7be4ea1eac58da7a884ccf), less the registries that the start contract's
 * getEditRuleFlyout fills in (public/plugin.ts), and less metadata and ruleType.
 */
export interface RuleEditProps<Params extends Record<string, unknown> = Record<string, unknown>> {
  initialRule: Rule<Params>;
  onClose: (reason: 'canceled' | 'saved') => void;
  hideInterval?: boolean;
  onSave?: (metadata?: Record<string, unknown>) => Promise<void>;
}

/** Mirrors `TriggersAndActionsUIPublicPluginSetup` in x-pack/platform/plugins/shared/triggers_actions_ui/public/plugin.ts (a subset). */
export interface TriggersAndActionsUIPublicPluginSetup {
  ruleTypeRegistry: TypeRegistry<RuleTypeModel>;
}

/** Mirrors `TriggersAndActionsUIPublicPluginStart` in x-pack/platform/plugins/shared/triggers_actions_ui/public/plugin.ts (a subset). */
export interface TriggersAndActionsUIPublicPluginStart {
  ruleTypeRegistry: TypeRegistry<RuleTypeModel>;
  getAddRuleFlyout: (props: RuleAddProps) => ReactElement<RuleAddProps>;
  getEditRuleFlyout: (props: RuleEditProps) => ReactElement<RuleEditProps>;
}
