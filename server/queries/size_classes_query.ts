import type { ElasticsearchClient } from '@kbn/core/server';
import type { SizeClassesRequest, SizeClassesResponse } from '../../common/panels';
import { SIZE_CLASSES_FIELD } from '../../common/heap_fields';
import { DEFAULT_SIZE_CLASS_PERIOD_MS } from '../derive/size_classes';
import { MAX_LINES_PER_PANEL, resolvePanelScope } from './panel_scope';
import { sizeClassHeatmap } from './size_class_query';

/**
 * The size-class heatmap of one service: size × time, live objects and allocation rate per
 * class, summed over the selected instances. Size classes are stored once per
 * `sizeClassPeriodMs` (go_runtime.sizeClasses.periodMinutes), so the bucket floor is twice
 * that whatever the scrape interval.
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
  // Only about one document in 30 carries size classes (every 5 minutes at 10 s): reading only
  // those makes the per-class aggregations several times cheaper.
  const withSizeClasses = { exists: { field: SIZE_CLASSES_FIELD } };
  const { heatmap, instances } = await sizeClassHeatmap(
    client,
    { filter: [...scope.filter, withSizeClasses], bucketMs: scope.plan.bucketMs, maxInstances },
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
