const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A rule schedule interval such as "1m" in ms, as Kibana's parseDuration reads it. */
export function parseDurationMs(interval: string): number {
  const match = /^(\d+)([smhd])$/.exec(interval);
  if (match === null)
    throw new Error(`invalid duration [${interval}]; expected e.g. 10s, 1m, 2h, 1d`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}
