import * as t from 'io-ts';
import { GcCursor } from '../derive/gc_cursor';

const Count = new t.Type<number, number, unknown>(
  'count',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c),
  t.identity
);
const EpochMs = Count;

export const LastError = t.type({ kind: t.string, message: t.string, at: EpochMs });
export type LastError = t.TypeOf<typeof LastError>;

/**
 * What collection knows about one target between scrapes, kept in its own document
 * (collection_state_store.ts) rather than in the poll task: it survives task runs, Kibana
 * restarts and a partition moving to another node.
 */
export const TargetCollectionState = t.intersection([
  t.type({
    target_id: t.string,
    /** Cumulative: slots that no scrape covered (the previous one still running, a gap between runs). */
    missed_slots: Count,
    /** Cumulative: scrapes whose documents were dropped from a full write buffer. */
    dropped_documents: Count,
    /** Cumulative: documents Elasticsearch refused for good (a mapping error, not an outage). */
    rejected_documents: Count,
  }),
  t.partial({
    /** The last slot a scrape was started for: a slot is spent once, on any node. */
    last_slot: EpochMs,
    /** The slot of the newest outcome derived; an outcome of an older slot arrived late and is dropped. */
    derived_slot: EpochMs,
    /** The slot of the newest documents Elasticsearch holds, and the GC cursor right after them. */
    written_slot: EpochMs,
    cursor: GcCursor,
    last_scrape_at: EpochMs,
    last_success_at: EpochMs,
    last_duration_ms: t.number,
    last_error: LastError,
  }),
]);
export type TargetCollectionState = t.TypeOf<typeof TargetCollectionState>;

export function freshState(targetId: string): TargetCollectionState {
  return { target_id: targetId, missed_slots: 0, dropped_documents: 0, rejected_documents: 0 };
}
