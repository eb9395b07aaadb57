/**
 * The goroutine rule's two conditions over one instance's goroutine reads (oldest first), and
 * a service's verdict from its instances'. Pure, so every edge is tested without Elasticsearch.
 */

/** One stack group of a read: the function it is blocked or running in, and how many goroutines. */
export interface GoroutineGroupCount {
  readonly function: string;
  readonly count: number;
}

/** One successful goroutine read of an instance. */
export interface GoroutineRead {
  readonly atMs: number;
  readonly total: number;
  readonly groups: readonly GoroutineGroupCount[];
}

/** What the rule saw on one instance, whether or not the condition holds. */
export interface GoroutineVerdict {
  readonly met: boolean;
  /** The instance the verdict is about (for a service, the one that decided it). */
  readonly instance: string;
  /** Goroutines in the latest read. */
  readonly total: number;
  /** The group named in the alert: the largest one, or the one that grew. */
  readonly topFunction?: string;
  /** Goroutines of that group in the latest read. */
  readonly groupCount?: number;
  /** For group_growth: goroutines the group gained over the intervals, and from how many. */
  readonly rise?: { readonly from: number; readonly intervals: number };
}

/**
 * Goroutines per function in one read. The dump groups by whole stack, so goroutines blocked in
 * the same function but reached by different callers are several groups; a leak is one place.
 */
export function countsByFunction(read: GoroutineRead): Map<string, number> {
  const counts = new Map<string, number>();
  for (const group of read.groups)
    counts.set(group.function, (counts.get(group.function) ?? 0) + group.count);
  return counts;
}

/** The function with the most goroutines (ties by name, so a verdict does not flap). */
function largest(counts: ReadonlyMap<string, number>): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const entry of counts)
    if (best === undefined || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0]))
      best = entry;
  return best;
}

/** `count`: the latest read's total is above the threshold. Undefined without a read. */
export function judgeCount(
  instance: string,
  reads: readonly GoroutineRead[],
  thresholdGoroutines: number
): GoroutineVerdict | undefined {
  const latest = reads[reads.length - 1];
  if (latest === undefined) return undefined;
  const top = largest(countsByFunction(latest));
  return {
    met: latest.total > thresholdGoroutines,
    instance,
    total: latest.total,
    ...(top === undefined ? {} : { topFunction: top[0], groupCount: top[1] }),
  };
}

/**
 * `group_growth`: one function's goroutines rose at each of the last `intervals` reads (so the
 * last intervals + 1 reads are needed). A group missing from a read counts 0 there: before a
 * leak starts its group may not exist yet. Of several growing groups, the one that gained most
 * is named. Undefined with fewer reads than that.
 */
export function judgeGroupGrowth(
  instance: string,
  reads: readonly GoroutineRead[],
  intervals: number
): GoroutineVerdict | undefined {
  if (reads.length < intervals + 1) return undefined;
  const series = reads.slice(-(intervals + 1)).map(countsByFunction);
  const latest = series[series.length - 1]!;
  const total = reads[reads.length - 1]!.total;
  let grown: { name: string; count: number; from: number } | undefined;
  for (const [name, count] of latest) {
    const counts = series.map((read) => read.get(name) ?? 0);
    const rising = counts.every((value, i) => i === 0 || value > counts[i - 1]!);
    if (!rising) continue;
    const from = counts[0]!;
    if (
      grown === undefined ||
      count - from > grown.count - grown.from ||
      (count - from === grown.count - grown.from && name < grown.name)
    )
      grown = { name, count, from };
  }
  if (grown !== undefined)
    return {
      met: true,
      instance,
      total,
      topFunction: grown.name,
      groupCount: grown.count,
      rise: { from: grown.from, intervals },
    };
  const top = largest(latest);
  return {
    met: false,
    instance,
    total,
    ...(top === undefined ? {} : { topFunction: top[0], groupCount: top[1] }),
  };
}

/**
 * A service's verdict from its instances': met when any instance meets the condition, about
 * the instance where it is worst (the most goroutines in the named group, then the most in all).
 */
export function worstOf(verdicts: readonly GoroutineVerdict[]): GoroutineVerdict | undefined {
  let worst: GoroutineVerdict | undefined;
  const score = (v: GoroutineVerdict) => [v.met ? 1 : 0, v.groupCount ?? 0, v.total] as const;
  for (const verdict of verdicts) {
    if (worst === undefined) {
      worst = verdict;
      continue;
    }
    const [a, b] = [score(verdict), score(worst)];
    const better = a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2];
    if (better) worst = verdict;
  }
  return worst;
}
