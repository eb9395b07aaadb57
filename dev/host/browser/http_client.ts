import type { HttpFetchOptions, HttpSetup, IHttpFetchError } from '@kbn/core/public';

/**
 * Kibana's browser HttpFetchError (src/core/packages/http/browser-internal/src/http_fetch_error.ts):
 * message, name, request, response and the parsed body.
 */
export class HttpFetchError extends Error implements IHttpFetchError {
  constructor(
    message: string,
    public readonly name: string,
    public readonly request: Request,
    public readonly response?: Response,
    public readonly body?: unknown
  ) {
    super(message);
  }
}

const JSON_CONTENT = /^(application\/(json|x-javascript)|text\/(x-)?javascript|x-json)(;.*)?$/;

/**
 * Kibana's browser http service (src/core/packages/http/browser-internal/src/fetch.ts): base
 * path, JSON by default, the headers Kibana's own UI sends (`kbn-version`, which the server
 * accepts in place of `kbn-xsrf`, and the internal-origin header), `kbn-*` headers refused
 * from callers. A failed fetch rejects with an HttpFetchError; on an HTTP error status its
 * message is the status text and the server's message is in `body.message`.
 */
export function createHttpClient(basePath: string, kibanaVersion: string): HttpSetup {
  const fetchJson = async <T>(
    path: string,
    options: HttpFetchOptions & { method?: string } = {}
  ): Promise<T> => {
    const reserved = Object.keys(options.headers ?? {}).filter((name) =>
      name.toLowerCase().startsWith('kbn-')
    );
    if (reserved.length > 0)
      throw new Error(
        `Invalid fetch headers, headers beginning with "kbn-" are not allowed: [${reserved.join(
          ','
        )}]`
      );
    const url = new URL(
      `${options.prependBasePath === false ? '' : basePath}${path}`,
      window.location.origin
    );
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value])
        url.searchParams.append(key, String(item));
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      ...options.headers,
      'kbn-version': kibanaVersion,
      'x-elastic-internal-origin': 'Kibana',
      ...(options.version === undefined ? {} : { 'elastic-api-version': options.version }),
    };
    const request = new Request(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body ?? null,
      signal: options.signal ?? null,
    });
    let response: Response;
    try {
      response = await fetch(request);
    } catch (error) {
      const cause = error as Error;
      const aborted = cause.name === 'AbortError' || request.signal.aborted;
      throw new HttpFetchError(
        cause.message || (aborted ? 'The user aborted a request.' : 'Network request failed'),
        aborted ? 'AbortError' : cause.name || 'Error',
        request
      );
    }
    let body: unknown = null;
    try {
      if (JSON_CONTENT.test(response.headers.get('content-type') ?? '')) {
        body = await response.json();
      } else {
        const text = await response.text();
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
    } catch (error) {
      throw new HttpFetchError(
        (error as Error).message,
        (error as Error).name || 'Error',
        request,
        response,
        body
      );
    }
    if (!response.ok)
      throw new HttpFetchError(response.statusText, 'Error', request, response, body);
    return body as T;
  };
  const method =
    (name: string) =>
    <T>(path: string, options?: HttpFetchOptions) =>
      fetchJson<T>(path, { ...options, method: name });
  return {
    basePath: { get: () => basePath, prepend: (path) => `${basePath}${path}` },
    fetch: fetchJson,
    get: method('GET'),
    post: method('POST'),
    put: method('PUT'),
    patch: method('PATCH'),
    delete: method('DELETE'),
  };
}
