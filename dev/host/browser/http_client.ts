import type { HttpFetchOptions, HttpSetup, IHttpFetchError } from '@kbn/core/public';

class HttpFetchError extends Error implements IHttpFetchError {
  constructor(
    message: string,
    readonly request: Request,
    readonly response?: Response,
    readonly body?: { statusCode?: number; error?: string; message?: string }
  ) {
    super(message);
    this.name = 'HttpFetchError';
  }
}

/**
 * Kibana's browser http service: base path, JSON in and out, the headers Kibana's server
 * expects from its own UI (kbn-xsrf, internal origin), and IHttpFetchError on failure.
 */
export function createHttpClient(basePath: string): HttpSetup {
  const fetchJson = async <T,>(path: string, options: HttpFetchOptions & { method?: string } = {}): Promise<T> => {
    const url = new URL(`${options.prependBasePath === false ? '' : basePath}${path}`, window.location.origin);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    const headers: Record<string, string> = {
      'kbn-xsrf': 'kibana',
      'x-elastic-internal-origin': 'Kibana',
      ...(options.body !== undefined && options.body !== null ? { 'content-type': 'application/json' } : {}),
      ...(options.version === undefined ? {} : { 'elastic-api-version': options.version }),
      ...options.headers,
    };
    const request = new Request(url, { method: options.method ?? 'GET', headers, body: options.body ?? null, signal: options.signal ?? null });
    const response = await fetch(request);
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const errorBody = body as { message?: string } | undefined;
      throw new HttpFetchError(errorBody?.message ?? response.statusText, request, response, body as never);
    }
    return body as T;
  };
  const method = (name: string) => <T,>(path: string, options?: HttpFetchOptions) => fetchJson<T>(path, { ...options, method: name });
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
