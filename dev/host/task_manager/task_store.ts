import type { Client } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import {
  TaskStatus,
  type ConcreteTaskInstance,
  type TaskInstanceWithId,
} from '@kbn/task-manager-plugin/server';

/** A task as stored in Elasticsearch; dates are ISO strings. */
export interface TaskDoc {
  taskType: string;
  params: Record<string, unknown>;
  state: Record<string, unknown>;
  /** The stateSchemaByVersion version `state` was validated against (absent: never validated). */
  stateVersion?: number;
  schedule?: { interval: string };
  status: TaskStatus;
  runAt: string;
  scheduledAt: string;
  startedAt: string | null;
  retryAt: string | null;
  attempts: number;
  ownerId: string | null;
  enabled: boolean;
}

export interface StoredTask {
  readonly id: string;
  readonly doc: TaskDoc;
  readonly seqNo: number;
  readonly primaryTerm: number;
}

export const TASK_INDEX_MAPPINGS = {
  dynamic: 'strict' as const,
  properties: {
    taskType: { type: 'keyword' },
    params: { type: 'object', enabled: false },
    state: { type: 'object', enabled: false },
    stateVersion: { type: 'integer' },
    schedule: { properties: { interval: { type: 'keyword' } } },
    status: { type: 'keyword' },
    runAt: { type: 'date' },
    scheduledAt: { type: 'date' },
    startedAt: { type: 'date' },
    retryAt: { type: 'date' },
    attempts: { type: 'integer' },
    ownerId: { type: 'keyword' },
    enabled: { type: 'boolean' },
  },
};

/** A task as first stored: idle, due at its runAt (or now), never attempted. */
export function newTaskDoc(task: TaskInstanceWithId, now: Date): TaskDoc {
  return {
    taskType: task.taskType,
    params: task.params,
    state: task.state,
    ...(task.stateVersion === undefined ? {} : { stateVersion: task.stateVersion }),
    ...(task.schedule === undefined ? {} : { schedule: task.schedule }),
    status: TaskStatus.Idle,
    runAt: (task.runAt ?? now).toISOString(),
    scheduledAt: now.toISOString(),
    startedAt: null,
    retryAt: null,
    attempts: 0,
    ownerId: null,
    enabled: task.enabled ?? true,
  };
}

export function isConflict(error: unknown): boolean {
  return error instanceof errors.ResponseError && error.meta.statusCode === 409;
}
export function isNotFound(error: unknown): boolean {
  return error instanceof errors.ResponseError && error.meta.statusCode === 404;
}

export function toConcrete(task: StoredTask): ConcreteTaskInstance {
  const { doc } = task;
  return {
    id: task.id,
    taskType: doc.taskType,
    params: doc.params,
    state: doc.state,
    ...(doc.stateVersion === undefined ? {} : { stateVersion: doc.stateVersion }),
    ...(doc.schedule === undefined ? {} : { schedule: doc.schedule }),
    status: doc.status,
    runAt: new Date(doc.runAt),
    scheduledAt: new Date(doc.scheduledAt),
    startedAt: doc.startedAt === null ? null : new Date(doc.startedAt),
    retryAt: doc.retryAt === null ? null : new Date(doc.retryAt),
    attempts: doc.attempts,
    ownerId: doc.ownerId,
    enabled: doc.enabled,
  };
}

/**
 * How one conditional write of a bulk claim ended. A conflict is another node (or a newer write)
 * winning; a failure is anything else Elasticsearch refused for that one document.
 */
export type ClaimWrite =
  | { readonly outcome: 'written'; readonly task: StoredTask }
  | { readonly outcome: 'conflict'; readonly id: string }
  | { readonly outcome: 'failed'; readonly id: string; readonly reason: string };

/** What Task Manager needs from its store; TaskStore keeps tasks in Elasticsearch. */
export interface TaskStoreContract {
  ensureIndex(): Promise<void>;
  createIfAbsent(task: TaskInstanceWithId, now: Date): Promise<boolean>;
  get(id: string): Promise<StoredTask | undefined>;
  findClaimable(taskTypes: readonly string[], now: Date, size: number): Promise<StoredTask[]>;
  replaceIfUnchanged(
    task: StoredTask,
    doc: TaskDoc,
    refresh?: boolean
  ): Promise<StoredTask | undefined>;
  /** replaceIfUnchanged for many tasks in one request; each entry wins, loses or fails on its own. */
  replaceAllIfUnchanged(
    writes: ReadonlyArray<{ task: StoredTask; doc: TaskDoc }>
  ): Promise<ClaimWrite[]>;
  delete(id: string): Promise<void>;
}

/** Tasks in an Elasticsearch index; every write after a read is conditional on seq_no/term. */
export class TaskStore implements TaskStoreContract {
  constructor(private readonly client: Client, public readonly index: string) {}

  async ensureIndex(): Promise<void> {
    try {
      await this.client.indices.create({
        index: this.index,
        settings: { number_of_shards: 1, auto_expand_replicas: '0-1' },
        mappings: TASK_INDEX_MAPPINGS as never,
      });
    } catch (error) {
      if (
        !(
          error instanceof errors.ResponseError &&
          error.body?.error?.type === 'resource_already_exists_exception'
        )
      )
        throw error;
      // An index from an older host lacks newer fields (stateVersion); its mapping is strict.
      await this.client.indices.putMapping({
        index: this.index,
        ...(TASK_INDEX_MAPPINGS as object),
      } as never);
    }
  }

  /** Creates the task unless one with its id exists; returns false when it already did. */
  async createIfAbsent(task: TaskInstanceWithId, now: Date): Promise<boolean> {
    const doc = newTaskDoc(task, now);
    try {
      await this.client.index({
        index: this.index,
        id: task.id,
        document: doc,
        op_type: 'create',
        // As Kibana's TaskStore.schedule: the claim search sees it after the next refresh (1 s).
        refresh: false,
      });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<StoredTask | undefined> {
    try {
      const response = await this.client.get<TaskDoc>({ index: this.index, id });
      return {
        id,
        doc: response._source!,
        seqNo: response._seq_no!,
        primaryTerm: response._primary_term!,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Candidates to claim: idle and due, or running whose claim expired. */
  async findClaimable(
    taskTypes: readonly string[],
    now: Date,
    size: number
  ): Promise<StoredTask[]> {
    if (size <= 0 || taskTypes.length === 0) return [];
    const response = await this.client.search<TaskDoc>({
      index: this.index,
      size,
      seq_no_primary_term: true,
      query: {
        bool: {
          filter: [{ terms: { taskType: [...taskTypes] } }, { term: { enabled: true } }],
          should: [
            {
              bool: {
                filter: [
                  { term: { status: TaskStatus.Idle } },
                  { range: { runAt: { lte: now.toISOString() } } },
                ],
              },
            },
            {
              bool: {
                filter: [
                  { terms: { status: [TaskStatus.Running, TaskStatus.Claiming] } },
                  { range: { retryAt: { lte: now.toISOString() } } },
                ],
              },
            },
          ],
          minimum_should_match: 1,
        },
      },
      sort: [{ runAt: { order: 'asc' } }],
    });
    const hits = response.hits.hits;
    if (hits.length === 0) return [];
    // Search is near-real-time; a real-time mget drops candidates another node has claimed
    // or finished since (Kibana's mget claim strategy does the same).
    const current = await this.client.mget<TaskDoc>({
      index: this.index,
      ids: hits.map((hit) => hit._id!),
    });
    const nowIso = now.toISOString();
    return current.docs.flatMap((entry) => {
      if (!('found' in entry) || !entry.found || entry._source === undefined) return [];
      const doc = entry._source;
      const due =
        (doc.status === TaskStatus.Idle && doc.runAt <= nowIso) ||
        (doc.status !== TaskStatus.Idle && doc.retryAt !== null && doc.retryAt <= nowIso);
      return due && doc.enabled
        ? [{ id: entry._id, doc, seqNo: entry._seq_no!, primaryTerm: entry._primary_term! }]
        : [];
    });
  }

  /**
   * Writes `doc` only if the task is still at the version we read. Returns the new version,
   * or undefined when another writer got there first (the caller lost the race).
   *
   * Not refreshed by default, as Kibana's task store (claims, run results): the claim search
   * may then return a task whose newer version it cannot see yet, and the real-time mget in
   * findClaimable drops it. A refresh per write held each claim and each finished run for a
   * refresh of the index, which made a poll cycle claim about one task a second.
   */
  async replaceIfUnchanged(
    task: StoredTask,
    doc: TaskDoc,
    refresh: boolean = false
  ): Promise<StoredTask | undefined> {
    try {
      const response = await this.client.index({
        index: this.index,
        id: task.id,
        document: doc,
        if_seq_no: task.seqNo,
        if_primary_term: task.primaryTerm,
        refresh,
      });
      return { id: task.id, doc, seqNo: response._seq_no!, primaryTerm: response._primary_term! };
    } catch (error) {
      if (isConflict(error)) return undefined;
      throw error;
    }
  }

  /**
   * One bulk request of conditional writes, as Kibana's mget claimer claims a batch
   * (task_claimers/strategy_mget.ts, bulkPartialUpdate): an item that fails for another
   * reason than a conflict is that task's problem only; the others in the batch stay claimed
   * and run.
   */
  async replaceAllIfUnchanged(
    writes: ReadonlyArray<{ task: StoredTask; doc: TaskDoc }>
  ): Promise<ClaimWrite[]> {
    if (writes.length === 0) return [];
    const response = await this.client.bulk({
      index: this.index,
      operations: writes.flatMap(({ task, doc }) => [
        { index: { _id: task.id, if_seq_no: task.seqNo, if_primary_term: task.primaryTerm } },
        doc,
      ]),
    });
    return response.items.map((item, i): ClaimWrite => {
      const { task, doc } = writes[i]!;
      const result = item.index!;
      if (result.status === 409) return { outcome: 'conflict', id: task.id };
      if (result.error !== undefined)
        return {
          outcome: 'failed',
          id: task.id,
          reason: `${result.error.type}: ${result.error.reason ?? 'no reason given'}`,
        };
      return {
        outcome: 'written',
        task: { id: task.id, doc, seqNo: result._seq_no!, primaryTerm: result._primary_term! },
      };
    });
  }

  async delete(id: string): Promise<void> {
    try {
      await this.client.delete({ index: this.index, id, refresh: false });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
