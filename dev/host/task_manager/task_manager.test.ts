import { schema } from '@kbn/config-schema';
import type { Logger } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import {
  TaskStatus,
  type RunContext,
  type RunResult,
  type TaskRegisterDefinition,
} from '@kbn/task-manager-plugin/server';
import { TaskAlreadyRunningError } from './errors';
import { MemoryTaskStore } from './memory_task_store';
import { TaskManager } from './task_manager';
import type { TaskDoc } from './task_store';

function recordingLogger() {
  const lines: Array<[string, string]> = [];
  const logger: Logger = {
    trace: (m) => lines.push(['trace', String(m)]),
    debug: (m) => lines.push(['debug', String(m)]),
    info: (m) => lines.push(['info', String(m)]),
    warn: (m) => lines.push(['warn', String(m)]),
    error: (m) => lines.push(['error', String(m)]),
    fatal: (m) => lines.push(['fatal', String(m)]),
    get: () => logger,
  };
  return {
    logger,
    lines,
    at: (level: string) => lines.filter(([l]) => l === level).map(([, m]) => m),
  };
}

// Version 1 counted runs; version 2 adds a per-target map. Each `up` returns exactly what its
// version's schema knows, and is idempotent (Task Manager re-applies the stored version's `up`).
const stateSchemaByVersion: TaskRegisterDefinition['stateSchemaByVersion'] = {
  1: {
    schema: schema.object({ runs: schema.number() }),
    up: (state) => ({ runs: typeof state.runs === 'number' ? state.runs : 0 }),
  },
  2: {
    schema: schema.object({
      runs: schema.number(),
      targets: schema.recordOf(schema.string(), schema.object({ last_slot: schema.number() })),
    }),
    up: (state) => ({ runs: state.runs, targets: (state.targets as object | undefined) ?? {} }),
  },
};

const managers: TaskManager[] = [];
afterEach(async () => {
  jest.useRealTimers();
  await Promise.all(managers.splice(0).map((manager) => manager.stop()));
});

function setup(
  options: {
    allowReadingInvalidState?: boolean;
    capacity?: number;
    run?: (context: RunContext) => Promise<RunResult | void>;
  } = {}
) {
  const store = new MemoryTaskStore();
  const log = recordingLogger();
  const contexts: RunContext[] = [];
  const manager = new TaskManager(store, {
    ownerId: 'node-a',
    pollIntervalMs: 60_000,
    capacity: options.capacity ?? 10,
    logger: log.logger,
    ...(options.allowReadingInvalidState === undefined
      ? {}
      : { allowReadingInvalidState: options.allowReadingInvalidState }),
  });
  managers.push(manager);
  const run =
    options.run ??
    (async ({ taskInstance }: RunContext) => ({
      state: { ...taskInstance.state, runs: (taskInstance.state.runs as number) + 1 },
      runAt: new Date(Date.now() - 1),
    }));
  manager.setup.registerTaskDefinitions({
    poll: {
      title: 'poll',
      timeout: '1m',
      stateSchemaByVersion,
      createTaskRunner: (context) => {
        contexts.push(context);
        return { run: () => run(context) };
      },
    },
  });
  return { store, manager, log, contexts };
}

function storedDoc(overrides: Partial<TaskDoc>): TaskDoc {
  const now = new Date(Date.now() - 1_000).toISOString();
  return {
    taskType: 'poll',
    params: {},
    state: {},
    schedule: { interval: '1m' },
    status: TaskStatus.Idle,
    runAt: now,
    scheduledAt: now,
    startedAt: null,
    retryAt: null,
    attempts: 0,
    ownerId: null,
    enabled: true,
    ...overrides,
  };
}

describe('dev host Task Manager: registering definitions (as task_type_dictionary.ts)', () => {
  it('throws on a duplicate type and on maxConcurrency', () => {
    const { manager } = setup();
    expect(() =>
      manager.setup.registerTaskDefinitions({
        poll: { createTaskRunner: () => ({ run: async () => undefined }) },
      })
    ).toThrow('Task poll is already defined!');
    expect(() =>
      manager.setup.registerTaskDefinitions({
        other: { maxConcurrency: 1, createTaskRunner: () => ({ run: async () => undefined }) },
      })
    ).toThrow("maxConcurrency setting isn't allowed for task type: other");
  });

  it('logs an invalid definition instead of throwing, and registers none of that batch', async () => {
    const { manager, log } = setup();
    const runner = () => ({ run: async () => undefined });
    expect(() =>
      manager.setup.registerTaskDefinitions({
        good: { createTaskRunner: runner },
        bad: { timeout: 'five minutes', createTaskRunner: runner },
      })
    ).not.toThrow();
    expect(log.at('error')).toEqual([expect.stringContaining('invalid timeout "five minutes"')]);
    await expect(
      manager.start.schedule({ taskType: 'good', params: {}, state: {} })
    ).rejects.toThrow('Unsupported task type "good"');
    manager.setup.registerTaskDefinitions({
      v: {
        stateSchemaByVersion: { 1: { up: (s: Record<string, unknown>) => s } as never },
        createTaskRunner: runner,
      },
    });
    expect(log.at('error')[1]).toContain('state schema version 1 needs a schema');
  });
});

describe('dev host Task Manager: state versioning with stateSchemaByVersion (as task_validator.ts)', () => {
  it('validates the initial state when scheduling and stamps the latest stateVersion', async () => {
    const { manager, store } = setup();
    await manager.start.ensureScheduled({
      id: 't',
      taskType: 'poll',
      schedule: { interval: '1m' },
      params: {},
      state: { runs: 0, targets: {} },
    });
    expect((await store.get('t'))!.doc).toMatchObject({
      state: { runs: 0, targets: {} },
      stateVersion: 2,
    });
    await expect(
      manager.start.ensureScheduled({ id: 'u', taskType: 'poll', params: {}, state: { runs: 0 } })
    ).rejects.toThrow('[targets]: expected value of type [object] but got [undefined]');
    await expect(
      manager.start.schedule({
        taskType: 'poll',
        params: {},
        state: { runs: 0, targets: {}, extra: 1 },
      })
    ).rejects.toThrow('[extra]: definition for this key is missing');
  });

  it('migrates a stored state without stateVersion through every up, drops unknown keys on read, and writes version 2', async () => {
    const { manager, store, contexts } = setup();
    store.put('t', storedDoc({ state: { runs: 4 } }));
    await manager.pollOnce();
    expect(contexts).toHaveLength(1);
    expect(contexts[0]!.taskInstance.state).toEqual({ runs: 4, targets: {} });
    expect(contexts[0]!.executionUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await store.get('t'))!.doc).toMatchObject({
      state: { runs: 5, targets: {} },
      stateVersion: 2,
      status: TaskStatus.Idle,
      attempts: 0,
    });

    store.put('t', storedDoc({ state: { runs: 1, targets: {}, leftover: true }, stateVersion: 2 }));
    await manager.pollOnce();
    expect(contexts[1]!.taskInstance.state).toEqual({ runs: 1, targets: {} });
  });

  it("re-applies the stored version's up (Kibana loops from stateVersion, not stateVersion + 1)", async () => {
    const up1 = jest.fn((state: Record<string, unknown>) => ({ runs: state.runs }));
    const up2 = jest.fn((state: Record<string, unknown>) => ({ ...state, targets: {} }));
    const store = new MemoryTaskStore();
    const manager = new TaskManager(store, {
      ownerId: 'a',
      pollIntervalMs: 60_000,
      capacity: 1,
      logger: recordingLogger().logger,
    });
    managers.push(manager);
    manager.setup.registerTaskDefinitions({
      poll: {
        stateSchemaByVersion: {
          1: { schema: stateSchemaByVersion![1]!.schema, up: up1 },
          2: { schema: stateSchemaByVersion![2]!.schema, up: up2 },
        },
        createTaskRunner: ({ taskInstance }) => ({
          run: async () => ({ state: taskInstance.state, runAt: new Date() }),
        }),
      },
    });
    store.put('t', storedDoc({ state: { runs: 1 }, stateVersion: 1 }));
    await manager.pollOnce();
    expect(up1).toHaveBeenCalledTimes(1);
    expect(up2).toHaveBeenCalledTimes(1);
  });

  it('hands an invalid stored state to the run unchanged by default (allow_reading_invalid_state: true)', async () => {
    const { manager, store, contexts, log } = setup({
      run: async ({ taskInstance }) => ({
        state: { runs: 0, targets: {} },
        runAt: new Date(),
        ...taskInstance.params,
      }),
    });
    store.put('t', storedDoc({ state: { runs: 'many', targets: {} }, stateVersion: 2 }));
    await manager.pollOnce();
    expect(contexts[0]!.taskInstance.state).toEqual({ runs: 'many', targets: {} });
    expect(log.at('debug').join('\n')).toContain(
      '[runs]: expected value of type [number] but got [string]'
    );
    expect((await store.get('t'))!.doc.state).toEqual({ runs: 0, targets: {} });
  });

  it('with allowReadingInvalidState false, skips the run, keeps the state and reschedules a recurring task', async () => {
    const { manager, store, contexts, log } = setup({ allowReadingInvalidState: false });
    store.put('t', storedDoc({ state: { runs: 'many', targets: {} }, stateVersion: 2 }));
    await manager.pollOnce();
    expect(contexts).toHaveLength(0);
    expect(log.at('warn')).toEqual([expect.stringContaining('its state is invalid')]);
    const { doc } = (await store.get('t'))!;
    expect(doc).toMatchObject({
      state: { runs: 'many', targets: {} },
      stateVersion: 2,
      status: TaskStatus.Idle,
    });
    expect(Date.parse(doc.runAt)).toBeGreaterThan(Date.now() + 50_000);
  });

  it('does not write a state the latest schema rejects: the claim stays, and the retry starts from the previous state', async () => {
    let returned: Record<string, unknown> = { runs: 1, targets: { a: { last_slot: 'x' } } };
    const { manager, store, contexts, log } = setup({
      run: async () => ({ state: returned, runAt: new Date() }),
    });
    await manager.start.ensureScheduled({
      id: 't',
      taskType: 'poll',
      schedule: { interval: '1m' },
      params: {},
      state: { runs: 0, targets: {} },
    });
    await manager.pollOnce();
    expect(log.at('warn')).toEqual([
      expect.stringContaining(
        'failed in its attempt to run: [targets.a.last_slot]: expected value of type [number] but got [string]'
      ),
    ]);
    const stuck = (await store.get('t'))!.doc;
    expect(stuck).toMatchObject({
      status: TaskStatus.Running,
      state: { runs: 0, targets: {} },
      ownerId: 'node-a',
    });

    // Once the claim's timeout (1m) has passed the task is claimed again with its old state.
    returned = { runs: 1, targets: {} };
    jest.useFakeTimers({
      now: Date.parse(stuck.retryAt!) + 1,
      doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'],
    });
    await manager.pollOnce();
    expect(contexts[1]!.taskInstance.state).toEqual({ runs: 0, targets: {} });
    expect((await store.get('t'))!.doc).toMatchObject({
      status: TaskStatus.Idle,
      state: { runs: 1, targets: {} },
      stateVersion: 2,
    });
  });

  it('writes the state unvalidated when the run says shouldValidate: false', async () => {
    const { manager, store } = setup({
      run: async () => ({ state: { anything: true }, shouldValidate: false, runAt: new Date() }),
    });
    store.put('t', storedDoc({ state: { runs: 0, targets: {} }, stateVersion: 2 }));
    await manager.pollOnce();
    expect((await store.get('t'))!.doc).toMatchObject({
      state: { anything: true },
      stateVersion: 2,
    });
  });
});

describe('dev host Task Manager: runSoon (as task_scheduling.ts)', () => {
  it('returns {id, forced: false} for an idle task and moves its runAt to now', async () => {
    const { manager, store } = setup();
    store.put(
      't',
      storedDoc({
        runAt: new Date(Date.now() + 3_600_000).toISOString(),
        state: { runs: 0, targets: {} },
        stateVersion: 2,
      })
    );
    await expect(manager.start.runSoon('t')).resolves.toEqual({ id: 't', forced: false });
    expect(Date.parse((await store.get('t'))!.doc.runAt)).toBeLessThanOrEqual(Date.now());
    await manager.stop();
  });

  it('throws TaskAlreadyRunningError while the task is claimed or running, unless forced on another node', async () => {
    const { manager, store } = setup();
    store.put('c', storedDoc({ status: TaskStatus.Claiming }));
    store.put(
      'r',
      storedDoc({
        status: TaskStatus.Running,
        ownerId: 'node-b',
        retryAt: new Date(Date.now() + 60_000).toISOString(),
      })
    );
    await expect(manager.start.runSoon('c')).rejects.toThrow(new TaskAlreadyRunningError('c'));
    await expect(manager.start.runSoon('c')).rejects.toThrow(
      'Failed to run task "c" as it is currently running'
    );
    await expect(manager.start.runSoon('r')).rejects.toBeInstanceOf(TaskAlreadyRunningError);
    await expect(manager.start.runSoon('r', true)).resolves.toEqual({ id: 'r', forced: true });
    await manager.stop();
  });

  it('refuses to force a task this node is running', async () => {
    let release!: () => void;
    const { manager, store } = setup({
      run: () =>
        new Promise(
          (resolve) =>
            (release = () => resolve({ state: { runs: 1, targets: {} }, runAt: new Date() }))
        ),
    });
    store.put('t', storedDoc({ state: { runs: 0, targets: {} }, stateVersion: 2 }));
    const polled = manager.pollOnce();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(manager.start.runSoon('t', true)).rejects.toThrow(
      'is currently running and cannot be forced'
    );
    release();
    await polled;
    await manager.stop();
  });

  it('reports a lost race as conflict: true, and a missing task as a saved objects not-found error', async () => {
    const { manager, store } = setup();
    store.put('t', storedDoc({}));
    const original = store.replaceIfUnchanged.bind(store);
    jest.spyOn(store, 'replaceIfUnchanged').mockImplementationOnce(async () => undefined);
    await expect(manager.start.runSoon('t')).resolves.toEqual({
      id: 't',
      forced: false,
      conflict: true,
    });
    store.replaceIfUnchanged = original;
    const missing = await manager.start.runSoon('nope').catch((error: Error) => error);
    expect(SavedObjectsErrorHelpers.isNotFoundError(missing as Error)).toBe(true);
    await manager.stop();
  });
});

describe('dev host Task Manager: claiming (as task_claimers/strategy_mget.ts)', () => {
  /** Each run keeps its state and is due again in a minute: one poll claims each task once. */
  const later = async ({ taskInstance }: RunContext) => ({
    state: taskInstance.state,
    runAt: new Date(Date.now() + 60_000),
  });
  it('claims up to its free capacity in one bulk write, and reports each run from the runAt it was due', async () => {
    const { store, manager } = setup({ capacity: 3, run: later });
    const dueAt = Date.now() - 5_000;
    for (let i = 0; i < 5; i++)
      store.put(`t${i}`, storedDoc({ runAt: new Date(dueAt + i).toISOString() }));
    const bulk = jest.spyOn(store, 'replaceAllIfUnchanged');
    const starts: Array<{ id: string; delayMs: number }> = [];
    manager.onRunStart((run) =>
      starts.push({ id: run.id, delayMs: run.startedAt.getTime() - run.scheduledAt.getTime() })
    );
    await manager.pollOnce();
    expect(bulk.mock.calls.filter(([writes]) => writes.length > 0)).toHaveLength(1);
    expect(bulk.mock.calls[0]![0]).toHaveLength(3);
    expect(starts.map((run) => run.id).sort()).toEqual(['t0', 't1', 't2']);
    // Measured from the task's runAt, 5 s ago, not from when it was claimed.
    for (const run of starts) expect(run.delayMs).toBeGreaterThanOrEqual(5_000 - 2);
  });

  it('runs the rest of a bulk claim when one of its writes fails, and claims that task on a later poll', async () => {
    const { store, manager, log } = setup({ capacity: 3, run: later });
    for (let i = 0; i < 3; i++)
      store.put(`t${i}`, storedDoc({ runAt: new Date(Date.now() - 1_000 + i).toISOString() }));
    const real = store.replaceAllIfUnchanged.bind(store);
    // As a bulk item Elasticsearch rejects on its own (a full write queue, a mapping error).
    jest.spyOn(store, 'replaceAllIfUnchanged').mockImplementationOnce(async (writes) => {
      const others = await real(writes.filter(({ task }) => task.id !== 't1'));
      return writes.map(({ task }) =>
        task.id === 't1'
          ? { outcome: 'failed', id: 't1', reason: 'es_rejected_execution_exception: queue full' }
          : others.shift()!
      );
    });
    const started: string[] = [];
    manager.onRunStart((run) => started.push(run.id));
    await manager.pollOnce();
    expect(started.sort()).toEqual(['t0', 't2']);
    expect(log.at('error')).toEqual([
      expect.stringMatching(/task \[t1\] could not be claimed: .*queue full/),
    ]);
    await manager.pollOnce();
    expect(started).toContain('t1');
  });

  it("measures a run whose claim expired from that claim's retryAt", async () => {
    const { store, manager } = setup({ capacity: 1, run: later });
    const retryAt = new Date(Date.now() - 2_000).toISOString();
    store.put(
      't',
      storedDoc({
        status: TaskStatus.Running,
        ownerId: 'dead-node',
        runAt: new Date(Date.now() - 600_000).toISOString(),
        retryAt,
      })
    );
    const scheduled: string[] = [];
    manager.onRunStart((run) => scheduled.push(run.scheduledAt.toISOString()));
    await manager.pollOnce();
    expect(scheduled).toEqual([retryAt]);
  });
});
