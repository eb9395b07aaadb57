import type { CoreSetup, CoreStart, Logger, Plugin, PluginInitializerContext } from '@kbn/core/server';
import type { FeaturesPluginSetup } from '@kbn/features-plugin/server';
import type { TaskManagerSetupContract, TaskManagerStartContract } from '@kbn/task-manager-plugin/server';
import { POLL_TASK_ID, POLL_TASK_TYPE, TARGET_SAVED_OBJECT_TYPE } from '../common/constants';
import type { GoRuntimeConfig } from './config';
import { goRuntimeFeature } from './feature';
import { registerHeapSeriesRoute } from './routes/heap_series_route';
import { registerTargetsRoutes } from './routes/targets_routes';
import { targetSavedObjectType } from './saved_objects/target_type';
import { installIndexTemplates } from './storage/index_templates';
import { retryUntilDone } from './lib/retry_until_done';
import { POLL_FALLBACK_INTERVAL, createPollTaskDefinition } from './tasks/poll_task';
import { ScrapeCoordinator } from './tasks/scrape_coordinator';

export interface SetupDeps {
  taskManager: TaskManagerSetupContract;
  features: FeaturesPluginSetup;
}
export interface StartDeps {
  taskManager: TaskManagerStartContract;
}

/** Outcomes kept for the next poll run; beyond this the oldest are dropped (and counted). */
const MAX_PENDING_OUTCOMES = 10_000;

export class GoRuntimeServerPlugin implements Plugin<void, void, SetupDeps, StartDeps> {
  private readonly logger: Logger;
  private ensureStorage: (() => Promise<void>) | undefined;
  private readonly scrapes: ScrapeCoordinator;
  private readonly config: GoRuntimeConfig;

  constructor(initializerContext: PluginInitializerContext) {
    this.logger = initializerContext.logger.get();
    this.config = initializerContext.config.get<GoRuntimeConfig>();
    this.scrapes = new ScrapeCoordinator(this.config.scrape.concurrency, MAX_PENDING_OUTCOMES);
  }

  setup(core: CoreSetup<StartDeps>, { taskManager, features }: SetupDeps): void {
    core.savedObjects.registerType(targetSavedObjectType);
    features.registerKibanaFeature(goRuntimeFeature);

    const router = core.http.createRouter();
    registerTargetsRoutes(router, {
      logger: this.logger,
      requestPollSoon: async () => {
        const [, { taskManager: tasks }] = await core.getStartServices();
        await tasks.runSoon(POLL_TASK_ID);
      },
    });
    registerHeapSeriesRoute(router);

    taskManager.registerTaskDefinitions({
      [POLL_TASK_TYPE]: createPollTaskDefinition({
        logger: this.logger.get('poll'),
        settings: { maxBytes: this.config.scrape.maxBytes, maxTimeoutMs: this.config.scrape.timeoutMs },
        scrapes: this.scrapes,
        getServices: async () => {
          const [coreStart] = await core.getStartServices();
          return {
            esClient: coreStart.elasticsearch.client.asInternalUser,
            repository: coreStart.savedObjects.createInternalRepository([TARGET_SAVED_OBJECT_TYPE]),
          };
        },
        storageReady: () => this.ensureStorage?.() ?? Promise.reject(new Error('the plugin has not started')),
      }),
    });
  }

  start(core: CoreStart, { taskManager }: StartDeps): void {
    // Start must not block Kibana or throw: a failed install is logged and retried by the
    // next poll run, which waits for it before writing anything.
    const client = core.elasticsearch.client.asInternalUser;
    this.ensureStorage = retryUntilDone(() => installIndexTemplates(client, { retention: this.config.retention, lookBackTime: this.config.lookBackTime }));
    this.ensureStorage().catch((error: Error) =>
      this.logger.error(`could not install the index templates; scraping waits until it works: ${error.message}`)
    );
    taskManager
      .ensureScheduled({
        id: POLL_TASK_ID,
        taskType: POLL_TASK_TYPE,
        schedule: { interval: POLL_FALLBACK_INTERVAL },
        params: {},
        state: { targets: {} },
      })
      .catch((error: Error) => this.logger.error(`could not schedule the poll task: ${error.message}`));
  }

  stop(): void {
    this.scrapes.stop();
  }
}
