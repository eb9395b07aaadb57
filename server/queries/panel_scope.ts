import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern, type Dataset } from '../../common/data_streams';
import type { InstanceLimit } from '../../common/panels';
import { planBuckets, searchMaxBuckets, type BucketPlan } from './bucketing';
import type { MetricValue } from './aggregation_results';
import { spaceFilter } from './space_filter';
import { aggregationSearch } from './aggregation_search';

/** What every panel query of one service is about: time range, service, instances, space. */
export interface PanelSelection {
  readonly from: number;
  readonly to: number;
  readonly service_name: string;
  readonly instances?: readonly string[];
}

export const INSTANCE_FIELD = 'service.node.name';
/** Cardinality is exact in practice below this many values (Elasticsearch's HyperLogLog++). */
const PRECISION_THRESHOLD = 3_000;
/** A chart with more lines than this is unreadable; the response says the rest were left out. */
export const MAX_LINES_PER_PANEL = 50;

export function selectionFilter(selection: PanelSelection, spaceId: string): object[] {
  const filter: object[] = [
    { range: { '@timestamp': { gte: selection.from, lte: selection.to, format: 'epoch_millis' } } },
    { term: { 'service.name': selection.service_name } },
    spaceFilter(spaceId),
  ];
  if (selection.instances !== undefined && selection.instances.length > 0)
    filter.push({ terms: { [INSTANCE_FIELD]: [...selection.instances] } });
  return filter;
}

export interface PanelScope {
  readonly index: string;
  readonly filter: object[];
  readonly plan: BucketPlan;
  readonly totalInstances: number;
  /** The longest scrape period found (0 without data): other sources' plans compare with it. */
  readonly periodMs: number;
}

/**
 * One small search before the panel's own: the longest scrape period (the bucket floor) and how
 * many instances there are (the line budget). Bounded and cheap: two metric aggregations.
 */
export async function resolvePanelScope(
  client: ElasticsearchClient,
  selection: PanelSelection,
  spaceId: string,
  signal: AbortSignal | undefined,
  options: { dataset?: Dataset; minPeriodMs?: number } = {}
): Promise<PanelScope> {
  const index = dataStreamPattern(options.dataset ?? HEAP_DATASET);
  const filter = selectionFilter(selection, spaceId);
  const [maxBuckets, response] = await Promise.all([
    searchMaxBuckets(client, signal),
    aggregationSearch<{ period: MetricValue; instances: MetricValue }>(
      client,
      {
        index,
        filter,
        aggs: {
          period: { max: { field: 'metricset.period' } },
          instances: {
            cardinality: { field: INSTANCE_FIELD, precision_threshold: PRECISION_THRESHOLD },
          },
        },
      },
      signal
    ),
  ]);
  const aggs = response.aggregations;
  const periodMs = Math.max(aggs?.period.value ?? 0, options.minPeriodMs ?? 0);
  return {
    index,
    filter,
    plan: planBuckets({
      fromMs: selection.from,
      toMs: selection.to,
      periodMs,
      searchMaxBuckets: maxBuckets,
    }),
    totalInstances: aggs?.instances.value ?? 0,
    periodMs,
  };
}

/** How many instances one search may list one by one at a plan's bucket width. */
export function lineBudget(plan: BucketPlan): number {
  return Math.max(1, Math.min(plan.maxLines, MAX_LINES_PER_PANEL));
}

/** How many instances a split response lists one by one, and how to say it. */
export function instanceLines(
  scope: PanelScope,
  split: boolean
): { size: number; limit: (shown: number) => InstanceLimit } {
  const size = lineBudget(scope.plan);
  return {
    size,
    limit: (shown) => ({
      total: scope.totalInstances,
      shown: split ? shown : scope.totalInstances,
      limited: split && shown < scope.totalInstances,
    }),
  };
}
