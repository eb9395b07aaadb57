import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { left, type Either } from 'fp-ts/Either';
import type { ProfileKind } from '../../common/profiles';
import type { ProfileSummary } from './decode_profile';
import { profileError, type ProfileError } from './profile_error';
import type { ProfileRequest } from './profile_worker';

type DecodeResult = Either<ProfileError, ProfileSummary>;

/** A worker unused for this long is stopped; the next profile starts another. */
const IDLE_MS = 30_000;
/**
 * The worker's heap cap: a 64 MiB decompressed profile (the cap) decodes into object tables
 * several times its size; a hostile one costs the worker, not Kibana.
 */
export const PROFILE_WORKER_HEAP_MB = 512;

/**
 * Decodes profiles in one worker thread, always: gunzip, protobuf decoding and reduction of a
 * heap profile take milliseconds to hundreds of milliseconds, which Kibana's event loop must
 * not pay. One worker, so profiles queue instead of competing with Kibana for the cores.
 */
export class ProfilePool {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (result: DecodeResult) => void>();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  decode(kind: ProfileKind, fetched: Buffer): Promise<DecodeResult> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const body = new Uint8Array(fetched);
    const request: ProfileRequest = { id, kind, body };
    return new Promise<DecodeResult>((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage(request, [body.buffer]);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.idle);
    this.failAll('the decode was cancelled because Kibana is stopping');
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    clearTimeout(this.idle);
    if (this.worker !== undefined) return this.worker;
    const worker = startWorker();
    worker.unref();
    worker.on('message', ({ id, result }: { id: number; result: DecodeResult }) => {
      this.pending.get(id)?.(result);
      this.pending.delete(id);
      if (this.pending.size === 0)
        this.idle = setTimeout(() => void this.stopIdle(worker), IDLE_MS).unref();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `decoding the profile needed more than ${PROFILE_WORKER_HEAP_MB} MB`
          : `the profile could not be decoded: ${error.message.slice(0, 200)}`
      );
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll('the profile worker stopped before answering');
    });
    this.worker = worker;
    return worker;
  }

  private async stopIdle(worker: Worker): Promise<void> {
    if (this.worker !== worker || this.pending.size > 0) return;
    this.worker = undefined;
    await worker.terminate();
  }

  private failAll(message: string): void {
    for (const resolve of this.pending.values()) resolve(left(profileError('internal', message)));
    this.pending.clear();
  }
}

/** As parse_pool.ts: the compiled worker beside this file, or the TypeScript source under tsx. */
function startWorker(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: PROFILE_WORKER_HEAP_MB } };
  if (path.extname(__filename) === '.js')
    return new Worker(path.join(__dirname, 'profile_worker.js'), options);
  const source = path.join(__dirname, 'profile_worker.ts');
  const hook = require.resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(source)});`, {
    ...options,
    eval: true,
  });
}

export const profilePool = new ProfilePool();
