import type { ElasticsearchClient } from '@kbn/core/server';
import { queryHeapProfile } from '../../queries/profile_heap_query';
import type { RuleGroup } from '../queries/rule_queries';

/** The function whose in-use bytes grew most over an alert's window, as What grew ranks it. */
export interface TopGrowth {
  readonly function: string;
  /** As the profile names it; empty when its function table did not list the function. */
  readonly file: string;
  readonly line: number;
  readonly inuseSpaceGrowthBytes: number;
  /** The instance whose first and last heap profiles of the window were compared. */
  readonly instance: string;
}

/**
 * Firing groups whose top growth is looked up in one run: each lookup reads two heap profile
 * documents, and a fleet-wide leak must not turn one rule run into hundreds of searches. The
 * groups past the cap alert all the same, without topGrowth.
 */
export const MAX_TOP_GROWTH_LOOKUPS = 20;

/**
 * What grew over the window for a heap-growth alert's group: the same comparison as the pages'
 * What grew table (the instance's first and last heap profile in the window; for a rule grouped
 * by service, the instance with the last profile). Undefined when the target serves no
 * profiles, the window holds fewer than two, or nothing grew.
 */
export async function findTopGrowth(
  client: ElasticsearchClient,
  group: RuleGroup,
  window: { readonly fromMs: number; readonly toMs: number },
  spaceId: string
): Promise<TopGrowth | undefined> {
  // Heap profiles are the plugin's own: another product's instance has none to compare.
  if (group.source !== undefined) return undefined;
  const profile = await queryHeapProfile(
    client,
    {
      from: window.fromMs,
      to: window.toMs,
      service_name: group.service,
      ...(group.instance === undefined ? {} : { instance: group.instance }),
    },
    spaceId
  );
  if (!profile.found) return undefined;
  const top = profile.what_grew?.rows[0];
  if (top === undefined || top.inuse_space_growth <= 0) return undefined;
  return {
    function: top.function,
    file: top.file,
    line: top.line,
    inuseSpaceGrowthBytes: top.inuse_space_growth,
    instance: profile.instance,
  };
}

/**
 * The lookups for a run's firing groups, at most MAX_TOP_GROWTH_LOOKUPS. A failed lookup leaves
 * that group without topGrowth: the heap alert stands on the heap's own data, and profiles are
 * an optional extra of the target (off, or not served, on many).
 */
export async function findTopGrowths(
  client: ElasticsearchClient,
  groups: readonly RuleGroup[],
  window: { readonly fromMs: number; readonly toMs: number },
  spaceId: string
): Promise<Array<TopGrowth | undefined>> {
  return Promise.all(
    groups.map((group, index) =>
      index >= MAX_TOP_GROWTH_LOOKUPS
        ? undefined
        : findTopGrowth(client, group, window, spaceId).catch(() => undefined)
    )
  );
}
