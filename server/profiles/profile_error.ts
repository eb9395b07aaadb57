import type { ProfileErrorClass } from '../../common/profiles';
import {
  CLASS_OF_FETCH_FAILURE,
  type ScrapeError,
  type ScrapeErrorKind,
} from '../scrape/scrape_error';

/** A profile read that failed, with a message written for the target's owner. */
export interface ProfileError {
  readonly class: ProfileErrorClass;
  readonly message: string;
  readonly status?: number;
}

export function profileError(
  errorClass: ProfileErrorClass,
  message: string,
  status?: number
): ProfileError {
  return { class: errorClass, message, ...(status === undefined ? {} : { status }) };
}

/** Thrown inside decoding and reduction, caught at the worker's edge and returned as a value. */
export class ProfileDecodeError extends Error {
  constructor(public readonly errorClass: ProfileErrorClass, message: string) {
    super(message);
  }
}

const CLASS_OF_FETCH: Record<ScrapeErrorKind, ProfileErrorClass> = {
  ...CLASS_OF_FETCH_FAILURE,
  html_page: 'not_a_profile',
  not_json: 'not_a_profile',
  too_deep: 'not_a_profile',
  not_expvar: 'not_a_profile',
  internal: 'internal',
};

/** A failure of the shared fetch (network, TLS, policy, caps), in the profile's classes. */
export function fromFetchError(error: ScrapeError, maxBytes: number): ProfileError {
  const errorClass = CLASS_OF_FETCH[error.kind];
  // The fetch's own message speaks of expvar pages; a profile's size is another matter.
  const message =
    errorClass === 'too_large'
      ? `the profile is over the ${maxBytes}-byte limit (go_runtime.scrape.maxBytes); a compressed Go heap profile is normally well under 1 MB, check the pprof path or raise the limit`
      : error.message;
  return profileError(errorClass, message, error.status);
}
