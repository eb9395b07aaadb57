import type { AlertingKibanaPrivilege } from '@kbn/features-plugin/common';
import type {
  FeatureKibanaPrivileges,
  FeaturesPluginSetup,
  KibanaFeatureConfig,
} from '@kbn/features-plugin/server';
import { validateKibanaFeature } from './feature_schema';

export type FeaturePrivilegeLevel = 'all' | 'read';

/** A role as the dev host knows it: superuser, or a privilege level per feature. */
export type Role =
  | { readonly superuser: true }
  | {
      readonly superuser?: false;
      readonly features: Readonly<Record<string, FeaturePrivilegeLevel>>;
    };

/** What a role may do with the rules (`rule`) and alerts (`alert`) of one rule type. */
export interface RuleTypeGrant {
  rule?: FeaturePrivilegeLevel;
  alert?: FeaturePrivilegeLevel;
  consumers: ReadonlySet<string>;
}

export interface Grants {
  readonly api: ReadonlySet<string>;
  readonly capabilities: Record<string, Record<string, boolean>>;
  readonly superuser: boolean;
  /** Per feature id, the privilege level the role has (superuser: `all` everywhere). */
  readonly featureLevels: ReadonlyMap<string, FeaturePrivilegeLevel>;
  /** Per rule type id, from the features' `alerting` privileges. */
  readonly ruleTypes: ReadonlyMap<string, RuleTypeGrant>;
}

/** Kibana's features registry, reduced to what route authorization and capabilities need. */
export class FeaturesRegistry {
  private readonly features = new Map<string, KibanaFeatureConfig>();
  private locked = false;

  readonly setup: FeaturesPluginSetup = {
    registerKibanaFeature: (feature) => {
      if (this.locked)
        throw new Error(`features are registered in setup; [${feature.id}] came too late`);
      if (this.features.has(feature.id))
        throw new Error(`feature [${feature.id}] is already registered`);
      validateKibanaFeature(feature);
      this.features.set(feature.id, feature);
    },
  };

  lock(): void {
    this.locked = true;
  }

  grantsFor(role: Role): Grants {
    const api = new Set<string>();
    const capabilities: Record<string, Record<string, boolean>> = {};
    const featureLevels = new Map<string, FeaturePrivilegeLevel>();
    const ruleTypes = new Map<string, RuleTypeGrant>();
    const grantRuleTypes = (
      entries: AlertingKibanaPrivilege | undefined,
      kind: 'rule' | 'alert',
      level: FeaturePrivilegeLevel
    ) => {
      for (const { ruleTypeId, consumers } of entries ?? []) {
        const grant = ruleTypes.get(ruleTypeId) ?? { consumers: new Set<string>() };
        if (grant[kind] !== 'all') grant[kind] = level;
        grant.consumers = new Set([...grant.consumers, ...consumers]);
        ruleTypes.set(ruleTypeId, grant);
      }
    };
    for (const feature of this.features.values()) {
      const level: FeaturePrivilegeLevel | undefined =
        role.superuser === true ? 'all' : role.features[feature.id];
      if (level !== undefined) featureLevels.set(feature.id, level);
      const privilege: FeatureKibanaPrivileges | undefined =
        level === undefined ? undefined : feature.privileges?.[level];
      const ui: Record<string, boolean> = {};
      for (const key of [
        ...(feature.privileges?.all.ui ?? []),
        ...(feature.privileges?.read.ui ?? []),
      ])
        ui[key] = false;
      for (const key of privilege?.ui ?? []) ui[key] = true;
      capabilities[feature.id] = ui;
      for (const name of privilege?.api ?? []) api.add(name);
      grantRuleTypes(privilege?.alerting?.rule?.all, 'rule', 'all');
      grantRuleTypes(privilege?.alerting?.rule?.read, 'rule', 'read');
      grantRuleTypes(privilege?.alerting?.alert?.all, 'alert', 'all');
      grantRuleTypes(privilege?.alerting?.alert?.read, 'alert', 'read');
    }
    return { api, capabilities, superuser: role.superuser === true, featureLevels, ruleTypes };
  }
}
