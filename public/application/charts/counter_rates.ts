import type { MeasureUnit } from '../../../common/format_measure';

type Point = readonly [number, number | null];

/**
 * What a custom var is: expvar says nothing about it, so the values decide. A counter (an
 * expvar.Int that only goes up) is charted as a rate per second; its running total says
 * nothing at a glance. A var whose name speaks of bytes is in bytes.
 */
export interface CustomVarKind {
  readonly counter: boolean;
  readonly unit: MeasureUnit;
}

/** A var named like `/cache/size_bytes` or `/sentBytes` counts bytes. */
export const isBytesName = (name: string) => /bytes/i.test(name);

/**
 * A restart of the instance that falls between two points: a counter starts again from zero
 * there, so the drop is a reset, not a gauge going down.
 */
const restartBetween = (restarts: readonly number[], after: number, until: number) =>
  restarts.some((at) => at > after && at <= until);

/**
 * A counter: it rose at least once, and each instance's values never fell except across one
 * of that instance's restarts. A var that never moved, or fell without a restart, is a gauge.
 * `restartsOf` gives an instance's restart times (the page's restart annotations); a bucket
 * holds its max, so a restart in the bucket before the drop counts too.
 */
export function classifyCustomVar(
  name: string,
  lines: ReadonlyArray<{ readonly instance: string; readonly points: readonly Point[] }>,
  restartsOf: (instance: string) => readonly number[],
  bucketMs: number
): CustomVarKind {
  let rose = false;
  let fell = false;
  for (const line of lines) {
    const restarts = restartsOf(line.instance);
    let previous: Point | undefined;
    for (const point of line.points) {
      if (point[1] === null) continue;
      if (previous !== undefined) {
        const before = previous[1]!;
        if (point[1] > before) rose = true;
        else if (
          point[1] < before &&
          !restartBetween(restarts, previous[0] - bucketMs, point[0] + bucketMs)
        )
          fell = true;
      }
      previous = point;
    }
  }
  const counter = rose && !fell;
  const bytes = isBytesName(name);
  return {
    counter,
    unit: counter ? (bytes ? 'bytes_per_second' : 'per_second') : bytes ? 'bytes' : 'count',
  };
}

/**
 * A counter's rate per second between consecutive values, at the later one. A drop is a reset
 * (the process restarted): no rate there rather than a negative one, as the allocation rate
 * panel does. The first value and values after a gap of no data are rates over the gap.
 */
export function counterRates(points: readonly Point[]): Array<[number, number | null]> {
  let previous: Point | undefined;
  return points.map(([at, value]): [number, number | null] => {
    if (value === null) return [at, null];
    const before = previous;
    previous = [at, value];
    if (before === undefined || value < before[1]!) return [at, null];
    return [at, ((value - before[1]!) * 1000) / (at - before[0])];
  });
}
