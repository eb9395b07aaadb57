import { left, right, type Either } from 'fp-ts/Either';
import type { ProfileKind } from '../../common/profiles';
import { summarizeGoroutines, type GoroutineSummary } from './goroutine_profile';
import { gunzipCapped } from './gunzip_capped';
import { summarizeHeapProfile, type HeapProfileSummary } from './heap_profile';
import { ProfileDecodeError, profileError, type ProfileError } from './profile_error';

export type ProfileSummary =
  | { readonly kind: 'heap'; readonly heap: HeapProfileSummary }
  | { readonly kind: 'goroutine'; readonly goroutine: GoroutineSummary };

/** Body → bounded summary, every failure a value. Runs in the profile worker. */
export function decodeProfile(
  kind: ProfileKind,
  body: Uint8Array
): Either<ProfileError, ProfileSummary> {
  try {
    if (kind === 'heap') return right({ kind, heap: summarizeHeapProfile(gunzipCapped(body)) });
    const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
    return right({ kind, goroutine: summarizeGoroutines(text) });
  } catch (error) {
    if (error instanceof ProfileDecodeError)
      return left(profileError(error.errorClass, error.message));
    return left(
      profileError(
        'internal',
        `the profile could not be read: ${String((error as Error)?.message ?? error).slice(0, 200)}`
      )
    );
  }
}
