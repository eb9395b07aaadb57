import { ScrapeErrorClass } from '../../common/scrape_health';
import type { InstanceHealth } from '../../common/service_health';

/** What the scrape health documents say of one instance: its newest attempt and last success. */
export interface InstanceObservation {
  readonly instance: string;
  readonly targetId: string;
  readonly lastAttemptAt: number;
  readonly periodMs: number;
  readonly failed: boolean;
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly lastSuccessAt?: number;
}

/** Whether each target of the space is enabled, by id; undefined when they could not be read. */
export type TargetStates = ReadonlyMap<string, boolean> | undefined;

/**
 * An attempt is due every period; a few periods without one (plus the write buffer's flush)
 * means nobody scrapes the instance any more, whatever its last outcome said.
 */
export function staleAfterMs(periodMs: number): number {
  return 3 * periodMs + 15_000;
}

/**
 * One instance's state now. `downSince` is the first failure after the last success, which
 * a second search finds; until then the newest attempt stands in for it.
 */
export function instanceHealthOf(
  observation: InstanceObservation,
  nowMs: number,
  targets: TargetStates,
  downSince?: number
): InstanceHealth {
  const common = {
    instance: observation.instance,
    target_id: observation.targetId,
    last_attempt_at: observation.lastAttemptAt,
    period_ms: observation.periodMs,
    ...(observation.lastSuccessAt === undefined
      ? {}
      : { last_success_at: observation.lastSuccessAt }),
  };
  const enabled = targets?.get(observation.targetId);
  if (targets !== undefined && enabled === undefined)
    return { ...common, state: 'stale', cause: 'removed' };
  if (enabled === false) return { ...common, state: 'stale', cause: 'disabled' };
  if (nowMs - observation.lastAttemptAt > staleAfterMs(observation.periodMs))
    return { ...common, state: 'stale', cause: 'not_scraped' };
  if (!observation.failed) return { ...common, state: 'up' };
  return {
    ...common,
    state: 'down',
    down_since: downSince ?? observation.lastAttemptAt,
    error: {
      // The documents are ours, but an older version may have written another class.
      class: ScrapeErrorClass.is(observation.errorType) ? observation.errorType : 'bad_payload',
      message: observation.errorMessage ?? '',
    },
  };
}
