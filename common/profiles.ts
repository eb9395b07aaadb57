import * as t from 'io-ts';
import { keyOf, strictObjectWithOptional } from './codecs';
import { parseDuration } from './duration';
import { NETWORK_ERROR_CLASSES } from './scrape_health';

/**
 * Profiles read from a target's origin beside its expvar page: Go's `net/http/pprof` serves a
 * heap profile (gzip-compressed profile.proto) and a goroutine dump (text, debug=1).
 */

export const DEFAULT_PPROF_PATH_PREFIX = '/debug/pprof/';
export const DEFAULT_HEAP_PERIOD = '5m';
export const DEFAULT_GOROUTINE_PERIOD = '1m';

/** A profile period: `off`, or a duration like the scrape interval's within [min, max]. */
export type ProfilePeriod = 'off' | number;

function periodCodec(name: string, minMs: number, maxMs: number, range: string) {
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && periodProblem(u, minMs, maxMs) === undefined,
    (u, c) => {
      if (typeof u !== 'string')
        return t.failure(u, c, `[${keyOf(c)}] must be "off" or a duration from ${range}`);
      return periodProblem(u, minMs, maxMs) === undefined
        ? t.success(u)
        : t.failure(
            u,
            c,
            `[${keyOf(
              c
            )}] must be "off" or a duration from ${range} like "5m", got ${JSON.stringify(
              u.slice(0, 40)
            )}`
          );
    },
    t.identity
  );
}

function periodProblem(value: string, minMs: number, maxMs: number): string | undefined {
  if (value === 'off') return undefined;
  const ms = /^[1-9][0-9]{0,5}[smh]$/.test(value) ? parseDuration(value) : undefined;
  return ms !== undefined && ms >= minMs && ms <= maxMs ? undefined : 'out of range';
}

/** A heap profile makes the target walk its sampled allocation records: once a minute at most. */
export const HeapPeriod = periodCodec('HeapPeriod', 60_000, 3_600_000, '1m to 1h');
/** A goroutine dump stops the world briefly: every 10 s at most. */
export const GoroutinePeriod = periodCodec('GoroutinePeriod', 10_000, 3_600_000, '10s to 1h');

/** An absolute path on the target's origin, ending in `/`, that the profile names are appended to. */
export const PprofPathPrefix = new t.Type<string, string, unknown>(
  'PprofPathPrefix',
  (u): u is string => typeof u === 'string' && isPathPrefix(u),
  (u, c) =>
    typeof u === 'string' && isPathPrefix(u)
      ? t.success(u)
      : t.failure(
          u,
          c,
          `[${keyOf(c)}] must be a path starting and ending with "/", like "/debug/pprof/"`
        ),
  t.identity
);

function isPathPrefix(value: string): boolean {
  // No `.` or `..` segment (`%2e` is one too): the URL parser would resolve it to another path.
  return (
    value.length <= 256 &&
    /^\/([A-Za-z0-9._~%!$&'()*+,;=:@-]+\/)*$/.test(value) &&
    !value
      .split('/')
      .map((segment) => segment.toLowerCase().replace(/%2e/g, '.'))
      .some((segment) => segment === '.' || segment === '..')
  );
}

/** Per-target profile settings; each left out takes its default. */
export const ProfileSettings = strictObjectWithOptional(
  {},
  { path_prefix: PprofPathPrefix, heap_period: HeapPeriod, goroutine_period: GoroutinePeriod },
  'ProfileSettings'
);
export type ProfileSettings = t.TypeOf<typeof ProfileSettings>;

export interface ResolvedProfileSettings {
  readonly pathPrefix: string;
  readonly heapPeriodMs: ProfilePeriod;
  readonly goroutinePeriodMs: ProfilePeriod;
}

export function resolveProfileSettings(
  settings: ProfileSettings | undefined
): ResolvedProfileSettings {
  const toMs = (value: string): ProfilePeriod =>
    value === 'off' ? 'off' : parseDuration(value) ?? 'off';
  return {
    pathPrefix: settings?.path_prefix ?? DEFAULT_PPROF_PATH_PREFIX,
    heapPeriodMs: toMs(settings?.heap_period ?? DEFAULT_HEAP_PERIOD),
    goroutinePeriodMs: toMs(settings?.goroutine_period ?? DEFAULT_GOROUTINE_PERIOD),
  };
}

export const PROFILE_KINDS = ['heap', 'goroutine'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

/**
 * Heaviest stacks kept per heap sample type for the flame graph; the rest are counted and
 * summed. A stored profile holds the union of the four types' heaviest stacks, and the flame
 * graph of a type draws that type's own heaviest, so what it says was left out is exact.
 */
export const MAX_STACKS_PER_TYPE = 100;

/** Go's heap profile sample types, in the order the runtime writes them. */
export const HEAP_SAMPLE_TYPES = [
  'alloc_objects',
  'alloc_space',
  'inuse_objects',
  'inuse_space',
] as const;
export type HeapSampleType = (typeof HEAP_SAMPLE_TYPES)[number];

/**
 * Why a profile read failed, as `error.type` of a profile document and the profile status of a
 * scrape health document. The network classes are the expvar scrape's; the rest are the
 * profile's own, one per way a profile can be bad.
 */
export const ProfileErrorClass = t.keyof(
  {
    ...NETWORK_ERROR_CLASSES,
    /** 404 at the pprof path: the program does not import net/http/pprof. */
    not_available: null,
    /** The body (compressed) is over go_runtime.scrape.maxBytes. */
    too_large: null,
    /** The gzip stream ends before its end (a cut connection, a truncated file). */
    truncated: null,
    /** Decompressed, the profile is over the size or ratio cap. */
    decompression_bomb: null,
    /** Not a profile at all: an HTML page, not gzip, not protobuf, not a goroutine dump. */
    not_a_profile: null,
    /** A profile.proto whose indices point outside its tables (strings, functions, locations). */
    bad_reference: null,
    /** A stack that loops through the same locations past any real stack's depth. */
    cyclic_stack: null,
    /** The decoder or reducer failed in a way not foreseen above. */
    internal: null,
  },
  'ProfileErrorClass'
);
export type ProfileErrorClass = t.TypeOf<typeof ProfileErrorClass>;

/**
 * Whether a target's origin serves profiles: `off` when both periods are off, `unknown` before
 * any discovery or read, `not_available` when the origin has no pprof at the path prefix,
 * `failing` when it has but a read fails.
 */
export const ProfilesStatus = t.keyof(
  { available: null, not_available: null, failing: null, off: null, unknown: null },
  'ProfilesStatus'
);
export type ProfilesStatus = t.TypeOf<typeof ProfilesStatus>;

/**
 * A target's profile status as the targets API and `_test` give it: what the latest discovery
 * or read found (`at`, ISO), and why profiles are not read when they are not.
 */
export const TargetProfilesHealth = t.intersection([
  t.type({ status: ProfilesStatus }),
  t.partial({
    at: t.string,
    error: t.type({ class: ProfileErrorClass, message: t.string }),
  }),
]);
export type TargetProfilesHealth = t.TypeOf<typeof TargetProfilesHealth>;
