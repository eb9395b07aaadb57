import type { ElasticsearchClient, ISavedObjectsRepository, Logger } from '@kbn/core/server';
import type { RunContext, TaskDefinition } from '@kbn/task-manager-plugin/server';
import { isLeft } from 'fp-ts/Either';
import { mapWithConcurrency } from '../lib/map_with_concurrency';
import { writeDocuments, type DocumentToWrite } from '../storage/write_documents';
import { loadAllTargets, type ValidTarget } from '../targets/saved_target';
import { decodePollState, type PollState, type TargetPollState } from './poll_state';
import { planScrapes } from './scrape_plan';
import { scrapeTarget, type ScrapeSettings } from './scrape_target';

export interface PollTaskDeps {
  readonly logger: Logger;
  readonly getServices: () => Promise<{ esClient: ElasticsearchClient; repository: ISavedObjectsRepository }>;
  /** Resolves once the index templates are installed; writing before would map dynamically. */
  readonly storageReady: () => Promise<void>;
  readonly settings: ScrapeSettings & { readonly concurrency: number };
}

/** The poller's own cadence when no target is due sooner (new targets call runSoon). */
export const POLL_FALLBACK_INTERVAL = '1m';
const MIN_RESCHEDULE_MS = 200;
const MAX_RESCHEDULE_MS = 60_000;

export function createPollTaskDefinition(deps: PollTaskDeps): TaskDefinition {
  return {
    title: 'Go Runtime: scrape expvar targets',
    description: 'Scrapes every enabled Go expvar target that is due and indexes its heap document.',
    timeout: '2m',
    createTaskRunner: (context: RunContext) => ({
      run: async () => {
        const state = await runPoll(deps, decodePollState(context.taskInstance.state), context.signal);
        return { state: state.state, runAt: state.runAt };
      },
    }),
  };
}

export async function runPoll(
  deps: PollTaskDeps,
  previous: PollState,
  signal: AbortSignal,
  now: () => number = Date.now
): Promise<{ state: PollState; runAt: Date }> {
  const { esClient, repository } = await deps.getServices();
  await deps.storageReady();

  const targets: ValidTarget[] = [];
  for (const decoded of await loadAllTargets(repository)) {
    if (!decoded.valid) {
      deps.logger.warn(`target [${decoded.id}] is skipped, its saved object is invalid: ${decoded.reason}`);
    } else if (decoded.target.attributes.enabled) {
      targets.push(decoded.target);
    }
  }

  const lastSlots = Object.fromEntries(Object.entries(previous.targets).map(([id, entry]) => [id, entry.last_slot]));
  const plan = planScrapes(targets, lastSlots, now());

  const outcomes = await mapWithConcurrency(plan.due, deps.settings.concurrency, async ({ target, slot }) => ({
    target,
    slot,
    result: await scrapeTarget(target, slot, deps.settings, signal),
  }));

  const next: Record<string, TargetPollState> = {};
  for (const target of targets) {
    const kept = previous.targets[target.id];
    if (kept !== undefined) next[target.id] = kept;
  }
  const documents: DocumentToWrite[] = [];
  for (const { target, slot, result } of outcomes) {
    const before = next[target.id];
    if (isLeft(result)) {
      deps.logger.warn(`scrape of target [${target.attributes.name}] (${target.attributes.url}) failed: ${result.left.message}`);
      next[target.id] = { ...before, last_slot: slot, last_error: { ...result.left, at: now() } };
    } else {
      documents.push(...result.right);
      next[target.id] = { last_slot: slot, last_success_at: now() };
    }
  }

  try {
    const outcome = await writeDocuments(esClient, documents);
    for (const failure of outcome.failures) {
      deps.logger.error(`document [${failure.id}] was rejected by Elasticsearch: ${failure.reason}`);
    }
  } catch (error) {
    // The slot is spent either way; the next scrape reads fresh cumulative counters.
    deps.logger.error(`could not write ${documents.length} documents to Elasticsearch: ${(error as Error).message}`);
  }

  const wait = plan.nextSlotAt === undefined ? MAX_RESCHEDULE_MS : plan.nextSlotAt - now();
  const runAt = new Date(now() + Math.min(MAX_RESCHEDULE_MS, Math.max(MIN_RESCHEDULE_MS, wait)));
  return { state: { targets: next }, runAt };
}
