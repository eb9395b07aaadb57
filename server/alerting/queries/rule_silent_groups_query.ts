import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamPattern } from '../../../common/data_streams';
import type { MetricValue } from '../../queries/aggregation_results';
import { aggregationSearch } from '../../queries/aggregation_search';
import { ruleFilters } from './rule_filters';
import { groupAggs, groupBuckets, type ServicesAggregation } from './rule_groups';
import type { SilentGroupsRequest, SilentGroupsResponse } from './rule_queries';
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
  const response = await externalAggregationSearch<ServicesAggregation<{ last_seen: MetricValue }>>(
    client,
    reader,
    {
      filter: externalRuleFilters(
        reader,
        { fromMs: request.nowMs - request.lookbackMs, toMs: request.nowMs },
        request.serviceNames,
        field
      ),
      aggs: groupAggs(
        request.groupBy,
        LIMITS,
        { last_seen: { max: { field: '@timestamp' } } },
        reader
      ),
    },
    signal
  );
  const silent = silentOf(response.aggregations?.services, request);
  return { ...silent, groups: silent.groups.map((group) => ({ ...group, source: reader.id })) };
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
