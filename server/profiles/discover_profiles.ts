import { isLeft } from 'fp-ts/Either';
import {
  resolveProfileSettings,
  type ProfileErrorClass,
  type ProfileSettings,
  type TargetProfilesHealth,
} from '../../common/profiles';
import type { FetchLimits } from '../scrape/fetch_expvar';
import type { ScrapeAccess } from '../scrape/scrape_access';
import type { ScrapeConnection } from '../targets/target_connection';
import { readProfile } from './fetch_profile';
import type { ProfileError } from './profile_error';
import type { ProfilePool } from './profile_pool';

/** What a discovery or a profile read found, and when (epoch ms). */
export interface ProfilesFinding {
  readonly status: TargetProfilesHealth['status'];
  readonly error?: Pick<ProfileError, 'class' | 'message'>;
  readonly at: number;
}

/**
 * Whether the target's origin serves pprof at its path prefix, found with one read of
 * `goroutine?debug=1` through the profile read itself (the expvar scrape's fetch: policy, auth,
 * TLS, size cap, deadline; then the profile decoder). That read, not the heap profile nor the
 * index page: it is the smallest of the two profiles the runner reads (plain text, no gzip, no
 * walk of the heap's allocation records; its one pause is measured in test/bench/profiles.ts),
 * and, unlike the index page, a catch-all handler answering 200 with HTML cannot pass it: the
 * decoder wants `goroutine profile: total N`.
 */
export async function discoverProfiles(
  targetUrl: string,
  settings: ProfileSettings | undefined,
  limits: FetchLimits,
  access: ScrapeAccess,
  connection: ScrapeConnection,
  pool: ProfilePool,
  signal?: AbortSignal
): Promise<ProfilesFinding> {
  const resolved = resolveProfileSettings(settings);
  if (resolved.heapPeriodMs === 'off' && resolved.goroutinePeriodMs === 'off')
    return { status: 'off', at: Date.now() };
  const read = await readProfile(
    'goroutine',
    targetUrl,
    resolved.pathPrefix,
    limits,
    access,
    connection,
    pool,
    signal
  );
  const at = Date.now();
  if (!isLeft(read)) return { status: 'available', at };
  const { class: errorClass, message } = read.left;
  return { status: statusOfError(errorClass), error: { class: errorClass, message }, at };
}

/**
 * A 404 at the prefix, or something that is no profile answering there (a catch-all page): the
 * origin has no pprof. Any other failure (refused, auth, a truncated profile): it has, but
 * reading fails.
 */
export function statusOfError(errorClass: ProfileErrorClass): 'not_available' | 'failing' {
  return errorClass === 'not_available' || errorClass === 'not_a_profile'
    ? 'not_available'
    : 'failing';
}

/** The API's view of a finding. */
export function toProfilesHealth(finding: ProfilesFinding): TargetProfilesHealth {
  return {
    status: finding.status,
    at: new Date(finding.at).toISOString(),
    ...(finding.error === undefined
      ? {}
      : { error: { class: finding.error.class, message: finding.error.message } }),
  };
}
