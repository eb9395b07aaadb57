import type {
  IRouter,
  KibanaRequest,
  Logger,
  PrivilegeSet,
  RequestHandler,
  RequestHandlerContext,
  RouteConfig,
  RouteMethod,
  RouteValidationFunction,
  RouteValidationResultFactory,
} from '@kbn/core/server';
import { RouteValidationError } from '@kbn/core/server';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { Subject } from 'rxjs';
import { randomUUID } from 'node:crypto';
import type { Grants } from '../features_registry';
import { KibanaResponse, errorBody, responseFactory } from './response_factory';

export interface RequestScope {
  readonly grants: Grants;
  readonly username: string;
}

export interface RouterHost {
  readonly logger: Logger;
  /** Authenticates the raw request; a string is the 401 message. */
  authenticate(request: Request): RequestScope | string;
  createContext(request: KibanaRequest, scope: RequestScope): RequestHandlerContext;
  /** Ties the KibanaRequest to what the host knows of the raw one (its space). */
  bindRequest?(raw: Request, request: KibanaRequest): void;
}

interface RegisteredRoute {
  method: RouteMethod;
  config: RouteConfig<unknown, unknown, unknown, RouteMethod>;
  handler: RequestHandler<unknown, unknown, unknown>;
}

const DEFAULT_BODY_BYTES = 1024 * 1024;

const validationResult: RouteValidationResultFactory = {
  ok: (value) => ({ value }),
  badRequest: (error, path) => ({ error: new RouteValidationError(error, path) }),
};

/**
 * Kibana's router on Hapi: io-ts (or any RouteValidationFunction) validation → 400 with the
 * message, kbn-xsrf on non-GET, internal-origin header on internal routes, privilege checks
 * against the features registry, JSON errors, and a 500 (logged) when a handler throws.
 */
export class KibanaRouter implements IRouter {
  private readonly routes: RegisteredRoute[] = [];

  constructor(public readonly routerPath: string, private readonly host: RouterHost) {}

  get = this.registrar('get');
  post = this.registrar('post');
  put = this.registrar('put');
  patch = this.registrar('patch');
  delete = this.registrar('delete');

  private registrar<M extends RouteMethod>(method: M) {
    return <P, Q, B>(config: RouteConfig<P, Q, B, M>, handler: RequestHandler<P, Q, B>) => {
      if (config.security === undefined) {
        throw new Error(
          `route ${method.toUpperCase()} ${
            config.path
          } must declare security.authz (required since Kibana 9)`
        );
      }
      this.routes.push({ method, config: config as never, handler: handler as never });
    };
  }

  mount(server: Server): void {
    for (const route of this.routes) {
      server.route({
        method: route.method.toUpperCase() as 'GET',
        path: route.config.path,
        options: {
          payload:
            route.method === 'get' || route.method === 'delete'
              ? undefined
              : route.config.options?.body?.accepts === 'multipart/form-data'
              ? {
                  // As Kibana's import route: each part a stream (with `hapi.filename`).
                  maxBytes: route.config.options?.body?.maxBytes ?? DEFAULT_BODY_BYTES,
                  parse: true,
                  output: 'stream',
                  multipart: { output: 'stream' },
                  allow: ['multipart/form-data'],
                }
              : {
                  maxBytes: route.config.options?.body?.maxBytes ?? DEFAULT_BODY_BYTES,
                  parse: true,
                  allow: ['application/json'],
                },
        },
        handler: (request, h) => this.handle(route, request, h),
      });
    }
  }

  private async handle(route: RegisteredRoute, request: Request, h: ResponseToolkit) {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const response = h.response(body as object).code(status);
      for (const [name, value] of Object.entries(headers)) response.header(name, value);
      return response;
    };
    const { config } = route;
    const access = config.options?.access ?? 'internal';

    // As Kibana: a write needs kbn-xsrf, or kbn-version, which Kibana's own browser client sends.
    const hasXsrf =
      request.headers['kbn-xsrf'] !== undefined || request.headers['kbn-version'] !== undefined;
    if (route.method !== 'get' && config.options?.xsrfRequired !== false && !hasXsrf) {
      return reply(400, errorBody(400, 'Request must contain a kbn-xsrf header.'));
    }
    if (access === 'internal' && request.headers['x-elastic-internal-origin'] === undefined) {
      return reply(
        400,
        errorBody(
          400,
          `uri [${request.path}] with method [${route.method}] exists but is not available with the current configuration`
        )
      );
    }

    const scope = this.host.authenticate(request);
    if (typeof scope === 'string') return reply(401, errorBody(401, scope));

    const missing = missingPrivileges(config.security.authz, scope.grants);
    if (missing !== undefined) {
      return reply(
        403,
        errorBody(
          403,
          `API [${route.method.toUpperCase()} ${
            request.path
          }] is unauthorized for user, this action is granted by the Kibana privileges [${missing}]`
        )
      );
    }

    let params: unknown;
    let query: unknown;
    let body: unknown;
    if (config.validate !== false) {
      const checks: Array<
        [string, RouteValidationFunction<unknown> | undefined, unknown, (v: unknown) => void]
      > = [
        ['request params', config.validate.params, { ...request.params }, (v) => (params = v)],
        ['request query', config.validate.query, { ...request.query }, (v) => (query = v)],
        ['request body', config.validate.body, request.payload ?? {}, (v) => (body = v)],
      ];
      for (const [label, validate, input, assign] of checks) {
        if (validate === undefined) {
          assign({});
          continue;
        }
        const result = validate(input, validationResult);
        if (result.error !== undefined)
          return reply(400, errorBody(400, `[${label}]: ${result.error.message}`));
        assign(result.value);
      }
    }

    const aborted$ = new Subject<void>();
    const completed$ = new Subject<void>();
    request.raw.req.once('aborted', () => aborted$.next());
    const kibanaRequest: KibanaRequest = {
      id: randomUUID(),
      url: new URL(request.url.toString()),
      route: { path: config.path, method: route.method, options: config.options ?? {} },
      headers: request.headers as Record<string, string | string[] | undefined>,
      params: params ?? {},
      query: query ?? {},
      body: body ?? {},
      events: { aborted$: aborted$.asObservable(), completed$: completed$.asObservable() },
    };

    this.host.bindRequest?.(request, kibanaRequest);
    try {
      const result = await route.handler(
        this.host.createContext(kibanaRequest, scope),
        kibanaRequest,
        responseFactory
      );
      if (!(result instanceof KibanaResponse))
        throw new Error('handler did not return a response from the response factory');
      if (result.status === 204) return h.response().code(204);
      return reply(result.status, result.payload, result.options.headers);
    } catch (error) {
      this.host.logger.error(error instanceof Error ? error : String(error));
      return reply(500, errorBody(500, 'An internal server error occurred.'));
    } finally {
      completed$.next();
    }
  }
}

function missingPrivileges(
  authz: RouteConfig<unknown, unknown, unknown, RouteMethod>['security']['authz'],
  grants: Grants
): string | undefined {
  if ('enabled' in authz && authz.enabled === false) return undefined;
  if (grants.superuser) return undefined;
  const required = 'requiredPrivileges' in authz ? authz.requiredPrivileges : [];
  const missing: string[] = [];
  for (const entry of required) {
    if (typeof entry === 'string') {
      if (!grants.api.has(entry)) missing.push(entry);
      continue;
    }
    const set = entry as PrivilegeSet;
    for (const name of set.allRequired ?? []) if (!grants.api.has(name)) missing.push(name);
    if (set.anyRequired !== undefined && !set.anyRequired.some((name) => grants.api.has(name))) {
      missing.push(set.anyRequired.join('|'));
    }
  }
  return missing.length === 0 ? undefined : missing.join(',');
}
