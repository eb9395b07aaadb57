import type { ElasticsearchClient, ISavedObjectsRepository, Logger } from '@kbn/core/server';
import type { RunContext, TaskRegisterDefinition } from '@kbn/task-manager-plugin/server';
import { isLeft } from 'fp-ts/Either';
import { writeDocuments, type DocumentToWrite } from '../storage/write_documents';
import { loadAllTargets, type ValidTarget } from '../targets/saved_target';
import { decodePollState, type PollState, type TargetPollState } from './poll_state';
import { ScrapeCoordinator, settleWithin } from './scrape_coordinator';
import { planScrapes } from './scrape_plan';
import { deriveDocuments, scrapeTarget, type ScrapeSettings } from './scrape_target';

export interface PollTaskDeps {
  readonly logger: Logger;
  readonly getServices: () => Promise<{ esClient: ElasticsearchClient; repository: ISavedObjectsRepository }>;
  /** Resolves once the index templates are installed; writing before would map dynamically. */
  readonly storageReady: () => Promise<void>;
  readonly settings: ScrapeSettings;
  readonly scrapes: ScrapeCoordinator;
}

/** The poller's own cadence when no target is due sooner (new targets call runSoon). */
export const POLL_FALLBACK_INTERVAL = '1m';
const MIN_RESCHEDULE_MS = 200;
const MAX_RESCHEDULE_MS = 60_000;
const MIN_WAIT_MS = 200;
const MAX_WAIT_MS = 5_000;

export function createPollTaskDefinition(deps: PollTaskDeps): TaskRegisterDefinition {
  return {
    title: 'Go Runtime: scrape expvar targets',
    description: 'Scrapes every enabled Go expvar target that is due and indexes its heap document.',
    timeout: '2m',
    createTaskRunner: (context: RunContext) => ({
      run: async () => {
        const state = await runPoll(deps, decodePollState(context.taskInstance.state));
        return { state: state.state, runAt: state.runAt };
      },
    }),
  };
}

export async function runPoll(
  deps: PollTaskDeps,
  previous: PollState,
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

  const next: Record<string, TargetPollState> = {};
  for (const target of targets) {
    const kept = previous.targets[target.id];
    if (kept !== undefined) next[target.id] = kept;
  }

  const lastSlots = Object.fromEntries(Object.entries(previous.targets).map(([id, entry]) => [id, entry.last_slot]));
  const plan = planScrapes(targets, lastSlots, now());
  const launched: Array<Promise<void>> = [];
  for (const { target, slot } of plan.due) {
    const { name, url } = target.attributes;
    const work = deps.scrapes.launch({ id: target.id, name, url }, slot, (signal) => scrapeTarget(target, deps.settings, signal));
    // The slot is spent either way: a slow target skips slots instead of piling up scrapes.
    next[target.id] = { ...next[target.id], last_slot: slot };
    if (work === undefined) {
      deps.logger.warn(`scrape of target [${name}] (${url}) skipped a slot: the previous scrape has not finished`);
    } else {
      launched.push(work);
    }
  }
  // Wait for this run's scrapes, but not past the next slot: stragglers finish in the
  // background and the next run writes what they produced.
  const budget = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, (plan.nextSlotAt ?? now() + MAX_WAIT_MS) - now() - 100));
  await settleWithin(launched, budget);

  const targetsById = new Map(targets.map((target) => [target.id, target]));
  const documents: DocumentToWrite[] = [];
  for (const outcome of deps.scrapes.drain().sort((a, b) => a.slot - b.slot)) {
    const before = next[outcome.targetId];
    if (before === undefined) continue; // deleted or disabled meanwhile
    if (isLeft(outcome.result)) {
      deps.logger.warn(`scrape of target [${outcome.targetName}] (${outcome.url}) failed: ${outcome.result.left.message}`);
      next[outcome.targetId] = { ...before, last_error: { ...outcome.result.left, at: outcome.finishedAt } };
    } else {
      // Derived here, in slot order per target, so each scrape continues the previous one's
      // cursor even when it finished in the background.
      const target = targetsById.get(outcome.targetId)!;
      const derived = deriveDocuments(target, outcome.slot, outcome.result.right, before.cursor);
      const { gc, customVars } = derived;
      if (gc?.change === 'restarted') {
        deps.logger.info(`target [${outcome.targetName}] restarted (${gc.restartReason}); GC pause tracking starts over`);
      }
      if (gc !== undefined && gc.missed > 0 && gc.change === 'continued') {
        deps.logger.warn(`target [${outcome.targetName}] ran ${gc.missed} GCs whose pauses left Go's 256-entry ring before this scrape; scrape it more often`);
      }
      if (customVars !== undefined && customVars.dropped > 0) {
        deps.logger.warn(
          `target [${outcome.targetName}] publishes ${customVars.total} custom vars; ${customVars.dropped} beyond the cap of ${target.maxCustomVars} were left out`
        );
      }
      documents.push(...derived.documents);
      const { last_error: _cleared, ...rest } = before;
      next[outcome.targetId] = { ...rest, last_success_at: outcome.finishedAt, ...(gc === undefined ? {} : { cursor: gc.cursor }) };
    }
  }

  try {
    const outcome = await writeDocuments(esClient, documents);
    for (const failure of outcome.failures) {
      deps.logger.error(`document [${failure.id}] was rejected by Elasticsearch: ${failure.reason}`);
    }
  } catch (error) {
    // The scrapes are spent; the next scrape reads fresh cumulative counters.
    deps.logger.error(`could not write ${documents.length} documents to Elasticsearch: ${(error as Error).message}`);
  }

  const wait = plan.nextSlotAt === undefined ? MAX_RESCHEDULE_MS : plan.nextSlotAt - now();
  const runAt = new Date(now() + Math.min(MAX_RESCHEDULE_MS, Math.max(MIN_RESCHEDULE_MS, wait)));
  return { state: { targets: next }, runAt };
}
