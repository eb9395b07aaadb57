import { createRoot } from 'react-dom/client';
import type { AppMountParameters, CoreStart } from '@kbn/core/public';
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
      <GoRuntimeApp
        coreStart={coreStart}
        history={params.history}
        triggersActionsUi={triggersActionsUi}
      />
    )
  );
  return () => root.unmount();
}
