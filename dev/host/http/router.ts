import type {
  IRouter,
  KibanaRequest,
  Logger,
  PrivilegeSet,
  RequestHandler,
  RequestHandlerContext,
  RouteConfig,
  RouteMethod,
  RouteSecurity,
  RouteValidationFunction,
  RouteValidationResultFactory,
  RouteValidator,
  VersionedRouteConfig,
  VersionedRouter,
  VersionedRouterRoute,
  AddVersionOpts,
  VersionedRoute,
  RouteConfigOptions,
} from '@kbn/core/server';
import { RouteValidationError } from '@kbn/core/server';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import { Subject } from 'rxjs';
import { randomUUID } from 'node:crypto';
import type { Grants } from '../features_registry';
import { KibanaResponse, errorBody, responseFactory } from './response_factory';
import {
  ELASTIC_HTTP_VERSION_HEADER,
  negotiate,
  registrationRefusal,
  requestedVersion,
  versionFor,
  type RouteAccess,
  type VersionResolution,
} from './api_version';

export interface RequestScope {
  readonly grants: Grants;
  readonly username: string;
}

/** kibana.yml's `server.*` settings the router reads. */
export interface HttpSettings {
  /**
   * `server.restrictInternalApis`: an internal route answers 400 to a request without
   * `x-elastic-internal-origin`. Kibana 9 defaults it to true (http_config.ts, elastic/kibana at
   * 457869aa16cfc7bd4e1b62aafc90ee5910dc7a1d); off, such a request is served and logged.
   */
  readonly restrictInternalApis: boolean;
  /** `server.versioned.versionResolution`: the version a public route gets without the header. */
  readonly versionResolution: VersionResolution;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  restrictInternalApis: true,
  versionResolution: 'oldest',
};

export interface RouterHost {
  readonly logger: Logger;
  /** Defaults to DEFAULT_HTTP_SETTINGS. */
  readonly http?: HttpSettings;
  /** Authenticates the raw request; a string is the 401 message. */
  authenticate(request: Request): RequestScope | string;
  createContext(request: KibanaRequest, scope: RequestScope): RequestHandlerContext;
  /** Ties the KibanaRequest to what the host knows of the raw one (its space). */
  bindRequest?(raw: Request, request: KibanaRequest): void;
}

/** One handler of a route: a plain route has one, a versioned route one per version. */
interface RouteHandlerEntry {
  readonly validate: RouteValidator<unknown, unknown, unknown> | false;
  readonly security: Pick<RouteSecurity, 'authz'> | undefined;
  readonly handler: RequestHandler<unknown, unknown, unknown>;
}

interface PlainRoute {
  readonly kind: 'plain';
  readonly method: RouteMethod;
  readonly path: string;
  readonly options: RouteConfigOptions<RouteMethod>;
  readonly entry: RouteHandlerEntry;
}

interface VersionedRouteState {
  readonly kind: 'versioned';
  readonly method: RouteMethod;
  readonly path: string;
  readonly options: RouteConfigOptions<RouteMethod>;
  readonly config: VersionedRouteConfig<RouteMethod>;
  readonly versions: Map<
    string,
    RouteHandlerEntry & { opts: AddVersionOpts<unknown, unknown, unknown> }
  >;
}

type RegisteredRoute = PlainRoute | VersionedRouteState;

/** A plain or versioned route as a test or a document of the API sees it. */
export interface RouteTableEntry {
  readonly method: RouteMethod;
  readonly path: string;
  readonly access: RouteAccess;
  /** Per version (a plain route: one, keyed `''`), the request validation it runs. */
  readonly versions: ReadonlyMap<string, RouteValidator<unknown, unknown, unknown> | false>;
}

const DEFAULT_BODY_BYTES = 1024 * 1024;

const validationResult: RouteValidationResultFactory = {
  ok: (value) => ({ value }),
  badRequest: (error, path) => ({ error: new RouteValidationError(error, path) }),
};

/**
 * Kibana's router on Hapi: io-ts (or any RouteValidationFunction) validation → 400 with the
 * message, kbn-xsrf on non-GET, internal-origin header on internal routes
 * (`server.restrictInternalApis`), privilege checks against the features registry, versioned
 * routes with Kibana's version negotiation, JSON errors, and a 500 (logged) when a handler throws.
 * The checks run in Kibana's order: authentication, then its onPostAuth handlers (xsrf, internal
 * origin: src/core/packages/http/server-internal/src/register_lifecycle_handlers.ts), then authz,
 * then the version, then validation.
 */
export class KibanaRouter implements IRouter {
  private readonly routes: RegisteredRoute[] = [];
  private readonly settings: HttpSettings;

  constructor(public readonly routerPath: string, private readonly host: RouterHost) {
    this.settings = host.http ?? DEFAULT_HTTP_SETTINGS;
  }

  get = this.registrar('get');
  post = this.registrar('post');
  put = this.registrar('put');
  patch = this.registrar('patch');
  delete = this.registrar('delete');

  readonly versioned: VersionedRouter = {
    get: this.versionedRegistrar('get'),
    post: this.versionedRegistrar('post'),
    put: this.versionedRegistrar('put'),
    patch: this.versionedRegistrar('patch'),
    delete: this.versionedRegistrar('delete'),
    getRoutes: () =>
      this.routes.flatMap((route): VersionedRouterRoute[] => {
        if (route.kind !== 'versioned') return [];
        const { path: _path, ...options } = route.config;
        return [
          {
            method: route.method,
            path: route.path,
            options,
            handlers: [...route.versions.values()].map((entry) => ({
              fn: entry.handler,
              options: entry.opts,
            })),
            isVersioned: true,
          },
        ];
      }),
  };

  /** Every route, plain and versioned: what Kibana's `getRoutes` lists. */
  routeTable(): RouteTableEntry[] {
    return this.routes.map((route) => ({
      method: route.method,
      path: route.path,
      access: route.options.access ?? 'internal',
      versions:
        route.kind === 'plain'
          ? new Map([['', route.entry.validate]])
          : new Map([...route.versions].map(([version, entry]) => [version, entry.validate])),
    }));
  }

  private registrar<M extends RouteMethod>(method: M) {
    return <P, Q, B>(config: RouteConfig<P, Q, B, M>, handler: RequestHandler<P, Q, B>) => {
      if (config.security === undefined) {
        throw new Error(
          `route ${method.toUpperCase()} ${
            config.path
          } must declare security.authz (required since Kibana 9)`
        );
      }
      this.routes.push({
        kind: 'plain',
        method,
        path: config.path,
        options: (config.options ?? {}) as RouteConfigOptions<RouteMethod>,
        entry: {
          validate: config.validate as RouteValidator<unknown, unknown, unknown> | false,
          security: config.security,
          handler: handler as never,
        },
      });
    };
  }

  private versionedRegistrar<M extends RouteMethod>(method: M) {
    return (config: VersionedRouteConfig<M>): VersionedRoute<M> => {
      const state: VersionedRouteState = {
        kind: 'versioned',
        method,
        path: config.path,
        options: {
          ...(config.options ?? {}),
          access: config.access,
          ...(config.summary === undefined ? {} : { summary: config.summary }),
          ...(config.description === undefined ? {} : { description: config.description }),
        } as RouteConfigOptions<RouteMethod>,
        config: config as VersionedRouteConfig<RouteMethod>,
        versions: new Map(),
      };
      this.routes.push(state);
      const route: VersionedRoute<M> = {
        addVersion: (opts, handler) => {
          const refusal = registrationRefusal(
            config.access,
            opts.version,
            [...state.versions.keys()],
            `[${method}] [${config.path}]`
          );
          if (refusal !== undefined) throw new Error(refusal);
          const security = opts.security ?? config.security;
          if (security === undefined)
            throw new Error(
              `route ${method.toUpperCase()} ${config.path} version ${
                opts.version
              } must declare security.authz (required since Kibana 9)`
            );
          // A lazy validation is called once, as in Kibana (here at registration, there at first use).
          const validation = typeof opts.validate === 'function' ? opts.validate() : opts.validate;
          state.versions.set(opts.version, {
            validate: validation === false ? false : validation.request ?? {},
            security,
            handler: handler as never,
            opts: opts as AddVersionOpts<unknown, unknown, unknown>,
          });
          return route;
        },
      };
      return route;
    };
  }

  mount(server: Server): void {
    for (const route of this.routes) {
      const body = route.options.body;
      server.route({
        method: route.method.toUpperCase() as 'GET',
        path: route.path,
        options: {
          payload:
            route.method === 'get' || route.method === 'delete'
              ? undefined
              : body?.accepts === 'multipart/form-data'
              ? {
                  // As Kibana's import route: each part a stream (with `hapi.filename`).
                  maxBytes: body?.maxBytes ?? DEFAULT_BODY_BYTES,
                  parse: true,
                  output: 'stream',
                  multipart: { output: 'stream' },
                  allow: ['multipart/form-data'],
                }
              : {
                  maxBytes: body?.maxBytes ?? DEFAULT_BODY_BYTES,
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
    const access = route.options.access ?? 'internal';
    const headers = request.headers as Record<string, string | string[] | undefined>;

    const scope = this.host.authenticate(request);
    if (typeof scope === 'string') return reply(401, errorBody(401, scope));

    // As Kibana: a write needs kbn-xsrf, or kbn-version, which Kibana's own browser client sends.
    const hasXsrf = headers['kbn-xsrf'] !== undefined || headers['kbn-version'] !== undefined;
    if (route.method !== 'get' && route.options.xsrfRequired !== false && !hasXsrf) {
      return reply(400, errorBody(400, 'Request must contain a kbn-xsrf header.'));
    }
    // As Kibana's createRestrictInternalRoutesPostAuthHandler
    // (src/core/packages/http/server-internal/src/lifecycle_handlers.ts).
    if (access === 'internal' && headers['x-elastic-internal-origin'] === undefined) {
      if (this.settings.restrictInternalApis)
        return reply(
          400,
          errorBody(
            400,
            `uri [${request.path}] with method [${route.method}] exists but is not available with the current configuration`
          )
        );
      this.host.logger.warn(
        `Access to uri [${request.path}] with method [${route.method}] is deprecated`
      );
    }

    // A versioned route's authz is its version's (core_versioned_route.ts getSecurity): the
    // version is read before the privileges are checked, and refused after.
    const entry =
      route.kind === 'plain'
        ? route.entry
        : route.versions.get(
            versionFor(
              requestedVersion(headers),
              access,
              [...route.versions.keys()],
              this.settings.versionResolution
            ) ?? ''
          );
    const security =
      entry?.security ?? (route.kind === 'versioned' ? route.config.security : undefined);
    const missing =
      security === undefined ? undefined : missingPrivileges(security.authz, scope.grants);
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

    let versionHeader: Record<string, string> = {};
    if (route.kind === 'versioned') {
      const negotiated = negotiate(
        { headers, query: request.query as Record<string, unknown> },
        { method: route.method, path: route.path, access, versions: [...route.versions.keys()] },
        this.settings.versionResolution
      );
      if ('refusal' in negotiated) return reply(400, errorBody(400, negotiated.refusal));
      versionHeader = { [ELASTIC_HTTP_VERSION_HEADER]: negotiated.version };
    }
    if (entry === undefined) throw new Error('a negotiated version has a handler');

    let params: unknown;
    let query: unknown;
    let body: unknown;
    if (entry.validate !== false) {
      const checks: Array<
        [string, RouteValidationFunction<unknown> | undefined, unknown, (v: unknown) => void]
      > = [
        ['request params', entry.validate.params, { ...request.params }, (v) => (params = v)],
        ['request query', entry.validate.query, { ...request.query }, (v) => (query = v)],
        ['request body', entry.validate.body, request.payload ?? {}, (v) => (body = v)],
      ];
      for (const [label, validate, input, assign] of checks) {
        if (validate === undefined) {
          assign({});
          continue;
        }
        const result = validate(input, validationResult);
        if (result.error !== undefined)
          return reply(400, errorBody(400, `[${label}]: ${result.error.message}`), versionHeader);
        assign(result.value);
      }
    }

    const aborted$ = new Subject<void>();
    const completed$ = new Subject<void>();
    request.raw.req.once('aborted', () => aborted$.next());
    const kibanaRequest: KibanaRequest = {
      id: randomUUID(),
      url: new URL(request.url.toString()),
      route: { path: route.path, method: route.method, options: route.options },
      headers,
      params: params ?? {},
      query: query ?? {},
      body: body ?? {},
      events: { aborted$: aborted$.asObservable(), completed$: completed$.asObservable() },
    };

    this.host.bindRequest?.(request, kibanaRequest);
    try {
      const result = await entry.handler(
        this.host.createContext(kibanaRequest, scope),
        kibanaRequest,
        responseFactory
      );
      if (!(result instanceof KibanaResponse))
        throw new Error('handler did not return a response from the response factory');
      const responseHeaders = { ...result.options.headers, ...versionHeader };
      if (result.status === 204) return reply(204, null, responseHeaders);
      return reply(result.status, result.payload, responseHeaders);
    } catch (error) {
      this.host.logger.error(error instanceof Error ? error : String(error));
      return reply(500, errorBody(500, 'An internal server error occurred.'));
    } finally {
      completed$.next();
    }
  }
}

function missingPrivileges(authz: RouteSecurity['authz'], grants: Grants): string | undefined {
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
