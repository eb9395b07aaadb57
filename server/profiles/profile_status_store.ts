import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import { ProfileErrorClass, ProfilesStatus } from '../../common/profiles';
import { MAX_ERROR_MESSAGE_LENGTH } from '../../common/scrape_health';
import type { ProfilesFinding } from './discover_profiles';

/**
 * One document per target (`_id` = target id): whether its origin serves profiles. Its own
 * index, not a field of the collection state: that state is written whole by the node running
 * the target's partition, while a finding also comes from the node that served a create or an
 * update; a field there would be overwritten by the next state write.
 */
export const PROFILE_STATUS_INDEX = '.kibana-go-runtime-profile-status';

const StoredFinding = t.intersection([
  t.type({ target_id: t.string, status: ProfilesStatus, at: t.number }),
  t.partial({ error: t.type({ class: ProfileErrorClass, message: t.string }) }),
]);

const CHUNK = 1000;

export class ProfileStatusStore {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly client: () => Promise<ElasticsearchClient>,
    private readonly logger: Logger
  ) {}

  /**
   * Keeps the finding unless a newer one is stored: the time is the external version, so a
   * discovery that ends after a later read does not bring back what that read replaced.
   */
  async save(targetId: string, finding: ProfilesFinding): Promise<void> {
    await this.ensureIndex();
    const client = await this.client();
    const document = {
      target_id: targetId,
      status: finding.status,
      at: finding.at,
      ...(finding.error === undefined
        ? {}
        : {
            error: {
              class: finding.error.class,
              message: finding.error.message.slice(0, MAX_ERROR_MESSAGE_LENGTH),
            },
          }),
    };
    try {
      await client.index({
        index: PROFILE_STATUS_INDEX,
        id: targetId,
        version: finding.at,
        version_type: 'external_gte',
        document,
      });
    } catch (error) {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode !== 409) throw error;
    }
  }

  async load(ids: readonly string[]): Promise<Map<string, ProfilesFinding>> {
    const found = new Map<string, ProfilesFinding>();
    if (ids.length === 0) return found;
    await this.ensureIndex();
    const client = await this.client();
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      const response = await client.mget<unknown>({ index: PROFILE_STATUS_INDEX, ids: chunk });
      for (const doc of response.docs) {
        if (!('found' in doc) || !doc.found) continue;
        const decoded = StoredFinding.decode(doc._source);
        // An unreadable finding is as good as none: the next discovery or read replaces it.
        if (isRight(decoded) && decoded.right.target_id === doc._id) {
          const { target_id: _id, ...finding } = decoded.right;
          found.set(doc._id, finding);
        } else this.logger.debug(`profile status of target [${doc._id}] is unreadable`);
      }
    }
    return found;
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ensureIndex();
    const client = await this.client();
    await client.bulk({
      operations: ids.map((id) => ({ delete: { _index: PROFILE_STATUS_INDEX, _id: id } })),
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
    if (await client.indices.exists({ index: PROFILE_STATUS_INDEX })) return;
    try {
      await client.indices.create({
        index: PROFILE_STATUS_INDEX,
        settings: { index: { hidden: true, number_of_shards: 1, auto_expand_replicas: '0-1' } },
        mappings: { dynamic: false, properties: { target_id: { type: 'keyword' } } },
      });
    } catch (error) {
      if (!String((error as Error).message).includes('resource_already_exists_exception'))
        throw error;
    }
  }
}
