import type { CoreRequestHandlerContext, RequestHandlerContext } from '@kbn/core/server';

/**
 * The context a route handler receives: `core` as a promise, and `resolve(parts)` awaiting the
 * named parts, as Kibana's context container does
 * (src/core/packages/http/request-handler-context-server/src/request_handler_context.ts).
 */
export function createRequestHandlerContext(
  core: () => CoreRequestHandlerContext
): RequestHandlerContext {
  let corePromise: Promise<CoreRequestHandlerContext> | undefined;
  const context: RequestHandlerContext = {
    get core() {
      corePromise ??= Promise.resolve().then(core);
      return corePromise;
    },
    resolve: async (parts) => {
      const entries = await Promise.all(
        parts.map(async (part) => [part, await context[part]] as const)
      );
      return Object.fromEntries(entries) as never;
    },
  };
  return context;
}
