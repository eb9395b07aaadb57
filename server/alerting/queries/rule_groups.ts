import type { GroupBy } from '../../../common/alerting/rule_params';
import type { TermsBuckets } from '../../queries/aggregation_results';
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

/** The fields that name a group's service and instance (a source's runtime fields for other products). */
export interface GroupFields {
  readonly serviceField: string;
  readonly instanceField: string;
}
const OWN_GROUP_FIELDS: GroupFields = {
  serviceField: 'service.name',
  instanceField: 'service.node.name',
};

/**
 * The rule queries' one aggregation tree: `services` (terms on service.name), then `instances`
 * (terms on service.node.name) when the groups are instances, with `leaf` at the group level.
 */
export function groupAggs(
  groupBy: GroupBy,
  limits: GroupLimits,
  leaf: Record<string, object>,
  fields: GroupFields = OWN_GROUP_FIELDS
): { services: object } {
  return {
    services: {
      terms: { field: fields.serviceField, size: limits.services },
      aggs:
        groupBy === 'instance'
          ? {
              instances: {
                terms: { field: fields.instanceField, size: limits.instancesPerService },
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
