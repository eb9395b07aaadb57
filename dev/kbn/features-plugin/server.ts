/**
 * The slice of `@kbn/features-plugin/server` (Kibana 9.x) this plugin uses. Shapes follow
 * x-pack/platform/plugins/shared/features/common/{kibana_feature,feature_kibana_privileges}.ts.
 */
import type { AppCategory } from '@kbn/core/server';

export interface FeatureKibanaPrivileges {
  api?: readonly string[];
  app?: readonly string[];
  catalogue?: readonly string[];
  savedObject: { all: readonly string[]; read: readonly string[] };
  ui: readonly string[];
  alerting?: unknown;
  requireAllSpaces?: boolean;
  disabled?: boolean;
}

export interface KibanaFeatureConfig {
  id: string;
  name: string;
  description?: string;
  category: AppCategory;
  order?: number;
  app: readonly string[];
  catalogue?: readonly string[];
  management?: Record<string, readonly string[]>;
  alerting?: unknown;
  privileges: { all: FeatureKibanaPrivileges; read: FeatureKibanaPrivileges } | null;
  scope?: ReadonlyArray<'security' | 'spaces'>;
}

export interface FeaturesPluginSetup {
  registerKibanaFeature(feature: KibanaFeatureConfig): void;
}
