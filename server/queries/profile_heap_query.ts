import type { ElasticsearchClient } from '@kbn/core/server';
import {
  MAX_GROWTH_ROWS,
  type HeapProfileResponse,
  type ProfileRequest,
} from '../../common/profile_pages';
import { HEAP_SAMPLE_TYPES, type HeapSampleType } from '../../common/profiles';
import { whatGrew, type StoredHeapFigures } from '../profiles/what_grew';
import type { MetricValue, TopHits } from './aggregation_results';
import { aggregationSearch } from './aggregation_search';
import { PROFILE_INDEX, endOfRange, profileFilter, type EndDocument } from './profile_scope';

interface StoredTypeFigures {
  readonly total?: number;
  readonly top_flat?: Array<{ function: string; value: number }>;
  readonly stacks_cut?: number;
  readonly value_cut?: number;
}
interface StoredHeap {
  readonly heap?: Partial<Record<HeapSampleType, StoredTypeFigures>> & {
    readonly functions?: Array<{ function: string; file: string; line: number }>;
    readonly stacks?: Array<{ frames: number[]; values: number[] }>;
  };
}
interface EndAggs {
  readonly end: TopHits<EndDocument<StoredHeap>>;
  readonly profiles: MetricValue;
}

/**
 * The Heap profile panel: the last heap profile of the range (its flame stacks and top
 * functions, as stored: already bounded per profile), and What grew against the first profile
 * of the same instance in the range, since two processes' heaps do not compare.
 */
export async function queryHeapProfile(
  client: ElasticsearchClient,
  request: ProfileRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<HeapProfileResponse> {
  const lastSearch = await aggregationSearch<EndAggs>(
    client,
    {
      index: PROFILE_INDEX,
      filter: profileFilter(request, spaceId, 'heap'),
      aggs: {
        end: endOfRange('desc', ['go_runtime.profile.heap']),
        profiles: { value_count: { field: '@timestamp' } },
      },
    },
    signal
  );
  const last = lastSearch.aggregations?.end.hits.hits[0]?._source;
  const instance = last?.service?.node?.name;
  if (last === undefined || instance === undefined) return { found: false };

  const firstSearch = await aggregationSearch<EndAggs>(
    client,
    {
      index: PROFILE_INDEX,
      filter: profileFilter(request, spaceId, 'heap', instance),
      aggs: {
        end: endOfRange('asc', [
          'go_runtime.profile.heap.inuse_space',
          'go_runtime.profile.heap.inuse_objects',
          'go_runtime.profile.heap.functions',
        ]),
        profiles: { value_count: { field: '@timestamp' } },
      },
    },
    signal
  );
  const first = firstSearch.aggregations?.end.hits.hits[0]?._source;
  const lastAt = Date.parse(last['@timestamp']);
  const firstAt = first === undefined ? lastAt : Date.parse(first['@timestamp']);
  const heap = last.go_runtime?.profile?.heap ?? {};

  let grew: Extract<HeapProfileResponse, { found: true }>['what_grew'] = null;
  if (first !== undefined && firstAt < lastAt) {
    const rows = whatGrew(figures(first.go_runtime?.profile?.heap), figures(heap)).filter(
      (row) => row.inuse_space_growth > 0 || row.inuse_objects_growth > 0
    );
    grew = {
      first_at: firstAt,
      rows: rows.slice(0, MAX_GROWTH_ROWS),
      more: Math.max(0, rows.length - MAX_GROWTH_ROWS),
    };
  }

  return {
    found: true,
    at: lastAt,
    instance,
    profiles_in_range: firstSearch.aggregations?.profiles.value ?? 1,
    functions: heap.functions ?? [],
    stacks: heap.stacks ?? [],
    sample_types: Object.fromEntries(
      HEAP_SAMPLE_TYPES.map((type) => {
        const stored = heap[type];
        return [
          type,
          {
            total: stored?.total ?? 0,
            top_flat: stored?.top_flat ?? [],
            stacks_cut: stored?.stacks_cut ?? 0,
            value_cut: stored?.value_cut ?? 0,
          },
        ];
      })
    ) as Extract<HeapProfileResponse, { found: true }>['sample_types'],
    what_grew: grew,
  };
}

function figures(heap: StoredHeap['heap'] | undefined): StoredHeapFigures {
  return {
    inuse_space: { top_flat: heap?.inuse_space?.top_flat ?? [] },
    inuse_objects: { top_flat: heap?.inuse_objects?.top_flat ?? [] },
    functions: heap?.functions ?? [],
  };
}
