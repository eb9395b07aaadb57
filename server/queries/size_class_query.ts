import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import { SIZE_CLASSES_FIELD } from '../../common/heap_fields';
import type { Bucket, Buckets, MetricValue, OverTime } from './aggregation_results';

/** A heatmap cell: one size class in one time bucket, summed over the selected instances. */
export interface SizeClassCell {
  /** Live objects at the end of the bucket (mallocs − frees of each instance's last sample). */
  readonly live: number;
  /** Objects allocated per second during the bucket; null for the first bucket or across a restart. */
  readonly allocation_rate: number | null;
}

export interface SizeClassHeatmap {
  readonly bucket_ms: number;
  /** Size classes (largest object size, bytes), ascending. */
  readonly sizes: number[];
  /** Bucket start (epoch ms) → size → cell. Buckets without samples are absent. */
  readonly buckets: Array<{ readonly at: number; readonly classes: Record<string, SizeClassCell> }>;
}

/** The sizes that have a mapped counter in the current layout. */
async function mappedSizes(client: ElasticsearchClient, signal?: AbortSignal): Promise<number[]> {
  const caps = await client.fieldCaps(
    {
      index: dataStreamPattern(HEAP_DATASET),
      fields: [`${SIZE_CLASSES_FIELD}.*.mallocs`],
      ignore_unavailable: true,
      allow_no_indices: true,
    },
    { signal }
  );
  // The answer lists each class's object (`…size_classes.<size>`) beside its counter: once each.
  const sizes = new Set(
    Object.keys(caps.fields)
      .map((name) => Number(name.slice(SIZE_CLASSES_FIELD.length + 1).split('.')[0]))
      .filter((size) => Number.isFinite(size))
  );
  return [...sizes].sort((a, b) => a - b);
}

/** One time bucket of one instance: `m<size>` and `f<size>` hold the class's counters. */
type TimeBucket = Bucket<number> & {
  readonly [counter: `${'m' | 'f'}${number}`]: MetricValue | undefined;
};

interface Counters {
  mallocs: number;
  frees: number;
}

/**
 * Size × time heatmap of live objects and per-class allocation rates for the documents matching
 * `filter`, at `bucketMs`, over at most `maxInstances` targets. Each class's counters are
 * cumulative, so each target is read on its own: its last (= max) counters per bucket;
 * live = mallocs − frees; rate = the mallocs delta to the target's previous bucket per second
 * (a negative delta is a restart: no rate). `instances` says how many targets were read.
 */
export async function sizeClassHeatmap(
  client: ElasticsearchClient,
  params: { filter: object[]; bucketMs: number; maxInstances: number },
  signal?: AbortSignal
): Promise<{ heatmap: SizeClassHeatmap; instances: number }> {
  const { filter, bucketMs } = params;
  const sizes = await mappedSizes(client, signal);
  const flat: Record<string, object> = {};
  for (const size of sizes) {
    flat[`m${size}`] = { max: { field: `${SIZE_CLASSES_FIELD}.${size}.mallocs` } };
    flat[`f${size}`] = { max: { field: `${SIZE_CLASSES_FIELD}.${size}.frees` } };
  }
  const response = await client.search<
    unknown,
    { instances: Buckets<Bucket & OverTime<TimeBucket>> }
  >(
    {
      index: dataStreamPattern(HEAP_DATASET),
      size: 0,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: { bool: { filter } },
      aggs: {
        instances: {
          terms: { field: 'go_runtime.target.id', size: params.maxInstances },
          aggs: {
            over_time: {
              date_histogram: {
                field: '@timestamp',
                fixed_interval: `${bucketMs}ms`,
                min_doc_count: 1,
              },
              aggs: {
                ...flat,
              },
            },
          },
        },
      },
    },
    { signal }
  );

  const instances = response.aggregations?.instances.buckets ?? [];
  const cells = new Map<number, Map<number, { live: number; rate: number | null }>>();
  const allSizes = new Set<number>(sizes);
  for (const instance of instances) {
    let previous: { at: number; counters: Map<number, Counters> } | undefined;
    for (const bucket of instance.over_time.buckets) {
      const counters = new Map<number, Counters>();
      for (const size of sizes) {
        const mallocs = bucket[`m${size}`]?.value;
        const frees = bucket[`f${size}`]?.value;
        if (mallocs != null && frees != null) counters.set(size, { mallocs, frees });
      }
      if (counters.size === 0) continue;
      const at = Number(bucket.key);
      const row = cells.get(at) ?? new Map<number, { live: number; rate: number | null }>();
      cells.set(at, row);
      for (const [size, { mallocs, frees }] of counters) {
        allSizes.add(size);
        const before = previous?.counters.get(size);
        const seconds = previous === undefined ? 0 : (at - previous.at) / 1000;
        const rate =
          before !== undefined && seconds > 0 && mallocs >= before.mallocs
            ? (mallocs - before.mallocs) / seconds
            : null;
        const cell = row.get(size) ?? { live: 0, rate: null };
        cell.live += mallocs - frees;
        if (rate !== null) cell.rate = (cell.rate ?? 0) + rate;
        row.set(size, cell);
      }
      previous = { at, counters };
    }
  }
  const heatmap = {
    bucket_ms: bucketMs,
    sizes: [...allSizes].sort((a, b) => a - b),
    buckets: [...cells.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([at, row]) => ({
        at,
        classes: Object.fromEntries(
          [...row.entries()].map(([size, cell]) => [
            String(size),
            { live: cell.live, allocation_rate: cell.rate },
          ])
        ),
      })),
  };
  return { heatmap, instances: instances.length };
}
