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

/**
 * Mirrors `RuleFlyoutCloseReason` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts
 * (at 01594c6f494614969b15cc0c085355136cf89615): a numeric enum, not strings. The plugin does
 * not import it (a value would need triggersActionsUi in requiredBundles): it acts in onSave.
 */
export enum RuleFlyoutCloseReason {
  SAVED,
  CANCELED,
}

/** Mirrors `RuleAddProps` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts (a subset). */
export interface RuleAddProps<Params extends Record<string, unknown> = Record<string, unknown>> {
  consumer: string;
  ruleTypeId?: string;
  canChangeTrigger?: boolean;
  initialValues?: { name?: string; params?: Partial<Params>; schedule?: { interval: string } };
  onClose: (reason: RuleFlyoutCloseReason, metadata?: Record<string, unknown>) => void;
  onSave?: (metadata?: Record<string, unknown>) => Promise<void>;
}

/**
 * Mirrors `Rule` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts (at
 * 01594c6f494614969b15cc0c085355136cf89615): alerting's SanitizedRule
 * (x-pack/platform/plugins/shared/alerting/common/rule.ts) with `ruleTypeId` for `alertTypeId`,
 * camelCase as the flyouts take it; the fields the edit flyout reads.
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
    actionTypeId: string;
    group?: string;
    params: Record<string, unknown>;
    frequency?: { summary: boolean; notifyWhen: string; throttle: string | null };
  }>;
}

/**
 * Mirrors `RuleEditProps` in x-pack/platform/plugins/shared/triggers_actions_ui/public/types.ts
 * (at 01594c6f494614969b15cc0c085355136cf89615), less the registries that the start contract's
 * getEditRuleFlyout fills in (public/plugin.ts), and less metadata and ruleType.
 */
export interface RuleEditProps<Params extends Record<string, unknown> = Record<string, unknown>> {
  initialRule: Rule<Params>;
  onClose: (reason: RuleFlyoutCloseReason, metadata?: Record<string, unknown>) => void;
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
