import * as t from 'io-ts';
import { keyOf } from './codecs';

/**
 * A scrape interval written the way Kibana writes task intervals: a whole number and one of
 * s, m, h. Each scrape stops the target's world (ReadMemStats), so one second is the floor.
 */
export interface IntervalBrand {
  readonly Interval: unique symbol;
}
export type Interval = t.Branded<string, IntervalBrand>;

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
export const MIN_INTERVAL_MS = 1_000;
export const MAX_INTERVAL_MS = 24 * 3_600_000;
const PATTERN = /^([1-9][0-9]{0,5})([smh])$/;

export function intervalToMs(interval: Interval): number {
  const match = PATTERN.exec(interval);
  // A branded Interval always matches; the check keeps the function total for the compiler.
  if (match === null) throw new Error(`not an interval: ${interval}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
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
  const match = PATTERN.exec(value);
  if (match === null) return false;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms >= MIN_INTERVAL_MS && ms <= MAX_INTERVAL_MS;
}
