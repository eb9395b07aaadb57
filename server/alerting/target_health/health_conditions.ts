import type { HealthCondition } from '../../../common/alerting/rule_params';
import type { InstanceHealth } from '../queries/rule_queries';

export interface ConditionFinding {
  readonly condition: HealthCondition;
  readonly value: number;
  readonly reason: string;
}

/**
 * Which of the rule's conditions hold for one instance. `down`: the instance's last
 * `downForIntervals` scrape attempts all failed (one scrape health document per attempt), or no
 * document at all came for `downForIntervals` scrape intervals (which also covers a host that
 * stopped scraping it). `restarted` and `missed_pauses` come from the heap documents of the
 * recent window.
 */
export function evaluateHealth(
  health: InstanceHealth,
  conditions: readonly HealthCondition[],
  downForIntervals: number,
  nowMs: number
): ConditionFinding[] {
  const findings: ConditionFinding[] = [];
  const where = `instance ${health.instance} of service ${health.service}`;
  if (conditions.includes('down')) {
    const failures =
      health.scrapes.length >= downForIntervals &&
      health.scrapes.slice(0, downForIntervals).every((s) => s.outcome === 'failure');
    const periodMs = health.periodMs ?? undefined;
    const newest = Math.max(
      health.lastHeapDocMs ?? -Infinity,
      ...health.scrapes.map((s) => s.atMs)
    );
    const silentMs = Number.isFinite(newest) ? nowMs - newest : Infinity;
    const silent = periodMs !== undefined && silentMs > downForIntervals * periodMs;
    if (failures) {
      const last = health.scrapes[0]!;
      findings.push({
        condition: 'down',
        value: downForIntervals,
        reason: `The last ${downForIntervals} scrapes of ${where} failed (${
          last.errorType ?? 'error'
        }${last.errorMessage === undefined ? '' : `: ${last.errorMessage}`}).`,
      });
    } else if (silent) {
      findings.push({
        condition: 'down',
        value: Math.floor(silentMs / periodMs!),
        reason: `No data from ${where} for ${Math.round(
          silentMs / 1000
        )} s, more than ${downForIntervals} scrape intervals of ${Math.round(periodMs! / 1000)} s.`,
      });
    }
  }
  if (conditions.includes('restarted') && health.restarts > 0) {
    findings.push({
      condition: 'restarted',
      value: health.restarts,
      reason: `The Go process of ${where} restarted${
        health.restartReason === undefined ? '' : ` (${health.restartReason})`
      }.`,
    });
  }
  if (conditions.includes('missed_pauses') && health.missedPauses > 0) {
    findings.push({
      condition: 'missed_pauses',
      value: health.missedPauses,
      reason: `${health.missedPauses} GC pauses of ${where} left Go's 256-entry pause ring before a scrape could read them; scrape it more often.`,
    });
  }
  return findings;
}
