/**
 * Pure arithmetic of lines read from several sources: a cumulative counter's rate, and the one
 * line per metric that several sources (or instances) make together in each bucket.
 */

export type Point = [number, number | null];

/**
 * The per-second rate of a cumulative counter, from its value at the end of each bucket (the max
 * of a counter that only grows is its latest value): the difference to the previous non-empty
 * bucket over the time between their starts, put on the later bucket. A decrease is a restart:
 * the new process counted from zero at an unknown moment, so that bucket has no rate (never a
 * negative one) and the next rate counts from the new value.
 */
export function counterRate(ends: readonly Point[]): Point[] {
  let previous: { at: number; value: number } | undefined;
  return ends.map(([at, value]) => {
    if (value === null) return [at, null];
    const before = previous;
    previous = { at, value };
    if (before === undefined || value < before.value || at <= before.at) return [at, null];
    return [at, (value - before.value) / ((at - before.at) / 1000)];
  });
}

/**
 * Lines of the same buckets summed bucket by bucket: a bucket is null only when every line is
 * (a source or instance that did not report is left out, not counted as zero).
 */
export function sumPoints(lines: ReadonlyArray<readonly Point[]>): Point[] {
  const first = lines[0];
  if (first === undefined) return [];
  return first.map(([at], i) => {
    let sum: number | null = null;
    for (const line of lines) {
      const value = line[i]?.[1] ?? null;
      if (value !== null) sum = (sum ?? 0) + value;
    }
    return [at, sum];
  });
}

/**
 * Means of the same buckets averaged bucket by bucket, each weighted by how many samples it is
 * the mean of, so a source reporting every 10 s weighs three times one reporting every 30 s.
 */
export function weightedMeanPoints(
  lines: ReadonlyArray<{ readonly points: readonly Point[]; readonly weights: readonly number[] }>
): Point[] {
  const first = lines[0];
  if (first === undefined) return [];
  return first.points.map(([at], i) => {
    let total = 0;
    let weight = 0;
    for (const line of lines) {
      const value = line.points[i]?.[1] ?? null;
      const w = line.weights[i] ?? 0;
      if (value !== null && w > 0) {
        total += value * w;
        weight += w;
      }
    }
    return [at, weight > 0 ? total / weight : null];
  });
}
