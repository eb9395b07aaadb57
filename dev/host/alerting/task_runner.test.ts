import type { Logger } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import type { RunContext } from '@kbn/task-manager-plugin/server';
import { createRuleTaskRunner, type TaskRunnerDeps } from './task_runner';
import type { AnyRuleType } from './rule_type_registry';

const logger = {
  get: () => logger,
  warn: () => undefined,
  debug: () => undefined,
  error: () => undefined,
} as unknown as Logger;

/** A run whose read of the rule fails with `error`; nothing after the read is reached. */
function runWhenTheReadFails(error: Error) {
  const failing = async () => {
    throw error;
  };
  const deps = {
    logger,
    savedObjects: () => ({ get: failing }),
    encryptedSavedObjects: { getDecryptedAsInternalUser: failing },
  } as unknown as TaskRunnerDeps;
  const ruleType = { id: 'test.rule', actionGroups: [] } as unknown as AnyRuleType;
  const context = {
    taskInstance: { params: { alertId: 'r1', spaceId: 'default' }, state: {} },
    signal: new AbortController().signal,
  } as unknown as RunContext;
  return createRuleTaskRunner(ruleType, deps)(context).run();
}

describe('rule task runner, reading the rule (as Kibana: only a rule that is gone removes its task)', () => {
  it('removes the task when the rule is not found', async () => {
    await expect(
      runWhenTheReadFails(SavedObjectsErrorHelpers.createGenericNotFoundError('alert', 'r1'))
    ).resolves.toEqual({ state: {}, shouldDeleteTask: true });
  });

  it('fails the run, keeping the task, when Elasticsearch does not answer', async () => {
    await expect(
      runWhenTheReadFails(new Error('connect ECONNREFUSED 127.0.0.1:9200'))
    ).rejects.toThrow('ECONNREFUSED');
  });
});
