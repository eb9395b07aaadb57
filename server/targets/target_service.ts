import type { Logger, SavedObject, SavedObjectsClientContract } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { randomUUID } from 'node:crypto';
import { isLeft } from 'fp-ts/Either';
import { TARGET_SAVED_OBJECT_TYPE } from '../../common/constants';
import {
  DEFAULT_CMDLINE_MODE,
  DEFAULT_MAX_CUSTOM_VARS,
  type BulkTargetsResponse,
  type CreateTargetRequest,
  type TargetAttributes,
  type TargetUrl,
  type UpdateTargetRequest,
} from '../../common/targets';
import { TargetField, type TargetRefusalAttributes } from '../../common/target_errors';
import type { HostRefusal, ScrapePolicy } from '../scrape/scrape_policy';
import { hasSecrets, resolveConnection, resolveConnectionAt } from './target_connection';
import {
  capViolation,
  countAllTargets,
  duplicateViolation,
  findDuplicateTarget,
  type TargetRuleViolation,
} from './target_rules';
import { normalizeTargetUrl } from './target_url';
import {
  claimUrl,
  handOverClaim,
  releaseClaimsOf,
  releaseUrl,
  type ClaimHolder,
} from './url_claims';

export const NO_ENCRYPTION_KEY =
  'Authentication, headers and TLS keys are stored encrypted, and Kibana has no encryption key: set xpack.encryptedSavedObjects.encryptionKey (32 characters or more) in kibana.yml';

/**
 * Why a write was not done. `inRequestBody`: the fault is in what the caller sent (the route
 * names the part, as Kibana's validation does: `[request body]: ...`).
 */
export interface TargetRefusal {
  readonly status: 400 | 404 | 409;
  readonly message: string;
  readonly inRequestBody?: true;
  /** What a form needs to mark the field and word the cause; absent for a 404. */
  readonly attributes?: TargetRefusalAttributes;
}

export type TargetOutcome<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly refusal: TargetRefusal };

/** Where a request's writes go: its space's targets and URL claims. */
export interface TargetScope {
  readonly targets: SavedObjectsClientContract;
  /** A client that sees the hidden claim type. */
  readonly claims: SavedObjectsClientContract;
  readonly spaceId: string;
}

export interface TargetServiceDeps {
  readonly logger: Logger;
  /** Tells this node's poller the targets changed, so a new target is scraped at its next slot. */
  targetsChanged(): void;
  /**
   * A target was created, or its URL, connection or profile settings changed: whether its
   * origin serves profiles is to be found again. `attributes` carry the secrets.
   */
  profileSettingsChanged?(id: string, attributes: TargetAttributes): void;
  /** Forgets deleted targets' collection state. */
  forgetTargets(ids: readonly string[]): Promise<void>;
  /** go_runtime.scrape.allowedHosts and deniedNetworks; a URL they refuse is not stored. */
  readonly policy: ScrapePolicy;
  /** go_runtime.targets.max: creations beyond it are refused. */
  readonly maxTargets: number;
  /** Whether secrets can be stored (xpack.encryptedSavedObjects.encryptionKey is set). */
  readonly canEncrypt: boolean;
  /** A target with its secrets, for the server only (encrypted saved objects). */
  decryptedTarget(id: string, spaceId: string): Promise<SavedObject<TargetAttributes>>;
}

/** Writes of one bulk request in flight at once (a creation waits for a refresh). */
const CONCURRENCY = 20;

/**
 * Every write to targets, single or bulk, and the rules they keep: one URL per space (URL
 * claims decide races between nodes), the policy's refusals, the cap, secrets only with an
 * encryption key, and a deleted target's claim and collection state cleaned up.
 */
export class TargetService {
  constructor(private readonly deps: TargetServiceDeps) {}

  async create(
    scope: TargetScope,
    request: CreateTargetRequest
  ): Promise<TargetOutcome<SavedObject<TargetAttributes>>> {
    const [outcome] = await this.createMany(scope, [request]);
    return outcome;
  }

  /**
   * One outcome per request, in order. Two requests of the batch with one URL: the first is
   * created, the second refused as its duplicate. Beyond the cap, the later ones are refused.
   * A failed write (Elasticsearch down) rejects the whole call; the targets written before it
   * stay, each with its claim.
   */
  async createMany(
    scope: TargetScope,
    requests: readonly CreateTargetRequest[]
  ): Promise<Array<TargetOutcome<SavedObject<TargetAttributes>>>> {
    const { outcomes, pending } = this.prepareBatch<SavedObject<TargetAttributes>>(requests);
    if (pending.length === 0) return outcomes;

    // The batch's URLs are distinct now, so their claims do not depend on each other.
    const claimed: typeof pending = [];
    await forEachLimited(pending, CONCURRENCY, async (item) => {
      const duplicate = await this.claimOrDuplicate(scope, item.attributes.url, {
        id: item.id,
        name: item.attributes.name,
      });
      if (duplicate === undefined) claimed.push(item);
      else outcomes[item.index] = refused(duplicateViolation(item.attributes.url, duplicate));
    });
    // The cap in the order of the request: the earlier items get the slots that are left.
    claimed.sort((a, b) => a.index - b.index);
    const slots = Math.max(0, this.deps.maxTargets - (await countAllTargets(scope.targets)));
    for (const item of claimed.slice(slots)) {
      await releaseUrl(scope.claims, scope.spaceId, item.attributes.url, item.id);
      outcomes[item.index] = refused(capViolation(this.deps.maxTargets));
    }
    let created = 0;
    await forEachLimited(claimed.slice(0, slots), CONCURRENCY, async (item) => {
      try {
        const object = await scope.targets.create<TargetAttributes>(
          TARGET_SAVED_OBJECT_TYPE,
          item.attributes,
          { id: item.id, refresh: 'wait_for' }
        );
        created++;
        outcomes[item.index] = { ok: true, value: object };
        this.deps.profileSettingsChanged?.(item.id, item.attributes);
      } catch (error) {
        await releaseUrl(scope.claims, scope.spaceId, item.attributes.url, item.id).catch(
          () => undefined
        );
        throw error;
      }
    });
    if (created > 0) this.deps.targetsChanged();
    return outcomes;
  }

  /**
   * What createMany would answer, writing nothing: the same refusals from the same checks,
   * with the duplicates found by search (a claim is a write) and the cap counted now. A target
   * created between this and the real request can still make an item a duplicate then.
   */
  async checkMany(
    scope: TargetScope,
    requests: readonly CreateTargetRequest[]
  ): Promise<Array<TargetOutcome<TargetAttributes>>> {
    const { outcomes, pending } = this.prepareBatch<TargetAttributes>(requests);
    const unique: typeof pending = [];
    await forEachLimited(pending, CONCURRENCY, async (item) => {
      const duplicate = await findDuplicateTarget(scope.targets, item.attributes.url);
      if (duplicate === undefined) unique.push(item);
      else outcomes[item.index] = refused(duplicateViolation(item.attributes.url, duplicate));
    });
    unique.sort((a, b) => a.index - b.index);
    const slots =
      unique.length === 0
        ? 0
        : Math.max(0, this.deps.maxTargets - (await countAllTargets(scope.targets)));
    for (const [position, item] of unique.entries())
      outcomes[item.index] =
        position < slots
          ? { ok: true, value: item.attributes }
          : refused(capViolation(this.deps.maxTargets));
    return outcomes;
  }

  /** Each request prepared, or refused for itself or as a duplicate of an earlier item. */
  private prepareBatch<A>(requests: readonly CreateTargetRequest[]): {
    outcomes: Array<TargetOutcome<A>>;
    pending: Array<{ index: number; id: string; attributes: TargetAttributes }>;
  } {
    const outcomes: Array<TargetOutcome<A>> = [];
    const pending: Array<{ index: number; id: string; attributes: TargetAttributes }> = [];
    const inBatch = new Map<string, ClaimHolder & { index: number }>();
    for (const [index, request] of requests.entries()) {
      const prepared = this.prepareCreate(request);
      if (!prepared.ok) {
        outcomes[index] = { ok: false, refusal: prepared.refusal };
        continue;
      }
      const attributes = prepared.value;
      const earlier = inBatch.get(attributes.url);
      if (earlier !== undefined) {
        outcomes[index] = refused(duplicateViolation(attributes.url, earlier, earlier.index));
        continue;
      }
      const id = randomUUID();
      inBatch.set(attributes.url, { id, name: attributes.name, index });
      pending.push({ index, id, attributes });
    }
    return { outcomes, pending };
  }

  /**
   * A target's stored attributes with their secrets decrypted, for a connection test of the
   * target being edited; for the server only, never for a response.
   */
  async storedTarget(spaceId: string, id: string): Promise<TargetOutcome<TargetAttributes>> {
    return this.orSavedObjectRefusal(id, async () => ({
      ok: true,
      value: (await this.deps.decryptedTarget(id, spaceId)).attributes,
    }));
  }

  /** A full update: a setting left out returns to its default, a secret left out is kept. */
  async update(
    scope: TargetScope,
    id: string,
    request: UpdateTargetRequest
  ): Promise<TargetOutcome<SavedObject<TargetAttributes>>> {
    const { version, auth, headers, tls, ...settings } = request;
    const refusal = this.deps.policy.urlRefusal(settings.url);
    if (refusal !== undefined) return refusedUrl(refusal);
    const url = normalizeTargetUrl(settings.url) as TargetUrl;
    return this.orSavedObjectRefusal(id, async () => {
      // Read decrypted: a secret the update leaves out keeps its stored value (and a
      // missing object is a 404 here, where update() would answer a conflict).
      const current = await this.deps.decryptedTarget(id, scope.spaceId);
      const connection = resolveConnectionAt(url, { auth, headers, tls }, current.attributes);
      if (isLeft(connection)) return { ok: false, refusal: connectionRefusal(connection.left) };
      if (hasSecrets(connection.right) && !this.deps.canEncrypt)
        return { ok: false, refusal: NO_ENCRYPTION_KEY_REFUSAL };
      const previousUrl = normalizeTargetUrl(current.attributes.url);
      const duplicate = await this.claimOrDuplicate(scope, url, { id, name: settings.name });
      if (duplicate !== undefined) return refused(duplicateViolation(url, duplicate));
      const attributes: TargetAttributes = {
        enabled: true,
        ...settings,
        url,
        max_custom_vars: settings.max_custom_vars ?? DEFAULT_MAX_CUSTOM_VARS,
        cmdline_mode: settings.cmdline_mode ?? DEFAULT_CMDLINE_MODE,
        ...connection.right,
      };
      let updated;
      try {
        updated = await scope.targets.update<TargetAttributes>(
          TARGET_SAVED_OBJECT_TYPE,
          id,
          attributes,
          { version, mergeAttributes: false, refresh: 'wait_for' }
        );
      } catch (error) {
        if (url !== previousUrl)
          await releaseUrl(scope.claims, scope.spaceId, url, id).catch(() => undefined);
        throw error;
      }
      if (url !== previousUrl)
        await releaseUrl(scope.claims, scope.spaceId, previousUrl, id).catch((error: Error) =>
          this.deps.logger.warn(
            `target [${id}] left ${previousUrl}, whose claim stays until it is stale: ${error.message}`
          )
        );
      this.deps.targetsChanged();
      if (reachesTargetDifferently(current.attributes, attributes))
        this.deps.profileSettingsChanged?.(id, attributes);
      return { ok: true, value: { ...updated, attributes } as SavedObject<TargetAttributes> };
    });
  }

  async setEnabled(
    scope: TargetScope,
    id: string,
    enabled: boolean
  ): Promise<TargetOutcome<SavedObject<TargetAttributes>>> {
    return this.orSavedObjectRefusal(id, async () => {
      const current = await scope.targets.get<TargetAttributes>(TARGET_SAVED_OBJECT_TYPE, id);
      const updated = await scope.targets.update<TargetAttributes>(
        TARGET_SAVED_OBJECT_TYPE,
        id,
        { enabled },
        { refresh: 'wait_for' }
      );
      this.deps.targetsChanged();
      return {
        ok: true,
        value: {
          ...updated,
          attributes: { ...current.attributes, enabled },
        } as SavedObject<TargetAttributes>,
      };
    });
  }

  async setEnabledMany(
    scope: TargetScope,
    ids: readonly string[],
    enabled: boolean
  ): Promise<BulkTargetsResponse> {
    const result = await scope.targets.bulkUpdate<TargetAttributes>(
      ids.map((id) => ({ type: TARGET_SAVED_OBJECT_TYPE, id, attributes: { enabled } })),
      { refresh: 'wait_for' }
    );
    const succeeded: string[] = [];
    const errors: BulkTargetsResponse['errors'] = [];
    for (const object of result.saved_objects) {
      if (object.error === undefined) succeeded.push(object.id);
      else errors.push(bulkError(object.id, object.error));
    }
    if (succeeded.length > 0) this.deps.targetsChanged();
    return { total: ids.length, succeeded, errors };
  }

  async delete(scope: TargetScope, id: string): Promise<TargetOutcome<void>> {
    const result = await this.deleteMany(scope, [id]);
    const error = result.errors[0];
    if (error === undefined) return { ok: true, value: undefined };
    if (error.status === 404)
      return { ok: false, refusal: { status: 404, message: error.message } };
    throw new Error(`target [${id}] could not be deleted: ${error.message}`);
  }

  /** Every id is tried; the deleted ones' URL claims are released and their state forgotten. */
  async deleteMany(scope: TargetScope, ids: readonly string[]): Promise<BulkTargetsResponse> {
    const result = await scope.targets.bulkDelete(
      ids.map((id) => ({ type: TARGET_SAVED_OBJECT_TYPE, id })),
      { refresh: 'wait_for' }
    );
    const succeeded = result.statuses.filter((status) => status.success).map((s) => s.id);
    const errors = result.statuses
      .filter((status) => !status.success)
      .map((status) => bulkError(status.id, status.error));
    if (succeeded.length > 0) {
      this.deps.targetsChanged();
      await this.forgetDeleted(scope, succeeded);
    }
    return { total: ids.length, succeeded, errors };
  }

  /** A deleted target's claim and collection state; a failure leaves them to go stale, logged. */
  private async forgetDeleted(scope: TargetScope, ids: readonly string[]): Promise<void> {
    const which = ids.length === 1 ? `target [${ids[0]}] is` : `${ids.length} targets are`;
    await releaseClaimsOf(scope.claims, ids).catch((error: Error) =>
      this.deps.logger.warn(
        `${which} deleted, but the URL claims stay until they are stale: ${error.message}`
      )
    );
    await this.deps
      .forgetTargets(ids)
      .catch((error: Error) =>
        this.deps.logger.warn(
          `${which} deleted, but the collection state is left behind: ${error.message}`
        )
      );
  }

  /** What a create stores, or why it is refused before anything is written. */
  private prepareCreate(request: CreateTargetRequest): TargetOutcome<TargetAttributes> {
    // Only what the URL itself says is checked here; a name is checked on every connect.
    const refusal = this.deps.policy.urlRefusal(request.url);
    if (refusal !== undefined) return refusedUrl(refusal);
    const { auth, headers, tls, ...settings } = request;
    const connection = resolveConnection({ auth, headers, tls });
    if (isLeft(connection)) return { ok: false, refusal: connectionRefusal(connection.left) };
    if (hasSecrets(connection.right) && !this.deps.canEncrypt)
      return { ok: false, refusal: NO_ENCRYPTION_KEY_REFUSAL };
    return {
      ok: true,
      value: {
        enabled: true,
        ...settings,
        url: normalizeTargetUrl(settings.url) as TargetUrl,
        ...connection.right,
      },
    };
  }

  /**
   * Claims the URL for the target, or says which target has it. An imported target holds no
   * claim (imports write saved objects directly, past this service), so the search still runs
   * once the claim is ours; such a target is then handed the claim.
   */
  private async claimOrDuplicate(
    scope: TargetScope,
    url: string,
    target: ClaimHolder
  ): Promise<ClaimHolder | undefined> {
    const outcome = await claimUrl(scope.claims, scope.spaceId, url, target);
    if (!outcome.claimed) return outcome.holder;
    const unclaimed = await findDuplicateTarget(scope.targets, url, target.id);
    if (unclaimed === undefined) return undefined;
    await handOverClaim(scope.claims, scope.spaceId, url, unclaimed);
    return unclaimed;
  }

  /** Kibana's saved-object 404 and 409 as refusals; any other failure is thrown. */
  private async orSavedObjectRefusal<A>(
    id: string,
    write: () => Promise<TargetOutcome<A>>
  ): Promise<TargetOutcome<A>> {
    try {
      return await write();
    } catch (error) {
      // Kibana's helpers take an Error and test the code that decorate() set, not a status.
      if (!(error instanceof Error)) throw error;
      if (SavedObjectsErrorHelpers.isNotFoundError(error))
        return { ok: false, refusal: notFound(id) };
      if (SavedObjectsErrorHelpers.isConflictError(error))
        return {
          ok: false,
          refusal: {
            status: 409,
            message: `Target [${id}] was changed by someone else; reload it and try again`,
          },
        };
      throw error;
    }
  }
}

/** Whether profile reads would go elsewhere, with other credentials, or on other periods. */
function reachesTargetDifferently(before: TargetAttributes, after: TargetAttributes): boolean {
  const reach = ({ url, profiles, auth, header_names, tls, secrets }: TargetAttributes) =>
    JSON.stringify([normalizeTargetUrl(url), profiles, auth, header_names, tls, secrets]);
  return reach(before) !== reach(after);
}

const notFound = (id: string): TargetRefusal => ({
  status: 404,
  message: `Target [${id}] not found`,
});

const refused = <A>(violation: TargetRuleViolation): TargetOutcome<A> => ({
  ok: false,
  refusal: violation,
});

const refusedUrl = <A>(refusal: HostRefusal): TargetOutcome<A> => ({
  ok: false,
  refusal: { status: 400, ...urlRefusal(refusal), inRequestBody: true },
});

/** A policy refusal of a URL as the API words it (`[url] is refused: ...`) and as facts. */
export function urlRefusal(refusal: HostRefusal): {
  message: string;
  attributes: TargetRefusalAttributes;
} {
  const { message, ...facts } = refusal;
  return { message: `[url] is refused: ${message}`, attributes: { field: 'url', ...facts } };
}

const NO_ENCRYPTION_KEY_REFUSAL: TargetRefusal = {
  status: 400,
  message: NO_ENCRYPTION_KEY,
  attributes: { reason: 'no_encryption_key' },
};

/** A connection setting refused; its message starts with the key at fault (`[tls.key] ...`). */
export function connectionRefusal(message: string): TargetRefusal {
  const key = /^\[([a-z_]+)[.\]]/.exec(message)?.[1];
  return {
    status: 400,
    message,
    inRequestBody: true,
    attributes: {
      reason: 'invalid',
      ...(key !== undefined && TargetField.is(key) ? { field: key } : {}),
    },
  };
}

function bulkError(
  id: string,
  error: { statusCode: number; message: string } | undefined
): BulkTargetsResponse['errors'][number] {
  if (error?.statusCode === 404) return { id, ...notFound(id) };
  return {
    id,
    status: error?.statusCode ?? 500,
    message: error?.message ?? 'the target could not be changed',
  };
}

/** Runs `work` on every item, at most `limit` at once; the first failure rejects. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
