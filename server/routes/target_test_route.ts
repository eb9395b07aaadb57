import type { IRouter, KibanaRequest, RequestHandlerContext } from '@kbn/core/server';
import { isLeft, right } from 'fp-ts/Either';
import { API_PRIVILEGES, PUBLIC_API_VERSION, TARGETS_TEST_ROUTE } from '../../common/constants';
import { intervalToMs, type Interval } from '../../common/interval';
import {
  DEFAULT_CMDLINE_MODE,
  DEFAULT_MAX_CUSTOM_VARS,
  TestTargetRequest,
  type TargetAttributes,
  type TestTargetResponse,
} from '../../common/targets';
import { errorClassOf } from '../scrape/scrape_error';
import type { ScrapePolicy } from '../scrape/scrape_policy';
import { DEFAULT_SPACE_ID } from '../../common/constants';
import type { ValidTarget } from '../targets/saved_target';
import { scrapeTarget, type ScrapeSettings } from '../tasks/scrape_target';
import { ioTsValidation } from './io_ts_validation';
import { discoverProfiles, toProfilesHealth } from '../profiles/discover_profiles';
import type { ProfilePool } from '../profiles/profile_pool';
import type { ScrapeAccess } from '../scrape/scrape_access';
import { refusalResponse } from './targets_routes';
import { connectionRefusal, urlRefusal, type TargetService } from '../targets/target_service';
import {
  resolveConnectionAt,
  scrapeConnection,
  type ConnectionRequest,
} from '../targets/target_connection';

export interface TargetTestRouteDeps {
  policy: ScrapePolicy;
  settings: ScrapeSettings;
  /** Reads the stored secrets of the target being edited (`target_id`). */
  service: TargetService;
  spaceIdOf(request: KibanaRequest): string;
  /** Decodes the goroutine read that finds whether the origin serves profiles. */
  pool: ProfilePool;
  /** The profile runner's agents: discovery sends what the profile reads will send. */
  profileAccess: ScrapeAccess;
}

/** Tests in flight on one node; a test is a real fetch, so a burst of them is refused (429). */
const MAX_CONCURRENT_TESTS = 5;
const TEST_INTERVAL = '10s' as Interval;

/**
 * `POST /api/go_runtime/targets/_test`: one scrape of the given settings, exactly as the poller
 * would do it (same policy, same limits, same parser), and the discovery of profiles a created
 * target gets; nothing saved and nothing written.
 */
export function registerTargetTestRoute(
  router: IRouter<RequestHandlerContext>,
  deps: TargetTestRouteDeps
): void {
  let running = 0;
  router.versioned
    .post({
      path: TARGETS_TEST_ROUTE,
      access: 'public',
      summary: 'Scrape a Go runtime target once without saving it',
      // Writing, not reading: a test makes the Kibana server fetch an address the user picks.
      security: { authz: { requiredPrivileges: [API_PRIVILEGES.write] } },
    })
    .addVersion(
      {
        version: PUBLIC_API_VERSION,
        validate: { request: { body: ioTsValidation(TestTargetRequest) } },
      },
      async (_context, request, response) => {
        const refusal = deps.policy.urlRefusal(request.body.url);
        if (refusal !== undefined)
          return refusalResponse(response, {
            status: 400,
            ...urlRefusal(refusal),
            inRequestBody: true,
          });
        if (running >= MAX_CONCURRENT_TESTS) {
          return response.customError({
            statusCode: 429,
            body: {
              message: `${MAX_CONCURRENT_TESTS} connection tests are running on this Kibana already; try again in a few seconds`,
            },
          });
        }
        running++;
        try {
          const interval = request.body.interval ?? TEST_INTERVAL;
          const attributes: TargetAttributes = {
            name: 'connection test',
            service_name: 'connection test',
            url: request.body.url,
            interval,
            enabled: true,
          };
          let target: ValidTarget = {
            id: '_test',
            spaceId: DEFAULT_SPACE_ID,
            attributes,
            intervalMs: intervalToMs(interval),
            maxCustomVars: request.body.max_custom_vars ?? DEFAULT_MAX_CUSTOM_VARS,
            cmdlineMode: DEFAULT_CMDLINE_MODE,
            connection: right({ headers: {} }),
          };
          // Editing: what the form leaves out (a secret it shows as stored) is the stored value,
          // exactly as an update of these settings would keep it.
          const { target_id: targetId } = request.body;
          const stored =
            targetId === undefined
              ? undefined
              : await deps.service.storedTarget(deps.spaceIdOf(request), targetId);
          if (stored !== undefined && !stored.ok) return refusalResponse(response, stored.refusal);
          const connection = resolveConnectionAt(
            request.body.url,
            pick(request.body),
            stored?.value
          );
          if (isLeft(connection))
            return refusalResponse(response, connectionRefusal(connection.left));
          const ready = scrapeConnection({ ...attributes, ...connection.right });
          if (isLeft(ready))
            return response.badRequest({
              body: { message: `[request body]: ${ready.left.message}` },
            });
          target = { ...target, connection: ready };
          const started = performance.now();
          const signal = AbortSignal.timeout(deps.settings.maxTimeoutMs + 1_000);
          // Beside the scrape, not after it: the answer waits for the slower of the two only.
          const [result, profiles] = await Promise.all([
            scrapeTarget(target, deps.settings, signal),
            discoverProfiles(
              request.body.url,
              request.body.profiles,
              {
                maxBytes: deps.settings.maxBytes,
                timeoutMs: Math.min(deps.settings.maxTimeoutMs, intervalToMs(interval)),
              },
              deps.profileAccess,
              ready.right,
              deps.pool,
              signal
            ),
          ]);
          const body: TestTargetResponse = isLeft(result)
            ? {
                ok: false,
                latency_ms: round(performance.now() - started),
                bytes: result.left.bytes ?? 0,
                memstats: false,
                custom_vars: 0,
                ...(result.left.status === undefined ? {} : { status: result.left.status }),
                error: { class: errorClassOf(result.left.kind), message: result.left.message },
                profiles: toProfilesHealth(profiles),
              }
            : {
                ok: true,
                latency_ms: round(result.right.durationMs),
                bytes: result.right.bytes,
                status: result.right.status,
                memstats: result.right.payload.memstats !== undefined,
                custom_vars: result.right.payload.customVars.total,
                profiles: toProfilesHealth(profiles),
              };
          return response.ok({ body });
        } finally {
          running--;
        }
      }
    );
}

function pick(body: TestTargetRequest): ConnectionRequest {
  return {
    ...(body.auth === undefined ? {} : { auth: body.auth }),
    ...(body.headers === undefined ? {} : { headers: body.headers }),
    ...(body.tls === undefined ? {} : { tls: body.tls }),
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
