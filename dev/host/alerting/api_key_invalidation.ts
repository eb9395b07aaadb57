import type { Logger, SavedObjectsClientContract, SavedObjectsType } from '@kbn/core/server';
import type {
  RunContext,
  TaskManagerSetupContract,
  TaskManagerStartContract,
} from '@kbn/task-manager-plugin/server';
import { parseIntervalMs } from './interval';
import type { RuleApiKeys } from './rule_api_keys';

/**
 * Rule keys no rule uses any more are queued and invalidated later, as Kibana's alerting does
 * (x-pack/platform/plugins/shared/alerting/server/invalidate_pending_api_keys/): the rules
 * client writes an `api_key_pending_invalidation` saved object per key
 * (bulk_mark_api_keys_for_invalidation.ts), and the `alerts_invalidate_api_keys` task
 * (task.ts) invalidates the keys queued longer than `removalDelay` ago and deletes their
 * objects. The delay lets a run that started with the old key finish with it.
 */
export const API_KEY_PENDING_INVALIDATION_TYPE = 'api_key_pending_invalidation';
export const INVALIDATE_API_KEYS_TASK_TYPE = 'alerts_invalidate_api_keys';
export const INVALIDATE_API_KEYS_TASK_ID = `Alerts-${INVALIDATE_API_KEYS_TASK_TYPE}`;
/** Kibana's page size for the queue. */
const PAGE_SIZE = 100;

/** `xpack.alerting.invalidateApiKeysTask` of kibana.yml (alerting/server/config.ts). */
export interface InvalidateApiKeysTaskConfig {
  readonly interval: string;
  readonly removalDelay: string;
}
export const DEFAULT_INVALIDATE_API_KEYS_TASK: InvalidateApiKeysTaskConfig = {
  interval: '5m',
  removalDelay: '1h',
};

interface PendingApiKey {
  apiKeyId: string;
  createdAt: string;
}

/**
 * Kibana's type is namespace-agnostic; the dev repository keeps every object in a space, so
 * the queue is always read and written through the default space's client.
 */
export const apiKeyPendingInvalidationType: SavedObjectsType = {
  name: API_KEY_PENDING_INVALIDATION_TYPE,
  hidden: true,
  namespaceType: 'agnostic',
  mappings: {
    dynamic: false,
    properties: { apiKeyId: { type: 'keyword' }, createdAt: { type: 'date' } },
  },
};

/** Queues key ids for invalidation; a failed write is logged, never the operation's failure. */
export async function markApiKeysForInvalidation(
  queue: SavedObjectsClientContract,
  logger: Logger,
  apiKeyIds: readonly string[]
): Promise<void> {
  if (apiKeyIds.length === 0) return;
  const createdAt = new Date().toISOString();
  try {
    // Kibana writes them with one bulkCreate, which the dev client does not have.
    await Promise.all(
      apiKeyIds.map((apiKeyId) =>
        queue.create<PendingApiKey>(API_KEY_PENDING_INVALIDATION_TYPE, { apiKeyId, createdAt })
      )
    );
  } catch (error) {
    logger.error(
      `Failed to bulk mark list of API keys [${apiKeyIds.join(', ')}] for invalidation: ${
        (error as Error).message
      }`
    );
  }
}

/**
 * One pass over the queue, oldest first: the keys queued at or before `now - removalDelay`
 * are invalidated together, then their objects deleted. A failed invalidation leaves them
 * queued for the next run. Returns how many were invalidated.
 */
export async function invalidatePendingApiKeys(deps: {
  queue: SavedObjectsClientContract;
  apiKeys: RuleApiKeys;
  logger: Logger;
  removalDelayMs: number;
  now: Date;
}): Promise<number> {
  const cutoff = deps.now.getTime() - deps.removalDelayMs;
  let total = 0;
  for (;;) {
    const page = await deps.queue.find<PendingApiKey>({
      type: API_KEY_PENDING_INVALIDATION_TYPE,
      sortField: 'createdAt',
      sortOrder: 'asc',
      perPage: PAGE_SIZE,
      page: 1,
    });
    const due = page.saved_objects.filter(
      (object) => Date.parse(object.attributes.createdAt) <= cutoff
    );
    if (due.length === 0) return total;
    try {
      await deps.apiKeys.invalidateAsInternalUser(due.map((object) => object.attributes.apiKeyId));
    } catch (error) {
      deps.logger.error(
        `Failed to invalidate API Keys [count="${due.length}"]: ${(error as Error).message}`
      );
      return total;
    }
    const deleted = await Promise.all(
      due.map((object) =>
        deps.queue.delete(API_KEY_PENDING_INVALIDATION_TYPE, object.id).then(
          () => true,
          (error: Error) => {
            deps.logger.error(
              `Failed to delete invalidated API key "${object.attributes.apiKeyId}". Error: ${error.message}`
            );
            return false;
          }
        )
      )
    );
    const deletedNow = deleted.filter(Boolean).length;
    total += deletedNow;
    // The rest of the page is not due yet, the queue is read, or deletes fail: next run.
    if (due.length < page.saved_objects.length || page.total <= PAGE_SIZE || deletedNow === 0)
      return total;
  }
}

/** Registers the task type in setup, as Kibana's initializeApiKeyInvalidator. */
export function registerApiKeyInvalidator(
  taskManager: TaskManagerSetupContract,
  deps: {
    queue: () => SavedObjectsClientContract;
    apiKeys: RuleApiKeys;
    logger: Logger;
    config: InvalidateApiKeysTaskConfig;
  }
): void {
  const removalDelayMs = parseIntervalMs(deps.config.removalDelay);
  taskManager.registerTaskDefinitions({
    [INVALIDATE_API_KEYS_TASK_TYPE]: {
      title: 'Invalidate alert API Keys',
      createTaskRunner: ({ taskInstance }: RunContext) => ({
        run: async () => {
          const state = taskInstance.state as { runs?: number };
          let invalidated = 0;
          try {
            invalidated = await invalidatePendingApiKeys({
              queue: deps.queue(),
              apiKeys: deps.apiKeys,
              logger: deps.logger,
              removalDelayMs,
              now: new Date(),
            });
          } catch (error) {
            deps.logger.warn(
              `Error executing alerting apiKey invalidation task: ${(error as Error).message}`
            );
          }
          return {
            state: { runs: (state.runs ?? 0) + 1, total_invalidated: invalidated },
            schedule: { interval: deps.config.interval },
          };
        },
      }),
    },
  });
}

/** Schedules the task once per cluster in start, as Kibana's scheduleApiKeyInvalidatorTask. */
export async function scheduleApiKeyInvalidator(
  taskManager: TaskManagerStartContract,
  logger: Logger,
  config: InvalidateApiKeysTaskConfig
): Promise<void> {
  try {
    await taskManager.ensureScheduled({
      id: INVALIDATE_API_KEYS_TASK_ID,
      taskType: INVALIDATE_API_KEYS_TASK_TYPE,
      schedule: { interval: config.interval },
      state: { runs: 0, total_invalidated: 0 },
      params: {},
    });
  } catch (error) {
    logger.error(
      `Error scheduling ${INVALIDATE_API_KEYS_TASK_ID} task, received ${(error as Error).message}`
    );
  }
}
