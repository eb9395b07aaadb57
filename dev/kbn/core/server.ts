/**
 * The slice of `@kbn/core/server` (Kibana 9.x) this plugin uses. Shapes follow
 * src/core/packages/{plugins,http,saved-objects,elasticsearch,logging}/server.
 */
import type { Client } from '@elastic/elasticsearch';
import type { Observable } from 'rxjs';

export type MaybePromise<T> = T | Promise<T>;

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
export interface LoggerFactory {
  get(...contextParts: string[]): Logger;
}

// ---------------------------------------------------------------- plugin
export interface PluginInitializerContext<ConfigSchema = unknown> {
  opaqueId: symbol;
  env: { mode: { dev: boolean; prod: boolean }; packageInfo: { version: string }; instanceUuid: string };
  logger: LoggerFactory;
  config: { get<T = ConfigSchema>(): T; create<T = ConfigSchema>(): Observable<T> };
}

export interface Plugin<TSetup = void, TStart = void, TPluginsSetup extends object = object, TPluginsStart extends object = object> {
  setup(core: CoreSetup<TPluginsStart, TStart>, plugins: TPluginsSetup): TSetup;
  start(core: CoreStart, plugins: TPluginsStart): TStart;
  stop?(): MaybePromise<void>;
}

export type PluginInitializer<TSetup, TStart, TPluginsSetup extends object = object, TPluginsStart extends object = object> = (
  core: PluginInitializerContext
) => Promise<Plugin<TSetup, TStart, TPluginsSetup, TPluginsStart>>;

// ---------------------------------------------------------------- elasticsearch
export type ElasticsearchClient = Omit<Client, 'connectionPool' | 'serializer' | 'extend' | 'close' | 'diagnostic' | 'child'>;
export interface IScopedClusterClient {
  readonly asInternalUser: ElasticsearchClient;
  readonly asCurrentUser: ElasticsearchClient;
}
export interface IClusterClient {
  readonly asInternalUser: ElasticsearchClient;
  asScoped(request: KibanaRequest): IScopedClusterClient;
}

// ---------------------------------------------------------------- http
export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteValidationResultFactory {
  ok<T>(value: T): { value: T };
  badRequest(error: Error | string, path?: string[]): { error: RouteValidationError };
}
export class RouteValidationError extends Error {
  constructor(error: Error | string, public readonly path: string[] = []) {
    super(typeof error === 'string' ? error : error.message);
  }
}
export type RouteValidationFunction<T> = (
  data: any,
  validationResult: RouteValidationResultFactory
) => { value: T; error?: never } | { value?: never; error: RouteValidationError };

export interface RouteValidator<P, Q, B> {
  params?: RouteValidationFunction<P>;
  query?: RouteValidationFunction<Q>;
  body?: RouteValidationFunction<B>;
}

export type PrivilegeSet = { allRequired?: string[]; anyRequired?: string[] };
export interface RouteSecurity {
  authz: { requiredPrivileges: Array<string | PrivilegeSet> } | { enabled: false; reason: string };
}

export interface RouteConfigOptions<M extends RouteMethod> {
  access?: 'public' | 'internal';
  xsrfRequired?: M extends 'get' ? never : boolean;
  tags?: readonly string[];
  summary?: string;
  description?: string;
  body?: { maxBytes?: number };
  timeout?: { payload?: number; idleSocket?: number };
}

export interface RouteConfig<P, Q, B, M extends RouteMethod> {
  path: string;
  validate: RouteValidator<P, Q, B> | false;
  security: RouteSecurity;
  options?: RouteConfigOptions<M>;
}

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

export interface IKibanaResponse<T = unknown> {
  readonly status: number;
  readonly payload?: T;
  readonly options: { headers?: Record<string, string> };
}
export interface ResponseError {
  message: string;
  attributes?: Record<string, unknown>;
}
export interface ErrorHttpResponseOptions {
  body?: ResponseError | string | Error;
  headers?: Record<string, string>;
}
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

export interface RequestHandlerContext {
  core: Promise<{
    elasticsearch: { client: IScopedClusterClient };
    savedObjects: { client: SavedObjectsClientContract };
  }>;
}

export type RequestHandler<P, Q, B, Ctx extends RequestHandlerContext = RequestHandlerContext> = (
  context: Ctx,
  request: KibanaRequest<P, Q, B>,
  response: KibanaResponseFactory
) => IKibanaResponse | Promise<IKibanaResponse>;

type RouteRegistrar<M extends RouteMethod, Ctx extends RequestHandlerContext> = <P, Q, B>(
  route: RouteConfig<P, Q, B, M>,
  handler: RequestHandler<P, Q, B, Ctx>
) => void;

export interface IRouter<Ctx extends RequestHandlerContext = RequestHandlerContext> {
  readonly routerPath: string;
  get: RouteRegistrar<'get', Ctx>;
  post: RouteRegistrar<'post', Ctx>;
  put: RouteRegistrar<'put', Ctx>;
  patch: RouteRegistrar<'patch', Ctx>;
  delete: RouteRegistrar<'delete', Ctx>;
}

// ---------------------------------------------------------------- saved objects
export type SavedObjectsNamespaceType = 'single' | 'multiple' | 'multiple-isolated' | 'agnostic';
export interface SavedObjectsFieldMapping {
  type: string;
  index?: boolean;
  properties?: Record<string, SavedObjectsFieldMapping>;
  fields?: Record<string, SavedObjectsFieldMapping>;
  dynamic?: boolean | 'strict';
}
export interface SavedObjectsTypeMappingDefinition {
  dynamic?: false | 'strict';
  properties: Record<string, SavedObjectsFieldMapping>;
}
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
  };
  modelVersions?: Record<string, { changes: unknown[]; schemas?: { forwardCompatibility?: unknown; create?: unknown } }>;
}

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
export interface SavedObjectsFindResponse<T = unknown> {
  saved_objects: Array<SavedObject<T> & { score: number }>;
  total: number;
  per_page: number;
  page: number;
}
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
export interface SavedObjectsCreateOptions {
  id?: string;
  overwrite?: boolean;
  version?: string;
  refresh?: boolean | 'wait_for';
}
export interface SavedObjectsUpdateOptions {
  version?: string;
  refresh?: boolean | 'wait_for';
}
export interface SavedObjectsUpdateResponse<T = unknown> extends Omit<SavedObject<T>, 'attributes'> {
  attributes: Partial<T>;
}
export interface SavedObjectsClientContract {
  create<T = unknown>(type: string, attributes: T, options?: SavedObjectsCreateOptions): Promise<SavedObject<T>>;
  get<T = unknown>(type: string, id: string): Promise<SavedObject<T>>;
  find<T = unknown>(options: SavedObjectsFindOptions): Promise<SavedObjectsFindResponse<T>>;
  update<T = unknown>(type: string, id: string, attributes: Partial<T>, options?: SavedObjectsUpdateOptions): Promise<SavedObjectsUpdateResponse<T>>;
  delete(type: string, id: string, options?: { refresh?: boolean | 'wait_for' }): Promise<{}>;
}
export type ISavedObjectsRepository = SavedObjectsClientContract;

/** Errors thrown by saved objects clients carry an HTTP status, as Kibana's Boom errors do. */
export const SavedObjectsErrorHelpers = {
  isNotFoundError(error: unknown): boolean {
    return statusOf(error) === 404;
  },
  isConflictError(error: unknown): boolean {
    return statusOf(error) === 409;
  },
};
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const output = (error as { output?: { statusCode?: number } }).output;
  return output?.statusCode ?? (error as { statusCode?: number }).statusCode;
}

// ---------------------------------------------------------------- core setup and start
export interface HttpServiceSetup {
  createRouter<Ctx extends RequestHandlerContext = RequestHandlerContext>(): IRouter<Ctx>;
  basePath: { serverBasePath: string };
}
export interface SavedObjectsServiceSetup {
  registerType<Attributes = unknown>(type: SavedObjectsType<Attributes>): void;
}
export interface SavedObjectsServiceStart {
  getScopedClient(request: KibanaRequest, options?: { includedHiddenTypes?: string[] }): SavedObjectsClientContract;
  createInternalRepository(includedHiddenTypes?: string[]): ISavedObjectsRepository;
}
export interface CoreSetup<TPluginsStart extends object = object, TStart = unknown> {
  http: HttpServiceSetup;
  savedObjects: SavedObjectsServiceSetup;
  getStartServices(): Promise<[CoreStart, TPluginsStart, TStart]>;
}
export interface CoreStart {
  elasticsearch: { client: IClusterClient };
  savedObjects: SavedObjectsServiceStart;
}

// ---------------------------------------------------------------- app categories (runtime values)
export interface AppCategory {
  id: string;
  label: string;
  euiIconType?: string;
  order?: number;
}
export const DEFAULT_APP_CATEGORIES = Object.freeze({
  kibana: { id: 'kibana', label: 'Analytics', euiIconType: 'logoKibana', order: 1000 },
  observability: { id: 'observability', label: 'Observability', euiIconType: 'logoObservability', order: 3000 },
  management: { id: 'management', label: 'Management', euiIconType: 'managementApp', order: 5000 },
} satisfies Record<string, AppCategory>);
