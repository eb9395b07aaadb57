import { TaskStatus, type TaskInstanceWithId } from '@kbn/task-manager-plugin/server';
import {
  newTaskDoc,
  type ClaimWrite,
  type StoredTask,
  type TaskDoc,
  type TaskStoreContract,
} from './task_store';

/**
 * TaskStore's contract in memory, with the same optimistic concurrency (a write against a stale
 * version loses), for unit tests of Task Manager and of task runners without Elasticsearch.
 */
export class MemoryTaskStore implements TaskStoreContract {
  private readonly docs = new Map<string, { doc: TaskDoc; seqNo: number }>();
  private seq = 0;

  async ensureIndex(): Promise<void> {}

  async createIfAbsent(task: TaskInstanceWithId, now: Date): Promise<boolean> {
    if (this.docs.has(task.id)) return false;
    this.docs.set(task.id, {
      seqNo: this.seq++,
      doc: structuredClone(newTaskDoc(task, now)),
    });
    return true;
  }

  async get(id: string): Promise<StoredTask | undefined> {
    const entry = this.docs.get(id);
    return entry === undefined
      ? undefined
      : { id, doc: structuredClone(entry.doc), seqNo: entry.seqNo, primaryTerm: 1 };
  }

  async findClaimable(
    taskTypes: readonly string[],
    now: Date,
    size: number
  ): Promise<StoredTask[]> {
    const nowIso = now.toISOString();
    const due = [...this.docs.entries()].filter(([, { doc }]) => {
      if (!taskTypes.includes(doc.taskType) || !doc.enabled) return false;
      if (doc.status === TaskStatus.Idle) return doc.runAt <= nowIso;
      return (
        (doc.status === TaskStatus.Running || doc.status === TaskStatus.Claiming) &&
        doc.retryAt !== null &&
        doc.retryAt <= nowIso
      );
    });
    return due
      .slice(0, Math.max(0, size))
      .map(([id, { doc, seqNo }]) => ({ id, doc: structuredClone(doc), seqNo, primaryTerm: 1 }));
  }

  async replaceIfUnchanged(task: StoredTask, doc: TaskDoc): Promise<StoredTask | undefined> {
    const entry = this.docs.get(task.id);
    if (entry === undefined || entry.seqNo !== task.seqNo) return undefined;
    const seqNo = this.seq++;
    this.docs.set(task.id, { doc: structuredClone(doc), seqNo });
    return { id: task.id, doc: structuredClone(doc), seqNo, primaryTerm: 1 };
  }

  async replaceAllIfUnchanged(
    writes: ReadonlyArray<{ task: StoredTask; doc: TaskDoc }>
  ): Promise<ClaimWrite[]> {
    const results: ClaimWrite[] = [];
    for (const { task, doc } of writes) {
      const written = await this.replaceIfUnchanged(task, doc);
      results.push(
        written === undefined
          ? { outcome: 'conflict', id: task.id }
          : { outcome: 'written', task: written }
      );
    }
    return results;
  }

  async delete(id: string): Promise<void> {
    this.docs.delete(id);
  }

  /** Test helper: overwrite a stored document, as another Kibana version or node would. */
  put(id: string, doc: TaskDoc): void {
    this.docs.set(id, { doc: structuredClone(doc), seqNo: this.seq++ });
  }
}
