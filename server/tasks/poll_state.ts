import { schema } from '@kbn/config-schema';
import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';

/**
 * The poll task's own state is small: how many runs it made. What collection knows per target
 * lives in the collection state store instead (server/collection_state).
 */
export const PollTaskState = t.type({ runs: t.number });
export type PollTaskState = t.TypeOf<typeof PollTaskState>;

export const INITIAL_POLL_STATE: PollTaskState = { runs: 0 };

/**
 * Task Manager's `stateSchemaByVersion`. A later release that changes the state adds version 2
 * with an `up` from this one; Task Manager runs it on a stored version-1 state before a run.
 */
export const pollStateSchemaByVersion = {
  1: {
    up: (state: Record<string, unknown>): Record<string, unknown> => ({
      runs: typeof state.runs === 'number' ? state.runs : 0,
    }),
    schema: schema.object({ runs: schema.number() }),
  },
};

/** Whatever the task state holds, a state to run with: the stored one, or fresh when unreadable. */
export function decodePollTaskState(raw: unknown): PollTaskState {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const decoded = PollTaskState.decode(pollStateSchemaByVersion[1].up(input));
  return isRight(decoded) ? decoded.right : INITIAL_POLL_STATE;
}
