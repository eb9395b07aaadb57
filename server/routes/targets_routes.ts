import type {
  IKibanaResponse,
  IRouter,
  KibanaRequest,
  KibanaResponseFactory,
  Logger,
  RequestHandlerContext,
} from '@kbn/core/server';
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
  TargetIdParams,
  UpdateTargetRequest,
  type ListTargetsResponse,
  type TargetAttributes,
  type TargetHealth,
} from '../../common/targets';
import { MAX_TARGETS, toApiTarget } from '../targets/saved_target';
import type { TargetRefusal, TargetScope, TargetService } from '../targets/target_service';
import { ioTsValidation } from './io_ts_validation';

export interface TargetsRoutesDeps {
  logger: Logger;
  /** Every write to targets, and the rules they keep. */
  service: TargetService;
  /** Health of these targets: their collection state and profile status. */
  loadHealth(ids: readonly string[]): Promise<Map<string, TargetHealth>>;
  /** The space a request is in: targets, their documents and their rules belong to one space. */
  spaceIdOf(request: KibanaRequest): string;
}

const READ = { authz: { requiredPrivileges: [API_PRIVILEGES.read] } };
const WRITE = { authz: { requiredPrivileges: [API_PRIVILEGES.write] } };

/**
 * The public targets API: list and get read here; every write is the target service's, and
 * a handler validates, calls it and answers its outcome.
 */
export function registerTargetsRoutes(
  router: IRouter<RequestHandlerContext>,
  deps: TargetsRoutesDeps
): void {
  router.versioned
    .get({
      path: TARGETS_ROUTE,
      access: 'public',
      summary: 'List Go runtime scrape targets',
      security: READ,
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
            return new Map<string, TargetHealth>();
          });
        const targets = found.saved_objects.map((object) => {
          const state = health.get(object.id);
          return {
            ...toApiTarget(object),
            ...(state === undefined ? {} : { health: state }),
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
      security: READ,
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: { request: { params: ioTsValidation(TargetIdParams) } },
      },
      async (context, request, response) => {
        const client = (await context.core).savedObjects.client;
        const { id } = request.params;
        let found;
        try {
          found = await client.get<TargetAttributes>(TARGET_SAVED_OBJECT_TYPE, id);
        } catch (error) {
          if (error instanceof Error && SavedObjectsErrorHelpers.isNotFoundError(error))
            return response.notFound({ body: { message: `Target [${id}] not found` } });
          throw error;
        }
        const state = (
          await deps.loadHealth([found.id]).catch(() => new Map<string, TargetHealth>())
        ).get(found.id);
        return response.ok({
          body: {
            ...toApiTarget(found),
            ...(state === undefined ? {} : { health: state }),
          },
        });
      }
    );

  router.versioned
    .post({
      path: TARGETS_ROUTE,
      access: 'public',
      summary: 'Create a Go runtime scrape target',
      security: WRITE,
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: { request: { body: ioTsValidation(CreateTargetRequest) } },
      },
      async (context, request, response) => {
        const outcome = await deps.service.create(
          await targetScope(context, request, deps),
          request.body
        );
        return outcome.ok
          ? response.ok({ body: toApiTarget(outcome.value) })
          : refusalResponse(response, outcome.refusal);
      }
    );

  router.versioned
    .put({
      path: TARGET_ROUTE,
      access: 'public',
      summary: 'Replace the settings of a Go runtime scrape target',
      security: WRITE,
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
        const outcome = await deps.service.update(
          await targetScope(context, request, deps),
          request.params.id,
          request.body
        );
        return outcome.ok
          ? response.ok({ body: toApiTarget(outcome.value) })
          : refusalResponse(response, outcome.refusal);
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
        security: WRITE,
      })
      .addVersion(
        {
          version: PUBLIC_API_VERSION,
          validate: { request: { params: ioTsValidation(TargetIdParams) } },
        },
        async (context, request, response) => {
          const outcome = await deps.service.setEnabled(
            await targetScope(context, request, deps),
            request.params.id,
            enabled
          );
          return outcome.ok
            ? response.ok({ body: toApiTarget(outcome.value) })
            : refusalResponse(response, outcome.refusal);
        }
      );
  }

  router.versioned
    .delete({
      path: TARGET_ROUTE,
      access: 'public',
      summary: 'Delete a Go runtime scrape target',
      security: WRITE,
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: { request: { params: ioTsValidation(TargetIdParams) } },
      },
      async (context, request, response) => {
        const outcome = await deps.service.delete(
          await targetScope(context, request, deps),
          request.params.id
        );
        return outcome.ok ? response.noContent() : refusalResponse(response, outcome.refusal);
      }
    );
}

/** The request's space: its targets, and the hidden URL claims beside them. */
export async function targetScope(
  context: RequestHandlerContext,
  request: KibanaRequest,
  deps: { spaceIdOf(request: KibanaRequest): string }
): Promise<TargetScope> {
  const { savedObjects } = await context.core;
  return {
    targets: savedObjects.client,
    claims: savedObjects.getClient({ includedHiddenTypes: [TARGET_URL_CLAIM_TYPE] }),
    spaceId: deps.spaceIdOf(request),
  };
}

export function refusalResponse(
  response: KibanaResponseFactory,
  refusal: TargetRefusal
): IKibanaResponse {
  // `attributes`: Kibana's ResponseError carries machine-readable facts beside the message.
  const body = {
    message:
      refusal.inRequestBody === true ? `[request body]: ${refusal.message}` : refusal.message,
    ...(refusal.attributes === undefined ? {} : { attributes: refusal.attributes }),
  };
  switch (refusal.status) {
    case 404:
      return response.notFound({ body });
    case 409:
      return response.conflict({ body });
    case 400:
      return response.badRequest({ body });
  }
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
