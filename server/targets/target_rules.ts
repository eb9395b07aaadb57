import type { SavedObjectsClientContract } from '@kbn/core/server';
import { TARGET_SAVED_OBJECT_TYPE } from '../../common/constants';
import type { TargetAttributes } from '../../common/targets';
import type { TargetRefusalAttributes } from '../../common/target_errors';
import { normalizeTargetUrl } from './target_url';

/** A rule a write breaks, with the status, the message and the facts the route answers with. */
export interface TargetRuleViolation {
  readonly status: 400 | 409;
  readonly message: string;
  readonly attributes: TargetRefusalAttributes;
}

/**
 * The first target (in this space) with the same URL, other than `exceptId`. URLs are stored
 * normalized, so an exact match on the mapped keyword finds every spelling. A search cannot see a
 * target being created, so it does not decide a race: the URL claims do (url_claims.ts); this
 * finds the targets that hold no claim (created before claims, or imported).
 */
export async function findDuplicateTarget(
  client: SavedObjectsClientContract,
  url: string,
  exceptId?: string
): Promise<{ id: string; name: string } | undefined> {
  const normalized = normalizeTargetUrl(url);
  const found = await client.find<TargetAttributes>({
    type: TARGET_SAVED_OBJECT_TYPE,
    search: `"${normalized.replace(/["\\]/g, (c) => `\\${c}`)}"`,
    searchFields: ['url'],
    perPage: 10,
  });
  // `search` is a simple_query_string: the search narrows, this exact comparison decides.
  const same = found.saved_objects.find(
    (object) => object.id !== exceptId && object.attributes.url === normalized
  );
  return same === undefined ? undefined : { id: same.id, name: same.attributes.name };
}

/**
 * `firstIndex`: the holder is an earlier item of the same bulk request (not a stored target),
 * which a dry run of that request reports as such.
 */
export function duplicateViolation(
  url: string,
  first: { id: string; name: string },
  firstIndex?: number
): TargetRuleViolation {
  return {
    status: 409,
    attributes:
      firstIndex === undefined
        ? { reason: 'duplicate', field: 'url', existing: { id: first.id, name: first.name } }
        : { reason: 'duplicate_in_request', field: 'url', first_index: firstIndex },
    message: `A target for ${normalizeTargetUrl(url)} exists already: [${first.name}] (id ${
      first.id
    }); edit that one instead`,
  };
}

/** How many targets exist in every space: the cap protects the poller, which scrapes them all. */
export async function countAllTargets(client: SavedObjectsClientContract): Promise<number> {
  const found = await client.find({
    type: TARGET_SAVED_OBJECT_TYPE,
    perPage: 0,
    namespaces: ['*'],
  });
  return found.total;
}

export function capViolation(max: number): TargetRuleViolation {
  return {
    status: 400,
    attributes: { reason: 'too_many_targets' },
    message: `There are ${max} targets already, the most go_runtime.targets.max allows; delete targets you no longer need or raise the setting`,
  };
}
