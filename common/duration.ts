/**
 * Durations written the way Kibana writes them (task and rule schedules): a whole number and one
 * of s, m, h, d. Scrape intervals, rule windows and rule schedules are all read here, so "1m"
 * means the same everywhere.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export type DurationUnit = keyof typeof UNIT_MS;

const PATTERN = /^(\d+)([smhd])$/;

export function durationMs(size: number, unit: DurationUnit): number {
  return size * UNIT_MS[unit];
}

/** The duration in ms, or undefined for text that is not `<whole number><s|m|h|d>`. */
export function parseDuration(text: string): number | undefined {
  const match = PATTERN.exec(text);
  return match === null ? undefined : durationMs(Number(match[1]), match[2] as DurationUnit);
}
