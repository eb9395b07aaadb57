import type {
  CoreSetup,
  CoreStart,
  KibanaRequest,
  Logger,
  Plugin,
  PluginInitializerContext,
  RequestHandlerContext,
} from '@kbn/core/server';
import type { AlertingServerSetup } from '@kbn/alerting-plugin/server';
import type { FeaturesPluginSetup } from '@kbn/features-plugin/server';
import type {
  TaskManagerSetupContract,
  TaskManagerStartContract,
} from '@kbn/task-manager-plugin/server';
import { POLL_TASK_TYPE, TARGET_SAVED_OBJECT_TYPE, DEFAULT_SPACE_ID } from '../common/constants';
import { CollectionStateStore } from './collection_state/collection_state_store';
import { checkConfig, MAX_PARTITIONS, type GoRuntimeConfig } from './config';
import { goRuntimeFeature } from './feature';
import { registerActiveAlertsRoute } from './routes/active_alerts_route';
import { registerDashboardRoutes } from './routes/dashboard_routes';
import { sourceReaders } from './sources/source_readers';
import { registerServiceHealthRoute } from './routes/service_health_route';
import { registerHeapSeriesRoute } from './routes/heap_series_route';
import { registerRulePreviewRoute } from './routes/rule_preview_route';
import { registerTargetsRoutes } from './routes/targets_routes';
import { registerTargetsBulkRoutes } from './routes/targets_bulk_routes';
import { registerTargetTestRoute } from './routes/target_test_route';
import { targetEncryptedAttributes, targetSavedObjectType } from './saved_objects/target_type';
import { urlClaimSavedObjectType } from './saved_objects/url_claim_type';
import type {
  EncryptedSavedObjectsPluginSetup,
  EncryptedSavedObjectsPluginStart,
} from '@kbn/encrypted-saved-objects-plugin/server';
import type { TargetAttributes } from '../common/targets';
import type { SpacesPluginSetup } from '@kbn/spaces-plugin/server';
import { parsePool } from './parse/parse_pool';
import { profilePool } from './profiles/profile_pool';
import { ProfileRunner } from './profiles/profile_runner';
import { ProfileDiscovery } from './profiles/profile_discovery';
import { ProfileStatusStore } from './profiles/profile_status_store';
import { loadTargetHealth } from './collection_state/load_target_health';
import { installIndexTemplates, type InstallOutcome } from './storage/install_templates';
import { DEFAULT_CHUNK_LIMITS, WriteBuffer } from './storage/write_buffer';
import { documentWriterClient } from './storage/document_writer';
import { retryUntilDone } from './lib/retry_until_done';
import { TargetCatalog } from './targets/target_catalog';
import { TargetService } from './targets/target_service';
import { pollTaskId } from './tasks/partitions';
import { POLL_FALLBACK_INTERVAL, createPollTaskDefinition } from './tasks/poll_task';
import { INITIAL_POLL_STATE } from './tasks/poll_state';
import { ScrapeCoordinator } from './tasks/scrape_coordinator';
import { createScrapeAccess, type ScrapeAccess } from './scrape/scrape_access';
import { ScrapePolicy } from './scrape/scrape_policy';
import { registerRuleTypes } from './alerting/register_rule_types';

export interface SetupDeps {
  taskManager: TaskManagerSetupContract;
  features: FeaturesPluginSetup;
  /** Optional: without Kibana's alerting the plugin still collects and charts. */
  alerting?: AlertingServerSetup;
  encryptedSavedObjects: EncryptedSavedObjectsPluginSetup;
  /** Optional, as in Kibana: without it every request is in the default space. */
  spaces?: SpacesPluginSetup;
}
export interface StartDeps {
  taskManager: TaskManagerStartContract;
  encryptedSavedObjects: EncryptedSavedObjectsPluginStart;
}

/** Outcomes kept for partitions that have not collected them; beyond this the oldest are dropped. */
const MAX_PENDING_OUTCOMES = 10_000;

export class GoRuntimeServerPlugin implements Plugin<void, void, SetupDeps, StartDeps> {
  private readonly logger: Logger;
  private ensureStorage: (() => Promise<void>) | undefined;
  private readonly scrapes: ScrapeCoordinator;
  private readonly buffer: WriteBuffer;
  private readonly stopping = new AbortController();
  private readonly config: GoRuntimeConfig;
  private readonly access: ScrapeAccess;
  private readonly profiles: ProfileRunner;
  private readonly profileAccess: ScrapeAccess;
  private profileStatus: ProfileStatusStore | undefined;

  constructor(initializerContext: PluginInitializerContext) {
    this.logger = initializerContext.logger.get();
    this.config = initializerContext.config.get<GoRuntimeConfig>();
    checkConfig(this.config);
    this.access = createScrapeAccess(new ScrapePolicy(this.config.scrape));
    this.scrapes = new ScrapeCoordinator(this.config.scrape.concurrency, MAX_PENDING_OUTCOMES);
    this.profileAccess = createScrapeAccess(new ScrapePolicy(this.config.scrape));
    this.profiles = new ProfileRunner({
      logger: this.logger.get('profiles'),
      access: this.profileAccess,
      maxBytes: this.config.scrape.maxBytes,
      maxTimeoutMs: this.config.scrape.timeoutMs,
      pool: profilePool,
      statusChanged: (targetId, finding) =>
        void this.profileStatus
          ?.save(targetId, finding)
          .catch((error: Error) =>
            this.logger
              .get('profiles')
              .debug(`profile status of target [${targetId}] not saved: ${error.message}`)
          ),
    });
    this.buffer = new WriteBuffer({
      maxBytes: this.config.buffer.maxBytes,
      ...DEFAULT_CHUNK_LIMITS,
    });
  }

  setup(
    core: CoreSetup<StartDeps>,
    { taskManager, features, alerting, encryptedSavedObjects, spaces }: SetupDeps
  ): void {
    // Contract 2: which space a request is in, for every route that needs it.
    const spaceIdOf = (request: KibanaRequest): string =>
      spaces?.spacesService.getSpaceId(request) ?? DEFAULT_SPACE_ID;
    core.savedObjects.registerType(targetSavedObjectType);
    core.savedObjects.registerType(urlClaimSavedObjectType);
    encryptedSavedObjects.registerType(targetEncryptedAttributes);
    const esoClient = async () =>
      (await core.getStartServices())[1].encryptedSavedObjects.getClient();
    features.registerKibanaFeature(goRuntimeFeature);
    if (alerting !== undefined)
      registerRuleTypes(alerting, {
        publicBaseUrl: core.http.basePath.publicBaseUrl,
        logger: this.logger.get('alerting'),
        sources: sourceReaders(this.config.sources),
      });

    const internalClient = async () =>
      (await core.getStartServices())[0].elasticsearch.client.asInternalUser;
    const store = new CollectionStateStore(internalClient, this.logger.get('state'));
    const profileStatus = new ProfileStatusStore(internalClient, this.logger.get('profiles'));
    this.profileStatus = profileStatus;
    const discovery = new ProfileDiscovery({
      logger: this.logger.get('profiles'),
      access: this.profileAccess,
      maxBytes: this.config.scrape.maxBytes,
      timeoutMs: this.config.scrape.timeoutMs,
      pool: profilePool,
      store: profileStatus,
    });
    const catalog = new TargetCatalog(
      async (options) =>
        (await esoClient()).createPointInTimeFinderDecryptedAsInternalUser(options),
      this.logger.get('poll')
    );

    const router = core.http.createRouter<RequestHandlerContext>();
    const targetService = new TargetService({
      logger: this.logger,
      targetsChanged: () => catalog.invalidate(),
      forgetTargets: async (ids) => {
        await Promise.all([store.remove(ids), profileStatus.remove(ids)]);
      },
      profileSettingsChanged: (id, attributes) => discovery.discover(id, attributes),
      policy: this.access.policy,
      maxTargets: this.config.targets.max,
      canEncrypt: encryptedSavedObjects.canEncrypt,
      decryptedTarget: async (id, spaceId) =>
        (await esoClient()).getDecryptedAsInternalUser<TargetAttributes>(
          TARGET_SAVED_OBJECT_TYPE,
          id,
          spaceId === DEFAULT_SPACE_ID ? {} : { namespace: spaceId }
        ),
    });
    registerTargetsRoutes(router, {
      logger: this.logger,
      service: targetService,
      loadHealth: (ids) =>
        loadTargetHealth(
          {
            logger: this.logger,
            loadStates: (some) => store.loadHealth(some),
            loadProfiles: (some) => profileStatus.load(some),
          },
          ids
        ),
      spaceIdOf,
    });
    registerTargetsBulkRoutes(router, { service: targetService, spaceIdOf });
    registerTargetTestRoute(router, {
      policy: this.access.policy,
      settings: this.scrapeSettings(),
      service: targetService,
      spaceIdOf,
      pool: profilePool,
      profileAccess: this.profileAccess,
    });
    registerHeapSeriesRoute(router, spaceIdOf);
    registerDashboardRoutes(router, {
      logger: this.logger.get('dashboards'),
      spaceIdOf,
      sizeClassPeriodMs: this.config.sizeClasses.periodMinutes * 60_000,
      sources: sourceReaders(this.config.sources),
    });
    registerActiveAlertsRoute(router, { logger: this.logger.get('dashboards'), spaceIdOf });
    registerServiceHealthRoute(router, { logger: this.logger.get('dashboards'), spaceIdOf });
    registerRulePreviewRoute(router, {
      logger: this.logger.get('dashboards'),
      spaceIdOf,
      sources: sourceReaders(this.config.sources),
    });

    taskManager.registerTaskDefinitions({
      [POLL_TASK_TYPE]: createPollTaskDefinition({
        logger: this.logger.get('poll'),
        settings: this.scrapeSettings(),
        scrapes: this.scrapes,
        buffer: this.buffer,
        catalog,
        store,
        // Bulk writes only; templates and collection state stay Kibana's own.
        esClient: async () =>
          documentWriterClient(
            (await core.getStartServices())[0].elasticsearch,
            this.config.writer
          ),
        partitions: this.config.poll.partitions,
        runSeconds: this.config.poll.runSeconds,
        timeoutSeconds: this.config.poll.timeoutSeconds,
        sizeClassPeriodMs: this.config.sizeClasses.periodMinutes * 60_000,
        profiles: this.profiles,
        stopping: this.stopping.signal,
        storageReady: () =>
          this.ensureStorage?.() ?? Promise.reject(new Error('the plugin has not started')),
      }),
    });
  }

  private scrapeSettings() {
    return {
      maxBytes: this.config.scrape.maxBytes,
      maxTimeoutMs: this.config.scrape.timeoutMs,
      access: this.access,
    };
  }

  start(core: CoreStart, { taskManager }: StartDeps): void {
    // Start must not block Kibana or throw: a failed install is logged and retried by the
    // next poll run, which waits for it before writing anything.
    const client = core.elasticsearch.client.asInternalUser;
    this.ensureStorage = retryUntilDone(() =>
      installIndexTemplates(client, {
        retention: this.config.retention,
        lookBackTime: this.config.lookBackTime,
        onInstalled: (outcome) => this.logInstalled(outcome),
      })
    );
    this.ensureStorage().catch((error: Error) =>
      this.logger.error(
        `could not install the index templates; scraping waits until it works: ${error.message}`
      )
    );
    const { partitions } = this.config.poll;
    for (let partition = 0; partition < MAX_PARTITIONS; partition++) {
      const id = pollTaskId(partition);
      const scheduled =
        partition < partitions
          ? taskManager.ensureScheduled({
              id,
              taskType: POLL_TASK_TYPE,
              schedule: { interval: POLL_FALLBACK_INTERVAL },
              params: { partition },
              state: INITIAL_POLL_STATE,
            })
          : // Fewer partitions than before: their targets are scraped by the remaining ones.
            taskManager.removeIfExists(id);
      scheduled.catch((error: Error) =>
        this.logger.error(`could not schedule poll task [${id}]: ${error.message}`)
      );
    }
  }

  private logInstalled(outcome: InstallOutcome): void {
    const layout = outcome.sourceLayout;
    if (layout.licence === undefined)
      this.logger.warn(
        `could not read the cluster's licence (${layout.error}); assuming Basic: heap documents keep a stored _source without the fields their doc values hold`
      );
    else if (layout.licence !== 'configured')
      this.logger.info(
        `licence ${layout.licence.type} (${layout.licence.status}): heap documents keep ${
          layout.mode === 'synthetic'
            ? 'a synthetic _source'
            : 'a stored _source without the fields their doc values hold'
        } (docs/storage.md)`
      );
    for (const [name, action] of Object.entries(outcome.templates)) {
      if (action === 'foreign')
        this.logger.warn(
          `index template [${name}] is not the plugin's (no _meta.managed_by: go_runtime); left as it is`
        );
    }
    if (outcome.notOurs.length > 0)
      this.logger.info(
        `data streams the plugin did not create, left as they are: ${outcome.notOurs.join(', ')}`
      );
    for (const { stream, reason } of outcome.remapRefused)
      this.logger.warn(
        `data stream [${stream}] keeps its mappings until its next rollover: ${reason}`
      );
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.scrapes.stop();
    this.profiles.stop();
    await Promise.all([parsePool.stop(), profilePool.stop()]);
  }
}
