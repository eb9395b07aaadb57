import { createRoot } from 'react-dom/client';
import type { AppMountParameters, CoreStart } from '@kbn/core/public';
import { KibanaContextProvider } from '@kbn/kibana-react-plugin/public';
import type { TriggersAndActionsUIPublicPluginStart } from '@kbn/triggers-actions-ui-plugin/public';
import { GoRuntimeApp } from './app';

export function renderApp(
  coreStart: CoreStart,
  params: AppMountParameters,
  triggersActionsUi?: TriggersAndActionsUIPublicPluginStart
): () => void {
  const root = createRoot(params.element);
  root.render(
    coreStart.rendering.addContext(
      // Kibana components the app renders (triggersActionsUi's rule flyout) read core's
      // services from this context, not from their plugin.
      <KibanaContextProvider services={coreStart}>
        <GoRuntimeApp
          coreStart={coreStart}
          history={params.history}
          triggersActionsUi={triggersActionsUi}
        />
      </KibanaContextProvider>
    )
  );
  return () => root.unmount();
}
