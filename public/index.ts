import type { PluginInitializerContext } from '@kbn/core/public';
import { GoRuntimePublicPlugin } from './plugin';

export function plugin(initializerContext: PluginInitializerContext) {
  return new GoRuntimePublicPlugin(initializerContext);
}
