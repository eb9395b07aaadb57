const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Kibana's parseDuration (x-pack/platform/plugins/shared/alerting/common/parse_duration.ts): "10s", "1m", "2h", "1d". */
export function parseIntervalMs(interval: string): number {
  const match = /^(\d+)([smhd])$/.exec(interval);
  if (match === null)
    throw new Error(
      `Invalid duration "${interval}". Durations must be of the form {number}x. Example: 5s, 5m, 5h or 5d"`
    );
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}
