/**
 * Elasticsearch's refusal of a query run as the current user, as the user should read it.
 * Kibana's router turns any thrown Elasticsearch error except a 401 into a 500, so a route
 * that queries with `asCurrentUser` maps the 403 itself: the user lacks an index privilege,
 * and the message says which (Elasticsearch names the action, the user and the indices).
 */
export function elasticsearchForbiddenMessage(error: unknown): string | undefined {
  const candidate = error as {
    statusCode?: unknown;
    meta?: { statusCode?: unknown; body?: { error?: { reason?: unknown } } };
  } | null;
  if (candidate === null || typeof candidate !== 'object') return undefined;
  const status = candidate.statusCode ?? candidate.meta?.statusCode;
  if (status !== 403) return undefined;
  const reason = candidate.meta?.body?.error?.reason;
  const detail = typeof reason === 'string' ? ` Elasticsearch says: ${reason.slice(0, 500)}` : '';
  return `Your Elasticsearch role may not read the Go Runtime data (index privilege "read" on metrics-go_runtime.*); ask an administrator to grant it.${detail}`;
}
