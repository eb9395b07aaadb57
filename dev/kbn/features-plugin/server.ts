/**
 * The slice of `@kbn/features-plugin/server` (Kibana 9.x) this plugin uses.
 * Mirrors x-pack/platform/plugins/shared/features/server/{index,plugin}.ts, which re-export the
 * config types from ../common.
 */
import type { KibanaFeatureConfig } from './common';

/** Re-exported from ../common, as x-pack/platform/plugins/shared/features/server/index.ts does. */
export type { FeatureKibanaPrivileges, KibanaFeatureConfig } from './common';

/** Mirrors `FeaturesPluginSetup` in x-pack/platform/plugins/shared/features/server/plugin.ts (registerElasticsearchFeature etc. left out). */
export interface FeaturesPluginSetup {
  registerKibanaFeature(feature: KibanaFeatureConfig): void;
}
