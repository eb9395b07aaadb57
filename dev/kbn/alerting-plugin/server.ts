/**
 * The slice of `@kbn/alerting-plugin/server` (Kibana 9.x) this plugin and the dev host use.
 * Only names that x-pack/platform/plugins/shared/alerting/server/index.ts exports are exported
 * here; shapes mirror server/types.ts, server/alerts_client/types.ts, server/alert/alert.ts,
 * server/plugin.ts and common/{builtin_action_groups,rule,rule_notify_when_type}.ts.
 */
import type {
  IScopedClusterClient,
  Logger,
  SavedObject,
  SavedObjectsClientContract,
} from '@kbn/core/server';

/** `SavedObjectReference` of src/core/packages/saved-objects/common/src/server_types.ts. */
type SavedObjectReference = SavedObject['references'][number];

/** Mirrors `AlertInstanceState` in x-pack/platform/plugins/shared/alerting/common/alert_instance.ts. */
export type AlertInstanceState = Record<string, unknown>;
/** Mirrors `AlertInstanceContext` in x-pack/platform/plugins/shared/alerting/common/alert_instance.ts. */
export type AlertInstanceContext = Record<string, unknown>;
/** Mirrors `RuleTypeParams` in x-pack/platform/plugins/shared/alerting/common/rule.ts. */
export type RuleTypeParams = Record<string, unknown>;
/** Mirrors `RuleTypeState` in x-pack/platform/plugins/shared/alerting/common/rule.ts. */
export type RuleTypeState = Record<string, unknown>;
/** Mirrors `RuleAlertData` in x-pack/platform/plugins/shared/alerting/common/rule.ts: the rule type's own alert document fields. */
export type RuleAlertData = Record<string, unknown>;

/**
 * Mirrors `DeepPartial` in src/platform/packages/shared/kbn-utility-types/index.ts (not its own
 * stand-in package: only the alerting types below use it).
 */
type DeepPartial<T> = {
  [P in keyof T]?: T[P] extends Array<infer R> ? Array<DeepPartial<R>> : DeepPartial<T[P]>;
};

/** Mirrors `ActionGroup` in x-pack/platform/plugins/shared/alerting/common/builtin_action_groups.ts. */
export interface ActionGroup<ActionGroupIds extends string> {
  id: ActionGroupIds;
  name: string;
}

/** Mirrors `ActionVariable` in src/platform/packages/shared/kbn-alerting-types/action_variable.ts. */
interface ActionVariable {
  name: string;
  description: string;
  usesPublicBaseUrl?: boolean;
}

/** Mirrors `RuleNotifyWhen` in x-pack/platform/plugins/shared/alerting/common/rule_notify_when_type.ts. */
export const RuleNotifyWhen = {
  CHANGE: 'onActionGroupChange',
  ACTIVE: 'onActiveAlert',
  THROTTLE: 'onThrottleInterval',
} as const;

/** Mirrors `RuleTypeParamsValidator` in x-pack/platform/plugins/shared/alerting/server/types.ts: throws on invalid params. */
interface RuleTypeParamsValidator<Params extends RuleTypeParams> {
  validate: (object: Partial<Params>) => Params;
}

/** Mirrors `FieldMap` in src/platform/packages/shared/kbn-alerts-as-data-utils/src/field_maps/types.ts. */
type FieldMap = Record<
  string,
  { type: string; required: boolean; array?: boolean; scaling_factor?: number }
>;

/**
 * Mirrors `IRuleTypeAlerts` in x-pack/platform/plugins/shared/alerting/server/types.ts
 * (secondaryAlias, dangerouslyCreateAlertsInAllSpaces left out).
 */
export interface IRuleTypeAlerts<AlertData extends RuleAlertData = never> {
  /** Alerts of every rule type with the same context go to `.alerts-<context>.alerts-<space>`. */
  context: string;
  mappings: { fieldMap: FieldMap; dynamic?: 'strict' | false };
  shouldWrite?: boolean;
  useEcs?: boolean;
  useLegacyAlerts?: boolean;
  isSpaceAware?: boolean;
  /** Applied to summarized alerts in Kibana; the dev host does not summarize alerts. */
  formatAlert?: (alert: Partial<AlertData>) => Partial<AlertData>;
}

/** Mirrors `SanitizedRuleConfig` in x-pack/platform/plugins/shared/alerting/common/rule.ts (a subset). */
interface SanitizedRuleConfig {
  id: string;
  name: string;
  tags: string[];
  consumer: string;
  producer: string;
  ruleTypeId: string;
  ruleTypeName: string;
  enabled: boolean;
  schedule: { interval: string };
  revision: number;
}

/**
 * Mirrors the public methods of the `Alert` class in x-pack/platform/plugins/shared/alerting/server/alert/alert.ts
 * (exported by index.ts as `Alert`, its `PublicAlert` type).
 */
export interface Alert<
  State extends AlertInstanceState = AlertInstanceState,
  Context extends AlertInstanceContext = AlertInstanceContext
> {
  getId(): string;
  getUuid(): string;
  getStart(): string | null;
  getState(): State;
  getContext(): Context;
  setContext(context: Context): Alert<State, Context>;
}

/** Mirrors `ReportedAlert` in x-pack/platform/plugins/shared/alerting/server/alerts_client/types.ts. */
interface ReportedAlert<
  AlertData extends RuleAlertData,
  State extends AlertInstanceState,
  Context extends AlertInstanceContext,
  ActionGroupIds extends string
> {
  id: string;
  actionGroup: ActionGroupIds;
  state?: State;
  context?: Context;
  /** The rule type's own fields of the alert document: only those of its AlertData. */
  payload?: DeepPartial<AlertData>;
}

/** Mirrors `ReportedAlertData` in x-pack/platform/plugins/shared/alerting/server/alerts_client/types.ts. */
interface ReportedAlertData {
  uuid: string;
  start: string | null;
}

/** Mirrors `RecoveredAlertData` in x-pack/platform/plugins/shared/alerting/server/alerts_client/types.ts. */
interface RecoveredAlertData<
  AlertData extends RuleAlertData,
  State extends AlertInstanceState,
  Context extends AlertInstanceContext
> {
  alert: Alert<State, Context>;
  hit?: AlertData;
}

/** Mirrors `PublicAlertsClient` in x-pack/platform/plugins/shared/alerting/server/alerts_client/types.ts. */
interface PublicAlertsClient<
  AlertData extends RuleAlertData,
  State extends AlertInstanceState,
  Context extends AlertInstanceContext,
  ActionGroupIds extends string
> {
  report(alert: ReportedAlert<AlertData, State, Context, ActionGroupIds>): ReportedAlertData;
  isTrackedAlert(id: string): boolean;
  setAlertData(
    alert: Pick<
      ReportedAlert<AlertData, State, Context, ActionGroupIds>,
      'id' | 'context' | 'payload'
    >
  ): void;
  getAlertLimitValue: () => number;
  setAlertLimitReached: (reached: boolean) => void;
  getRecoveredAlerts: () => Array<RecoveredAlertData<AlertData, State, Context>>;
}

/** Mirrors `RuleExecutorServices` in x-pack/platform/plugins/shared/alerting/server/types.ts (data views, search source, share, ui settings left out). */
export interface RuleExecutorServices<
  State extends AlertInstanceState = AlertInstanceState,
  Context extends AlertInstanceContext = AlertInstanceContext,
  ActionGroupIds extends string = never,
  AlertData extends RuleAlertData = RuleAlertData
> {
  alertsClient: PublicAlertsClient<AlertData, State, Context, ActionGroupIds> | null;
  savedObjectsClient: SavedObjectsClientContract;
  scopedClusterClient: IScopedClusterClient;
  shouldStopExecution: () => boolean;
  shouldWriteAlerts: () => boolean;
}

/** Mirrors `RuleExecutorOptions` in x-pack/platform/plugins/shared/alerting/server/types.ts (flapping settings, getTimeRange left out). */
export interface RuleExecutorOptions<
  Params extends RuleTypeParams = never,
  State extends RuleTypeState = never,
  InstanceState extends AlertInstanceState = never,
  InstanceContext extends AlertInstanceContext = never,
  ActionGroupIds extends string = never,
  AlertData extends RuleAlertData = never
> {
  executionId: string;
  logger: Logger;
  params: Params;
  previousStartedAt: Date | null;
  rule: SanitizedRuleConfig;
  services: RuleExecutorServices<InstanceState, InstanceContext, ActionGroupIds, AlertData>;
  spaceId: string;
  startedAt: Date;
  startedAtOverridden: boolean;
  state: State;
  namespace?: string;
  isServerless: boolean;
}

/** Mirrors `ExecutorType` in x-pack/platform/plugins/shared/alerting/server/types.ts. */
export type ExecutorType<
  Params extends RuleTypeParams = never,
  State extends RuleTypeState = never,
  InstanceState extends AlertInstanceState = never,
  InstanceContext extends AlertInstanceContext = never,
  ActionGroupIds extends string = never,
  AlertData extends RuleAlertData = never
> = (
  options: RuleExecutorOptions<
    Params,
    State,
    InstanceState,
    InstanceContext,
    ActionGroupIds,
    AlertData
  >
) => Promise<{ state: State }>;

/** Mirrors `RuleTypeSolution` in src/platform/packages/shared/kbn-alerting-types/rule_type_types.ts. */
type RuleTypeSolution = 'observability' | 'security' | 'stack';
/** Mirrors `LicenseType` in x-pack/platform/plugins/shared/licensing/common/types.ts. */
type LicenseType = 'basic' | 'standard' | 'gold' | 'platinum' | 'enterprise' | 'trial';

/** Mirrors `RuleParamsAndRefs` in x-pack/platform/plugins/shared/alerting/server/types.ts. */
interface RuleParamsAndRefs<Params extends RuleTypeParams> {
  references: SavedObjectReference[];
  params: Params;
}

/**
 * Mirrors `RuleType` in x-pack/platform/plugins/shared/alerting/server/types.ts (elastic/kibana
 * 03e79409d866616c68b231c63c1f25daa6060fdd): the same eight type parameters in the same order
 * (schemas, getViewInAppRelativeUrl, cancelAlertsOnRuleTimeout, internallyManaged left out;
 * the executor's action groups are not narrowed by WithoutReservedActionGroups).
 */
export interface RuleType<
  Params extends RuleTypeParams = never,
  ExtractedParams extends RuleTypeParams = never,
  State extends RuleTypeState = never,
  InstanceState extends AlertInstanceState = never,
  InstanceContext extends AlertInstanceContext = never,
  ActionGroupIds extends string = never,
  RecoveryActionGroupId extends string = never,
  AlertData extends RuleAlertData = never
> {
  id: string;
  name: string;
  validate: { params: RuleTypeParamsValidator<Params> };
  actionGroups: Array<ActionGroup<ActionGroupIds>>;
  defaultActionGroupId: ActionGroupIds;
  recoveryActionGroup?: ActionGroup<RecoveryActionGroupId>;
  executor: ExecutorType<Params, State, InstanceState, InstanceContext, ActionGroupIds, AlertData>;
  category: string;
  producer: string;
  solution: RuleTypeSolution;
  actionVariables?: {
    context?: ActionVariable[];
    state?: ActionVariable[];
    params?: ActionVariable[];
  };
  minimumLicenseRequired: LicenseType;
  useSavedObjectReferences?: {
    extractReferences: (params: Params) => RuleParamsAndRefs<ExtractedParams>;
    injectReferences: (params: ExtractedParams, references: SavedObjectReference[]) => Params;
  };
  isExportable: boolean;
  defaultScheduleInterval?: string;
  ruleTaskTimeout?: string;
  doesSetRecoveryContext?: boolean;
  alerts?: IRuleTypeAlerts<AlertData>;
  autoRecoverAlerts?: boolean;
}

/** Mirrors `AlertingServerSetup` in x-pack/platform/plugins/shared/alerting/server/plugin.ts (a subset). */
export interface AlertingServerSetup {
  registerType<
    Params extends RuleTypeParams = RuleTypeParams,
    ExtractedParams extends RuleTypeParams = RuleTypeParams,
    State extends RuleTypeState = RuleTypeState,
    InstanceState extends AlertInstanceState = AlertInstanceState,
    InstanceContext extends AlertInstanceContext = AlertInstanceContext,
    ActionGroupIds extends string = never,
    RecoveryActionGroupId extends string = never,
    AlertData extends RuleAlertData = never
  >(
    ruleType: RuleType<
      Params,
      ExtractedParams,
      State,
      InstanceState,
      InstanceContext,
      ActionGroupIds,
      RecoveryActionGroupId,
      AlertData
    >
  ): void;
}

/** Mirrors `AlertingServerStart` in x-pack/platform/plugins/shared/alerting/server/plugin.ts (a subset). */
export interface AlertingServerStart {
  listTypes(): Map<string, { id: string; name: string; producer: string }>;
}
