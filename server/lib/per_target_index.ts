import type { estypes } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { retryUntilDone } from './retry_until_done';

/** Ids per `mget` or `bulk` request: keeps each request's body bounded however many targets. */
export const PER_TARGET_CHUNK = 1000;

/** A stored document by the id it was asked for; `found: false` also for a per-id error. */
export type PerTargetDocument =
  | { readonly id: string; readonly found: true; readonly source: unknown }
  | { readonly id: string; readonly found: false };

/**
 * A hidden index of the plugin's own with one document per target (`_id` = target id), created
 * on first use. The stores built on it differ in what a document holds and how it is written;
 * creating the index, reading by ids in chunks and removing by ids are the same for all.
 */
export class PerTargetIndex {
  private readonly ensureIndex: () => Promise<void>;

  constructor(
    private readonly getClient: () => Promise<ElasticsearchClient>,
    public readonly name: string,
    private readonly mappings: estypes.MappingTypeMapping
  ) {
    this.ensureIndex = retryUntilDone(() => this.createIndex());
  }

  /** The client, once the index exists. */
  async client(): Promise<ElasticsearchClient> {
    await this.ensureIndex();
    return this.getClient();
  }

  /** Real-time reads of `ids`, in their order, without the `excludes` source fields. */
  async load(
    ids: readonly string[],
    excludes: readonly string[] = []
  ): Promise<PerTargetDocument[]> {
    if (ids.length === 0) return [];
    const client = await this.client();
    const documents: PerTargetDocument[] = [];
    for (let start = 0; start < ids.length; start += PER_TARGET_CHUNK) {
      const chunk = ids.slice(start, start + PER_TARGET_CHUNK);
      const response = await client.mget<unknown>({
        index: this.name,
        ids: chunk,
        ...(excludes.length === 0 ? {} : { _source_excludes: [...excludes] }),
      });
      response.docs.forEach((doc, position) => {
        const id = chunk[position]!;
        documents.push(
          'found' in doc && doc.found
            ? { id, found: true, source: doc._source }
            : { id, found: false }
        );
      });
    }
    return documents;
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const client = await this.client();
    await client.bulk({
      operations: ids.map((id) => ({ delete: { _index: this.name, _id: id } })),
    });
  }

  private async createIndex(): Promise<void> {
    const client = await this.getClient();
    if (await client.indices.exists({ index: this.name })) return;
    try {
      await client.indices.create({
        index: this.name,
        settings: { index: { hidden: true, number_of_shards: 1, auto_expand_replicas: '0-1' } },
        mappings: this.mappings,
      });
    } catch (error) {
      if (!String((error as Error).message).includes('resource_already_exists_exception'))
        throw error;
    }
  }
}
