import { parentPort } from 'node:worker_threads';
import type { ProfileKind } from '../../common/profiles';
import { decodeProfile } from './decode_profile';

/** One body to decode, as posted by profile_pool.ts; its bytes are transferred, not copied. */
export interface ProfileRequest {
  readonly id: number;
  readonly kind: ProfileKind;
  readonly body: Uint8Array;
}

// The decompressed profile lives only here: what goes back is the bounded summary.
parentPort?.on('message', (request: ProfileRequest) => {
  parentPort!.postMessage({ id: request.id, result: decodeProfile(request.kind, request.body) });
});
