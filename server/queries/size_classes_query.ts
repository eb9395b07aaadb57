import type { ElasticsearchClient } from '@kbn/core/server';
import type { SizeClassesRequest, SizeClassesResponse } from '../../common/panels';
import { SIZE_CLASSES_FIELD } from '../../common/heap_fields';
import { DEFAULT_SIZE_CLASS_PERIOD_MS } from '../derive/size_classes';
import { coarserPlan } from './bucketing';
import { MAX_LINES_PER_PANEL, resolvePanelScope } from './panel_scope';
import { sizeClassHeatmap } from './size_class_query';

/**
 * Columns of the heatmap at most (the line charts have 200 points). Each column costs two
 * counters per class per instance (about 110 values for each of 20 instances): at 145 columns
 * over 24 h the search answered about 8 MB and took seconds; test/bench/dashboard.ts.
 */
export const HEATMAP_COLUMNS = 60;

/**
 * The size-class heatmap of one service: size × time, live objects and allocation rate per
 * class, summed over the selected instances. Size classes are stored once per
 * `sizeClassPeriodMs` (go_runtime.sizeClasses.periodMinutes), so the bucket floor is twice
 * that whatever the scrape interval; and at most HEATMAP_COLUMNS columns.
 */
export async function querySizeClassesPanel(
  client: ElasticsearchClient,
  request: SizeClassesRequest,
  spaceId: string,
  signal?: AbortSignal,
  context: { readonly sizeClassPeriodMs?: number } = {}
): Promise<SizeClassesResponse> {
  const scope = await resolvePanelScope(client, request, spaceId, signal, {
    minPeriodMs: context.sizeClassPeriodMs ?? DEFAULT_SIZE_CLASS_PERIOD_MS,
  });
  // Each instance's counters are read separately (a rate needs one process's counters), so
  // instances cost buckets: beyond the budget the heatmap covers the first ones and says so.
  const maxInstances = Math.max(1, Math.min(scope.plan.maxLines, MAX_LINES_PER_PANEL * 2));
  const plan = coarserPlan(scope.plan, { fromMs: request.from, toMs: request.to }, HEATMAP_COLUMNS);
  // Only about one document in 30 carries size classes (every 5 minutes at 10 s): reading only
  // those makes the per-class aggregations several times cheaper.
  const withSizeClasses = { exists: { field: SIZE_CLASSES_FIELD } };
  const { heatmap, instances } = await sizeClassHeatmap(
    client,
    { filter: [...scope.filter, withSizeClasses], bucketMs: plan.bucketMs, maxInstances },
    signal
  );
  return {
    ...heatmap,
    instances: {
      total: scope.totalInstances,
      shown: instances,
      limited: instances < scope.totalInstances,
    },
  };
}
