import Hapi from '@hapi/hapi';
import { Client } from '@elastic/elasticsearch';
import type {
  CoreSetup,
  CoreStart,
  KibanaRequest,
  Plugin,
  PluginInitializerContext,
  RequestHandlerContext,
  SavedObjectsType,
} from '@kbn/core/server';
import { randomUUID } from 'node:crypto';
import { BehaviorSubject } from 'rxjs';
import { FeaturesRegistry } from './features_registry';
import { validateSavedObjectType } from './saved_objects/type_registration';
import {
  DEFAULT_HTTP_SETTINGS,
  KibanaRouter,
  type HttpSettings,
  type RequestScope,
} from './http/router';
import { createRequestHandlerContext } from './http/request_context';
import { errorBody } from './http/response_factory';
import { authenticate, findUser, type DevUser } from './http/users';
import { ElasticsearchClients } from './elasticsearch_clients';
import { DEV_WRITER } from '../es/security';
import { createLoggerFactory } from './logger';
import { OpsMetricsCollector } from './ops_metrics';
import { SavedObjectsRepository } from './saved_objects/repository';
import { createEncryptedSavedObjectsPlugin } from './encrypted_saved_objects/plugin';
import { EncryptionService } from './encrypted_saved_objects/encryption_service';
import { DevSpaces } from './spaces/spaces';
import { TaskManager, type TaskRunStart } from './task_manager/task_manager';
import { TaskStore } from './task_manager/task_store';
import { PINNED_KIBANA_RELEASE } from '../build/supported_releases';
import { loadPluginFromSources, loadPluginFromZip } from './plugin_source';
import { buildUi, type UiBundle } from './ui/build_ui';
import { AlertingPlatform } from './alerting/alerting_platform';
import {
  DEFAULT_INVALIDATE_API_KEYS_TASK,
  type InvalidateApiKeysTaskConfig,
} from './alerting/api_key_invalidation';
import { registerAlertingRoutes } from './alerting/alerting_routes';
import { createRuleApiKeys } from './alerting/rule_api_keys';
import { ruleEncryptedAttributes } from './alerting/rule_saved_object';
import { registerSavedObjectsExportRoute } from './saved_objects/export_route';
import { registerSavedObjectsImportRoute } from './saved_objects/import_route';
import { renderPage } from './ui/page';
import { checkPublicBaseUrl } from './http/public_base_url';

export interface HostOptions {
  readonly port: number;
  readonly esUrl: string;
  /** Names this node in logs and task ownership. */
  readonly name: string;
  /** Prefix of the host's own indices (saved objects, tasks); hosts sharing it form one "cluster". */
  readonly indexPrefix: string;
  readonly ui: boolean;
  readonly defaultUser: string;
  readonly taskPollIntervalMs: number;
  readonly logLevel: 'debug' | 'info' | 'warn';
  /** The plugin's section of kibana.yml (`go_runtime`), validated by the plugin's schema. */
  readonly pluginConfig: Record<string, unknown>;
  /** kibana.yml's xpack.encryptedSavedObjects.encryptionKey (at least 32 characters); without it nothing can be encrypted. */
  readonly encryptionKey?: string;
  /** Run the plugin from this built zip (`npm run build`) instead of the checkout's sources. */
  readonly pluginZip?: string;
  /** Elasticsearch runs with security (dev/es/security.ts): authenticate as Kibana and as each user. */
  readonly esSecurity?: boolean;
  /** kibana.yml's `xpack.alerting.invalidateApiKeysTask` (Kibana's defaults: 5m, 1h). */
  readonly invalidateApiKeysTask?: InvalidateApiKeysTaskConfig;
  /** kibana.yml's `server.restrictInternalApis` and `server.versioned.versionResolution`. */
  readonly http?: Partial<HttpSettings>;
  /** kibana.yml's server.publicBaseUrl: core's http.basePath.publicBaseUrl, undefined when unset. */
  readonly publicBaseUrl?: string;
}

export const DEFAULT_HOST_OPTIONS: HostOptions = {
  port: 5601,
  esUrl: 'http://127.0.0.1:9200',
  name: 'kibana-dev',
  indexPrefix: '.kibana_go_runtime',
  ui: true,
  defaultUser: 'elastic',
  taskPollIntervalMs: 500,
  logLevel: 'info',
  pluginConfig: {},
};

interface ServerPluginModule {
  plugin(context: PluginInitializerContext): Promise<Plugin<unknown, unknown, object, object>>;
  config?: { schema: { validate(value: unknown): unknown } };
}

/** A Kibana-compatible host for the plugin: real HTTP, real Elasticsearch, real tasks. */
export class DevHost {
  private server: Hapi.Server | undefined;
  private taskManager: TaskManager | undefined;
  private pluginInstance: Plugin<unknown, unknown, object, object> | undefined;
  private opsMetrics: OpsMetricsCollector | undefined;
  private readonly loggerFactory;
  private readonly logger;
  readonly client: Client;
  private readonly clients: ElasticsearchClients;

  constructor(public readonly options: HostOptions) {
    this.loggerFactory = createLoggerFactory(options.name, options.logLevel);
    this.logger = this.loggerFactory.get('host');
    this.clients = new ElasticsearchClients(options.esUrl, options.esSecurity === true);
    this.client = this.clients.internal;
    if (options.publicBaseUrl !== undefined) checkPublicBaseUrl(options.publicBaseUrl);
  }

  /** Task Manager's run starts (see TaskManager.onRunStart), for benchmarks of its lateness. */
  onTaskRunStart(listener: (event: TaskRunStart) => void): () => void {
    if (this.taskManager === undefined) throw new Error('the host has not started');
    return this.taskManager.onRunStart(listener);
  }

  public get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  async start(): Promise<void> {
    const { options } = this;
    await waitForElasticsearch(this.client, 120_000);
    const loaded =
      options.pluginZip === undefined
        ? await loadPluginFromSources()
        : await loadPluginFromZip(options.pluginZip);
    this.logger.info(`plugin ${loaded.id} from ${loaded.from}`);
    const uiBuild = options.ui ? buildUi(loaded) : undefined;

    const features = new FeaturesRegistry();
    const savedObjectTypes = new Map<string, SavedObjectsType>();
    const routers: KibanaRouter[] = [];
    const taskStore = new TaskStore(this.client, `${options.indexPrefix}_task_manager`);
    const taskManager = new TaskManager(taskStore, {
      ownerId: `${options.name}:${randomUUID()}`,
      pollIntervalMs: options.taskPollIntervalMs,
      capacity: 10,
      logger: this.loggerFactory.get('taskManager'),
    });
    this.taskManager = taskManager;
    const savedObjectsIndex = `${options.indexPrefix}_saved_objects`;
    // Assigned once the plugin registered its types; the closures above read it after that.
    // eslint-disable-next-line prefer-const
    let repository: SavedObjectsRepository | undefined;
    // A key too short stops the start, as Kibana's config schema does.
    const encryption = new EncryptionService(options.encryptionKey);
    if (!encryption.canEncrypt) {
      this.logger.warn(
        'Saved objects encryption key is not set (xpack.encryptedSavedObjects.encryptionKey); saved objects with secrets cannot be written'
      );
    }
    const spaces = new DevSpaces();
    const encryptedSavedObjects = createEncryptedSavedObjectsPlugin(encryption, () =>
      repository!.withoutStripping()
    );
    const alerting = new AlertingPlatform(
      {
        client: this.client,
        logger: this.loggerFactory.get('plugins', 'alerting'),
        kibanaVersion: PINNED_KIBANA_RELEASE,
        publicBaseUrl: this.url,
        encryptionKey: options.encryptionKey,
        savedObjects: (spaceId) => repository!.forSpace(spaceId),
        encryptedSavedObjects: encryptedSavedObjects.start.getClient(),
        invalidateApiKeysTask: options.invalidateApiKeysTask ?? DEFAULT_INVALIDATE_API_KEYS_TASK,
        ...(options.esSecurity === true
          ? {
              apiKeys: createRuleApiKeys({
                internal: this.client,
                passwordOf: (username) => findUser(username).password,
                asAuthorization: (header) => this.clients.asAuthorization(header),
              }),
            }
          : {}),
      },
      taskManager.setup
    );
    encryption.registerType(ruleEncryptedAttributes);
    for (const type of alerting.savedObjectTypes) savedObjectTypes.set(type.name, type);
    alerting.registerFeatures(features.setup);

    let resolveStart!: (value: [CoreStart, object, unknown]) => void;
    const startServices = new Promise<[CoreStart, object, unknown]>(
      (resolve) => (resolveStart = resolve)
    );

    const module = loaded.serverModule as ServerPluginModule;
    // As Kibana does: an invalid plugin config stops the start with the schema's message.
    // The dev deployment's kibana.yml: with security on, the plugin writes its documents as the
    // dev cluster's writer user, since Kibana's own identity may not (dev/es/security.ts).
    const configured =
      options.esSecurity === true && !('writer' in options.pluginConfig)
        ? { ...options.pluginConfig, writer: { ...DEV_WRITER } }
        : options.pluginConfig;
    const pluginConfig =
      module.config === undefined ? {} : module.config.schema.validate(configured);
    const context: PluginInitializerContext = {
      opaqueId: Symbol('goRuntime'),
      env: {
        mode: { dev: true, prod: false },
        packageInfo: { version: PINNED_KIBANA_RELEASE },
        instanceUuid: randomUUID(),
      },
      logger: { get: (...parts) => this.loggerFactory.get('plugins', 'goRuntime', ...parts) },
      config: {
        get: () => pluginConfig as never,
        create: () => new BehaviorSubject(pluginConfig) as never,
      },
    };

    const routerHost = {
      logger: this.loggerFactory.get('http'),
      http: { ...DEFAULT_HTTP_SETTINGS, ...options.http },
      authenticate: (request: Hapi.Request): RequestScope | string => {
        const result = authenticate(
          request.headers.authorization as string | undefined,
          findUser(options.defaultUser)
        );
        return result.ok
          ? { grants: features.grantsFor(result.user.role), username: result.user.username }
          : result.message;
      },
      createContext: (request: KibanaRequest, scope: RequestScope): RequestHandlerContext =>
        createRequestHandlerContext(() => ({
          elasticsearch: {
            client: {
              asCurrentUser: this.clients.asUser(findUser(scope.username)),
              asInternalUser: this.client,
            },
          },
          // Scoped to the request's space, as Kibana's spaces extension scopes the client.
          savedObjects: {
            client: repository!.forSpace(
              spaces.contracts().start.spacesService.getSpaceId(request)
            ),
            // The dev repository does not hide hidden types, so the client with them is the same.
            getClient: () =>
              repository!.forSpace(spaces.contracts().start.spacesService.getSpaceId(request)),
          },
        })),
      bindRequest: (raw: Hapi.Request, request: KibanaRequest) =>
        spaces.bind(request, spaces.spaceOfHapi(raw)),
    };

    const coreSetup: CoreSetup<object, unknown> = {
      http: {
        createRouter: () => {
          const router = new KibanaRouter('', routerHost);
          routers.push(router);
          return router as never;
        },
        basePath: {
          serverBasePath: '',
          ...(options.publicBaseUrl === undefined ? {} : { publicBaseUrl: options.publicBaseUrl }),
        },
      },
      savedObjects: {
        registerType: (type) => {
          if (savedObjectTypes.has(type.name))
            throw new Error(`saved object type [${type.name}] is already registered`);
          validateSavedObjectType(type as SavedObjectsType);
          savedObjectTypes.set(type.name, type as SavedObjectsType);
        },
      },
      getStartServices: () => startServices,
    };

    const plugin = await module.plugin(context);
    this.pluginInstance = plugin;
    plugin.setup(coreSetup, {
      taskManager: taskManager.setup,
      features: features.setup,
      alerting: alerting.setup,
      encryptedSavedObjects: encryptedSavedObjects.setup,
      spaces: spaces.contracts().setup,
    });
    features.lock();
    const alertingRouter = new KibanaRouter('', {
      ...routerHost,
      createContext: (request, scope) =>
        Object.assign(
          routerHost.createContext(request, scope),
          alerting.requestContext(
            scope.grants,
            scope.username,
            spaces.contracts().start.spacesService.getSpaceId(request)
          )
        ),
    });
    registerAlertingRoutes(alertingRouter);
    routers.push(alertingRouter);
    // Core's own routes, as Kibana registers them beside the plugins'.
    const coreRouter = new KibanaRouter('', routerHost);
    registerSavedObjectsExportRoute(coreRouter as never, () => savedObjectTypes);
    registerSavedObjectsImportRoute(
      coreRouter as never,
      () => savedObjectTypes,
      async (requestContext) =>
        (await requestContext.core).savedObjects.client as SavedObjectsRepository
    );
    routers.push(coreRouter);

    await ensureIndex(
      this.client,
      savedObjectsIndex,
      SavedObjectsRepository.mappings(savedObjectTypes.values())
    );
    repository = new SavedObjectsRepository(this.client, savedObjectsIndex, savedObjectTypes, {
      service: encryption,
      strip: true,
    });

    const coreStart: CoreStart = {
      elasticsearch: {
        client: {
          asInternalUser: this.client,
          // A route's request runs as its dev user; a plugin's FakeRequest (no route) as
          // whatever its headers authenticate, which Kibana forwards to Elasticsearch as is.
          asScoped: (request) => ({
            asInternalUser: this.client,
            asCurrentUser:
              'route' in request
                ? this.clients.asUser(this.userOf(request.headers.authorization))
                : this.clients.asAuthorization(request.headers.authorization),
          }),
        },
      },
      savedObjects: {
        getScopedClient: () => repository!,
        createInternalRepository: () => repository!,
      },
    };
    await taskStore.ensureIndex();
    await alerting.begin(taskManager.start);
    const startDeps = {
      taskManager: taskManager.start,
      alerting: alerting.start,
      encryptedSavedObjects: encryptedSavedObjects.start,
      spaces: spaces.contracts().start,
    };
    const pluginStart = plugin.start(coreStart, startDeps);
    resolveStart([coreStart, startDeps, pluginStart]);

    const server = Hapi.server({
      port: options.port,
      host: '127.0.0.1',
      routes: { response: { emptyStatusCode: 204 } },
    });
    this.server = server;
    spaces.mount(server);
    for (const router of routers) router.mount(server);
    const ui: UiBundle | undefined = await uiBuild;
    if (ui !== undefined) this.logger.info(`browser bundle built in ${Math.round(ui.buildMs)} ms`);
    this.opsMetrics = new OpsMetricsCollector();
    mountShell(server, ui, [loaded.id], features, options.defaultUser, this.opsMetrics, spaces);
    await server.start();
    await taskManager.begin();
    this.logger.info(`listening on ${this.url}`);
  }

  async stop(): Promise<void> {
    await this.server?.stop({ timeout: 2_000 });
    this.opsMetrics?.stop();
    // Kibana stops plugins in reverse dependency order: ours before Task Manager, whose stop
    // then waits for the runs our stop has just ended.
    await this.pluginInstance?.stop?.();
    await this.taskManager?.stop();
    await this.clients.close();
  }

  /** The dev user a request's Authorization header names, or the default user. */
  private userOf(authorization: string | string[] | undefined): DevUser {
    const result = authenticate(
      typeof authorization === 'string' ? authorization : undefined,
      findUser(this.options.defaultUser)
    );
    if (!result.ok) throw new Error(result.message);
    return result.user;
  }
}

function mountShell(
  server: Hapi.Server,
  ui: UiBundle | undefined,
  pluginIds: readonly string[],
  features: FeaturesRegistry,
  defaultUser: string,
  ops: OpsMetricsCollector,
  spaces: DevSpaces
) {
  // `metrics` as Kibana's status API has it (process ops metrics: event loop delay, memory).
  server.route({
    method: 'GET',
    path: '/api/status',
    handler: () => ({ status: { overall: { level: 'available' } }, metrics: ops.latest() }),
  });
  server.route({
    method: 'GET',
    path: '/',
    handler: (_request, h) => h.redirect('/app/goRuntime'),
  });
  server.route({
    method: 'GET',
    path: '/app/{path*}',
    handler: (request, h) => {
      if (ui === undefined)
        return h
          .response(errorBody(404, 'This host runs without the browser UI (--no-ui).'))
          .code(404);
      const auth = authenticate(
        request.headers.authorization as string | undefined,
        findUser(defaultUser)
      );
      if (!auth.ok)
        return h
          .response(errorBody(401, auth.message))
          .code(401)
          .header('www-authenticate', 'Basic realm="kibana"');
      const grants = features.grantsFor(auth.user.role);
      const page = renderPage(
        {
          basePath: DevSpaces.basePath(spaces.spaceOfHapi(request)),
          version: PINNED_KIBANA_RELEASE,
          username: auth.user.username,
          capabilities: grants.capabilities,
        },
        pluginIds
      );
      return h.response(page).type('text/html');
    },
  });
  server.route({
    method: 'GET',
    path: '/bundles/{file*}',
    handler: (request, h) => {
      const file = ui?.files.get(request.params.file as string);
      if (file === undefined) return h.response(errorBody(404, 'Not Found')).code(404);
      return h
        .response(Buffer.from(file.contents))
        .type(file.contentType)
        .header('cache-control', 'no-cache');
    },
  });
}

async function ensureIndex(client: Client, index: string, mappings: object): Promise<void> {
  const exists = await client.indices.exists({ index });
  if (exists) {
    await client.indices.putMapping({ index, ...(mappings as object) } as never);
    return;
  }
  try {
    await client.indices.create({
      index,
      settings: { number_of_shards: 1, auto_expand_replicas: '0-1' },
      mappings: mappings as never,
    });
  } catch (error) {
    if (!String((error as Error).message).includes('resource_already_exists_exception'))
      throw error;
  }
}

async function waitForElasticsearch(client: Client, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      await client.cluster.health({ wait_for_status: 'yellow', timeout: '5s' });
      return;
    } catch (error) {
      lastError = (error as Error).message;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  throw new Error(`Elasticsearch did not become available within ${timeoutMs} ms: ${lastError}`);
}
