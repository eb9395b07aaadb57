import type { KibanaRequest } from '@kbn/core/server';

/**
 * An AbortSignal that fires when the browser aborts the request (a new time range, a page
 * left), so Elasticsearch stops the search instead of computing an answer nobody reads.
 */
export function abortSignalOf(request: KibanaRequest): AbortSignal {
  const controller = new AbortController();
  const subscription = request.events.aborted$.subscribe(() => controller.abort());
  request.events.completed$.subscribe(() => subscription.unsubscribe());
  return controller.signal;
}
