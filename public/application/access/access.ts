import type { ApplicationStart, HttpFetchOptions, HttpHandler, HttpStart } from '@kbn/core/public';
import { PLUGIN_ID, UI_CAPABILITIES } from '../../../common/constants';

/**
 * What the user may do in the app, decided once from core's capabilities for the goRuntime
 * feature (server/feature.ts): `all` grants show and save, `read` grants show, no privilege
 * grants neither. Every page takes it from here instead of finding out from failed requests.
 */
export type Access = 'none' | 'read' | 'all';

export function accessOf(capabilities: ApplicationStart['capabilities']): Access {
  const feature = capabilities[PLUGIN_ID];
  if (feature?.[UI_CAPABILITIES.save] === true) return 'all';
  if (feature?.[UI_CAPABILITIES.show] === true) return 'read';
  return 'none';
}

/**
 * Whether a failed request was refused for want of a Kibana privilege: a 403 from Kibana's
 * route authorization ("API [GET …] is unauthorized for user") or the alerting
 * authorization. The plugin's own 403s for an Elasticsearch index privilege say
 * "Elasticsearch" and are not: that user has the feature, and the panel names the index
 * privilege to ask for (server/routes/elasticsearch_errors.ts).
 */
export function isForbidden(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { response, cause, body } = error as {
    response?: { status?: unknown };
    cause?: unknown;
    body?: { message?: unknown };
  };
  if (response?.status === 403)
    return !(typeof body?.message === 'string' && body.message.includes('Elasticsearch'));
  // The app's API wrappers rethrow with the HTTP error as the cause (api/http_error.ts).
  return cause !== undefined && cause !== error && isForbidden(cause);
}

/**
 * Core's http with every 403 reported once to `onForbidden` (and still rejected), so that a
 * page shows one message about the missing privilege instead of an error in each panel.
 */
export function reportingForbidden(http: HttpStart, onForbidden: () => void): HttpStart {
  const guard =
    (handler: HttpHandler): HttpHandler =>
    <T>(path: string, options?: HttpFetchOptions) =>
      handler<T>(path, options).catch((error: unknown) => {
        if (isForbidden(error)) onForbidden();
        throw error;
      });
  return {
    ...http,
    fetch: guard(http.fetch),
    get: guard(http.get),
    post: guard(http.post),
    put: guard(http.put),
    patch: guard(http.patch),
    delete: guard(http.delete),
  };
}
