import * as t from 'io-ts';
import { ScrapeErrorClass } from './scrape_health';

/**
 * Whether each instance of a service is scraped successfully now, read from the scrape health
 * documents (`metrics-go_runtime.scrape-*`, one per attempt) and the target saved objects.
 * Health is about now, not about the dashboard's time range: a range that ended an hour ago
 * does not make a stopped program look up.
 */

/** Why nobody scrapes an instance any more. */
export const StaleCause = t.keyof(
  {
    /** Its target is disabled. */
    disabled: null,
    /** Its target was deleted. */
    removed: null,
    /** Its target is enabled, but no attempt was recorded lately (collection is not running). */
    not_scraped: null,
  },
  'StaleCause'
);
export type StaleCause = t.TypeOf<typeof StaleCause>;

const Common = {
  instance: t.string,
  target_id: t.string,
  /** The latest attempt, success or failure (epoch ms of its slot). */
  last_attempt_at: t.number,
  period_ms: t.number,
};
const LastSuccess = { last_success_at: t.number };

/** One instance: up, down since its first failure after the last success, or stale. */
export const InstanceHealth = t.union([
  t.intersection([t.type({ ...Common, state: t.literal('up') }), t.partial(LastSuccess)]),
  t.intersection([
    t.type({
      ...Common,
      state: t.literal('down'),
      /** The first failed attempt after the last success (or the first one known). */
      down_since: t.number,
      error: t.type({ class: ScrapeErrorClass, message: t.string }),
    }),
    t.partial(LastSuccess),
  ]),
  t.intersection([
    t.type({ ...Common, state: t.literal('stale'), cause: StaleCause }),
    t.partial(LastSuccess),
  ]),
]);
export type InstanceHealth = t.TypeOf<typeof InstanceHealth>;
export type InstanceState = InstanceHealth['state'];

export const ServiceState = t.keyof(
  {
    /** Every instance answers. */
    healthy: null,
    /** Some answer, some are down or stale. */
    degraded: null,
    /** None answers, at least one fails. */
    down: null,
    /** Nobody scrapes it any more: its targets are disabled, deleted or not collected. */
    stale: null,
  },
  'ServiceState'
);
export type ServiceState = t.TypeOf<typeof ServiceState>;

export const ServiceHealth = t.type({
  state: ServiceState,
  up: t.number,
  down: t.number,
  stale: t.number,
});
export type ServiceHealth = t.TypeOf<typeof ServiceHealth>;

/**
 * A service's state from its instances. An instance whose target was deleted is gone, not
 * unhealthy: it counts only when nothing else is left (then the service is stale).
 */
export function serviceHealthOf(instances: readonly InstanceHealth[]): ServiceHealth {
  const kept = instances.filter((i) => !(i.state === 'stale' && i.cause === 'removed'));
  const counted = kept.length > 0 ? kept : instances;
  const up = counted.filter((i) => i.state === 'up').length;
  const down = counted.filter((i) => i.state === 'down').length;
  return healthOfCounts(up, down, counted.length - up - down);
}

/** A service's state from how many of its instances are up, down and stale. */
export function healthOfCounts(up: number, down: number, stale: number): ServiceHealth {
  const state: ServiceState =
    up > 0 ? (down + stale > 0 ? 'degraded' : 'healthy') : down > 0 ? 'down' : 'stale';
  return { state, up, down, stale };
}

/**
 * Instances of other sources (the APM Go agent, the Golang integration, Metricbeat) have no
 * scrape health: nothing here attempts to reach them. One that reported lately (within three of
 * its reporting periods and 15 s, the plugin's own stale margin) counts as up, one that did not
 * as stale (it stopped reporting, for a reason this app cannot see); none is ever down, since
 * no failure is known.
 */
export function withReportingInstances(
  health: ServiceHealth | undefined,
  reporting: { readonly recent: number; readonly seen: number }
): ServiceHealth {
  const stale = Math.max(reporting.seen - reporting.recent, 0);
  return healthOfCounts(
    (health?.up ?? 0) + reporting.recent,
    health?.down ?? 0,
    (health?.stale ?? 0) + stale
  );
}
