import type { GoroutineGrowthParams } from '../../../common/alerting/rule_params';
import { formatMeasure } from '../../../common/format_measure';
import { whereText } from '../shared/alert_context';
import type { RuleGroup } from '../queries/rule_queries';
import type { GoroutineVerdict } from './goroutine_conditions';

/** The goroutine rule's reasons: one sentence each, naming the group's function and where it is. */

const goroutines = (n: number) => `${formatMeasure(n, 'count')} goroutine${n === 1 ? '' : 's'}`;

/** Where a verdict was seen: the instance that decided it, also when the rule groups by service. */
const whereSeen = (group: RuleGroup, verdict: GoroutineVerdict) =>
  whereText({ service: group.service, instance: verdict.instance });

/** Why a group alerts; the verdict is a met one. */
export function firingReason(
  params: GoroutineGrowthParams,
  group: RuleGroup,
  verdict: GoroutineVerdict
): string {
  const where = whereSeen(group, verdict);
  if (params.condition === 'count') {
    const largest =
      verdict.topFunction === undefined
        ? ''
        : `; the largest group, ${goroutines(verdict.groupCount ?? 0)}, is in ${
            verdict.topFunction
          }`;
    return `${goroutines(verdict.total)} on ${where} at the latest read, above ${goroutines(
      params.thresholdGoroutines
    )}${largest}.`;
  }
  return `The goroutines in ${
    verdict.topFunction ?? 'no stack group'
  } on ${where} rose at each of the last ${params.intervals} reads, from ${formatMeasure(
    verdict.rise?.from ?? 0,
    'count'
  )} to ${formatMeasure(verdict.groupCount ?? 0, 'count')} (${goroutines(verdict.total)} in all).`;
}

/** Why an alert recovered: what the rule sees now, or that it has too few reads to judge. */
export function recoveryReason(
  params: GoroutineGrowthParams,
  group: RuleGroup,
  verdict: GoroutineVerdict | undefined,
  windowText: string
): string {
  if (verdict === undefined)
    return params.condition === 'count'
      ? `No goroutine read from ${whereText(group)} in the last ${windowText}; the alert recovered.`
      : `Fewer than ${params.intervals + 1} goroutine reads from ${whereText(
          group
        )} in the last ${windowText} to compare; the alert recovered.`;
  const where = whereSeen(group, verdict);
  if (params.condition === 'count')
    return `${goroutines(verdict.total)} on ${where} at the latest read, not above ${goroutines(
      params.thresholdGoroutines
    )}; the alert recovered.`;
  const largest =
    verdict.topFunction === undefined
      ? ''
      : ` (the largest, in ${verdict.topFunction}, has ${goroutines(verdict.groupCount ?? 0)})`;
  return `No goroutine group on ${where} rose at each of the last ${params.intervals} reads${largest}; the alert recovered.`;
}
