import type {
  IRouter,
  Logger,
  RequestHandlerContext,
  SavedObjectsClientContract,
} from '@kbn/core/server';
import {
  API_PRIVILEGES,
  PUBLIC_API_VERSION,
  TARGETS_BULK_DELETE_ROUTE,
  TARGETS_BULK_DISABLE_ROUTE,
  TARGETS_BULK_ENABLE_ROUTE,
  TARGET_SAVED_OBJECT_TYPE,
  TARGET_URL_CLAIM_TYPE,
} from '../../common/constants';
import {
  BulkTargetsRequest,
  type BulkTargetsResponse,
  type TargetAttributes,
} from '../../common/targets';
import { releaseClaimsOf } from '../targets/url_claims';
import { ioTsValidation } from './io_ts_validation';

export interface TargetsBulkRoutesDeps {
  logger: Logger;
  targetsChanged(): void;
  forgetTargets(ids: readonly string[]): Promise<void>;
}

type BulkError = BulkTargetsResponse['errors'][number];

/**
 * `POST /api/go_runtime/targets/_bulk_delete|_bulk_enable|_bulk_disable` with `{ids}`, in the
 * manner of Kibana's alerting bulk APIs: every id is tried, and the answer says which worked
 * and why the others did not (a 404 for an id not in this space).
 */
export function registerTargetsBulkRoutes(
  router: IRouter<RequestHandlerContext>,
  deps: TargetsBulkRoutesDeps
): void {
  router.versioned
    .post({
      path: TARGETS_BULK_DELETE_ROUTE,
      access: 'public',
      summary: 'Delete Go runtime scrape targets',
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.write] } },
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: { request: { body: ioTsValidation(BulkTargetsRequest) } },
      },
      async (context, request, response) => {
        const core = await context.core;
        const client = core.savedObjects.client;
        const { ids } = request.body;
        const result = await client.bulkDelete(
          ids.map((id) => ({ type: TARGET_SAVED_OBJECT_TYPE, id })),
          { refresh: 'wait_for' }
        );
        const succeeded = result.statuses
          .filter((status) => status.success)
          .map((status) => status.id);
        const errors = result.statuses
          .filter((status) => !status.success)
          .map((status) => bulkError(status.id, status.error));
        if (succeeded.length > 0) {
          deps.targetsChanged();
          await releaseClaimsOf(
            core.savedObjects.getClient({ includedHiddenTypes: [TARGET_URL_CLAIM_TYPE] }),
            succeeded
          ).catch((error: Error) =>
            deps.logger.warn(
              `${succeeded.length} targets are deleted, but their URLs stay claimed until the claims are stale: ${error.message}`
            )
          );
          await deps
            .forgetTargets(succeeded)
            .catch((error: Error) =>
              deps.logger.warn(
                `${succeeded.length} targets are deleted, but their collection state is left behind: ${error.message}`
              )
            );
        }
        const body: BulkTargetsResponse = { total: ids.length, succeeded, errors };
        return response.ok({ body });
      }
    );

  for (const [path, enabled] of [
    [TARGETS_BULK_ENABLE_ROUTE, true],
    [TARGETS_BULK_DISABLE_ROUTE, false],
  ] as const) {
    router.versioned
      .post({
        path,
        access: 'public',
        summary: `${enabled ? 'Enable' : 'Disable'} Go runtime scrape targets`,
        security: { authz: { requiredPrivileges: [API_PRIVILEGES.write] } },
      })
      .addVersion(
        {
          version: PUBLIC_API_VERSION,
          validate: { request: { body: ioTsValidation(BulkTargetsRequest) } },
        },
        async (context, request, response) => {
          const client = (await context.core).savedObjects.client;
          const { ids } = request.body;
          const body = await setEnabled(client, ids, enabled);
          if (body.succeeded.length > 0) deps.targetsChanged();
          return response.ok({ body });
        }
      );
  }
}

async function setEnabled(
  client: SavedObjectsClientContract,
  ids: readonly string[],
  enabled: boolean
): Promise<BulkTargetsResponse> {
  const result = await client.bulkUpdate<TargetAttributes>(
    ids.map((id) => ({ type: TARGET_SAVED_OBJECT_TYPE, id, attributes: { enabled } })),
    { refresh: 'wait_for' }
  );
  const succeeded: string[] = [];
  const errors: BulkError[] = [];
  for (const object of result.saved_objects) {
    if (object.error === undefined) succeeded.push(object.id);
    else errors.push(bulkError(object.id, object.error));
  }
  return { total: ids.length, succeeded, errors };
}

function bulkError(
  id: string,
  error: { statusCode: number; message: string } | undefined
): BulkError {
  if (error?.statusCode === 404) return { id, status: 404, message: `Target [${id}] not found` };
  return {
    id,
    status: error?.statusCode ?? 500,
    message: error?.message ?? 'the target could not be changed',
  };
}
