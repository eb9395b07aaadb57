import type { ObjectType } from '@kbn/config-schema';
import {
  TaskCost,
  TaskPriority,
  type TaskRegisterDefinition,
} from '@kbn/task-manager-plugin/server';
import { parseTaskInterval } from './interval';

/**
 * Task state versioning with the semantics of Kibana's TaskValidator
 * (x-pack/platform/plugins/shared/task_manager/server/task_validator.ts) and of the checks
 * done when definitions are registered (server/task_type_dictionary.ts, server/task.ts
 * `taskDefinitionSchema`). Written from those facts, not copied.
 */
export interface LatestStateSchema {
  readonly version: number;
  readonly schema: ObjectType;
}

/** The highest version in `stateSchemaByVersion`, or undefined when the type has none. */
export function latestStateSchema(
  definition: TaskRegisterDefinition
): LatestStateSchema | undefined {
  const versions = Object.keys(definition.stateSchemaByVersion ?? {}).map((key) =>
    Number.parseInt(key, 10)
  );
  if (versions.length === 0) return undefined;
  const version = Math.max(...versions);
  return { version, schema: definition.stateSchemaByVersion![version]!.schema };
}

/**
 * The state a run receives. From the stored `stateVersion` (1 when the task has none) up to the
 * latest version, each version's `up` is applied and its result checked against that version's
 * schema; as in Kibana the loop starts at the stored version itself, so `up` functions must be
 * idempotent. A state already at the latest version (or newer) is not migrated. The result is
 * then validated against the latest schema with unknown keys dropped. Throws when any step fails.
 */
export function stateForRun(
  taskType: string,
  definition: TaskRegisterDefinition,
  state: Record<string, unknown>,
  storedVersion: number | undefined
): Record<string, unknown> {
  const latest = latestStateSchema(definition);
  if (latest === undefined) return state;
  let migrated = state;
  if (storedVersion === undefined || storedVersion < latest.version) {
    for (let version = storedVersion || 1; version <= latest.version; version++) {
      const step = definition.stateSchemaByVersion![version];
      if (step === undefined)
        throw new Error(`task type [${taskType}] has no state schema for version ${version}`);
      migrated = step.up(migrated);
      try {
        step.schema.validate(migrated);
      } catch (error) {
        throw new Error(
          `migrating the state of task type [${taskType}] to version ${version} gave a state its schema rejects: ${
            (error as Error).message
          }`
        );
      }
    }
  }
  return latest.schema.extendsDeep({ unknowns: 'ignore' }).validate(migrated) as Record<
    string,
    unknown
  >;
}

/**
 * The state as written (when scheduling, and after a run): validated against the latest schema
 * with unknown keys rejected, and the version to stamp on the task. Throws when invalid.
 */
export function stateForWrite(
  definition: TaskRegisterDefinition,
  state: Record<string, unknown>
): { state: Record<string, unknown>; stateVersion?: number } {
  const latest = latestStateSchema(definition);
  if (latest === undefined) return { state };
  return {
    state: latest.schema.extendsDeep({ unknowns: 'forbid' }).validate(state) as Record<
      string,
      unknown
    >,
    stateVersion: latest.version,
  };
}

/** Why a definition is invalid, or undefined. Kibana logs these and registers none of the batch. */
export function definitionProblem(
  taskType: string,
  definition: TaskRegisterDefinition
): string | undefined {
  // Not a Kibana rule: the host's claim query joins task types with commas.
  if (taskType.includes(',')) return `task type [${taskType}] must not contain a comma`;
  if (typeof definition.createTaskRunner !== 'function')
    return `task type [${taskType}] has no createTaskRunner`;
  const timeout = definition.timeout ?? '5m';
  try {
    parseTaskInterval(timeout);
  } catch {
    return `task type [${taskType}] has an invalid timeout "${timeout}"; write it like 5m`;
  }
  if (
    definition.priority !== undefined &&
    !Object.values(TaskPriority).includes(definition.priority)
  ) {
    return `task type [${taskType}] has an invalid priority ${String(definition.priority)}`;
  }
  if (definition.cost !== undefined && !Object.values(TaskCost).includes(definition.cost)) {
    return `task type [${taskType}] has an invalid cost ${String(definition.cost)}`;
  }
  if (
    definition.maxAttempts !== undefined &&
    !(Number.isInteger(definition.maxAttempts) && definition.maxAttempts >= 1)
  ) {
    return `task type [${taskType}] has maxAttempts ${definition.maxAttempts}; it must be at least 1`;
  }
  for (const [key, entry] of Object.entries(definition.stateSchemaByVersion ?? {})) {
    if (!/^[1-9]\d*$/.test(key))
      return `task type [${taskType}] has a state schema version [${key}] that is not a positive integer`;
    const step = entry as
      | { schema?: { validate?: unknown; extendsDeep?: unknown }; up?: unknown }
      | undefined;
    if (
      typeof step?.schema?.validate !== 'function' ||
      typeof step.schema.extendsDeep !== 'function' ||
      typeof step.up !== 'function'
    ) {
      return `task type [${taskType}] state schema version ${key} needs a schema (schema.object) and an up function`;
    }
  }
  return undefined;
}
