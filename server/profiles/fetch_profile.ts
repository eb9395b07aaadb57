import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { ProfileKind } from '../../common/profiles';
import { fetchExpvar, type FetchLimits } from '../scrape/fetch_expvar';
import type { ScrapeAccess } from '../scrape/scrape_access';
import type { ScrapeConnection } from '../targets/target_connection';
import type { ProfileSummary } from './decode_profile';
import { fromFetchError, profileError, type ProfileError } from './profile_error';
import type { ProfilePool } from './profile_pool';

/** What the stored document records of a read besides its summary. */
export interface ProfileRead {
  readonly summary: ProfileSummary;
  readonly bytes: number;
  readonly durationMs: number;
  readonly status: number;
}

const PATHS: Record<ProfileKind, string> = { heap: 'heap', goroutine: 'goroutine?debug=1' };

/** The profile's URL on the target's origin: the expvar URL's scheme, host and port. */
export function profileUrl(targetUrl: string, pathPrefix: string, kind: ProfileKind): string {
  return `${new URL(targetUrl).origin}${pathPrefix}${PATHS[kind]}`;
}

export const NOT_AVAILABLE_MESSAGE = (pathPrefix: string) =>
  `profiles not available: the origin does not serve ${pathPrefix} (import net/http/pprof)`;

/**
 * One profile read with the expvar scrape's fetch (policy, auth, TLS, caps, deadline), then
 * decoded in the profile worker.
 */
export async function readProfile(
  kind: ProfileKind,
  targetUrl: string,
  pathPrefix: string,
  limits: FetchLimits,
  access: ScrapeAccess,
  connection: ScrapeConnection,
  pool: ProfilePool,
  signal?: AbortSignal
): Promise<Either<ProfileError, ProfileRead>> {
  const fetched = await fetchExpvar(
    profileUrl(targetUrl, pathPrefix, kind),
    { ...limits, accept: kind === 'heap' ? 'application/octet-stream' : 'text/plain' },
    access,
    signal,
    connection
  );
  if (isLeft(fetched)) return left(fromFetchError(fetched.left, limits.maxBytes));
  const { status, body, durationMs } = fetched.right;
  if (status === 404)
    return left(profileError('not_available', NOT_AVAILABLE_MESSAGE(pathPrefix), status));
  if (status !== 200)
    return left(
      profileError('http_status', `the ${kind} profile answered HTTP ${status}, not 200`, status)
    );
  const decoded = await pool.decode(kind, body);
  if (isLeft(decoded)) return left({ ...decoded.left, status });
  return right({ summary: decoded.right, bytes: body.length, durationMs, status });
}
