import { SCRAPE_DATASET } from '../../common/data_streams';
import { MAX_ERROR_MESSAGE_LENGTH } from '../../common/scrape_health';
import type { ProfilesHealth } from '../profiles/profile_runner';
import { errorClassOf, type ScrapeError } from '../scrape/scrape_error';
import { serviceAddress, type ScrapeOrigin } from './scrape_identity';

/** One scrape attempt, as the health document records it. */
export interface ScrapeAttempt {
  /** The slot the attempt was for (epoch ms): `@timestamp`, and with the dimensions, `_id`. */
  readonly slotMs: number;
  readonly startedAt: Date;
  readonly durationMs: number;
  /** Present when a response came. */
  readonly status?: number;
  readonly bytes: number;
  readonly error?: ScrapeError;
  /** What the latest profile read of the target found, once one ran on this node. */
  readonly profiles?: ProfilesHealth;
}

/**
 * One `go_runtime.scrape` document per attempt, success or failure: the plugin's `up`. It is
 * small and has the same identity as the heap document of the slot, so the targets page, the
 * "target down" rule and the services list can all read it. The message is one we wrote
 * (scrape_error.ts), never a response body, and is bounded.
 */
export function buildScrapeHealthDocument(
  origin: ScrapeOrigin,
  attempt: ScrapeAttempt
): Record<string, unknown> {
  const failed = attempt.error !== undefined;
  return {
    '@timestamp': new Date(attempt.slotMs).toISOString(),
    event: {
      dataset: SCRAPE_DATASET,
      module: 'golang',
      kind: 'metric',
      start: attempt.startedAt.toISOString(),
      outcome: failed ? 'failure' : 'success',
      // ECS event.duration is in nanoseconds.
      duration: Math.round(attempt.durationMs * 1e6),
    },
    service: {
      name: origin.serviceName,
      address: serviceAddress(origin.url),
      node: { name: origin.targetName },
    },
    go_runtime: {
      target: { id: origin.targetId, name: origin.targetName, space_id: origin.spaceId },
      scrape: { bytes: attempt.bytes },
      ...(attempt.profiles === undefined ? {} : { profiles: profilesFields(attempt.profiles) }),
    },
    ...(attempt.status === undefined
      ? {}
      : { http: { response: { status_code: attempt.status } } }),
    ...(attempt.error === undefined
      ? {}
      : {
          error: {
            type: errorClassOf(attempt.error.kind),
            message: attempt.error.message.slice(0, MAX_ERROR_MESSAGE_LENGTH),
          },
        }),
    data_stream: { type: 'metrics', dataset: SCRAPE_DATASET, namespace: origin.namespace },
    metricset: { name: 'scrape', period: origin.periodMs },
    agent: { type: 'go-runtime-kibana', name: 'go-runtime-kibana' },
  };
}

function profilesFields({ status, error }: ProfilesHealth): Record<string, unknown> {
  return {
    status,
    ...(error === undefined
      ? {}
      : {
          error: { type: error.class, message: error.message.slice(0, MAX_ERROR_MESSAGE_LENGTH) },
        }),
  };
}
