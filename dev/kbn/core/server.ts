/**
 * The slice of `@kbn/core/server` (Kibana 9.x) this plugin uses. Shapes follow
 * src/core/packages/{plugins,http,saved-objects,elasticsearch,logging}/server.
 */
import type { Client } from '@elastic/elasticsearch';
import type { Observable } from 'rxjs';
import type { ObjectType } from '@kbn/config-schema';

export type MaybePromise<T> = T | Promise<T>;

/** Mirrors src/platform/packages/shared/kbn-logging/src/logger.ts. */
// ---------------------------------------------------------------- logging
export interface Logger {
  trace(message: string, meta?: object): void;
  debug(message: string, meta?: object): void;
  info(message: string, meta?: object): void;
  warn(message: string | Error, meta?: object): void;
  error(message: string | Error, meta?: object): void;
  fatal(message: string | Error, meta?: object): void;
  get(...childContextPaths: string[]): Logger;
}
/** Mirrors src/platform/packages/shared/kbn-logging/src/logger_factory.ts. */
export interface LoggerFactory {
  get(...contextParts: string[]): Logger;
}

/** Mirrors src/core/packages/plugins/server/src/types.ts. */
// ---------------------------------------------------------------- plugin
export interface PluginInitializerContext<ConfigSchema = unknown> {
  opaqueId: symbol;
  env: {
    mode: { dev: boolean; prod: boolean };
    packageInfo: { version: string };
    instanceUuid: string;
  };
  logger: LoggerFactory;
  config: { get<T = ConfigSchema>(): T; create<T = ConfigSchema>(): Observable<T> };
}

/** Mirrors src/core/packages/plugins/server/src/types.ts. */
export interface Plugin<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = object,
  TPluginsStart extends object = object
> {
  setup(core: CoreSetup<TPluginsStart, TStart>, plugins: TPluginsSetup): TSetup;
  start(core: CoreStart, plugins: TPluginsStart): TStart;
  stop?(): MaybePromise<void>;
}

export type PluginInitializer<
  TSetup,
  TStart,
  TPluginsSetup extends object = object,
  TPluginsStart extends object = object
> = (
  core: PluginInitializerContext
) => Promise<Plugin<TSetup, TStart, TPluginsSetup, TPluginsStart>>;

/** Mirrors src/core/packages/elasticsearch/server/src/client/client.ts. */
// ---------------------------------------------------------------- elasticsearch
export type ElasticsearchClient = Omit<
  Client,
  'connectionPool' | 'serializer' | 'extend' | 'close' | 'diagnostic' | 'child'
>;
/** Mirrors src/core/packages/elasticsearch/server/src/client/scoped_cluster_client.ts. */
export interface IScopedClusterClient {
  readonly asInternalUser: ElasticsearchClient;
  readonly asCurrentUser: ElasticsearchClient;
}
/**
 * Mirrors src/core/packages/elasticsearch/server/src/client/types.ts: a request made by a
 * plugin itself, carrying only the headers that authenticate it (e.g. an API key).
 */
export interface FakeRequest {
  headers: Record<string, string | string[] | undefined>;
}
/** Mirrors src/core/packages/elasticsearch/server/src/client/types.ts. */
export type ScopeableRequest = KibanaRequest | FakeRequest;
/** Mirrors src/core/packages/elasticsearch/server/src/client/cluster_client.ts. */
export interface IClusterClient {
  readonly asInternalUser: ElasticsearchClient;
  asScoped(request: ScopeableRequest): IScopedClusterClient;
}
/** Mirrors src/core/packages/elasticsearch/server/src/contracts.ts (trimmed to `client`). */
export interface ElasticsearchServiceStart {
  readonly client: IClusterClient;
}

// ---------------------------------------------------------------- http
export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Mirrors src/core/packages/http/server/src/router/route_validator.ts. */
export interface RouteValidationResultFactory {
  ok<T>(value: T): { value: T };
  badRequest(error: Error | string, path?: string[]): { error: RouteValidationError };
}
export class RouteValidationError extends Error {
  constructor(error: Error | string, public readonly path: string[] = []) {
    super(typeof error === 'string' ? error : error.message);
  }
}
/** Mirrors src/core/packages/http/server/src/router/route_validator.ts. */
export type RouteValidationFunction<T> = (
  data: any,
  validationResult: RouteValidationResultFactory
) => { value: T; error?: never } | { value?: never; error: RouteValidationError };

/** Mirrors src/core/packages/http/server/src/router/route_validator.ts. */
export interface RouteValidator<P, Q, B> {
  params?: RouteValidationFunction<P>;
  query?: RouteValidationFunction<Q>;
  body?: RouteValidationFunction<B>;
}

export interface PrivilegeSet {
  allRequired?: string[];
  anyRequired?: string[];
}
/** Mirrors src/core/packages/http/server/src/router/route.ts. */
export interface RouteSecurity {
  authz: { requiredPrivileges: Array<string | PrivilegeSet> } | { enabled: false; reason: string };
}

/** Mirrors src/core/packages/http/server/src/router/route.ts. */
export interface RouteConfigOptions<M extends RouteMethod> {
  access?: 'public' | 'internal';
  xsrfRequired?: M extends 'get' ? never : boolean;
  tags?: readonly string[];
  summary?: string;
  description?: string;
  /** `accepts` and `output` as Kibana's RouteConfigOptionsBody: a multipart upload arrives as a stream. */
  body?: { maxBytes?: number; accepts?: string; output?: 'data' | 'stream' };
  timeout?: { payload?: number; idleSocket?: number };
}

/** Mirrors src/core/packages/http/server/src/router/route.ts. */
export interface RouteConfig<P, Q, B, M extends RouteMethod> {
  path: string;
  validate: RouteValidator<P, Q, B> | false;
  security: RouteSecurity;
  options?: RouteConfigOptions<M>;
}

/** Mirrors src/core/packages/http/server/src/router/request.ts. */
export interface KibanaRequest<P = unknown, Q = unknown, B = unknown> {
  readonly id: string;
  readonly url: URL;
  readonly route: { path: string; method: RouteMethod; options: RouteConfigOptions<RouteMethod> };
  readonly headers: Record<string, string | string[] | undefined>;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly events: { aborted$: Observable<void>; completed$: Observable<void> };
}

/** Mirrors src/core/packages/http/server/src/router/response.ts. */
export interface IKibanaResponse<T = unknown> {
  readonly status: number;
  readonly payload?: T;
  readonly options: { headers?: Record<string, string> };
}
/** Mirrors src/core/packages/http/server/src/router/response.ts. */
export interface ResponseError {
  message: string;
  attributes?: Record<string, unknown>;
}
/** Mirrors src/core/packages/http/server/src/router/response.ts. */
export interface ErrorHttpResponseOptions {
  body?: ResponseError | string | Error;
  headers?: Record<string, string>;
}
/** Mirrors src/core/packages/http/server/src/router/response_factory.ts. */
export interface KibanaResponseFactory {
  ok<T>(options?: { body?: T; headers?: Record<string, string> }): IKibanaResponse<T>;
  created<T>(options?: { body?: T; headers?: Record<string, string> }): IKibanaResponse<T>;
  noContent(options?: { headers?: Record<string, string> }): IKibanaResponse;
  badRequest(options?: ErrorHttpResponseOptions): IKibanaResponse;
  unauthorized(options?: ErrorHttpResponseOptions): IKibanaResponse;
  forbidden(options?: ErrorHttpResponseOptions): IKibanaResponse;
  notFound(options?: ErrorHttpResponseOptions): IKibanaResponse;
  conflict(options?: ErrorHttpResponseOptions): IKibanaResponse;
  customError(options: ErrorHttpResponseOptions & { statusCode: number }): IKibanaResponse;
}

/** `{ [K in keyof T]: Awaited<T[K]> }`, as `AwaitedProperties` in @kbn/utility-types. */
type AwaitedProperties<T> = { [K in keyof T]: Awaited<T[K]> };

/**
 * The base of every route handler context: only `resolve`, no `core`. It is the default
 * context of `IRouter` and `createRouter()`; handlers that need `core` ask for
 * `IRouter<RequestHandlerContext>`.
 * Mirrors src/core/packages/http/request-handler-context-server/src/request_handler_context.ts
 */
export interface RequestHandlerContextBase {
  resolve: <T extends keyof Omit<this, 'resolve'>>(
    parts: T[]
  ) => Promise<AwaitedProperties<Pick<this, T>>>;
}

/**
 * Core's part of the context, trimmed to the clients this plugin reads.
 * Mirrors src/core/packages/http/request-handler-context-server/src/request_handler_context.ts
 * (`CoreRequestHandlerContext`; its uiSettings and deprecations parts are left out).
 */
export interface CoreRequestHandlerContext {
  elasticsearch: { client: IScopedClusterClient };
  savedObjects: {
    client: SavedObjectsClientContract;
    /** Mirrors src/core/packages/saved-objects/server/src/request_handler_context.ts: a client that also sees these hidden types. */
    getClient(options?: { includedHiddenTypes?: string[] }): SavedObjectsClientContract;
  };
}

/** Mirrors src/core/packages/http/request-handler-context-server/src/request_handler_context.ts */
export interface RequestHandlerContext extends RequestHandlerContextBase {
  core: Promise<CoreRequestHandlerContext>;
}

/** Mirrors src/core/packages/http/server/src/router/request_handler.ts (ResponseFactory parameter left out). */
export type RequestHandler<
  P = unknown,
  Q = unknown,
  B = unknown,
  Context extends RequestHandlerContextBase = RequestHandlerContextBase,
  _Method extends RouteMethod = any
> = (
  context: Context,
  request: KibanaRequest<P, Q, B>,
  response: KibanaResponseFactory
) => IKibanaResponse | Promise<IKibanaResponse>;

/** Mirrors src/core/packages/http/server/src/router/router.ts */
export type RouteRegistrar<
  Method extends RouteMethod,
  Context extends RequestHandlerContextBase = RequestHandlerContextBase
> = <P, Q, B>(
  route: RouteConfig<P, Q, B, Method>,
  handler: RequestHandler<P, Q, B, Context, Method>
) => void;

/**
 * Mirrors src/core/packages/http/server/src/router/router.ts: the default context is
 * RequestHandlerContextBase, which has no `core`. (`handleLegacyErrors` and `getRoutes` are
 * left out.)
 */
export interface IRouter<Ctx extends RequestHandlerContextBase = RequestHandlerContextBase> {
  readonly routerPath: string;
  get: RouteRegistrar<'get', Ctx>;
  post: RouteRegistrar<'post', Ctx>;
  put: RouteRegistrar<'put', Ctx>;
  patch: RouteRegistrar<'patch', Ctx>;
  delete: RouteRegistrar<'delete', Ctx>;
  versioned: VersionedRouter<Ctx>;
}

// Versioned routes. Mirrors src/core/packages/http/server/src/versioning/types.ts (elastic/kibana
// at 0505073e8a8cf3f803eafc2c6fe6dbe4f1c1fd7b); response validation is kept for documentation
// only (Kibana runs it in dev mode only), `enableQueryVersion` and deprecation info are left out.

/** Mirrors src/core/packages/http/server/src/versioning/types.ts (ApiVersion): a public version is a date (`2023-10-31`), an internal one a whole number (`1`). */
export type ApiVersion = string;

/** Mirrors src/core/packages/http/server/src/versioning/types.ts: `access`, `summary` and `description` sit beside `path`. */
export interface VersionedRouteConfig<M extends RouteMethod> {
  path: string;
  access: 'public' | 'internal';
  /** The default of every version; a version may declare its own authz. */
  security?: RouteSecurity;
  summary?: string;
  description?: string;
  options?: Omit<RouteConfigOptions<M>, 'access' | 'summary' | 'description'>;
}

/** Mirrors src/core/packages/http/server/src/versioning/types.ts, trimmed to what a document of the API reads. */
export interface VersionedRouteResponseValidation {
  [statusCode: number]: { description?: string; bodyContentType?: string };
}

/** Mirrors src/core/packages/http/server/src/versioning/types.ts. */
export interface VersionedRouteValidation<P, Q, B> {
  request?: RouteValidator<P, Q, B>;
  response?: VersionedRouteResponseValidation;
}

/** Mirrors src/core/packages/http/server/src/versioning/types.ts: validation may be given lazily, as a function called once. */
export interface AddVersionOpts<P, Q, B> {
  version: ApiVersion;
  validate: false | VersionedRouteValidation<P, Q, B> | (() => VersionedRouteValidation<P, Q, B>);
  security?: Pick<RouteSecurity, 'authz'>;
}

/** Mirrors src/core/packages/http/server/src/versioning/types.ts. */
export interface VersionedRoute<
  Method extends RouteMethod = RouteMethod,
  Ctx extends RequestHandlerContextBase = RequestHandlerContextBase
> {
  addVersion<P = unknown, Q = unknown, B = unknown>(
    options: AddVersionOpts<P, Q, B>,
    handler: (
      ...params: Parameters<RequestHandler<P, Q, B, Ctx>>
    ) => IKibanaResponse | Promise<IKibanaResponse>
  ): VersionedRoute<Method, Ctx>;
}

/** Mirrors src/core/packages/http/server/src/versioning/types.ts. */
export type VersionedRouteRegistrar<
  Method extends RouteMethod,
  Ctx extends RequestHandlerContextBase = RequestHandlerContextBase
> = (config: VersionedRouteConfig<Method>) => VersionedRoute<Method, Ctx>;

/** Mirrors src/core/packages/http/server/src/versioning/types.ts: what `getRoutes()` lists. */
export interface VersionedRouterRoute<P = unknown, Q = unknown, B = unknown> {
  method: string;
  path: string;
  options: Omit<VersionedRouteConfig<RouteMethod>, 'path'>;
  handlers: Array<{ fn: RequestHandler<P, Q, B>; options: AddVersionOpts<P, Q, B> }>;
  isVersioned: true;
}

/** Mirrors src/core/packages/http/server/src/versioning/types.ts. */
export interface VersionedRouter<
  Ctx extends RequestHandlerContextBase = RequestHandlerContextBase
> {
  get: VersionedRouteRegistrar<'get', Ctx>;
  put: VersionedRouteRegistrar<'put', Ctx>;
  post: VersionedRouteRegistrar<'post', Ctx>;
  patch: VersionedRouteRegistrar<'patch', Ctx>;
  delete: VersionedRouteRegistrar<'delete', Ctx>;
  getRoutes(): VersionedRouterRoute[];
}

// ---------------------------------------------------------------- saved objects
export type SavedObjectsNamespaceType = 'single' | 'multiple' | 'multiple-isolated' | 'agnostic';
/** Mirrors src/core/packages/saved-objects/server/src/mapping_definition.ts. */
export interface SavedObjectsFieldMapping {
  type: string;
  index?: boolean;
  properties?: Record<string, SavedObjectsFieldMapping>;
  fields?: Record<string, SavedObjectsFieldMapping>;
  dynamic?: boolean | 'strict';
}
/** Mirrors src/core/packages/saved-objects/server/src/mapping_definition.ts. */
export interface SavedObjectsTypeMappingDefinition {
  dynamic?: false | 'strict';
  properties: Record<string, SavedObjectsFieldMapping>;
}
/** Mirrors src/core/packages/saved-objects/server/src/saved_objects_type.ts. */
export interface SavedObjectsType<Attributes = any> {
  name: string;
  hidden: boolean;
  hiddenFromHttpApis?: boolean;
  namespaceType: SavedObjectsNamespaceType;
  mappings: SavedObjectsTypeMappingDefinition;
  management?: {
    importableAndExportable?: boolean;
    icon?: string;
    defaultSearchField?: string;
    getTitle?: (savedObject: SavedObject<Attributes>) => string;
    /** Mirrors src/core/packages/saved-objects/server/src/saved_objects_management.ts: applied to this type's objects on export. */
    onExport?: SavedObjectsExportTransform<Attributes>;
    /** Mirrors src/core/packages/saved-objects/server/src/saved_objects_management.ts: called with this type's imported objects. */
    onImport?: SavedObjectsImportHook<Attributes>;
  };
  modelVersions?: Record<string, SavedObjectsModelVersion>;
}

/**
 * Mirrors src/core/packages/saved-objects/server/src/model_version/model_version.ts and
 * schemas.ts (elastic/kibana 55cbab20ad9e7cbdf6628021812e6de0177d74da). The type keeps
 * `schemas` optional as Kibana's deprecated definition does, but Kibana requires both schemas
 * on every model version (SavedObjectsFullModelVersionSchemaDefinitions), and the dev host
 * refuses a type without them.
 */
export interface SavedObjectsModelVersion {
  changes: unknown[];
  schemas?: {
    /** Applied to a document of a newer model version read by this Kibana: drops what it does not know. */
    forwardCompatibility?: ObjectType | ((attributes: unknown) => unknown);
    /** Validates the attributes of a document created at this model version. */
    create?: ObjectType;
  };
}

/** Mirrors src/core/packages/saved-objects/server/src/export.ts. */
export interface SavedObjectsExportTransformContext {
  request: KibanaRequest;
}
/** Mirrors src/core/packages/saved-objects/server/src/export.ts. */
export type SavedObjectsExportTransform<T = unknown> = (
  context: SavedObjectsExportTransformContext,
  objects: Array<SavedObject<T>>
) => SavedObject[] | Promise<SavedObject[]>;
/** Mirrors src/core/packages/saved-objects/common/src/saved_objects_imports.ts. */
export type SavedObjectsImportWarning =
  | { type: 'simple'; message: string }
  | { type: 'action_required'; message: string; actionPath: string; buttonLabel?: string };
/** Mirrors src/core/packages/saved-objects/server/src/import.ts. */
export interface SavedObjectsImportHookResult {
  warnings?: SavedObjectsImportWarning[];
}
/** Mirrors src/core/packages/saved-objects/server/src/import.ts. */
export type SavedObjectsImportHook<T = unknown> = (
  objects: Array<SavedObject<T>>
) => SavedObjectsImportHookResult | Promise<SavedObjectsImportHookResult>;

/** Mirrors src/core/packages/saved-objects/common/src/server_types.ts. */
export interface SavedObject<T = unknown> {
  id: string;
  type: string;
  version?: string;
  updated_at?: string;
  created_at?: string;
  namespaces?: string[];
  attributes: T;
  references: Array<{ name: string; type: string; id: string }>;
  error?: { statusCode: number; error: string; message: string };
}
/** Mirrors src/core/packages/saved-objects/api-server/src/apis/find.ts. */
export interface SavedObjectsFindResponse<T = unknown> {
  saved_objects: Array<SavedObject<T> & { score: number }>;
  total: number;
  per_page: number;
  page: number;
}
/** Mirrors src/core/packages/saved-objects/api-server/src/apis/find.ts. */
export interface SavedObjectsFindOptions {
  type: string | string[];
  page?: number;
  perPage?: number;
  sortField?: string;
  sortOrder?: 'asc' | 'desc';
  search?: string;
  searchFields?: string[];
  namespaces?: string[];
}
/** Mirrors src/core/packages/saved-objects/api-server/src/apis/create.ts. */
export interface SavedObjectsCreateOptions {
  id?: string;
  overwrite?: boolean;
  version?: string;
  refresh?: boolean | 'wait_for';
}
/** Mirrors src/core/packages/saved-objects/api-server/src/apis/update.ts. */
export interface SavedObjectsUpdateOptions {
  version?: string;
  refresh?: boolean | 'wait_for';
  /** false: the attributes replace the stored ones instead of being merged into them. */
  mergeAttributes?: boolean;
}
/** Mirrors src/core/packages/saved-objects/api-server/src/apis/bulk_update.ts. */
export interface SavedObjectsBulkUpdateObject<T = unknown> {
  id: string;
  type: string;
  attributes: Partial<T>;
  version?: string;
  mergeAttributes?: boolean;
}
/** Mirrors src/core/packages/saved-objects/api-server/src/apis/bulk_update.ts. */
export interface SavedObjectsBulkUpdateResponse<T = unknown> {
  saved_objects: Array<SavedObjectsUpdateResponse<T>>;
}
/** Mirrors src/core/packages/saved-objects/api-server/src/apis/bulk_delete.ts. */
export interface SavedObjectsBulkDeleteObject {
  type: string;
  id: string;
}
/** Mirrors src/core/packages/saved-objects/api-server/src/apis/bulk_delete.ts. */
export interface SavedObjectsBulkDeleteStatus {
  id: string;
  type: string;
  success: boolean;
  error?: { statusCode: number; error: string; message: string };
}
/** Mirrors src/core/packages/saved-objects/api-server/src/apis/bulk_delete.ts. */
export interface SavedObjectsBulkDeleteResponse {
  statuses: SavedObjectsBulkDeleteStatus[];
}
export interface SavedObjectsUpdateResponse<T = unknown>
  extends Omit<SavedObject<T>, 'attributes'> {
  attributes: Partial<T>;
}
/** Mirrors src/core/packages/saved-objects/api-server/src/saved_objects_client.ts. */
export interface SavedObjectsClientContract {
  create<T = unknown>(
    type: string,
    attributes: T,
    options?: SavedObjectsCreateOptions
  ): Promise<SavedObject<T>>;
  get<T = unknown>(type: string, id: string): Promise<SavedObject<T>>;
  find<T = unknown>(options: SavedObjectsFindOptions): Promise<SavedObjectsFindResponse<T>>;
  update<T = unknown>(
    type: string,
    id: string,
    attributes: Partial<T>,
    options?: SavedObjectsUpdateOptions
  ): Promise<SavedObjectsUpdateResponse<T>>;
  delete(type: string, id: string, options?: { refresh?: boolean | 'wait_for' }): Promise<{}>;
  bulkUpdate<T = unknown>(
    objects: Array<SavedObjectsBulkUpdateObject<T>>,
    options?: { refresh?: boolean | 'wait_for' }
  ): Promise<SavedObjectsBulkUpdateResponse<T>>;
  bulkDelete(
    objects: SavedObjectsBulkDeleteObject[],
    options?: { refresh?: boolean | 'wait_for'; force?: boolean }
  ): Promise<SavedObjectsBulkDeleteResponse>;
}
/** Mirrors src/core/packages/saved-objects/api-server/src/saved_objects_repository.ts. */
export type ISavedObjectsRepository = SavedObjectsClientContract;

/**
 * Mirrors src/core/packages/saved-objects/server/src/saved_objects_error_helpers.ts: errors are
 * Boom-shaped (`isBoom`, `output.statusCode`, `output.payload`) and carry a code under a
 * module-private symbol set by `decorate()`. The `is*Error` checks test that code, never the
 * status, so an arbitrary error with a 404 status is not a "not found" error. Only the helpers
 * this plugin and the dev host use are declared.
 */
const errorCode = Symbol('SavedObjectsClientErrorCode');
const CODE_BAD_REQUEST = 'SavedObjectsClient/badRequest';
const CODE_NOT_FOUND = 'SavedObjectsClient/notFound';
const CODE_CONFLICT = 'SavedObjectsClient/conflict';
const CODE_GENERAL_ERROR = 'SavedObjectsClient/generalError';

export interface DecoratedError extends Error {
  readonly isBoom: true;
  readonly output: {
    statusCode: number;
    payload: { statusCode: number; error: string; message: string };
  };
  [errorCode]?: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
};

function decorate(
  error: Error | DecoratedError,
  code: string,
  statusCode: number,
  reason?: string
): DecoratedError {
  if (SavedObjectsErrorHelpers.isSavedObjectsClientError(error)) return error;
  const decorated = error as Error & {
    isBoom?: boolean;
    output?: DecoratedError['output'];
    [errorCode]?: string;
  };
  if (reason !== undefined)
    decorated.message = decorated.message === '' ? reason : `${reason}: ${decorated.message}`;
  if (decorated.isBoom !== true) {
    decorated.isBoom = true;
    // Boom hides the text of a 500 from the client.
    const message = statusCode >= 500 ? 'An internal server error occurred' : decorated.message;
    decorated.output = {
      statusCode,
      payload: { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message },
    };
  }
  decorated[errorCode] = code;
  return decorated as DecoratedError;
}

/** Mirrors src/core/packages/saved-objects/server/src/saved_objects_error_helpers.ts. */
export class SavedObjectsErrorHelpers {
  static isSavedObjectsClientError(error: unknown): error is DecoratedError {
    return (
      typeof error === 'object' &&
      error !== null &&
      typeof (error as DecoratedError)[errorCode] === 'string'
    );
  }
  static decorateBadRequestError(error: Error, reason?: string): DecoratedError {
    return decorate(error, CODE_BAD_REQUEST, 400, reason);
  }
  static createBadRequestError(reason?: string): DecoratedError {
    return decorate(new Error('Bad Request'), CODE_BAD_REQUEST, 400, reason);
  }
  static createUnsupportedTypeError(type: string): DecoratedError {
    return decorate(
      new Error('Bad Request'),
      CODE_BAD_REQUEST,
      400,
      `Unsupported saved object type: '${type}'`
    );
  }
  static isBadRequestError(error: Error | DecoratedError): boolean {
    return (
      SavedObjectsErrorHelpers.isSavedObjectsClientError(error) &&
      error[errorCode] === CODE_BAD_REQUEST
    );
  }
  static createGenericNotFoundError(
    type: string | null = null,
    id: string | null = null
  ): DecoratedError {
    const message =
      type !== null && id !== null ? `Saved object [${type}/${id}] not found` : 'Not Found';
    return decorate(new Error(message), CODE_NOT_FOUND, 404);
  }
  static isNotFoundError(error: Error | DecoratedError): boolean {
    return (
      SavedObjectsErrorHelpers.isSavedObjectsClientError(error) &&
      error[errorCode] === CODE_NOT_FOUND
    );
  }
  static decorateConflictError(error: Error, reason?: string): DecoratedError {
    return decorate(error, CODE_CONFLICT, 409, reason);
  }
  static createConflictError(type: string, id: string, reason?: string): DecoratedError {
    return decorate(new Error(`Saved object [${type}/${id}] conflict`), CODE_CONFLICT, 409, reason);
  }
  static isConflictError(error: Error | DecoratedError): boolean {
    return (
      SavedObjectsErrorHelpers.isSavedObjectsClientError(error) &&
      error[errorCode] === CODE_CONFLICT
    );
  }
  static decorateGeneralError(error: Error, reason?: string): DecoratedError {
    return decorate(error, CODE_GENERAL_ERROR, 500, reason);
  }
  static isGeneralError(error: Error | DecoratedError): boolean {
    return (
      SavedObjectsErrorHelpers.isSavedObjectsClientError(error) &&
      error[errorCode] === CODE_GENERAL_ERROR
    );
  }
}

/** Mirrors src/core/packages/http/server/src/http_contract.ts. */
// ---------------------------------------------------------------- core setup and start
export interface HttpServiceSetup {
  /** Mirrors src/core/packages/http/server/src/http_contract.ts: `createRouter<Context extends RequestHandlerContextBase = RequestHandlerContextBase>()`. */
  createRouter<Ctx extends RequestHandlerContextBase = RequestHandlerContextBase>(): IRouter<Ctx>;
  /**
   * Mirrors `IBasePath` in src/core/packages/http/server/src/base_path.ts (elastic/kibana
   * 49e5220c35bd6471eee73d3f54e829959c7ab38e), the two read-only values: publicBaseUrl is
   * kibana.yml's server.publicBaseUrl (with the base path), undefined when it is not set.
   */
  basePath: { readonly serverBasePath: string; readonly publicBaseUrl?: string };
}
/** Mirrors src/core/packages/saved-objects/server/src/contracts.ts. */
export interface SavedObjectsServiceSetup {
  registerType<Attributes = unknown>(type: SavedObjectsType<Attributes>): void;
}
/** Mirrors src/core/packages/saved-objects/server/src/contracts.ts. */
export interface SavedObjectsServiceStart {
  getScopedClient(
    request: KibanaRequest,
    options?: { includedHiddenTypes?: string[] }
  ): SavedObjectsClientContract;
  createInternalRepository(includedHiddenTypes?: string[]): ISavedObjectsRepository;
}
/** Mirrors src/core/packages/lifecycle/server/src/core_setup.ts. */
export interface CoreSetup<TPluginsStart extends object = object, TStart = unknown> {
  http: HttpServiceSetup;
  savedObjects: SavedObjectsServiceSetup;
  getStartServices(): Promise<[CoreStart, TPluginsStart, TStart]>;
}
/** Mirrors src/core/packages/lifecycle/server/src/core_start.ts. */
export interface CoreStart {
  elasticsearch: ElasticsearchServiceStart;
  savedObjects: SavedObjectsServiceStart;
}

// ---------------------------------------------------------------- app categories (runtime values)
export interface AppCategory {
  id: string;
  label: string;
  euiIconType?: string;
  order?: number;
}
/**
 * Mirrors src/core/packages/application/common/src/default_app_categories.ts (at
 * 0fd28cf74c3475d7d1f2bfaf0e0bf720c8db5f28): typed as a record
 * of every category, labels in English (Kibana translates them).
 */
export const DEFAULT_APP_CATEGORIES: Record<string, AppCategory> = Object.freeze({
  kibana: { id: 'kibana', label: 'Analytics', euiIconType: 'logoKibana', order: 1000 },
  enterpriseSearch: {
    id: 'enterpriseSearch',
    label: 'Elasticsearch',
    order: 2000,
    euiIconType: 'logoElasticsearch',
  },
  observability: {
    id: 'observability',
    label: 'Observability',
    euiIconType: 'logoObservability',
    order: 3000,
  },
  security: { id: 'securitySolution', label: 'Security', order: 4000, euiIconType: 'logoSecurity' },
  management: { id: 'management', label: 'Management', euiIconType: 'managementApp', order: 5000 },
});
