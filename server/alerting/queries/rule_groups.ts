import type { GroupBy } from '../../../common/alerting/rule_params';
import type { TermsBuckets } from '../../queries/aggregation_results';
import type { IdentityKey } from '../../sources/source_readers';
import type { RuleGroup } from './rule_queries';

/** How many groups one rule run reads at most; more are not evaluated, and the run says so. */
export interface GroupLimits {
  readonly services: number;
  readonly instancesPerService: number;
}

/** A service bucket: the group's own aggregations, and per instance when the rule asked for it. */
export type ServiceBucket<B> = B & {
  readonly key: string;
  readonly instances?: TermsBuckets<B & { readonly key: string }>;
};
export interface ServicesAggregation<B> {
  services: TermsBuckets<ServiceBucket<B>>;
}

/**
 * The rule queries' one aggregation tree: `services` (terms on service.name), then `instances`
 * (terms on service.node.name) when the groups are instances, with `leaf` at the group level.
 */
export function groupAggs(
  groupBy: GroupBy,
  limits: GroupLimits,
  leaf: Record<string, object>
): { services: object } {
  return {
    services: {
      terms: { field: 'service.name', size: limits.services },
      aggs:
        groupBy === 'instance'
          ? {
              instances: {
                terms: { field: 'service.node.name', size: limits.instancesPerService },
                aggs: leaf,
              },
            }
          : leaf,
    },
  };
}

/** The groups of a `groupAggs` answer, each with its bucket; truncated when a terms hit its size. */
export function groupBuckets<B>(
  services: TermsBuckets<ServiceBucket<B>> | undefined,
  groupBy: GroupBy
): { groups: Array<{ group: RuleGroup; bucket: B }>; truncated: boolean } {
  let truncated = (services?.sum_other_doc_count ?? 0) > 0;
  const groups: Array<{ group: RuleGroup; bucket: B }> = [];
  for (const serviceBucket of services?.buckets ?? []) {
    const service = String(serviceBucket.key);
    if (groupBy === 'service') {
      groups.push({ group: { service }, bucket: serviceBucket });
      continue;
    }
    truncated ||= (serviceBucket.instances?.sum_other_doc_count ?? 0) > 0;
    for (const bucket of serviceBucket.instances?.buckets ?? [])
      groups.push({ group: { service, instance: String(bucket.key) }, bucket });
  }
  return { groups, truncated };
}

/**
 * Another product's documents name services and instances in several ways (see IdentityKey):
 * one filtered terms aggregation per way, services (`svc_<i>`) over instances (`inst_<j>`),
 * with `leaf` per instance, on indexed fields.
 */
export function identityGroupAggs(
  keys: {
    readonly serviceKeys: readonly IdentityKey[];
    readonly instanceKeys: readonly IdentityKey[];
  },
  limits: GroupLimits,
  leaf: Record<string, object>
): Record<string, object> {
  const keyed = (prefix: string, of: readonly IdentityKey[], size: number, aggs: object) =>
    Object.fromEntries(
      of.map((key, i) => [
        `${prefix}_${i}`,
        { filter: key.filter, aggs: { names: { terms: { field: key.field, size }, aggs } } },
      ])
    );
  return keyed(
    'svc',
    keys.serviceKeys,
    limits.services,
    keyed('inst', keys.instanceKeys, limits.instancesPerService, leaf)
  );
}

interface KeyedNames<B> {
  names: TermsBuckets<B & { readonly key: string | number; readonly doc_count: number }>;
}

/**
 * The instances of an `identityGroupAggs` answer, each named as kibana.yml renames it, with its
 * bucket; truncated when a terms hit its size. The same instance under two keys of a service
 * (documents with and without service.name) comes back twice: callers merge by group.
 */
export function identityGroupBuckets<B>(
  keys: {
    readonly serviceKeys: readonly IdentityKey[];
    readonly instanceKeys: readonly IdentityKey[];
  },
  result: Record<string, unknown> | undefined
): {
  groups: Array<{ group: RuleGroup & { instance: string }; bucket: B & { doc_count: number } }>;
  truncated: boolean;
} {
  let truncated = false;
  const groups: Array<{
    group: RuleGroup & { instance: string };
    bucket: B & { doc_count: number };
  }> = [];
  keys.serviceKeys.forEach((serviceKey, i) => {
    const services = (result?.[`svc_${i}`] as KeyedNames<Record<string, unknown>> | undefined)
      ?.names;
    truncated ||= (services?.sum_other_doc_count ?? 0) > 0;
    for (const serviceBucket of services?.buckets ?? []) {
      const service = serviceKey.rename?.[String(serviceBucket.key)] ?? String(serviceBucket.key);
      keys.instanceKeys.forEach((instanceKey, j) => {
        const instances = (serviceBucket[`inst_${j}`] as KeyedNames<B> | undefined)?.names;
        truncated ||= (instances?.sum_other_doc_count ?? 0) > 0;
        for (const bucket of instances?.buckets ?? [])
          groups.push({
            group: {
              service,
              instance: instanceKey.rename?.[String(bucket.key)] ?? String(bucket.key),
            },
            bucket,
          });
      });
    }
  });
  return { groups, truncated };
}
