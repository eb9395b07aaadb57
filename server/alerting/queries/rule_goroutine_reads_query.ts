import type { ElasticsearchClient } from '@kbn/core/server';
import * as t from 'io-ts';
import { isRight } from 'fp-ts/Either';
import { PROFILE_DATASET, dataStreamPattern } from '../../../common/data_streams';
import type { TopHits } from '../../queries/aggregation_results';
import { aggregationSearch } from '../../queries/aggregation_search';
import type { GoroutineRead } from '../goroutine_growth/goroutine_conditions';
import { ruleFilters } from './rule_filters';
import { groupAggs, groupBuckets, type ServicesAggregation } from './rule_groups';

export interface GoroutineReadsRequest {
  readonly fromMs: number;
  readonly toMs: number;
  /** The newest reads wanted per instance. */
  readonly reads: number;
  readonly serviceNames?: readonly string[];
}
export interface InstanceGoroutineReads {
  readonly service: string;
  readonly instance: string;
  /** Oldest first, at most `reads`. */
  readonly reads: readonly GoroutineRead[];
}
export interface GoroutineReadsResponse {
  readonly instances: readonly InstanceGoroutineReads[];
  readonly truncated: boolean;
}

/** Per instance up to 61 documents of a few KiB each: the caps keep one run's answer bounded. */
const LIMITS = { services: 100, instancesPerService: 50 };

/** The part of a goroutine read document the rule reads; the stored groups are in _source only. */
const ReadSource = t.type({
  '@timestamp': t.string,
  go_runtime: t.type({
    profile: t.type({
      goroutine: t.type({
        total: t.number,
        groups: t.array(t.type({ function: t.string, count: t.number })),
      }),
    }),
  }),
});

interface Leaf {
  reads: TopHits<unknown>;
}

/**
 * The newest successful goroutine reads (`go_runtime.profile.kind: goroutine`) of every
 * instance in the window. Always per instance: a service's stack groups are compared within
 * one process, as goroutines of different processes are not the same goroutines.
 */
export async function queryRuleGoroutineReads(
  client: ElasticsearchClient,
  request: GoroutineReadsRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<GoroutineReadsResponse> {
  const filter = [
    ...ruleFilters(request.fromMs, request.toMs, spaceId, request.serviceNames),
    { term: { 'go_runtime.profile.kind': 'goroutine' } },
    { term: { 'event.outcome': 'success' } },
  ];
  const leaf = {
    reads: {
      top_hits: {
        size: request.reads,
        sort: [{ '@timestamp': { order: 'desc' } }],
        _source: {
          includes: [
            '@timestamp',
            'go_runtime.profile.goroutine.total',
            'go_runtime.profile.goroutine.groups.function',
            'go_runtime.profile.goroutine.groups.count',
          ],
        },
      },
    },
  };
  const response = await aggregationSearch<ServicesAggregation<Leaf>>(
    client,
    {
      index: dataStreamPattern(PROFILE_DATASET),
      filter,
      aggs: groupAggs('instance', LIMITS, leaf),
    },
    signal
  );
  const read = groupBuckets(response.aggregations?.services, 'instance');
  const instances = read.groups.flatMap(({ group, bucket }) =>
    group.instance === undefined
      ? []
      : [{ service: group.service, instance: group.instance, reads: readsOf(bucket) }]
  );
  return { instances, truncated: read.truncated };
}

function readsOf(bucket: Leaf): GoroutineRead[] {
  const reads: GoroutineRead[] = [];
  for (const hit of bucket.reads.hits.hits) {
    const decoded = ReadSource.decode(hit._source);
    // A document that does not have the shape is not a read the rule can compare: skipped.
    if (!isRight(decoded)) continue;
    const { goroutine } = decoded.right.go_runtime.profile;
    reads.push({
      atMs: Date.parse(decoded.right['@timestamp']),
      total: goroutine.total,
      groups: goroutine.groups,
    });
  }
  return reads.reverse();
}
