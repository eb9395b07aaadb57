import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import { ProfileErrorClass, ProfilesStatus } from '../../common/profiles';
import { MAX_ERROR_MESSAGE_LENGTH } from '../../common/scrape_health';
import { PerTargetIndex } from '../lib/per_target_index';
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

export class ProfileStatusStore {
  private readonly index: PerTargetIndex;

  constructor(client: () => Promise<ElasticsearchClient>, private readonly logger: Logger) {
    this.index = new PerTargetIndex(client, PROFILE_STATUS_INDEX, {
      dynamic: false,
      properties: { target_id: { type: 'keyword' } },
    });
  }

  /**
   * Keeps the finding unless a newer one is stored: the time is the external version, so a
   * discovery that ends after a later read does not bring back what that read replaced.
   */
  async save(targetId: string, finding: ProfilesFinding): Promise<void> {
    const client = await this.index.client();
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
    for (const doc of await this.index.load(ids)) {
      if (!doc.found) continue;
      const decoded = StoredFinding.decode(doc.source);
      // An unreadable finding is as good as none: the next discovery or read replaces it.
      if (isRight(decoded) && decoded.right.target_id === doc.id) {
        const { target_id: _id, ...finding } = decoded.right;
        found.set(doc.id, finding);
      } else this.logger.debug(`profile status of target [${doc.id}] is unreadable`);
    }
    return found;
  }

  remove(ids: readonly string[]): Promise<void> {
    return this.index.remove(ids);
  }
}
