import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { freshState, TargetCollectionState } from './target_state';

/**
 * A hidden index of the plugin's own, one document per target (`_id` = target id). Chosen over
 * saved objects: collection state changes every few seconds per target, and saved objects
 * would put that write rate, their migrations and their refreshes on Kibana's own `.kibana`
 * index, while this state needs neither spaces, nor export, nor history. Reads are real-time
 * `mget`s, so a partition that moves to another node sees the last write without a refresh.
 */
export const COLLECTION_STATE_INDEX = '.kibana-go-runtime-collection-state';
const CHUNK = 1000;

const MAPPINGS = {
  dynamic: false as const,
  properties: {
    target_id: { type: 'keyword' as const },
    last_slot: { type: 'date' as const, format: 'epoch_millis' },
    last_success_at: { type: 'date' as const, format: 'epoch_millis' },
  },
};

export class CollectionStateStore {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly client: () => Promise<ElasticsearchClient>,
    private readonly logger: Logger
  ) {}

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
    if (ids.length === 0) return states;
    await this.ensureIndex();
    const client = await this.client();
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      const response = await client.mget<unknown>({
        index: COLLECTION_STATE_INDEX,
        ids: chunk,
        ...(excludes.length === 0 ? {} : { _source_excludes: [...excludes] }),
      });
      response.docs.forEach((doc, position) => {
        const id = chunk[position]!;
        if (!('found' in doc) || !doc.found) {
          states.set(id, freshState(id));
          return;
        }
        const decoded = TargetCollectionState.decode(doc._source);
        if (isRight(decoded) && decoded.right.target_id === id) {
          states.set(id, decoded.right);
        } else {
          // Only this target starts over; a bad document never costs another target its state.
          const reason = isRight(decoded)
            ? 'it names another target'
            : formatValidationErrors(decoded.left);
          this.logger.warn(
            `collection state of target [${id}] is unreadable and starts over: ${reason}`
          );
          states.set(id, freshState(id));
        }
      });
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
    await this.ensureIndex();
    const client = await this.client();
    const failed: string[] = [];
    for (let start = 0; start < states.length; start += CHUNK) {
      const chunk = states.slice(start, start + CHUNK);
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

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ensureIndex();
    const client = await this.client();
    await client.bulk({
      operations: ids.map((id) => ({ delete: { _index: COLLECTION_STATE_INDEX, _id: id } })),
    });
  }

  private ensureIndex(): Promise<void> {
    this.ready ??= this.createIndex().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createIndex(): Promise<void> {
    const client = await this.client();
    if (await client.indices.exists({ index: COLLECTION_STATE_INDEX })) return;
    try {
      await client.indices.create({
        index: COLLECTION_STATE_INDEX,
        settings: { index: { hidden: true, number_of_shards: 1, auto_expand_replicas: '0-1' } },
        mappings: MAPPINGS,
      });
    } catch (error) {
      if (!String((error as Error).message).includes('resource_already_exists_exception'))
        throw error;
    }
  }
}

/**
 * Grows with the target's grid and never goes back for the partition's current holder, so
 * Elasticsearch's external versioning keeps the newest state.
 */
function stateVersion(state: TargetCollectionState): number {
  return Math.max(state.last_slot ?? 0, state.derived_slot ?? 0, state.written_slot ?? 0);
}
