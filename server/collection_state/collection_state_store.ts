import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { PER_TARGET_CHUNK, PerTargetIndex } from '../lib/per_target_index';
import { freshState, TargetCollectionState } from './target_state';

/**
 * A hidden index of the plugin's own, one document per target (`_id` = target id). Chosen over
 * saved objects: collection state changes every few seconds per target, and saved objects
 * would put that write rate, their migrations and their refreshes on Kibana's own `.kibana`
 * index, while this state needs neither spaces, nor export, nor history. Reads are real-time
 * `mget`s, so a partition that moves to another node sees the last write without a refresh.
 */
export const COLLECTION_STATE_INDEX = '.kibana-go-runtime-collection-state';

const MAPPINGS = {
  dynamic: false as const,
  properties: {
    target_id: { type: 'keyword' as const },
    last_slot: { type: 'date' as const, format: 'epoch_millis' },
    last_success_at: { type: 'date' as const, format: 'epoch_millis' },
  },
};

export class CollectionStateStore {
  private readonly index: PerTargetIndex;

  constructor(client: () => Promise<ElasticsearchClient>, private readonly logger: Logger) {
    this.index = new PerTargetIndex(client, COLLECTION_STATE_INDEX, MAPPINGS);
  }

  /** States of `ids` without their GC cursors: what the targets API reports as health. */
  loadHealth(ids: readonly string[]): Promise<Map<string, TargetCollectionState>> {
    return this.load(ids, ['cursor']);
  }

  /** States of `ids`, a fresh one for each target without a (valid) stored document. */
  async load(
    ids: readonly string[],
    excludes: readonly string[] = []
  ): Promise<Map<string, TargetCollectionState>> {
    const states = new Map<string, TargetCollectionState>();
    for (const doc of await this.index.load(ids, excludes)) {
      if (!doc.found) {
        states.set(doc.id, freshState(doc.id));
        continue;
      }
      const decoded = TargetCollectionState.decode(doc.source);
      if (isRight(decoded) && decoded.right.target_id === doc.id) {
        states.set(doc.id, decoded.right);
      } else {
        // Only this target starts over; a bad document never costs another target its state.
        const reason = isRight(decoded)
          ? 'it names another target'
          : formatValidationErrors(decoded.left);
        this.logger.warn(
          `collection state of target [${doc.id}] is unreadable and starts over: ${reason}`
        );
        states.set(doc.id, freshState(doc.id));
      }
    }
    return states;
  }

  /**
   * Writes the given states in bulk; returns the ids that could not be written (to retry). A
   * state older than the stored one (a node that lost its partition, writing late) is refused
   * by Elasticsearch and not reported: the newer state stands.
   */
  async save(states: readonly TargetCollectionState[]): Promise<string[]> {
    if (states.length === 0) return [];
    const client = await this.index.client();
    const failed: string[] = [];
    for (let start = 0; start < states.length; start += PER_TARGET_CHUNK) {
      const chunk = states.slice(start, start + PER_TARGET_CHUNK);
      const response = await client.bulk({
        operations: chunk.flatMap((state) => [
          {
            index: {
              _index: COLLECTION_STATE_INDEX,
              _id: state.target_id,
              version: stateVersion(state),
              version_type: 'external_gte' as const,
            },
          },
          state,
        ]),
      });
      response.items.forEach((item, position) => {
        const error = item.index?.error;
        if (error !== undefined && error !== null && item.index?.status !== 409)
          failed.push(chunk[position]!.target_id);
      });
    }
    return failed;
  }

  remove(ids: readonly string[]): Promise<void> {
    return this.index.remove(ids);
  }
}

/**
 * Grows with the target's grid and never goes back for the partition's current holder, so
 * Elasticsearch's external versioning keeps the newest state.
 */
function stateVersion(state: TargetCollectionState): number {
  return Math.max(state.last_slot ?? 0, state.derived_slot ?? 0, state.written_slot ?? 0);
}
