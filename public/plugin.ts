import type {
  AppMountParameters,
  CoreSetup,
  Plugin,
  PluginInitializerContext,
} from '@kbn/core/public';
import { DEFAULT_APP_CATEGORIES } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import type {
  TriggersAndActionsUIPublicPluginSetup,
  TriggersAndActionsUIPublicPluginStart,
} from '@kbn/triggers-actions-ui-plugin/public';
import { PLUGIN_ID } from '../common/constants';
import { registerRuleTypeModels } from './alerting/rule_type_models';

export interface GoRuntimeSetupDeps {
  /** Optional, as in kibana.jsonc: without it the app has no rule form. */
  triggersActionsUi?: TriggersAndActionsUIPublicPluginSetup;
}
export interface GoRuntimeStartDeps {
  triggersActionsUi?: TriggersAndActionsUIPublicPluginStart;
}

export class GoRuntimePublicPlugin
  implements Plugin<void, void, GoRuntimeSetupDeps, GoRuntimeStartDeps>
{
  constructor(_initializerContext: PluginInitializerContext) {}

  setup(core: CoreSetup<GoRuntimeStartDeps>, { triggersActionsUi }: GoRuntimeSetupDeps = {}): void {
    if (triggersActionsUi !== undefined)
      registerRuleTypeModels(
        triggersActionsUi,
        async () => (await core.getStartServices())[0].http
      );
    core.application.register({
      id: PLUGIN_ID,
      title: i18n.translate('goRuntime.app.title', { defaultMessage: 'Go Runtime' }),
      category: DEFAULT_APP_CATEGORIES.observability,
      euiIconType: 'logoGolang',
      // The app's code is a separate chunk, loaded when the user opens it.
      mount: async (params: AppMountParameters) => {
        const [coreStart, startDeps] = await core.getStartServices();
        const { renderApp } = await import('./application/render_app');
        return renderApp(coreStart, params, startDeps.triggersActionsUi);
      },
    });
  }

  start(): void {}
}
