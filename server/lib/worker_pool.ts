import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Why a job ended without the worker's answer; each pool words it for its own users. */
export type WorkerFailure =
  | { readonly kind: 'stopping' }
  | { readonly kind: 'out_of_memory'; readonly heapMb: number }
  | { readonly kind: 'crashed'; readonly message: string }
  | { readonly kind: 'exited' };

export interface WorkerPoolOptions<Result> {
  /** The worker module without its extension, e.g. `path.join(__dirname, 'parse_worker')`. */
  readonly script: string;
  /** The worker's heap cap: a hostile input costs the worker, not Kibana. */
  readonly heapMb: number;
  /** The answer a pending job gets when the worker cannot give one. */
  readonly failed: (failure: WorkerFailure) => Result;
  /** A worker unused for this long is stopped; the next job starts another. */
  readonly idleMs?: number;
}

/**
 * One worker thread, started on the first job and stopped when idle, so jobs queue instead of
 * competing with Kibana for the cores. The worker answers each `{ id, ... }` request with
 * `{ id, result }`; every job resolves, with `failed(...)` when the worker dies or is stopped.
 */
export class WorkerPool<Request extends { readonly id: number }, Result> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (result: Result) => void>();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly options: WorkerPoolOptions<Result>) {}

  /** Posts the request built for a fresh id, handing over `transfer` to the worker. */
  run(request: (id: number) => Request, transfer: readonly ArrayBuffer[]): Promise<Result> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Result>((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage(request(id), [...transfer]);
    });
  }

  /** Stops the worker; pending jobs end with the 'stopping' failure. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.idle);
    this.failAll({ kind: 'stopping' });
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    clearTimeout(this.idle);
    if (this.worker !== undefined) return this.worker;
    const worker = startWorker(this.options.script, this.options.heapMb);
    worker.unref(); // never what keeps Kibana's process alive
    worker.on('message', ({ id, result }: { id: number; result: Result }) => {
      this.pending.get(id)?.(result);
      this.pending.delete(id);
      if (this.pending.size === 0)
        this.idle = setTimeout(
          () => void this.stopIdle(worker),
          this.options.idleMs ?? DEFAULT_IDLE_MS
        ).unref();
    });
    // Every pending job belongs to the current worker; one that was stopped on purpose
    // (idle, or stop()) is no longer current and fails nothing.
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { kind: 'out_of_memory', heapMb: this.options.heapMb }
          : { kind: 'crashed', message: error.message.slice(0, 200) }
      );
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll({ kind: 'exited' });
    });
    this.worker = worker;
    return worker;
  }

  private async stopIdle(worker: Worker): Promise<void> {
    if (this.worker !== worker || this.pending.size > 0) return;
    this.worker = undefined;
    await worker.terminate();
  }

  private failAll(failure: WorkerFailure): void {
    const result = this.options.failed(failure);
    for (const resolve of this.pending.values()) resolve(result);
    this.pending.clear();
  }
}

const DEFAULT_IDLE_MS = 30_000;

/**
 * Compiled, the worker is the `.js` beside the caller. Run from TypeScript sources (the dev
 * host and the tests, under tsx or ts-jest), it is the `.ts` source behind tsx's require hook.
 */
function startWorker(script: string, heapMb: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  if (path.extname(__filename) === '.js') return new Worker(`${script}.js`, options);
  const hook = require.resolve('tsx/cjs');
  return new Worker(
    `require(${JSON.stringify(hook)}); require(${JSON.stringify(`${script}.ts`)});`,
    {
      ...options,
      eval: true,
    }
  );
}
