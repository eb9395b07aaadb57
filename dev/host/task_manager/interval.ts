/** Task Manager intervals: a whole number of s, m, h or d (e.g. '10s', '1m'). */
export function parseTaskInterval(interval: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(interval);
  if (match === null) throw new Error(`invalid task interval [${interval}]`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    match[2] as 'ms' | 's' | 'm' | 'h' | 'd'
  ];
  return Number(match[1]) * unit;
}
