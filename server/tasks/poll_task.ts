import type { RunContext, TaskRegisterDefinition } from '@kbn/task-manager-plugin/server';
import { runPartition, type PartitionRunDeps } from './partition_run';
import { decodePollTaskState, pollStateSchemaByVersion, type PollTaskState } from './poll_state';

export interface PollTaskDeps extends Omit<PartitionRunDeps, 'runMs' | 'deadlineMs'> {
  readonly runSeconds: number;
  readonly timeoutSeconds: number;
  /** Aborted when the plugin stops: every run ends at its next tick. */
  readonly stopping: AbortSignal;
}

/**
 * Runs again within this, at a random point, so that the node that just finished does not
 * always claim the partition again: partitions spread over the nodes. The hand-over itself
 * takes longer: Task Manager writes a run's result without a refresh, so the next claim sees
 * the task due after the task index's next refresh (up to 1 s) and poll (500 ms). A 1 s target
 * can miss one slot per run (counted as missed, every `poll.runSeconds`); slower ones do not.
 */
const RERUN_JITTER_MS = 150;
/** After a failed start (Elasticsearch down, storage not installed yet). */
const RETRY_START_MS = 2_000;
/** The recurring schedule Task Manager falls back on if a run returns no runAt. */
export const POLL_FALLBACK_INTERVAL = '10s';
/** A run ends this long before its Task Manager timeout, so its claim never lapses while it runs. */
const DEADLINE_MARGIN_MS = 10_000;

export function createPollTaskDefinition(deps: PollTaskDeps): TaskRegisterDefinition {
  return {
    title: 'Go Runtime: scrape expvar targets',
    description:
      'Scrapes the Go expvar targets of one partition on their grid and indexes their documents.',
    timeout: `${deps.timeoutSeconds}s`,
    stateSchemaByVersion: pollStateSchemaByVersion,
    createTaskRunner: (context: RunContext) => {
      const cancelled = new AbortController();
      return {
        run: async () => {
          const state = decodePollTaskState(context.taskInstance.state);
          const partition = Number(
            (context.taskInstance.params as { partition?: unknown }).partition ?? 0
          );
          const signal = AbortSignal.any([cancelled.signal, deps.stopping]);
          try {
            await runPartition(
              {
                ...deps,
                runMs: deps.runSeconds * 1000,
                deadlineMs: deps.timeoutSeconds * 1000 - DEADLINE_MARGIN_MS,
              },
              partition,
              signal
            );
          } catch (error) {
            deps.logger.warn(
              `partition ${partition} could not run, retrying in ${RETRY_START_MS / 1000} s: ${
                (error as Error).message
              }`
            );
            return { state: { ...state }, runAt: new Date(Date.now() + RETRY_START_MS) };
          }
          const next: PollTaskState = { runs: state.runs + 1 };
          return {
            state: next,
            runAt: new Date(Date.now() + Math.floor(Math.random() * RERUN_JITTER_MS)),
          };
        },
        cancel: async () => {
          cancelled.abort();
        },
      };
    },
  };
}
