import type { IRouter, KibanaRequest, RequestHandlerContext } from '@kbn/core/server';
import {
  API_PRIVILEGES,
  PUBLIC_API_VERSION,
  TARGETS_BULK_CREATE_ROUTE,
  TARGETS_BULK_DELETE_ROUTE,
  TARGETS_BULK_DISABLE_ROUTE,
  TARGETS_BULK_ENABLE_ROUTE,
} from '../../common/constants';
import {
  BulkCreateTargetsQuery,
  BulkCreateTargetsRequest,
  BulkTargetsRequest,
  type BulkCreateDryRunResponse,
  type BulkCreateTargetsResponse,
  type BulkTargetsResponse,
} from '../../common/targets';
import { toApiTarget } from '../targets/saved_target';
import type { TargetRefusal, TargetScope, TargetService } from '../targets/target_service';
import { ioTsValidation } from './io_ts_validation';
import { targetScope } from './targets_routes';

export interface TargetsBulkRoutesDeps {
  service: TargetService;
  spaceIdOf(request: KibanaRequest): string;
}

const WRITE = { authz: { requiredPrivileges: [API_PRIVILEGES.write] } };

/** The routes that take `{ids}` and answer which targets changed: they differ only in the change. */
const ID_LIST_ROUTES: ReadonlyArray<{
  path: string;
  summary: string;
  apply(service: TargetService, scope: TargetScope, ids: string[]): Promise<BulkTargetsResponse>;
}> = [
  {
    path: TARGETS_BULK_DELETE_ROUTE,
    summary: 'Delete Go runtime scrape targets',
    apply: (service, scope, ids) => service.deleteMany(scope, ids),
  },
  {
    path: TARGETS_BULK_ENABLE_ROUTE,
    summary: 'Enable Go runtime scrape targets',
    apply: (service, scope, ids) => service.setEnabledMany(scope, ids, true),
  },
  {
    path: TARGETS_BULK_DISABLE_ROUTE,
    summary: 'Disable Go runtime scrape targets',
    apply: (service, scope, ids) => service.setEnabledMany(scope, ids, false),
  },
];

/**
 * `POST /api/go_runtime/targets/_bulk_create` with `{targets}`, and `_bulk_delete`,
 * `_bulk_enable`, `_bulk_disable` with `{ids}`, in the manner of Kibana's alerting bulk APIs:
 * every item is tried, and the answer says which worked and why the others did not (a 404 for
 * an id not in this space; a 400 or 409 for a target that cannot be created).
 */
export function registerTargetsBulkRoutes(
  router: IRouter<RequestHandlerContext>,
  deps: TargetsBulkRoutesDeps
): void {
  router.versioned
    .post({
      path: TARGETS_BULK_CREATE_ROUTE,
      access: 'public',
      summary: 'Create Go runtime scrape targets',
      security: WRITE,
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: {
          request: {
            query: ioTsValidation(BulkCreateTargetsQuery),
            body: ioTsValidation(BulkCreateTargetsRequest),
          },
        },
      },
      async (context, request, response) => {
        const { targets } = request.body;
        const scope = await targetScope(context, request, deps);
        // A dry run: every check of a create, by the same code, and no write (a form's preview).
        if (request.query.dry_run === 'true') {
          const checked = await deps.service.checkMany(scope, targets);
          const body: BulkCreateDryRunResponse = {
            total: targets.length,
            dry_run: true,
            would_create: [],
            errors: [],
          };
          for (const [index, outcome] of checked.entries()) {
            if (outcome.ok) body.would_create.push({ index });
            else body.errors.push(bulkCreateError(index, outcome.refusal));
          }
          return response.ok({ body });
        }
        const outcomes = await deps.service.createMany(scope, targets);
        const body: BulkCreateTargetsResponse = { total: targets.length, created: [], errors: [] };
        for (const [index, outcome] of outcomes.entries()) {
          if (outcome.ok) body.created.push({ index, target: toApiTarget(outcome.value) });
          else body.errors.push(bulkCreateError(index, outcome.refusal));
        }
        return response.ok({ body });
      }
    );

  for (const route of ID_LIST_ROUTES) {
    router.versioned
      .post({ path: route.path, access: 'public', summary: route.summary, security: WRITE })
      .addVersion(
        {
          version: PUBLIC_API_VERSION,
          validate: { request: { body: ioTsValidation(BulkTargetsRequest) } },
        },
        async (context, request, response) =>
          response.ok({
            body: await route.apply(
              deps.service,
              await targetScope(context, request, deps),
              request.body.ids
            ),
          })
      );
  }
}

function bulkCreateError(
  index: number,
  refusal: TargetRefusal
): BulkCreateTargetsResponse['errors'][number] {
  return {
    index,
    status: refusal.status,
    message: refusal.message,
    ...(refusal.attributes === undefined ? {} : { attributes: refusal.attributes }),
  };
}
