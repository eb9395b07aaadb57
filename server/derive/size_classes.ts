import { SIZE_CLASSES_FIELD } from '../../common/heap_fields';
import type { MemStatsNumber } from '../parse/expvar_payload';

export const SIZE_CLASSES_PATH = SIZE_CLASSES_FIELD;

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
  const comparable =
    previousMallocs !== undefined &&
    previousMallocs.length === bySize.length &&
    seconds !== undefined &&
    seconds > 0;
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
      ...(previous === undefined || mallocs < previous
        ? {}
        : { allocation_rate: (mallocs - previous) / seconds! }),
    });
  });
  return rows;
}

/** What a document stores of one size class: Go's two cumulative counters. */
export interface SizeClassCounters {
  readonly mallocs: number;
  readonly frees: number;
}

/**
 * The stored form of the size classes: one object per class keyed by its size in bytes. A
 * class's live objects (mallocs − frees) and allocation rate (the rate of mallocs) are derived
 * at query time (server/queries/size_class_query.ts), so one sample costs two counters per
 * class, which a time series index stores as small deltas.
 */
export function sizeClassCounters(
  rows: readonly SizeClassRow[]
): Record<string, SizeClassCounters> {
  return Object.fromEntries(
    rows.map((row) => [String(row.size), { mallocs: row.mallocs, frees: row.frees }])
  );
}

/**
 * How often size classes are stored per target by default (`go_runtime.sizeClasses.periodMinutes`):
 * every five minutes. Measured in test/bench/storage.ts (20,000 samples at 10 s): every 10 s
 * they were 58 % of the document's bytes; once a minute 78 bytes of 211 per sample; every five
 * minutes 26 bytes. A heatmap bucket is at least twice the period, so ranges of a day or more
 * (10-minute buckets and wider) look the same; shorter ranges get 10-minute columns.
 */
export const DEFAULT_SIZE_CLASS_PERIOD_MS = 5 * 60_000;

/**
 * Whether the scrape of this slot stores the size classes: the first slot of each period
 * (exactly one slot per period falls in [period start, period start + interval) for any
 * interval up to the period; every slot for longer intervals), and the first scrape of a
 * process, so each process has a baseline at once. Decided by the slot alone, so every scrape
 * of one slot decides alike.
 */
export function sizeClassesDue(
  slotMs: number,
  periodMs: number,
  continued: boolean,
  sizeClassPeriodMs: number = DEFAULT_SIZE_CLASS_PERIOD_MS
): boolean {
  return !continued || periodMs >= sizeClassPeriodMs || slotMs % sizeClassPeriodMs < periodMs;
}
