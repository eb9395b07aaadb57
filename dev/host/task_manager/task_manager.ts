import type { Logger } from '@kbn/core/server';
import type {
  RunResult,
  TaskDefinition,
  TaskManagerSetupContract,
  TaskManagerStartContract,
} from '@kbn/task-manager-plugin/server';
import { randomUUID } from 'node:crypto';
import { parseTaskInterval } from './interval';
import { toConcrete, type StoredTask, type TaskDoc, type TaskStore } from './task_store';

export interface TaskManagerOptions {
  readonly ownerId: string;
  readonly pollIntervalMs: number;
  /** How many tasks run at once on this node. */
  readonly capacity: number;
  readonly logger: Logger;
}

const DEFAULT_TIMEOUT = '5m';
const ONE_SHOT_RETRY_MS = 5 * 60_000;
const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Kibana Task Manager's contract over a TaskStore: tasks are claimed by a conditional write
 * (seq_no/primary_term), so of two nodes polling one cluster exactly one runs a given task; a
 * claim expires after the task's timeout so a dead node's task is picked up again.
 */
export class TaskManager {
  private readonly definitions = new Map<string, TaskDefinition>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private stopped = false;

  constructor(private readonly store: TaskStore, private readonly options: TaskManagerOptions) {}

  readonly setup: TaskManagerSetupContract = {
    registerTaskDefinitions: (definitions) => {
      for (const [type, definition] of Object.entries(definitions)) {
        if (type.includes(',')) throw new Error(`task type [${type}] must not contain a comma`);
        if (this.definitions.has(type)) throw new Error(`task type [${type}] is already registered`);
        parseTaskInterval(definition.timeout ?? DEFAULT_TIMEOUT);
        this.definitions.set(type, definition);
      }
    },
  };

  readonly start: TaskManagerStartContract = {
    ensureScheduled: async (task) => {
      await this.store.createIfAbsent(task, new Date());
      const stored = await this.store.get(task.id);
      // Kibana updates the schedule of an existing recurring task to the one asked for.
      if (stored !== undefined && task.schedule !== undefined && stored.doc.schedule?.interval !== task.schedule.interval) {
        await this.store.replaceIfUnchanged(stored, { ...stored.doc, schedule: task.schedule });
      }
      return task;
    },
    schedule: async (task) => {
      const id = task.id ?? randomUUID();
      await this.store.createIfAbsent({ ...task, id }, new Date());
      return toConcrete((await this.store.get(id))!);
    },
    runSoon: async (id) => {
      const stored = await this.store.get(id);
      if (stored === undefined) throw new Error(`task [${id}] not found`);
      if (stored.doc.status !== 'idle') throw new Error(`task [${id}] is currently running`);
      const updated = await this.store.replaceIfUnchanged(stored, { ...stored.doc, runAt: new Date().toISOString() });
      if (updated === undefined) throw new Error(`task [${id}] changed while asking it to run soon`);
      this.pollSoon();
      return { id };
    },
    removeIfExists: (id) => this.store.delete(id),
    get: async (id) => {
      const stored = await this.store.get(id);
      if (stored === undefined) throw new Error(`task [${id}] not found`);
      return toConcrete(stored);
    },
  };

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

  private pollSoon(): void {
    this.schedulePoll(0);
  }

  private schedulePoll(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), delayMs);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      const free = this.options.capacity - this.running.size;
      const candidates = await this.store.findClaimable([...this.definitions.keys()], new Date(), free);
      for (const candidate of candidates) {
        if (this.running.has(candidate.id)) continue;
        const claimed = await this.claim(candidate);
        if (claimed !== undefined) this.launch(claimed);
      }
    } catch (error) {
      this.options.logger.warn(`task poll failed: ${(error as Error).message}`);
    } finally {
      this.polling = false;
      this.schedulePoll(this.options.pollIntervalMs);
    }
  }

  private async claim(task: StoredTask): Promise<StoredTask | undefined> {
    const definition = this.definitions.get(task.doc.taskType)!;
    const now = Date.now();
    const timeoutMs = parseTaskInterval(definition.timeout ?? DEFAULT_TIMEOUT);
    return this.store.replaceIfUnchanged(task, {
      ...task.doc,
      status: 'running',
      ownerId: this.options.ownerId,
      attempts: task.doc.attempts + 1,
      startedAt: new Date(now).toISOString(),
      retryAt: new Date(now + timeoutMs).toISOString(),
    });
  }

  private launch(task: StoredTask): void {
    const controller = new AbortController();
    const definition = this.definitions.get(task.doc.taskType)!;
    const timeoutMs = parseTaskInterval(definition.timeout ?? DEFAULT_TIMEOUT);
    const timeout = setTimeout(() => controller.abort(), timeoutMs);
    const done = this.execute(task, definition, controller.signal)
      .catch((error: Error) => this.options.logger.error(`task [${task.id}] bookkeeping failed: ${error.message}`))
      .finally(() => {
        clearTimeout(timeout);
        this.running.delete(task.id);
        this.pollSoon();
      });
    this.running.set(task.id, { controller, done });
  }

  private async execute(task: StoredTask, definition: TaskDefinition, signal: AbortSignal): Promise<void> {
    const startedAt = Date.now();
    let result: RunResult | undefined;
    let failure: Error | undefined;
    try {
      const runner = definition.createTaskRunner({ taskInstance: toConcrete(task), signal, executionUuid: randomUUID() });
      result = (await runner.run()) ?? undefined;
      if (result !== undefined && 'error' in result) failure = result.error as Error;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    if (failure !== undefined) this.options.logger.error(`task [${task.doc.taskType}:${task.id}] failed: ${failure.message}`);
    await this.finish(task, startedAt, result, failure);
  }

  private async finish(task: StoredTask, startedAt: number, result: RunResult | undefined, failure: Error | undefined) {
    const schedule = result?.schedule ?? task.doc.schedule;
    const base: TaskDoc = { ...task.doc, status: 'idle', ownerId: null, retryAt: null, startedAt: null };
    let next: TaskDoc | undefined;
    if (schedule !== undefined) {
      const runAt = result?.runAt?.getTime() ?? startedAt + parseTaskInterval(schedule.interval);
      next = { ...base, schedule, state: result?.state ?? task.doc.state, runAt: new Date(runAt).toISOString(), attempts: 0 };
    } else if (failure !== undefined && task.doc.attempts < DEFAULT_MAX_ATTEMPTS) {
      next = { ...base, runAt: new Date(Date.now() + ONE_SHOT_RETRY_MS).toISOString() };
    } else if (failure !== undefined) {
      next = { ...base, status: 'failed' };
    }
    if (next === undefined || result?.shouldDeleteTask === true) {
      await this.store.delete(task.id);
      return;
    }
    // Our claim is the version we hold; losing here means the claim expired and another node
    // took the task over, so its bookkeeping wins.
    const written = await this.store.replaceIfUnchanged(task, next);
    if (written === undefined) {
      this.options.logger.warn(`task [${task.id}] was claimed by another node before this run finished; its result is dropped`);
    }
  }
}
