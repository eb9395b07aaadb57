/**
 * The slice of `@kbn/task-manager-plugin/server` (Kibana 9.x) this plugin and the dev host
 * use. Only names that x-pack/platform/plugins/shared/task_manager/server/index.ts exports are
 * exported here; shapes mirror server/{task.ts,task_type_dictionary.ts,task_scheduling.ts,plugin.ts}.
 */
import type { ObjectType } from '@kbn/config-schema';
import type { KibanaRequest } from '@kbn/core/server';

/** Mirrors `IntervalSchedule` as re-exported by x-pack/platform/plugins/shared/task_manager/server/task.ts from @kbn/response-ops-scheduling-types; rrule schedules are left out. */
export interface IntervalSchedule {
  interval: string;
}

/** Mirrors `TaskStatus` in x-pack/platform/plugins/shared/task_manager/server/task.ts. */
export enum TaskStatus {
  Idle = 'idle',
  Claiming = 'claiming',
  Running = 'running',
  Failed = 'failed',
  ShouldDelete = 'should_delete',
  Unrecognized = 'unrecognized',
  DeadLetter = 'dead_letter',
}

/** Mirrors `TaskPriority` in x-pack/platform/plugins/shared/task_manager/server/task.ts. */
export enum TaskPriority {
  Low = 1,
  NormalLongRunning = 40,
  Normal = 50,
}

/** Mirrors `TaskCost` in x-pack/platform/plugins/shared/task_manager/server/task.ts. */
export enum TaskCost {
  Tiny = 1,
  Normal = 2,
  Large = 4,
  ExtraLarge = 10,
}

/** Mirrors `TaskInstance` in x-pack/platform/plugins/shared/task_manager/server/task.ts (API-key, partition and trace fields left out). */
export interface TaskInstance {
  id?: string;
  taskType: string;
  scheduledAt?: Date;
  startedAt?: Date | null;
  retryAt?: Date | null;
  runAt?: Date;
  schedule?: IntervalSchedule;

  params: Record<string, any>;

  state: Record<string, any>;
  /** The `stateSchemaByVersion` version `state` was last validated against; stamped by Task Manager. */
  stateVersion?: number;
  scope?: string[];
  ownerId?: string | null;
  enabled?: boolean;
  timeoutOverride?: string;
}

/** Mirrors `TaskInstanceWithId` in x-pack/platform/plugins/shared/task_manager/server/task.ts. */
export type TaskInstanceWithId = Omit<TaskInstance, 'id'> & { id: string };

/** Mirrors `ConcreteTaskInstance` in task.ts. */
export interface ConcreteTaskInstance extends TaskInstance {
  id: string;
  version?: string;
  scheduledAt: Date;
  attempts: number;
  status: TaskStatus;
  runAt: Date;
  startedAt: Date | null;
  retryAt: Date | null;
  ownerId: string | null;
}

/** Mirrors `RunContext` in x-pack/platform/plugins/shared/task_manager/server/task.ts. */
export interface RunContext {
  taskInstance: ConcreteTaskInstance;
  fakeRequest?: KibanaRequest;
  signal: AbortSignal;
  /** A UUID Task Manager generates for this execution. */
  executionUuid: string;
  /** Fields for this run's task-run event log document (newest Kibana; replaces earlier calls). */
  setCustomTaskRunEventFields: (fields: Record<string, unknown>) => void;
}

/** Mirrors `SuccessfulRunResult` in x-pack/platform/plugins/shared/task_manager/server/task.ts: a new `runAt` or a new `schedule`, not both. */
export type SuccessfulRunResult = {
  state: Record<string, unknown>;
  /** false skips validating `state` against the latest state schema on write (default true). */
  shouldValidate?: boolean;
  shouldDeleteTask?: boolean;
  shouldDisableTask?: boolean;
} & ({ runAt?: Date; schedule?: never } | { schedule?: IntervalSchedule; runAt?: never });

/** Mirrors `FailedRunResult` in task.ts (`error` is a DecoratedError there). */
export type FailedRunResult = SuccessfulRunResult & { error: Error };

/** Mirrors `RunResult` in task.ts. */
export type RunResult = FailedRunResult | SuccessfulRunResult;

/** Mirrors `CancellableTask` in x-pack/platform/plugins/shared/task_manager/server/task.ts. */
export interface CancellableTask {
  run: () => Promise<RunResult | undefined | void>;
  cancel?: () => Promise<RunResult | undefined | void>;
  cleanup?: () => Promise<void>;
}

/** Mirrors `TaskRunCreatorFunction` in task.ts. */
export type TaskRunCreatorFunction = (context: RunContext) => CancellableTask;

/**
 * Mirrors `TaskRegisterDefinition` in x-pack/platform/plugins/shared/task_manager/server/task_type_dictionary.ts.
 *
 * `stateSchemaByVersion`: version → `{schema, up}`. Task Manager migrates a stored state from
 * its `stateVersion` (1 when absent) through the latest version with each `up`, checks each
 * step against that version's `schema`, validates the result against the latest `schema`
 * (unknown keys dropped on read, rejected on write) and stamps `stateVersion` with the latest.
 */
export interface TaskRegisterDefinition {
  title?: string;
  /** How long a run may take before another node may claim the task again, e.g. '1m' (default '5m'). */
  timeout?: string;
  priority?: TaskPriority;
  cost?: TaskCost;
  description?: string;
  createTaskRunner: TaskRunCreatorFunction;
  maxAttempts?: number;
  /** Only task types on Kibana's allow list may set it; others fail to register. */
  maxConcurrency?: number;
  stateSchemaByVersion?: Record<
    number,
    {
      schema: ObjectType;
      up: (state: Record<string, unknown>) => Record<string, unknown>;
    }
  >;
  paramsSchema?: ObjectType;
}

/** Mirrors `TaskDefinitionRegistry` in task_type_dictionary.ts. */
export type TaskDefinitionRegistry = Record<string, TaskRegisterDefinition>;

/** Mirrors `RunSoonResult` in x-pack/platform/plugins/shared/task_manager/server/task_scheduling.ts. */
export interface RunSoonResult {
  id: ConcreteTaskInstance['id'];
  forced: boolean;
  /** true when the update raced another write (409) and the task was not rescheduled. */
  conflict?: boolean;
}

/** Mirrors `TaskManagerSetupContract` in x-pack/platform/plugins/shared/task_manager/server/plugin.ts (a subset). */
export interface TaskManagerSetupContract {
  registerTaskDefinitions: (taskDefinitions: TaskDefinitionRegistry) => void;
}

/**
 * Mirrors `TaskManagerStartContract` in plugin.ts (a subset). `runSoon` rejects with a
 * TaskAlreadyRunningError (not exported by Task Manager) while the task is claimed or running.
 * Mirrors x-pack/platform/plugins/shared/task_manager/server/plugin.ts.
 */
export interface TaskManagerStartContract {
  ensureScheduled(
    taskInstance: TaskInstanceWithId,
    options?: Record<string, unknown>
  ): Promise<TaskInstanceWithId>;
  schedule(
    taskInstance: TaskInstance,
    options?: Record<string, unknown>
  ): Promise<ConcreteTaskInstance>;
  runSoon(taskId: string, force?: boolean): Promise<RunSoonResult>;
  removeIfExists(id: string): Promise<void>;
  get(id: string): Promise<ConcreteTaskInstance>;
}
