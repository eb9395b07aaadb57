import { PROFILE_DATASET } from '../../common/data_streams';
import { HEAP_SAMPLE_TYPES, type ProfileKind } from '../../common/profiles';
import { MAX_ERROR_MESSAGE_LENGTH } from '../../common/scrape_health';
import { scrapeIdentity, type ScrapeOrigin } from '../derive/scrape_identity';
import type { ProfileSummary } from './decode_profile';
import type { ProfileError } from './profile_error';

/** One profile read as stored: its slot on the profile's own grid, and what it gave. */
export interface ProfileAttempt {
  readonly kind: ProfileKind;
  readonly slotMs: number;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly periodMs: number;
  readonly result:
    | { readonly ok: true; readonly summary: ProfileSummary; readonly bytes: number }
    | { readonly ok: false; readonly error: ProfileError };
}

/**
 * A `go_runtime.profile` document: the identity every document of a target carries, and the
 * bounded summary of the read, or why it failed (so a history of failures is kept too).
 */
export function buildProfileDocument(
  origin: ScrapeOrigin,
  attempt: ProfileAttempt
): Record<string, unknown> {
  const identity = scrapeIdentity(
    { ...origin, periodMs: attempt.periodMs },
    PROFILE_DATASET,
    attempt.startedAt,
    attempt.durationMs,
    attempt.slotMs
  );
  const { result } = attempt;
  const target = { ...identity.go_runtime.target, name: origin.targetName };
  if (!result.ok) {
    return {
      ...identity,
      event: { ...identity.event, outcome: 'failure' },
      go_runtime: { target, profile: { kind: attempt.kind } },
      ...(result.error.status === undefined
        ? {}
        : { http: { response: { status_code: result.error.status } } }),
      error: {
        type: result.error.class,
        message: result.error.message.slice(0, MAX_ERROR_MESSAGE_LENGTH),
      },
    };
  }
  return {
    ...identity,
    event: { ...identity.event, outcome: 'success' },
    http: { response: { status_code: 200 } },
    go_runtime: {
      target,
      profile: { kind: attempt.kind, bytes: result.bytes, ...profileFields(result.summary) },
    },
  };
}

function profileFields(summary: ProfileSummary): Record<string, unknown> {
  if (summary.kind === 'goroutine') {
    const { goroutine } = summary;
    return {
      functions: [...new Set(goroutine.groups.map((group) => group.function))],
      goroutine: {
        ...goroutine,
        ...(goroutine.groups[0] === undefined
          ? {}
          : { top_function: goroutine.groups[0].function }),
      },
    };
  }
  const { heap } = summary;
  const listed = new Set<string>();
  for (const type of HEAP_SAMPLE_TYPES) {
    for (const entry of heap.sample_types[type].top_flat) listed.add(entry.function);
    for (const entry of heap.sample_types[type].top_cum) listed.add(entry.function);
  }
  return {
    samples: heap.samples,
    decoded_bytes: heap.decoded_bytes,
    functions: [...listed],
    heap: {
      ...heap.sample_types,
      functions: heap.functions,
      stacks: heap.stacks,
      frames_cut: heap.frames_cut,
    },
  };
}
