import * as t from 'io-ts';
import { keyOf } from './codecs';
import { parseDuration } from './duration';

/**
 * A scrape interval written the way Kibana writes task intervals: a whole number and one of
 * s, m, h. Each scrape stops the target's world (ReadMemStats), so one second is the floor.
 */
export interface IntervalBrand {
  readonly Interval: unique symbol;
}
export type Interval = t.Branded<string, IntervalBrand>;

export const MIN_INTERVAL_MS = 1_000;
export const MAX_INTERVAL_MS = 24 * 3_600_000;
/** Narrower than a Kibana duration: no days (24h is the ceiling) and no leading zeros. */
const PATTERN = /^[1-9][0-9]{0,5}[smh]$/;

export function intervalToMs(interval: Interval): number {
  const ms = parseDuration(interval);
  // A branded Interval always parses; the check keeps the function total for the compiler.
  if (ms === undefined) throw new Error(`not an interval: ${interval}`);
  return ms;
}

export const Interval = new t.Type<Interval, string, unknown>(
  'Interval',
  (u): u is Interval => typeof u === 'string' && isValidInterval(u),
  (u, c) => {
    if (u === undefined) return t.failure(u, c, `[${keyOf(c)}] is required`);
    if (typeof u !== 'string' || !PATTERN.test(u)) {
      return t.failure(
        u,
        c,
        `[${keyOf(
          c
        )}] must look like "10s", "1m" or "1h" (a whole number and s, m or h), got ${JSON.stringify(
          u
        )}`
      );
    }
    return isValidInterval(u)
      ? t.success(u as Interval)
      : t.failure(u, c, `[${keyOf(c)}] must be between 1s and 24h, got ${JSON.stringify(u)}`);
  },
  t.identity
);

function isValidInterval(value: string): boolean {
  const ms = PATTERN.test(value) ? parseDuration(value) : undefined;
  return ms !== undefined && ms >= MIN_INTERVAL_MS && ms <= MAX_INTERVAL_MS;
}
