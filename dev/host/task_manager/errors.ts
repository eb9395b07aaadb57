/**
 * What Kibana's runSoon throws while a task is claimed or running
 * (x-pack/platform/plugins/shared/task_manager/server/lib/errors/task_already_running_error.ts).
 * Task Manager's server entry does not export it, so a plugin can only tell it by its message.
 */
export class TaskAlreadyRunningError extends Error {
  constructor(id: string, cannotForce = false) {
    super(
      `Failed to run task "${id}" as it is currently running${
        cannotForce ? ' and cannot be forced' : ''
      }`
    );
    this.name = 'TaskAlreadyRunningError';
  }
}
