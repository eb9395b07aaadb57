import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import { GcCursor } from '../derive/gc_cursor';

/**
 * What the poll task remembers between runs, persisted by Task Manager: the last slot scraped
 * per target (so a slot is scraped once even across nodes and restarts) and its last outcome.
 */
const TargetPollState = t.intersection([
  t.type({ last_slot: t.number }),
  t.partial({
    last_success_at: t.number,
    last_error: t.type({ kind: t.string, message: t.string, at: t.number }),
    cursor: GcCursor,
  }),
]);
export type TargetPollState = t.TypeOf<typeof TargetPollState>;

export const PollState = t.type({ targets: t.record(t.string, TargetPollState) });
export type PollState = t.TypeOf<typeof PollState>;

export const EMPTY_POLL_STATE: PollState = { targets: {} };

/** A state written by another version (or hand-edited) must not wedge the task: start fresh. */
export function decodePollState(raw: unknown): PollState {
  const decoded = PollState.decode(raw);
  return isRight(decoded) ? decoded.right : EMPTY_POLL_STATE;
}
