/**
 * The slice of `@kbn/kibana-react-plugin/public` (Kibana 9.x) this plugin and the dev host use:
 * the React context through which Kibana components (triggersActionsUi's RuleAdd among them)
 * find core's services. Mirrors
 * src/platform/plugins/shared/kibana_react/public/context/{context.tsx,types.ts} (elastic/kibana
 * 7527ca73dcd4e5ce1ec516bec42af867465b08c7, 4254c0afcdfe1713209fecff51323d44503a3d9a); the
 * context value's `overlays` and `notifications` helpers are left out.
 *
 * As in Kibana, `useKibana()` outside any provider answers `{ services: {} }`: a component
 * that needs a service fails there, it does not get a default.
 */
import { createContext, createElement, useContext, useMemo, type FC, type ReactNode } from 'react';
import type { CoreStart } from '@kbn/core/public';

/** Mirrors `KibanaServices` in src/platform/plugins/shared/kibana_react/public/context/types.ts. */
export type KibanaServices = Partial<CoreStart>;

/** Mirrors `KibanaReactContextValue` in src/platform/plugins/shared/kibana_react/public/context/types.ts (overlays, notifications left out). */
export interface KibanaReactContextValue<Services extends KibanaServices> {
  readonly services: Services;
}

const context = createContext<KibanaReactContextValue<KibanaServices>>({ services: {} });

/** Mirrors `useKibana` in src/platform/plugins/shared/kibana_react/public/context/context.tsx. */
export const useKibana = <Extra extends object = object>(): KibanaReactContextValue<
  KibanaServices & Extra
> => useContext(context) as KibanaReactContextValue<KibanaServices & Extra>;

/**
 * Mirrors `KibanaContextProvider` in src/platform/plugins/shared/kibana_react/public/context/context.tsx: the services given here, over those of an enclosing
 * provider.
 */
export const KibanaContextProvider: FC<{ services?: KibanaServices; children?: ReactNode }> = ({
  services = {},
  children,
}) => {
  const outer = useKibana();
  const value = useMemo(
    () => ({ services: { ...outer.services, ...services } }),
    [outer.services, services]
  );
  return createElement(context.Provider, { value }, children);
};
