/**
 * The slice of `@kbn/task-manager-plugin/server` (Kibana 9.x) this plugin uses. Shapes follow
 * x-pack/platform/plugins/shared/task_manager/server/{task.ts,plugin.ts,task_scheduling.ts}.
 */
import type { KibanaRequest } from '@kbn/core/server';

export type IntervalSchedule = { interval: string };

export interface TaskInstance {
  id?: string;
  taskType: string;
  params: Record<string, unknown>;
  state: Record<string, unknown>;
  schedule?: IntervalSchedule;
  runAt?: Date;
  scope?: string[];
  enabled?: boolean;
}
export type TaskInstanceWithId = TaskInstance & { id: string };

export type TaskStatus = 'idle' | 'claiming' | 'running' | 'failed' | 'unrecognized';

export interface ConcreteTaskInstance extends TaskInstanceWithId {
  attempts: number;
  status: TaskStatus;
  runAt: Date;
  startedAt: Date | null;
  retryAt: Date | null;
  scheduledAt: Date;
  ownerId: string | null;
  version?: string;
}

export interface RunContext {
  taskInstance: ConcreteTaskInstance;
  fakeRequest?: KibanaRequest;
  signal: AbortSignal;
  executionUuid?: string;
}

export interface SuccessfulRunResult {
  state: Record<string, unknown>;
  runAt?: Date;
  schedule?: IntervalSchedule;
  shouldDeleteTask?: boolean;
}
export interface FailedRunResult extends SuccessfulRunResult {
  error: Error;
}
export type RunResult = SuccessfulRunResult | FailedRunResult;

export interface CancellableTask {
  run(): Promise<RunResult | undefined | void>;
  cancel?(): Promise<RunResult | undefined | void>;
  cleanup?(): Promise<void>;
}
export type TaskRunCreatorFunction = (context: RunContext) => CancellableTask;

export interface TaskDefinition {
  title?: string;
  description?: string;
  /** How long a run may take before another node may claim the task again, e.g. '1m'. */
  timeout?: string;
  maxAttempts?: number;
  cost?: number;
  createTaskRunner: TaskRunCreatorFunction;
}

export interface TaskManagerSetupContract {
  registerTaskDefinitions(definitions: Record<string, TaskDefinition>): void;
}

export interface TaskManagerStartContract {
  ensureScheduled(task: TaskInstanceWithId, options?: object): Promise<TaskInstanceWithId>;
  schedule(task: TaskInstance, options?: object): Promise<ConcreteTaskInstance>;
  runSoon(taskId: string, force?: boolean): Promise<{ id: string; forced?: boolean }>;
  removeIfExists(id: string): Promise<void>;
  get(id: string): Promise<ConcreteTaskInstance>;
}
