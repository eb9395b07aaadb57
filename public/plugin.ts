import type { AppMountParameters, CoreSetup, Plugin, PluginInitializerContext } from '@kbn/core/public';
import { DEFAULT_APP_CATEGORIES } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import { PLUGIN_ID } from '../common/constants';

export class GoRuntimePublicPlugin implements Plugin {
  constructor(_initializerContext: PluginInitializerContext) {}

  setup(core: CoreSetup): void {
    core.application.register({
      id: PLUGIN_ID,
      title: i18n.translate('goRuntime.app.title', { defaultMessage: 'Go Runtime' }),
      category: DEFAULT_APP_CATEGORIES.observability,
      euiIconType: 'logoGolang',
      // The app's code is a separate chunk, loaded when the user opens it.
      mount: async (params: AppMountParameters) => {
        const [coreStart] = await core.getStartServices();
        const { renderApp } = await import('./application/render_app');
        return renderApp(coreStart, params);
      },
    });
  }

  start(): void {}
}
