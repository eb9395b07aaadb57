import type { Action, Location, LocationDescriptorObject, LocationListener, Path } from 'history';
import type { ScopedHistory } from '@kbn/core/public';

/**
 * A history scoped to one app's base path, as Kibana hands to an app's mount: the `History`
 * of history v4 (so react-router-dom's Router takes it), with paths relative to the app.
 */
export function createScopedHistory(appBasePath: string): ScopedHistory {
  const listeners = new Set<LocationListener<unknown>>();
  let action: Action = 'POP';
  let keyCounter = 0;
  const current = (): Location<unknown> => {
    const full = window.location.pathname;
    const pathname = full.startsWith(appBasePath) ? full.slice(appBasePath.length) || '/' : '/';
    const state = window.history.state as { state?: unknown; key?: string } | null;
    return {
      pathname,
      search: window.location.search,
      hash: window.location.hash,
      state: state?.state,
      key: state?.key,
    };
  };
  const notify = () => {
    const location = current();
    listeners.forEach((listener) => listener(location, action));
  };
  window.addEventListener('popstate', () => {
    action = 'POP';
    notify();
  });
  const toHref = (to: LocationDescriptorObject<unknown>) => {
    const pathname = to.pathname ?? current().pathname;
    const search =
      to.search === undefined || to.search === ''
        ? ''
        : to.search.startsWith('?')
        ? to.search
        : `?${to.search}`;
    const hash =
      to.hash === undefined || to.hash === ''
        ? ''
        : to.hash.startsWith('#')
        ? to.hash
        : `#${to.hash}`;
    return `${appBasePath}${pathname === '/' ? '' : pathname}${search}${hash}`;
  };
  const descriptor = (
    to: Path | LocationDescriptorObject<unknown>,
    state?: unknown
  ): LocationDescriptorObject<unknown> => {
    if (typeof to !== 'string') return to;
    const url = new URL(to, `http://x${current().pathname}`);
    return { pathname: url.pathname, search: url.search, hash: url.hash, state };
  };
  const change =
    (kind: 'PUSH' | 'REPLACE') =>
    (to: Path | LocationDescriptorObject<unknown>, state?: unknown) => {
      const target = descriptor(to, state);
      const entry = { state: target.state ?? state, key: (++keyCounter).toString(36) };
      if (kind === 'PUSH') window.history.pushState(entry, '', toHref(target));
      else window.history.replaceState(entry, '', toHref(target));
      action = kind;
      notify();
    };
  return {
    get length() {
      return window.history.length;
    },
    get action() {
      return action;
    },
    get location() {
      return current();
    },
    push: change('PUSH'),
    replace: change('REPLACE'),
    go: (n) => window.history.go(n),
    goBack: () => window.history.back(),
    goForward: () => window.history.forward(),
    // Kibana blocks navigation through onAppLeave, not here.
    block: () => () => undefined,
    listen: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    createHref: (location) => toHref(location),
  };
}
