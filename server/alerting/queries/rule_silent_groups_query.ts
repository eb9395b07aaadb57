import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamPattern } from '../../../common/data_streams';
import type { MetricValue } from '../../queries/aggregation_results';
import { aggregationSearch } from '../../queries/aggregation_search';
import { ruleFilters } from './rule_filters';
import { alertIdOf } from '../shared/alert_id';
import {
  groupAggs,
  groupBuckets,
  identityGroupAggs,
  identityGroupBuckets,
  type ServicesAggregation,
} from './rule_groups';
import type { RuleGroup, SilentGroupsRequest, SilentGroupsResponse } from './rule_queries';
import {
  externalAggregationSearch,
  externalRuleFilters,
  type ExternalReader,
} from './rule_sources';

const LIMITS = { services: 500, instancesPerService: 500 };

/**
 * The groups with documents in the lookback but none in the rule's window: what the rule saw
 * before and sees no more. One max per group, so a fleet's day costs one small aggregation.
 */
export async function queryRuleSilentGroups(
  client: ElasticsearchClient,
  request: SilentGroupsRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<SilentGroupsResponse> {
  const response = await aggregationSearch<ServicesAggregation<{ last_seen: MetricValue }>>(
    client,
    {
      index: dataStreamPattern(request.dataset),
      filter: ruleFilters(
        request.nowMs - request.lookbackMs,
        request.nowMs,
        spaceId,
        request.serviceNames
      ),
      aggs: groupAggs(request.groupBy, LIMITS, { last_seen: { max: { field: '@timestamp' } } }),
    },
    signal
  );
  return silentOf(response.aggregations?.services, request);
}

/**
 * The same on another product's documents that have `field` (the rule's measure there): its
 * groups carry the source.
 */
export async function queryExternalSilentGroups(
  client: ElasticsearchClient,
  reader: ExternalReader,
  field: string,
  request: SilentGroupsRequest,
  signal?: AbortSignal
): Promise<SilentGroupsResponse> {
  const response = await externalAggregationSearch<Record<string, unknown>>(
    client,
    reader,
    {
      filter: externalRuleFilters(
        reader,
        { fromMs: request.nowMs - request.lookbackMs, toMs: request.nowMs },
        request.serviceNames,
        field
      ),
      aggs: identityGroupAggs(reader, LIMITS, { last_seen: { max: { field: '@timestamp' } } }),
    },
    signal
  );
  const read = identityGroupBuckets<{ last_seen: MetricValue }>(reader, response.aggregations);
  // A service (or an instance named two ways) is last seen when its newest document is.
  const lastSeen = new Map<string, { group: RuleGroup; lastSeenMs: number }>();
  for (const { group, bucket } of read.groups) {
    const seen = bucket.last_seen.value;
    if (seen === null) continue;
    const grouped: RuleGroup =
      request.groupBy === 'service'
        ? { service: group.service, source: reader.id }
        : { ...group, source: reader.id };
    const key = alertIdOf(grouped);
    const before = lastSeen.get(key);
    if (before === undefined || before.lastSeenMs < seen)
      lastSeen.set(key, { group: grouped, lastSeenMs: seen });
  }
  const windowStartMs = request.nowMs - request.windowMs;
  return {
    groups: [...lastSeen.values()].flatMap(({ group, lastSeenMs }) =>
      lastSeenMs < windowStartMs ? [{ ...group, lastSeenMs }] : []
    ),
    truncated: read.truncated,
  };
}

function silentOf(
  services: Parameters<typeof groupBuckets<{ last_seen: MetricValue }>>[0],
  request: SilentGroupsRequest
): SilentGroupsResponse {
  const { groups, truncated } = groupBuckets(services, request.groupBy);
  const windowStartMs = request.nowMs - request.windowMs;
  return {
    groups: groups.flatMap(({ group, bucket }) => {
      const lastSeenMs = bucket.last_seen.value;
      return lastSeenMs !== null && lastSeenMs < windowStartMs ? [{ ...group, lastSeenMs }] : [];
    }),
    truncated,
  };
}
