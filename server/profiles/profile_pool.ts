import path from 'node:path';
import { left, type Either } from 'fp-ts/Either';
import type { ProfileKind } from '../../common/profiles';
import type { ProfileSummary } from './decode_profile';
import { WorkerPool, type WorkerFailure } from '../lib/worker_pool';
import { profileError, type ProfileError } from './profile_error';
import type { ProfileRequest } from './profile_worker';

type DecodeResult = Either<ProfileError, ProfileSummary>;

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
  private readonly pool = new WorkerPool<ProfileRequest, DecodeResult>({
    script: path.join(__dirname, 'profile_worker'),
    heapMb: PROFILE_WORKER_HEAP_MB,
    failed: (failure) => left(profileError('internal', decodeFailure(failure))),
  });

  decode(kind: ProfileKind, fetched: Buffer): Promise<DecodeResult> {
    const body = new Uint8Array(fetched);
    return this.pool.run((id) => ({ id, kind, body }), [body.buffer]);
  }

  stop(): Promise<void> {
    return this.pool.stop();
  }
}

function decodeFailure(failure: WorkerFailure): string {
  switch (failure.kind) {
    case 'stopping':
      return 'the decode was cancelled because Kibana is stopping';
    case 'out_of_memory':
      return `decoding the profile needed more than ${failure.heapMb} MB`;
    case 'crashed':
      return `the profile could not be decoded: ${failure.message}`;
    case 'exited':
      return 'the profile worker stopped before answering';
  }
}

export const profilePool = new ProfilePool();
