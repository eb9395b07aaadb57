import type { PluginInitializerContext } from '@kbn/core/server';

/** Kibana's server initializer is async, so the plugin's code loads only when it is enabled. */
export async function plugin(initializerContext: PluginInitializerContext) {
  const { GoRuntimeServerPlugin } = await import('./plugin');
  return new GoRuntimeServerPlugin(initializerContext);
}

export { config } from './config';
