import type { MemStatsNumber } from '../parse/expvar_payload';

export interface SizeClassSample {
  readonly Size: MemStatsNumber;
  readonly Mallocs: MemStatsNumber;
  readonly Frees: MemStatsNumber;
}

/** One row of the size-class × time heatmap. */
export interface SizeClassRow {
  /** Largest object size in the class, bytes. */
  readonly size: number;
  readonly live: number;
  readonly mallocs: number;
  readonly frees: number;
  /** Objects allocated per second in this class since the previous scrape. */
  readonly allocation_rate?: number;
}

/**
 * Rows for the classes that ever allocated (a small program touches a handful of the ~68);
 * a class missing from a document had no allocation at all. Rates need the previous scrape's
 * Mallocs of the same process and the same class layout.
 */
export function sizeClassRows(
  bySize: readonly SizeClassSample[],
  previousMallocs: readonly string[] | undefined,
  seconds: number | undefined
): SizeClassRow[] {
  const comparable = previousMallocs !== undefined && previousMallocs.length === bySize.length && seconds !== undefined && seconds > 0;
  const rows: SizeClassRow[] = [];
  bySize.forEach((entry, index) => {
    const mallocs = Number(entry.Mallocs);
    if (mallocs === 0) return;
    const frees = Number(entry.Frees);
    const previous = comparable ? Number(previousMallocs![index]) : undefined;
    rows.push({
      size: Number(entry.Size),
      live: mallocs - frees,
      mallocs,
      frees,
      ...(previous === undefined || mallocs < previous ? {} : { allocation_rate: (mallocs - previous) / seconds! }),
    });
  });
  return rows;
}
