import type { MemStatsNumber } from '../parse/expvar_payload';
import type { GcCursor } from './gc_cursor';

/** Go keeps the last 256 pause durations in a ring (runtime.MemStats.PauseNs). */
export const PAUSE_RING_SIZE = 256;

export interface GcSample {
  /** A uint32, as the memstats codec guarantees. */
  readonly numGc: number;
  readonly pauseTotalNs: MemStatsNumber;
  readonly totalAlloc: MemStatsNumber;
  readonly mallocs: MemStatsNumber;
  readonly frees: MemStatsNumber;
  /** When the latest GC ended, Unix ns; 0 before the first. */
  readonly lastGc: MemStatsNumber;
  readonly pauseNs: readonly number[];
  /** PauseEnd, as canonical decimal digits. */
  readonly pauseEnd: readonly string[];
  readonly cmdline: string | null;
  readonly scrapedAt: number;
}

export type CursorChange = 'first_scrape' | 'continued' | 'restarted';

export interface GcDerivation {
  readonly change: CursorChange;
  /** Why a restart was concluded, for the document and the log. */
  readonly restartReason?: string;
  /** Pause durations of the GCs since the previous scrape, oldest first. */
  readonly pauses: readonly number[];
  /** GCs that ran since the previous scrape but had left the ring before it was read. */
  readonly missed: number;
  readonly sumNs: number;
  readonly maxNs: number;
  /** A float; undefined when no pause was read. */
  readonly avgNs: number | undefined;
  /** Per-second rates over the time since the previous scrape; absent on a new process. */
  readonly rates?: {
    readonly allocatedBytesPerSecond: number;
    readonly allocatedObjectsPerSecond: number;
    readonly gcCycles: number;
  };
  readonly cursor: GcCursor;
}

const big = (value: MemStatsNumber | string): bigint => BigInt(value);

/**
 * A counter as the cursor stores it: decimal digits that BigInt() reads back. The codec only
 * lets exact integers through; this guards the cursor itself should a caller pass a double.
 */
function decimal(value: MemStatsNumber): string {
  if (typeof value === 'bigint') return value.toString();
  return Number.isSafeInteger(value) && value >= 0 ? String(value) : '0';
}

/**
 * Compares against the previous scrape to find a process restart. Counters never go back in
 * one process; but a new process that has allocated more than the old one had when it was last
 * seen passes that test. GC end times tell them apart: Go writes a GC's end time into LastGC
 * and into PauseEnd[(n - 1) % 256] together (runtime/mgc.go, gcMarkTermination), so as long as
 * fewer than 256 GCs ran since, the ring still holds the end time the previous scrape saw as
 * LastGC, and another process's GC number n ended at another time. Two processes that never
 * ran a GC and whose counters happen to line up remain indistinguishable: expvar publishes no
 * start time.
 */
function restartReason(sample: GcSample, previous: GcCursor): string | undefined {
  if (sample.numGc < previous.num_gc)
    return `NumGC went back from ${previous.num_gc} to ${sample.numGc}`;
  if (big(sample.totalAlloc) < big(previous.total_alloc)) return 'TotalAlloc went back';
  if (big(sample.mallocs) < big(previous.mallocs)) return 'Mallocs went back';
  if (big(sample.frees) < big(previous.frees)) return 'Frees went back';
  if (big(sample.pauseTotalNs) < big(previous.pause_total_ns)) return 'PauseTotalNs went back';
  if (previous.cmdline !== null && sample.cmdline !== null && previous.cmdline !== sample.cmdline)
    return 'the command line changed';
  if (previous.num_gc > 0) {
    if (big(sample.lastGc) < big(previous.last_gc)) return 'LastGC went back';
    const since = sample.numGc - previous.num_gc;
    const endedAt = sample.pauseEnd[(previous.num_gc - 1) % PAUSE_RING_SIZE];
    if (since < PAUSE_RING_SIZE && endedAt !== undefined && endedAt !== previous.last_gc)
      return `GC ${previous.num_gc} ended at another time than the previous scrape saw`;
  }
  return undefined;
}

/**
 * The exact pauses since the previous scrape, read from the ring: GC number k (1-based) sits
 * at PauseNs[(k - 1) % 256]. A first scrape, or the first after a restart, reads what the ring
 * still holds of the process's life; whatever fell out of the ring is counted, never hidden.
 */
export function deriveGcPauses(sample: GcSample, previous: GcCursor | undefined): GcDerivation {
  const reason = previous === undefined ? undefined : restartReason(sample, previous);
  const change: CursorChange =
    previous === undefined ? 'first_scrape' : reason !== undefined ? 'restarted' : 'continued';
  const fromGc = change === 'continued' ? previous!.num_gc : 0;
  const newGcs = sample.numGc - fromGc;
  const readable = Math.min(newGcs, PAUSE_RING_SIZE, sample.pauseNs.length);
  const pauses: number[] = new Array(readable);
  // Counted by i, never by the GC number: a loop on a huge float GC number would never end
  // (gc++ stops changing it beyond 2^53). At most 256 steps whatever the input.
  const first = sample.numGc - readable;
  for (let i = 0; i < readable; i++) pauses[i] = sample.pauseNs[(first + i) % PAUSE_RING_SIZE] ?? 0;
  const sumNs = pauses.reduce((sum, pause) => sum + pause, 0);
  const cursor: GcCursor = {
    num_gc: sample.numGc,
    pause_total_ns: decimal(sample.pauseTotalNs),
    total_alloc: decimal(sample.totalAlloc),
    mallocs: decimal(sample.mallocs),
    frees: decimal(sample.frees),
    last_gc: decimal(sample.lastGc),
    scraped_at: sample.scrapedAt,
    cmdline: sample.cmdline,
  };
  const seconds = previous === undefined ? 0 : (sample.scrapedAt - previous.scraped_at) / 1000;
  const rates =
    change === 'continued' && seconds > 0
      ? {
          allocatedBytesPerSecond:
            Number(big(sample.totalAlloc) - big(previous!.total_alloc)) / seconds,
          allocatedObjectsPerSecond: Number(big(sample.mallocs) - big(previous!.mallocs)) / seconds,
          gcCycles: newGcs,
        }
      : undefined;
  return {
    change,
    ...(reason === undefined ? {} : { restartReason: reason }),
    pauses,
    missed: newGcs - readable,
    sumNs,
    maxNs: pauses.reduce((max, pause) => Math.max(max, pause), 0),
    avgNs: pauses.length === 0 ? undefined : sumNs / pauses.length,
    ...(rates === undefined ? {} : { rates }),
    cursor,
  };
}
