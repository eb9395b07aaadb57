import type { Logger } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import {
  TaskStatus,
  type CancellableTask,
  type RunResult,
  type TaskInstance,
  type TaskManagerSetupContract,
  type TaskManagerStartContract,
  type TaskRegisterDefinition,
} from '@kbn/task-manager-plugin/server';
import { randomUUID } from 'node:crypto';
import { TaskAlreadyRunningError } from './errors';
import { parseTaskInterval } from './interval';
import { toConcrete, type StoredTask, type TaskDoc, type TaskStoreContract } from './task_store';
import { definitionProblem, stateForRun, stateForWrite } from './task_validator';

export interface TaskManagerOptions {
  readonly ownerId: string;
  readonly pollIntervalMs: number;
  /** How many tasks run at once on this node. */
  readonly capacity: number;
  readonly logger: Logger;
  /**
   * Kibana's `xpack.task_manager.allow_reading_invalid_state` (default true): a stored state
   * that fails migration or validation is handed to the run unchanged (and logged at debug).
   * With false the run is skipped and counted as a failed run.
   */
  readonly allowReadingInvalidState?: boolean;
}

/** One run as it starts: when it was due (the claimed runAt, or an expired claim's retryAt) and when it started. */
export interface TaskRunStart {
  readonly id: string;
  readonly taskType: string;
  readonly scheduledAt: Date;
  readonly startedAt: Date;
}

const DEFAULT_TIMEOUT = '5m';
const RETRY_BACKOFF_MS = 5 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 3;
/** Kibana's SIZE_MULTIPLIER_FOR_TASK_FETCH. */
const CLAIM_SEARCH_MULTIPLIER = 4;

/**
 * Kibana Task Manager's contract over a task store: tasks are claimed by a conditional write
 * (seq_no/primary_term), so of two nodes polling one cluster exactly one runs a given task; a
 * claim expires after the task's timeout so a dead node's task is picked up again.
 *
 * Follows Kibana (x-pack/platform/plugins/shared/task_manager/server/{task_type_dictionary,
 * task_scheduling,task_validator,task_running/task_runner}.ts) where the plugin can tell:
 * - registering a duplicate type or `maxConcurrency` throws; an invalid definition is logged
 *   and none of that batch is registered;
 * - `runSoon` throws TaskAlreadyRunningError while the task is claimed or running (unless
 *   forced and running on another node) and returns `{id, forced, conflict?}`;
 * - state is versioned with `stateSchemaByVersion` (see ./task_validator): migrated and
 *   validated before a run, validated and stamped with `stateVersion` on every write; a state
 *   returned by a run that the latest schema rejects is not written, the run counts as failed
 *   in its attempt, and the task is retried with its previous state once its claim expires.
 */
export class TaskManager {
  private readonly definitions = new Map<string, TaskRegisterDefinition>();
  private readonly running = new Map<
    string,
    { controller: AbortController; done: Promise<void> }
  >();
  private readonly runStartListeners = new Set<(event: TaskRunStart) => void>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private stopped = false;

  constructor(
    private readonly store: TaskStoreContract,
    private readonly options: TaskManagerOptions
  ) {}

  readonly setup: TaskManagerSetupContract = {
    registerTaskDefinitions: (definitions) => {
      const duplicate = Object.keys(definitions).find((type) => this.definitions.has(type));
      if (duplicate !== undefined) throw new Error(`Task ${duplicate} is already defined!`);
      for (const [type, definition] of Object.entries(definitions)) {
        // The host's allow list is empty, as it is for every third-party plugin in Kibana.
        if (definition.maxConcurrency !== undefined)
          throw new Error(`maxConcurrency setting isn't allowed for task type: ${type}`);
      }
      const problems = Object.entries(definitions).flatMap(
        ([type, definition]) => definitionProblem(type, definition) ?? []
      );
      if (problems.length > 0) {
        this.options.logger.error(`task definitions not registered: ${problems[0]}`);
        return;
      }
      for (const [type, definition] of Object.entries(definitions))
        this.definitions.set(type, definition);
    },
  };

  readonly start: TaskManagerStartContract = {
    ensureScheduled: async (task) => {
      const toStore = this.validatedForScheduling(task);
      const created = await this.store.createIfAbsent(toStore, new Date());
      if (!created && task.schedule !== undefined) {
        // As Kibana's bulkUpdateSchedules: only an idle task whose interval changed.
        const stored = await this.store.get(task.id);
        if (
          stored !== undefined &&
          stored.doc.status === TaskStatus.Idle &&
          stored.doc.schedule?.interval !== task.schedule.interval
        ) {
          const oldMs = parseTaskInterval(stored.doc.schedule?.interval ?? '0s');
          const runAt = Math.max(
            Date.now(),
            Date.parse(stored.doc.runAt) - oldMs + parseTaskInterval(task.schedule.interval)
          );
          await this.store.replaceIfUnchanged(stored, {
            ...stored.doc,
            schedule: task.schedule,
            runAt: new Date(runAt).toISOString(),
          });
        }
      }
      return task;
    },
    schedule: async (task) => {
      const id = task.id ?? randomUUID();
      await this.store.createIfAbsent(this.validatedForScheduling({ ...task, id }), new Date());
      return toConcrete((await this.store.get(id))!);
    },
    runSoon: async (id, force = false) => {
      const stored = await this.store.get(id);
      if (stored === undefined)
        throw SavedObjectsErrorHelpers.createGenericNotFoundError('task', id);
      const { status } = stored.doc;
      if (status === TaskStatus.Unrecognized)
        throw new Error(`Failed to run task "${id}" with status ${status}`);
      if (status === TaskStatus.Claiming) throw new TaskAlreadyRunningError(id);
      let forced = false;
      if (status === TaskStatus.Running) {
        if (!force) throw new TaskAlreadyRunningError(id);
        if (this.running.has(id)) throw new TaskAlreadyRunningError(id, true);
        forced = true;
      }
      const now = new Date().toISOString();
      // Not validated, as in Kibana: runSoon leaves the state alone.
      const updated = await this.store.replaceIfUnchanged(stored, {
        ...stored.doc,
        status: TaskStatus.Idle,
        scheduledAt: now,
        runAt: now,
      });
      this.pollSoon();
      if (updated === undefined) {
        this.options.logger.debug(
          `runSoon of task [${id}] lost a race with another write (409); not rescheduled`
        );
        return { id, forced, conflict: true };
      }
      return { id, forced };
    },
    removeIfExists: (id) => this.store.delete(id),
    get: async (id) => {
      const stored = await this.store.get(id);
      if (stored === undefined)
        throw SavedObjectsErrorHelpers.createGenericNotFoundError('task', id);
      return toConcrete(stored);
    },
  };

  /**
   * Called as each run starts, as Kibana's task run events (TaskPollingLifecycle's events$) feed
   * its health API's `drift` and the alerting event log's `kibana.task.schedule_delay`: both
   * measure a run from `scheduledAt`, the runAt it was claimed for. Returns the unsubscribe.
   */
  onRunStart(listener: (event: TaskRunStart) => void): () => void {
    this.runStartListeners.add(listener);
    return () => this.runStartListeners.delete(listener);
  }

  async begin(): Promise<void> {
    await this.store.ensureIndex();
    this.schedulePoll(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const { controller } of this.running.values()) controller.abort();
    await Promise.allSettled([...this.running.values()].map((entry) => entry.done));
  }

  /** Runs one claim cycle now and resolves when the tasks it started have finished (for tests). */
  async pollOnce(): Promise<void> {
    await this.poll(false);
    await Promise.allSettled([...this.running.values()].map((entry) => entry.done));
  }

  /** Scheduling validates the initial state against the latest schema, as Kibana's store.schedule does. */
  private validatedForScheduling<T extends TaskInstance & { id: string }>(task: T): T {
    const definition = this.definitions.get(task.taskType);
    if (definition === undefined) {
      throw new Error(
        `Unsupported task type "${task.taskType}". Supported types are ${[
          ...this.definitions.keys(),
        ].join(', ')}`
      );
    }
    const { state, stateVersion } = stateForWrite(definition, task.state);
    return { ...task, state, ...(stateVersion === undefined ? {} : { stateVersion }) };
  }

  private pollSoon(): void {
    this.schedulePoll(0);
  }

  private schedulePoll(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delayMs);
  }

  /**
   * One claim cycle, as Kibana's mget claimer (task_claimers/strategy_mget.ts): search more
   * candidates than there are free workers (4×, since some hits are stale: the search does not
   * see unrefreshed writes, the mget in findClaimable does), then claim up to the free workers
   * in one bulk of conditional writes, and start them.
   */
  private async poll(reschedule = true): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      const free = this.options.capacity - this.running.size;
      if (free > 0) {
        const candidates = await this.store.findClaimable(
          [...this.definitions.keys()],
          new Date(),
          free * CLAIM_SEARCH_MULTIPLIER
        );
        const toClaim = candidates.filter((c) => !this.running.has(c.id)).slice(0, free);
        const claimed = await this.store.replaceAllIfUnchanged(
          toClaim.map((task) => ({ task, doc: this.claimedDoc(task) }))
        );
        for (const write of claimed) {
          if (write.outcome === 'written') this.launch(write.task);
          else if (write.outcome === 'failed')
            this.options.logger.error(`task [${write.id}] could not be claimed: ${write.reason}`);
        }
      }
    } catch (error) {
      this.options.logger.warn(`task poll failed: ${(error as Error).message}`);
    } finally {
      this.polling = false;
      if (reschedule) this.schedulePoll(this.options.pollIntervalMs);
    }
  }

  private claimedDoc(task: StoredTask): TaskDoc {
    const definition = this.definitions.get(task.doc.taskType)!;
    const now = Date.now();
    const timeoutMs = parseTaskInterval(definition.timeout ?? DEFAULT_TIMEOUT);
    const retrying = task.doc.retryAt !== null && Date.parse(task.doc.retryAt) < now;
    return {
      ...task.doc,
      // As Kibana's claimer: when this run was due, which the run's schedule delay is measured from.
      scheduledAt: retrying ? task.doc.retryAt! : task.doc.runAt,
      status: TaskStatus.Running,
      ownerId: this.options.ownerId,
      attempts: task.doc.attempts + 1,
      startedAt: new Date(now).toISOString(),
      retryAt: new Date(now + timeoutMs).toISOString(),
    };
  }

  private launch(task: StoredTask): void {
    const controller = new AbortController();
    const definition = this.definitions.get(task.doc.taskType)!;
    const done = this.execute(task, definition, controller)
      .catch((error: Error) =>
        this.options.logger.warn(
          `task [${task.doc.taskType}:${task.id}] failed in its attempt to run: ${error.message}`
        )
      )
      .finally(() => {
        this.running.delete(task.id);
        this.pollSoon();
      });
    this.running.set(task.id, { controller, done });
  }

  private async execute(
    task: StoredTask,
    definition: TaskRegisterDefinition,
    controller: AbortController
  ): Promise<void> {
    const label = `${task.doc.taskType}:${task.id}`;
    const startedAt = Date.now();
    const started: TaskRunStart = {
      id: task.id,
      taskType: task.doc.taskType,
      scheduledAt: new Date(task.doc.scheduledAt),
      startedAt: new Date(startedAt),
    };
    for (const listener of this.runStartListeners) listener(started);

    let state = task.doc.state;
    try {
      state = stateForRun(task.doc.taskType, definition, task.doc.state, task.doc.stateVersion);
    } catch (error) {
      const message = (error as Error).message;
      if (this.options.allowReadingInvalidState === false) {
        this.options.logger.warn(`task [${label}] was not run, its state is invalid: ${message}`);
        await this.finish(
          task,
          definition,
          startedAt,
          { state: task.doc.state, shouldValidate: false, error: error as Error },
          error as Error
        );
        return;
      }
      this.options.logger.debug(
        `task [${label}] runs with its stored state, which failed validation (allowReadingInvalidState): ${message}`
      );
    }

    let runner: CancellableTask | undefined;
    const timeout = setTimeout(() => {
      controller.abort();
      runner?.cancel?.().catch(() => undefined);
    }, parseTaskInterval(definition.timeout ?? DEFAULT_TIMEOUT));
    let result: RunResult | undefined;
    let failure: Error | undefined;
    try {
      runner = definition.createTaskRunner({
        taskInstance: { ...toConcrete(task), state },
        signal: controller.signal,
        executionUuid: randomUUID(),
        setCustomTaskRunEventFields: (fields) =>
          this.options.logger.debug(`task [${label}] run event fields: ${JSON.stringify(fields)}`),
      });
      result = (await runner.run()) ?? undefined;
      const reported = (result as { error?: unknown } | undefined)?.error;
      if (reported) failure = reported instanceof Error ? reported : new Error(String(reported));
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      // As Kibana: the state the run started from is kept (and validated on write).
      result = { state, error: failure };
    } finally {
      clearTimeout(timeout);
    }
    if (failure !== undefined)
      this.options.logger.error(`task [${label}] failed: ${failure.message}`);
    await this.finish(task, definition, startedAt, result, failure);
  }

  private async finish(
    task: StoredTask,
    definition: TaskRegisterDefinition,
    startedAt: number,
    result: RunResult | undefined,
    failure: Error | undefined
  ) {
    const base: TaskDoc = {
      ...task.doc,
      status: TaskStatus.Idle,
      ownerId: null,
      retryAt: null,
      startedAt: null,
    };
    const schedule = result?.schedule ?? task.doc.schedule;
    let next: TaskDoc | undefined;
    if (result?.shouldDeleteTask === true) {
      next = undefined;
    } else if (failure === undefined && (schedule !== undefined || result?.runAt !== undefined)) {
      const runAt = result?.runAt?.getTime() ?? startedAt + parseTaskInterval(schedule!.interval);
      next = {
        ...base,
        ...(schedule === undefined ? {} : { schedule }),
        state: result?.state ?? task.doc.state,
        runAt: new Date(runAt).toISOString(),
        attempts: 0,
      };
    } else if (
      failure !== undefined &&
      (schedule !== undefined ||
        task.doc.attempts < (definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS))
    ) {
      // A failed recurring task runs again at its next interval; a one-shot one backs off.
      const runAt =
        result?.runAt?.getTime() ??
        (schedule !== undefined
          ? startedAt + parseTaskInterval(schedule.interval)
          : Date.now() + RETRY_BACKOFF_MS * task.doc.attempts);
      next = {
        ...base,
        state: result?.state ?? task.doc.state,
        runAt: new Date(runAt).toISOString(),
      };
    }
    if (result?.shouldDisableTask === true && next !== undefined)
      next = { ...next, enabled: false };

    // Kibana removes a finished one-shot task, and a task that failed for good.
    if (next === undefined) {
      await this.store.delete(task.id);
      return;
    }
    if (result?.shouldValidate !== false) {
      // Throws when the latest schema rejects the state: nothing is written, the claim stays
      // until it expires, and the next run starts from the previous state.
      const validated = stateForWrite(definition, next.state);
      next = {
        ...next,
        state: validated.state,
        ...(validated.stateVersion === undefined ? {} : { stateVersion: validated.stateVersion }),
      };
    }
    // Our claim is the version we hold; losing here means the claim expired and another node
    // took the task over, so its bookkeeping wins.
    const written = await this.store.replaceIfUnchanged(task, next);
    if (written === undefined) {
      this.options.logger.warn(
        `task [${task.id}] was claimed by another node before this run finished; its result is dropped`
      );
    }
  }
}
