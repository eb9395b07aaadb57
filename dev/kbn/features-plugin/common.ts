/**
 * The slice of `@kbn/features-plugin/common` (Kibana 9.x) this plugin uses.
 * Mirrors x-pack/platform/plugins/shared/features/common/{index,kibana_feature,feature_kibana_privileges}.ts.
 */
import type { AppCategory } from '@kbn/core/server';

/** Mirrors `AlertingKibanaPrivilege` in x-pack/platform/plugins/shared/features/common/alerting_kibana_privilege.ts. */
export type AlertingKibanaPrivilege = ReadonlyArray<{
  ruleTypeId: string;
  consumers: readonly string[];
}>;

/** Mirrors x-pack/platform/plugins/shared/features/common/feature_kibana_privileges.ts (cases, management, savedObject sub-options left out). */
export interface FeatureKibanaPrivileges {
  api?: readonly string[];
  app?: readonly string[];
  catalogue?: readonly string[];
  savedObject: { all: readonly string[]; read: readonly string[] };
  ui: readonly string[];
  /** Rule types whose rules (`rule`) and alerts (`alert`) the privilege grants; enable and manual_run left out. */
  alerting?: {
    rule?: { all?: AlertingKibanaPrivilege; read?: AlertingKibanaPrivilege };
    alert?: { all?: AlertingKibanaPrivilege; read?: AlertingKibanaPrivilege };
  };
  requireAllSpaces?: boolean;
  disabled?: boolean;
}

/**
 * Mirrors x-pack/platform/plugins/shared/features/common/kibana_feature.ts (subFeatures, reserved,
 * cases, deprecated left out). Kibana removed `scope` and `KibanaFeatureScope` (elastic/kibana#234146):
 * every feature is in the Spaces visibility toggles, and registering one with `scope` fails.
 */
export interface KibanaFeatureConfig {
  id: string;
  name: string;
  description?: string;
  category: AppCategory;
  order?: number;
  app: readonly string[];
  catalogue?: readonly string[];
  management?: { [sectionId: string]: readonly string[] };
  /** The rule types the feature's privileges may name. */
  alerting?: AlertingKibanaPrivilege;
  privileges: { all: FeatureKibanaPrivileges; read: FeatureKibanaPrivileges } | null;
  hidden?: boolean;
}
