import { createRoot } from 'react-dom/client';
import type { AppMountParameters, CoreStart } from '@kbn/core/public';
import { GoRuntimeApp } from './app';

export function renderApp(coreStart: CoreStart, params: AppMountParameters): () => void {
  const root = createRoot(params.element);
  root.render(coreStart.rendering.addContext(<GoRuntimeApp coreStart={coreStart} history={params.history} />));
  return () => root.unmount();
}
