import type { ScopedHistory } from '@kbn/core/public';

/** A history scoped to one app's base path, as Kibana hands to an app's mount. */
export function createScopedHistory(appBasePath: string): ScopedHistory {
  const listeners = new Set<(location: { pathname: string; search: string }) => void>();
  const current = () => {
    const full = window.location.pathname;
    const pathname = full.startsWith(appBasePath) ? full.slice(appBasePath.length) || '/' : '/';
    return { pathname, search: window.location.search, hash: window.location.hash };
  };
  const notify = () => listeners.forEach((listener) => listener(current()));
  window.addEventListener('popstate', notify);
  const href = (path: string) => `${appBasePath}${path === '/' ? '' : path}`;
  return {
    get location() {
      return current();
    },
    push: (path, state) => {
      window.history.pushState(state, '', href(path));
      notify();
    },
    replace: (path, state) => {
      window.history.replaceState(state, '', href(path));
      notify();
    },
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    createHref: (location) => `${href(location.pathname)}${location.search ?? ''}`,
  };
}
