/**
 * Stand-in for `@kbn/shared-ux-router` (Kibana 9.x), the router Kibana apps use: its
 * components wrap react-router-dom 5 (which Kibana ships to plugins as a shared dependency)
 * and add execution-context tracking, which the dev host does not have.
 */
import type { ReactNode } from 'react';
import { Route as ReactRouterRoute, Router as ReactRouter, Switch, type RouteProps, type RouterProps } from 'react-router-dom';

/** Mirrors src/platform/packages/shared/shared-ux/router/impl/router.tsx (`Router`). */
export function Router(props: RouterProps) {
  return <ReactRouter {...props} />;
}

/**
 * Mirrors src/platform/packages/shared/shared-ux/router/impl/routes.tsx (`Routes`): with the
 * default `legacySwitch`, the first matching child route renders.
 */
export function Routes({ children }: { legacySwitch?: boolean; enableExecutionContextTracking?: boolean; children: ReactNode }) {
  return <Switch>{children}</Switch>;
}

/** Mirrors src/platform/packages/shared/shared-ux/router/impl/route.tsx (`Route`). */
export function Route(props: RouteProps) {
  return <ReactRouterRoute {...props} />;
}
