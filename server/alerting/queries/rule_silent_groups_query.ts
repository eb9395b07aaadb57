import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamPattern } from '../../../common/data_streams';
import type { MetricValue } from '../../queries/aggregation_results';
import { aggregationSearch } from '../../queries/aggregation_search';
import { ruleFilters } from './rule_filters';
import { groupAggs, groupBuckets, type ServicesAggregation } from './rule_groups';
import type { SilentGroupsRequest, SilentGroupsResponse } from './rule_queries';

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
  const { groups, truncated } = groupBuckets(response.aggregations?.services, request.groupBy);
  const windowStartMs = request.nowMs - request.windowMs;
  return {
    groups: groups.flatMap(({ group, bucket }) => {
      const lastSeenMs = bucket.last_seen.value;
      return lastSeenMs !== null && lastSeenMs < windowStartMs ? [{ ...group, lastSeenMs }] : [];
    }),
    truncated,
  };
}
