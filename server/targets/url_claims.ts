import { createHash } from 'node:crypto';
import type { SavedObjectsClientContract } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { TARGET_SAVED_OBJECT_TYPE, TARGET_URL_CLAIM_TYPE } from '../../common/constants';
import type { TargetAttributes } from '../../common/targets';
import { normalizeTargetUrl } from './target_url';

/**
 * One URL, one target per space, even with several Kibana nodes creating at once: a search
 * cannot see a target another request is creating, so a write decides. Each target holds a
 * claim, a saved object whose id is derived from the space and the normalized URL, created
 * with `overwrite: false`: Elasticsearch lets exactly one `create` of an id succeed, on any
 * node. The claim names its target, so the 409 of the others names the first one.
 */
export interface UrlClaimAttributes {
  readonly url: string;
  readonly target_id: string;
  readonly target_name: string;
  readonly claimed_at: string;
}

export interface ClaimHolder {
  readonly id: string;
  readonly name: string;
}

export type ClaimOutcome =
  | { readonly claimed: true }
  | { readonly claimed: false; readonly holder: ClaimHolder };

/**
 * A claim younger than this is never taken over: its target may still be on its way (a create
 * claims the URL first, then writes the target). Older, a claim whose target is gone or has
 * another URL (a node died between the two writes) is taken over, guarded by its version.
 */
export const CLAIM_GRACE_MS = 30_000;

export function urlClaimId(spaceId: string, url: string): string {
  return createHash('sha256')
    .update(`${spaceId}\u0000${normalizeTargetUrl(url)}`)
    .digest('hex');
}

/** Claims `url` in the client's space for `target`; a claim it holds already is kept (and renamed). */
export async function claimUrl(
  client: SavedObjectsClientContract,
  spaceId: string,
  url: string,
  target: ClaimHolder,
  now: number = Date.now()
): Promise<ClaimOutcome> {
  const id = urlClaimId(spaceId, url);
  const attributes: UrlClaimAttributes = {
    url: normalizeTargetUrl(url),
    target_id: target.id,
    target_name: target.name,
    claimed_at: new Date(now).toISOString(),
  };
  // Twice at most: a claim released between our create and our read is simply created again.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await client.create<UrlClaimAttributes>(TARGET_URL_CLAIM_TYPE, attributes, {
        id,
        overwrite: false,
        refresh: false,
      });
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof Error) || !SavedObjectsErrorHelpers.isConflictError(error))
        throw error;
    }
    let existing;
    try {
      existing = await client.get<UrlClaimAttributes>(TARGET_URL_CLAIM_TYPE, id);
    } catch (error) {
      if (error instanceof Error && SavedObjectsErrorHelpers.isNotFoundError(error)) continue;
      throw error;
    }
    const holder = { id: existing.attributes.target_id, name: existing.attributes.target_name };
    const mine = holder.id === target.id;
    if (!mine && !(await isStale(client, existing.attributes, now))) {
      return { claimed: false, holder };
    }
    if (mine && holder.name === target.name) return { claimed: true };
    try {
      // The version makes a takeover (or a rename) one winner's: a concurrent one gets a 409.
      await client.update<UrlClaimAttributes>(TARGET_URL_CLAIM_TYPE, id, attributes, {
        version: existing.version,
        refresh: false,
      });
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof Error) || !SavedObjectsErrorHelpers.isConflictError(error))
        throw error;
      const winner = await client.get<UrlClaimAttributes>(TARGET_URL_CLAIM_TYPE, id);
      if (winner.attributes.target_id === target.id) return { claimed: true };
      return {
        claimed: false,
        holder: { id: winner.attributes.target_id, name: winner.attributes.target_name },
      };
    }
  }
  throw SavedObjectsErrorHelpers.createConflictError(TARGET_URL_CLAIM_TYPE, id);
}

/** Gives the claim of `url` to another target (one that had the URL before claims existed). */
export async function handOverClaim(
  client: SavedObjectsClientContract,
  spaceId: string,
  url: string,
  to: ClaimHolder,
  now: number = Date.now()
): Promise<void> {
  await client.update<UrlClaimAttributes>(
    TARGET_URL_CLAIM_TYPE,
    urlClaimId(spaceId, url),
    { target_id: to.id, target_name: to.name, claimed_at: new Date(now).toISOString() },
    { refresh: false }
  );
}

/** Releases the claim of `url` if `targetId` holds it (a deleted target, a changed URL). */
export async function releaseUrl(
  client: SavedObjectsClientContract,
  spaceId: string,
  url: string,
  targetId: string
): Promise<void> {
  const id = urlClaimId(spaceId, url);
  try {
    const existing = await client.get<UrlClaimAttributes>(TARGET_URL_CLAIM_TYPE, id);
    if (existing.attributes.target_id !== targetId) return;
    await client.delete(TARGET_URL_CLAIM_TYPE, id, { refresh: false });
  } catch (error) {
    if (error instanceof Error && SavedObjectsErrorHelpers.isNotFoundError(error)) return;
    throw error;
  }
}

/**
 * Releases every claim the targets hold: after a bulk delete, where their URLs are gone. Found
 * by a search, which sees a claim once the index refreshed: each target write waits for a
 * refresh after its claim, so a claim is visible by the time its target is.
 */
export async function releaseClaimsOf(
  client: SavedObjectsClientContract,
  targetIds: readonly string[]
): Promise<void> {
  if (targetIds.length === 0) return;
  const found = await client.find<UrlClaimAttributes>({
    type: TARGET_URL_CLAIM_TYPE,
    search: targetIds.map((id) => `"${id.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(' | '),
    searchFields: ['target_id'],
    perPage: Math.min(targetIds.length * 2, 10_000),
  });
  const ids = new Set(targetIds);
  const held = found.saved_objects.filter((claim) => ids.has(claim.attributes.target_id));
  if (held.length === 0) return;
  await client.bulkDelete(
    held.map((claim) => ({ type: TARGET_URL_CLAIM_TYPE, id: claim.id })),
    { refresh: false }
  );
}

async function isStale(
  client: SavedObjectsClientContract,
  claim: UrlClaimAttributes,
  now: number
): Promise<boolean> {
  if (now - Date.parse(claim.claimed_at) < CLAIM_GRACE_MS) return false;
  try {
    const holder = await client.get<TargetAttributes>(TARGET_SAVED_OBJECT_TYPE, claim.target_id);
    return normalizeTargetUrl(holder.attributes.url) !== claim.url;
  } catch (error) {
    if (error instanceof Error && SavedObjectsErrorHelpers.isNotFoundError(error)) return true;
    throw error;
  }
}
