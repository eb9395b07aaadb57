import { schema } from '@kbn/config-schema';
import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import { GcCursor } from '../derive/gc_cursor';
import { freshState, type TargetCollectionState } from '../collection_state/target_state';

/**
 * The poll task's own state is small: which partition it is and how many runs it made. What
 * collection knows per target lives in the collection state store instead (it used to live
 * here, rewritten on every run and growing with every target).
 */
export const PollTaskState = t.intersection([
  t.type({ runs: t.number }),
  // Per-target state of a version-0 task, to move into the store on the first run after an upgrade.
  t.partial({ legacy_targets: t.record(t.string, t.unknown) }),
]);
export type PollTaskState = t.TypeOf<typeof PollTaskState>;

export const INITIAL_POLL_STATE: PollTaskState = { runs: 0 };

/** Version 0: the single poll task kept every target's slot, cursor and last outcome. */
const LegacyTargetState = t.intersection([
  t.type({ last_slot: t.number }),
  t.partial({
    last_success_at: t.number,
    last_error: t.type({ kind: t.string, message: t.string, at: t.number }),
    cursor: GcCursor,
  }),
]);

/**
 * Task Manager's `stateSchemaByVersion`: a stored state of an older version is brought up to
 * the latest with `up` before a run sees it, and checked against the latest `schema`.
 */
export const pollStateSchemaByVersion = {
  1: {
    up: (state: Record<string, unknown>): Record<string, unknown> => {
      const runs = typeof state.runs === 'number' ? state.runs : 0;
      const legacy = state.legacy_targets ?? state.targets;
      const isRecord = typeof legacy === 'object' && legacy !== null && !Array.isArray(legacy);
      return {
        runs,
        ...(isRecord && Object.keys(legacy).length > 0 ? { legacy_targets: legacy } : {}),
      };
    },
    schema: schema.object({
      runs: schema.number(),
      legacy_targets: schema.maybe(schema.recordOf(schema.string(), schema.any())),
    }),
  },
};

/** Whatever the task state holds, a state to run with: migrated, or fresh when unreadable. */
export function decodePollTaskState(raw: unknown): PollTaskState {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const decoded = PollTaskState.decode(pollStateSchemaByVersion[1].up(input));
  return isRight(decoded) ? decoded.right : INITIAL_POLL_STATE;
}

/**
 * Moves version-0 per-target state into states just loaded from the store, where the store
 * has nothing newer: the first run after an upgrade continues each target's GC cursor instead
 * of counting every target as a first scrape.
 */
export function adoptLegacyStates(
  legacy: Readonly<Record<string, unknown>>,
  loaded: Map<string, TargetCollectionState>
): string[] {
  const adopted: string[] = [];
  for (const [id, state] of loaded) {
    const old = LegacyTargetState.decode(legacy[id]);
    if (!isRight(old) || state.last_slot !== undefined || state.cursor !== undefined) continue;
    const { last_slot, last_success_at, last_error, cursor } = old.right;
    loaded.set(id, {
      ...freshState(id),
      ...state,
      last_slot,
      derived_slot: last_slot,
      written_slot: last_slot,
      ...(last_success_at === undefined ? {} : { last_success_at }),
      ...(last_error === undefined ? {} : { last_error }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    adopted.push(id);
  }
  return adopted;
}
