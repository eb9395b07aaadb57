import * as t from 'io-ts';
import { keyOf } from './codecs';
import { parseDuration } from './duration';

/**
 * A scrape interval written the way Kibana writes durations (common/duration.ts, the one
 * parser): a whole number and one of s, m, h, d. Each scrape stops the target's world
 * (ReadMemStats), so one second is the floor; `0s` is refused, not read as "the default",
 * since an interval is always given and a zero that meant something else would surprise.
 */
export interface IntervalBrand {
  readonly Interval: unique symbol;
}
export type Interval = t.Branded<string, IntervalBrand>;

export const MIN_INTERVAL_MS = 1_000;
export const MAX_INTERVAL_MS = 24 * 3_600_000;

export function intervalToMs(interval: Interval): number {
  const ms = parseDuration(interval);
  // A branded Interval always parses; the check keeps the function total for the compiler.
  if (ms === undefined) throw new Error(`not an interval: ${interval}`);
  return ms;
}

/** Why the text is not a scrape interval, in words a form shows by the field; or undefined. */
export function intervalProblem(text: string): string | undefined {
  const ms = parseDuration(text);
  if (ms === undefined)
    return `must look like "10s", "1m" or "1h" (a whole number and s, m, h or d), got ${JSON.stringify(
      text
    )}`;
  if (ms < MIN_INTERVAL_MS)
    return `must be at least 1s (each scrape briefly stops the Go program), got ${JSON.stringify(
      text
    )}`;
  if (ms > MAX_INTERVAL_MS) return `must be at most 24h, got ${JSON.stringify(text)}`;
  return undefined;
}

export const Interval = new t.Type<Interval, string, unknown>(
  'Interval',
  (u): u is Interval => typeof u === 'string' && intervalProblem(u) === undefined,
  (u, c) => {
    if (u === undefined) return t.failure(u, c, `[${keyOf(c)}] is required`);
    if (typeof u !== 'string')
      return t.failure(u, c, `[${keyOf(c)}] must be a string like "10s", got ${typeof u}`);
    const problem = intervalProblem(u);
    return problem === undefined
      ? t.success(u as Interval)
      : t.failure(u, c, `[${keyOf(c)}] ${problem}`);
  },
  t.identity
);
