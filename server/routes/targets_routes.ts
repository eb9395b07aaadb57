import type {
  IKibanaResponse,
  IRouter,
  KibanaRequest,
  KibanaResponseFactory,
  Logger,
  RequestHandlerContext,
  SavedObject,
  SavedObjectsClientContract,
} from '@kbn/core/server';
import { randomUUID } from 'node:crypto';
import { isLeft } from 'fp-ts/Either';
import { hasSecrets, resolveConnection } from '../targets/target_connection';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import {
  API_PRIVILEGES,
  PUBLIC_API_VERSION,
  TARGETS_ROUTE,
  TARGET_DISABLE_ROUTE,
  TARGET_ENABLE_ROUTE,
  TARGET_ROUTE,
  TARGET_SAVED_OBJECT_TYPE,
  TARGET_URL_CLAIM_TYPE,
} from '../../common/constants';
import {
  CreateTargetRequest,
  ListTargetsQuery,
  DEFAULT_CMDLINE_MODE,
  DEFAULT_MAX_CUSTOM_VARS,
  TargetIdParams,
  UpdateTargetRequest,
  type ListTargetsResponse,
  type TargetAttributes,
  type TargetUrl,
} from '../../common/targets';
import {
  capViolation,
  countAllTargets,
  duplicateViolation,
  findDuplicateTarget,
  type TargetRuleViolation,
} from '../targets/target_rules';
import { claimUrl, handOverClaim, releaseUrl, type ClaimHolder } from '../targets/url_claims';
import { normalizeTargetUrl } from '../targets/target_url';
import { MAX_TARGETS, toApiTarget } from '../targets/saved_target';
import { ioTsValidation } from './io_ts_validation';
import { toTargetHealth } from '../collection_state/target_health';
import type { TargetCollectionState } from '../collection_state/target_state';
import type { ScrapePolicy } from '../scrape/scrape_policy';

export interface TargetsRoutesDeps {
  logger: Logger;
  /** Tells this node's poller the targets changed, so a new target is scraped at its next slot. */
  targetsChanged(): void;
  /** Collection state of these targets (their health). */
  loadHealth(ids: readonly string[]): Promise<Map<string, TargetCollectionState>>;
  /** Forgets a deleted target's collection state. */
  forgetTargets(ids: readonly string[]): Promise<void>;
  /** go_runtime.scrape.allowedHosts and deniedNetworks; a URL they refuse is not stored. */
  policy: ScrapePolicy;
  /** go_runtime.targets.max: creations beyond it are refused. */
  maxTargets: number;
  /** Whether secrets can be stored (xpack.encryptedSavedObjects.encryptionKey is set). */
  canEncrypt: boolean;
  /** A target with its secrets, for the server only (encrypted saved objects). */
  decryptedTarget(id: string, spaceId: string): Promise<SavedObject<TargetAttributes>>;
  /** The space a request is in (contract 2). */
  spaceIdOf(request: KibanaRequest): string;
}

export const NO_ENCRYPTION_KEY =
  'Authentication, headers and TLS keys are stored encrypted, and Kibana has no encryption key: set xpack.encryptedSavedObjects.encryptionKey (32 characters or more) in kibana.yml';

export function registerTargetsRoutes(
  router: IRouter<RequestHandlerContext>,
  deps: TargetsRoutesDeps
): void {
  router.versioned
    .get({
      path: TARGETS_ROUTE,
      access: 'public',
      summary: 'List Go runtime scrape targets',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.read] } },
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: { request: { query: ioTsValidation(ListTargetsQuery) } },
      },
      async (context, request, response) => {
        const client = (await context.core).savedObjects.client;
        const {
          page = 1,
          per_page = DEFAULT_PER_PAGE,
          search,
          sort_field = 'name',
          sort_order = 'asc',
        } = request.query;
        if (page * per_page > MAX_TARGETS) {
          return response.badRequest({
            body: { message: `[request query]: page × per_page must be at most ${MAX_TARGETS}` },
          });
        }
        const query = search === undefined ? undefined : prefixQuery(search);
        const found = await client.find<TargetAttributes>({
          type: TARGET_SAVED_OBJECT_TYPE,
          page,
          perPage: per_page,
          sortField: sort_field === 'name' ? 'name.keyword' : sort_field,
          sortOrder: sort_order,
          ...(query === undefined
            ? {}
            : { search: query, searchFields: ['name', 'name.keyword', 'service_name', 'url'] }),
        });
        const health = await deps
          .loadHealth(found.saved_objects.map((object) => object.id))
          .catch((error: Error) => {
            // The list stays usable while the state store is unreachable; health is then absent.
            deps.logger.warn(`could not read the health of the targets: ${error.message}`);
            return new Map<string, TargetCollectionState>();
          });
        const targets = found.saved_objects.map((object) => {
          const state = health.get(object.id);
          return {
            ...toApiTarget(object),
            ...(state === undefined ? {} : { health: toTargetHealth(state) }),
          };
        });
        const body: ListTargetsResponse = { targets, total: found.total };
        return response.ok({ body });
      }
    );

  router.versioned
    .get({
      path: TARGET_ROUTE,
      access: 'public',
      summary: 'Get one Go runtime scrape target',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.read] } },
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: { request: { params: ioTsValidation(TargetIdParams) } },
      },
      async (context, request, response) => {
        const client = (await context.core).savedObjects.client;
        try {
          const found = await client.get<TargetAttributes>(
            TARGET_SAVED_OBJECT_TYPE,
            request.params.id
          );
          const state = (
            await deps.loadHealth([found.id]).catch(() => new Map<string, TargetCollectionState>())
          ).get(found.id);
          return response.ok({
            body: {
              ...toApiTarget(found),
              ...(state === undefined ? {} : { health: toTargetHealth(state) }),
            },
          });
        } catch (error) {
          return savedObjectErrorResponse(error, response, request.params.id);
        }
      }
    );

  router.versioned
    .post({
      path: TARGETS_ROUTE,
      access: 'public',
      summary: 'Create a Go runtime scrape target',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.write] } },
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: { request: { body: ioTsValidation(CreateTargetRequest) } },
      },
      async (context, request, response) => {
        // Only what the URL itself says is checked here; a name is checked on every connect.
        const refusal = deps.policy.refuseUrl(request.body.url);
        if (refusal !== undefined) {
          return response.badRequest({
            body: { message: `[request body]: [url] is refused: ${refusal}` },
          });
        }
        const core = await context.core;
        const client = core.savedObjects.client;
        const claims = core.savedObjects.getClient({
          includedHiddenTypes: [TARGET_URL_CLAIM_TYPE],
        });
        const { auth, headers, tls, ...settings } = request.body;
        const connection = resolveConnection({ auth, headers, tls });
        if (isLeft(connection))
          return response.badRequest({ body: { message: `[request body]: ${connection.left}` } });
        if (hasSecrets(connection.right) && !deps.canEncrypt)
          return response.badRequest({ body: { message: NO_ENCRYPTION_KEY } });
        const attributes: TargetAttributes = {
          enabled: true,
          ...settings,
          url: normalizeTargetUrl(settings.url) as TargetUrl,
          ...connection.right,
        };
        // The claim decides between concurrent creates of one URL, on any node (url_claims.ts).
        const spaceId = deps.spaceIdOf(request);
        const id = randomUUID();
        const duplicate = await claimOrDuplicate(claims, client, spaceId, attributes.url, {
          id,
          name: attributes.name,
        });
        if (duplicate !== undefined)
          return violationResponse(response, duplicateViolation(attributes.url, duplicate));
        let created: SavedObject<TargetAttributes>;
        try {
          if ((await countAllTargets(client)) >= deps.maxTargets) {
            await releaseUrl(claims, spaceId, attributes.url, id);
            return violationResponse(response, capViolation(deps.maxTargets));
          }
          created = await client.create<TargetAttributes>(TARGET_SAVED_OBJECT_TYPE, attributes, {
            id,
            refresh: 'wait_for',
          });
        } catch (error) {
          await releaseUrl(claims, spaceId, attributes.url, id).catch(() => undefined);
          throw error;
        }
        deps.targetsChanged();
        return response.ok({ body: toApiTarget(created) });
      }
    );

  router.versioned
    .put({
      path: TARGET_ROUTE,
      access: 'public',
      summary: 'Replace the settings of a Go runtime scrape target',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.write] } },
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: {
          request: {
            params: ioTsValidation(TargetIdParams),
            body: ioTsValidation(UpdateTargetRequest),
          },
        },
      },
      async (context, request, response) => {
        const { version, auth, headers, tls, ...settings } = request.body;
        const refusal = deps.policy.refuseUrl(settings.url);
        if (refusal !== undefined) {
          return response.badRequest({
            body: { message: `[request body]: [url] is refused: ${refusal}` },
          });
        }
        const core = await context.core;
        const client = core.savedObjects.client;
        const claims = core.savedObjects.getClient({
          includedHiddenTypes: [TARGET_URL_CLAIM_TYPE],
        });
        const spaceId = deps.spaceIdOf(request);
        const { id } = request.params;
        const url = normalizeTargetUrl(settings.url) as TargetUrl;
        try {
          // Read decrypted: a secret the update leaves out keeps its stored value (and a
          // missing object is a 404 here, where update() would answer a conflict).
          const current = await deps.decryptedTarget(id, spaceId);
          const connection = resolveConnection({ auth, headers, tls }, current.attributes);
          if (isLeft(connection))
            return response.badRequest({ body: { message: `[request body]: ${connection.left}` } });
          if (hasSecrets(connection.right) && !deps.canEncrypt)
            return response.badRequest({ body: { message: NO_ENCRYPTION_KEY } });
          const previousUrl = normalizeTargetUrl(current.attributes.url);
          const duplicate = await claimOrDuplicate(claims, client, spaceId, url, {
            id,
            name: settings.name,
          });
          if (duplicate !== undefined)
            return violationResponse(response, duplicateViolation(url, duplicate));
          // A full update: a setting left out goes back to its default rather than surviving.
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
            updated = await client.update<TargetAttributes>(
              TARGET_SAVED_OBJECT_TYPE,
              id,
              attributes,
              { version, mergeAttributes: false, refresh: 'wait_for' }
            );
          } catch (error) {
            if (url !== previousUrl)
              await releaseUrl(claims, spaceId, url, id).catch(() => undefined);
            throw error;
          }
          if (url !== previousUrl)
            await releaseUrl(claims, spaceId, previousUrl, id).catch((error: Error) =>
              deps.logger.warn(
                `target [${id}] left ${previousUrl}, whose claim stays until it is stale: ${error.message}`
              )
            );
          deps.targetsChanged();
          return response.ok({ body: toApiTarget({ ...updated, attributes }) });
        } catch (error) {
          return savedObjectErrorResponse(error, response, request.params.id);
        }
      }
    );

  for (const [path, enabled] of [
    [TARGET_ENABLE_ROUTE, true],
    [TARGET_DISABLE_ROUTE, false],
  ] as const) {
    router.versioned
      .post({
        path,
        access: 'public',
        summary: `${enabled ? 'Enable' : 'Disable'} a Go runtime scrape target`,
        security: { authz: { requiredPrivileges: [API_PRIVILEGES.write] } },
      })
      .addVersion(
        {
          version: PUBLIC_API_VERSION,
          validate: { request: { params: ioTsValidation(TargetIdParams) } },
        },
        async (context, request, response) => {
          const client = (await context.core).savedObjects.client;
          try {
            const current = await client.get<TargetAttributes>(
              TARGET_SAVED_OBJECT_TYPE,
              request.params.id
            );
            const updated = await client.update<TargetAttributes>(
              TARGET_SAVED_OBJECT_TYPE,
              request.params.id,
              { enabled },
              { refresh: 'wait_for' }
            );
            deps.targetsChanged();
            return response.ok({
              body: toApiTarget({ ...updated, attributes: { ...current.attributes, enabled } }),
            });
          } catch (error) {
            return savedObjectErrorResponse(error, response, request.params.id);
          }
        }
      );
  }

  router.versioned
    .delete({
      path: TARGET_ROUTE,
      access: 'public',
      summary: 'Delete a Go runtime scrape target',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.write] } },
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: { request: { params: ioTsValidation(TargetIdParams) } },
      },
      async (context, request, response) => {
        const core = await context.core;
        const client = core.savedObjects.client;
        try {
          // Its URL names its claim: released by id (a real-time get), not found by a search.
          const { url } = (
            await client.get<TargetAttributes>(TARGET_SAVED_OBJECT_TYPE, request.params.id)
          ).attributes;
          await client.delete(TARGET_SAVED_OBJECT_TYPE, request.params.id, { refresh: 'wait_for' });
          deps.targetsChanged();
          await releaseUrl(
            core.savedObjects.getClient({ includedHiddenTypes: [TARGET_URL_CLAIM_TYPE] }),
            deps.spaceIdOf(request),
            url,
            request.params.id
          ).catch((error: Error) =>
            deps.logger.warn(
              `target [${request.params.id}] is deleted, but its URL stays claimed until the claim is stale: ${error.message}`
            )
          );
          await deps
            .forgetTargets([request.params.id])
            .catch((error: Error) =>
              deps.logger.warn(
                `target [${request.params.id}] is deleted, but its collection state is left behind: ${error.message}`
              )
            );
          return response.noContent();
        } catch (error) {
          return savedObjectErrorResponse(error, response, request.params.id);
        }
      }
    );
}

/**
 * Claims the URL for the target, or says which target has it. A target from before claims
 * existed (or imported: imports write saved objects directly) holds no claim, so the search
 * still runs once the claim is ours; such a target is then handed the claim.
 */
async function claimOrDuplicate(
  claims: SavedObjectsClientContract,
  client: SavedObjectsClientContract,
  spaceId: string,
  url: string,
  target: ClaimHolder
): Promise<ClaimHolder | undefined> {
  const outcome = await claimUrl(claims, spaceId, url, target);
  if (!outcome.claimed) return outcome.holder;
  const unclaimed = await findDuplicateTarget(client, url, target.id);
  if (unclaimed === undefined) return undefined;
  await handOverClaim(claims, spaceId, url, unclaimed);
  return unclaimed;
}

function violationResponse(
  response: KibanaResponseFactory,
  violation: TargetRuleViolation
): IKibanaResponse {
  return violation.status === 409
    ? response.conflict({ body: { message: violation.message } })
    : response.badRequest({ body: { message: violation.message } });
}

/** Without paging parameters the list answers this many: every target of a usual space at once. */
const DEFAULT_PER_PAGE = 1000;

/** Each word a prefix (simple_query_string, as Kibana's saved objects `search`), its operators escaped. */
function prefixQuery(search: string): string | undefined {
  const words = search
    .split(/\s+/)
    .map((word) => word.replace(/[+\-=&|><!(){}[\]^"~*?:\\/]/g, (c) => `\\${c}`))
    .filter((word) => word.length > 0);
  return words.length === 0 ? undefined : words.map((word) => `${word}*`).join(' ');
}

export function savedObjectErrorResponse(
  error: unknown,
  response: KibanaResponseFactory,
  id: string
): IKibanaResponse {
  // Kibana's helpers take an Error and test the code that decorate() set, not a status.
  if (!(error instanceof Error)) throw error;
  if (SavedObjectsErrorHelpers.isNotFoundError(error)) {
    return response.notFound({ body: { message: `Target [${id}] not found` } });
  }
  if (SavedObjectsErrorHelpers.isConflictError(error)) {
    return response.conflict({
      body: { message: `Target [${id}] was changed by someone else; reload it and try again` },
    });
  }
  throw error;
}
