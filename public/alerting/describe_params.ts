import { i18n } from '@kbn/i18n';
import { formatMeasure, type MeasureUnit } from '../../common/format_measure';
import { Aggregation } from '../../common/alerting/rule_params';
import { metricLabel } from '../../common/alerting/metric_names';
import { thresholdUnitOf } from '../../common/alerting/threshold_unit';

/** One line of a rule's params as the rule details page shows it: a label and a value in words. */
export interface ParamLine {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

const label = (key: string, defaultMessage: string) =>
  i18n.translate(`goRuntime.ruleDetails.param.${key}`, { defaultMessage });

const UNIT_WORDS: Record<string, string> = {
  s: i18n.translate('goRuntime.ruleDetails.unit.s', { defaultMessage: 'seconds' }),
  m: i18n.translate('goRuntime.ruleDetails.unit.m', { defaultMessage: 'minutes' }),
  h: i18n.translate('goRuntime.ruleDetails.unit.h', { defaultMessage: 'hours' }),
};

/** A metricThreshold rule's unit, as the form reads it and the executor reports it. */
function unitOf(params: Record<string, unknown>): MeasureUnit {
  if (typeof params.metric !== 'string') return 'none';
  return thresholdUnitOf(
    params.metric,
    Aggregation.is(params.aggregation) ? params.aggregation : 'max'
  );
}

const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((n): n is number => typeof n === 'number') : [];

/**
 * A rule's params in human units (bytes as MiB, pauses in ms, windows in words), in a fixed
 * order; keys this page does not know are shown as they are, so nothing is hidden.
 */
export function describeParams(params: Record<string, unknown>): ParamLine[] {
  const lines: ParamLine[] = [];
  const seen = new Set<string>();
  const add = (key: string, text: string, value: string | undefined, keys = [key]) => {
    keys.forEach((k) => seen.add(k));
    if (value !== undefined) lines.push({ key, label: text, value });
  };
  const unit = unitOf(params);
  if (params.metric !== undefined)
    add('metric', label('metric', 'Metric'), metricLabel(String(params.metric)));
  if (params.aggregation !== undefined)
    add('aggregation', label('aggregation', 'Aggregation'), String(params.aggregation));
  if (params.percentile !== undefined)
    add('percentile', label('percentile', 'Pause percentile'), `p${String(params.percentile)}`);
  if (params.comparator !== undefined || params.threshold !== undefined) {
    const bounds = numbers(params.threshold).map((n) => formatMeasure(n, unit));
    const comparator = String(params.comparator ?? '>');
    add(
      'threshold',
      label('threshold', 'Condition'),
      comparator === 'between'
        ? `between ${bounds.join(' and ')}`
        : `${comparator} ${bounds[0] ?? ''}`,
      ['comparator', 'threshold']
    );
  }
  if (typeof params.thresholdMs === 'number')
    add(
      'thresholdMs',
      label('thresholdMs', 'Condition'),
      `${String(params.comparator ?? '>')} ${formatMeasure(params.thresholdMs, 'millis')}`,
      ['comparator', 'thresholdMs']
    );
  if (typeof params.minGrowthBytesPerHour === 'number')
    add(
      'minGrowthBytesPerHour',
      label('minGrowth', 'Growing faster than'),
      formatMeasure(params.minGrowthBytesPerHour, 'bytes_per_hour')
    );
  if (typeof params.memoryLimitBytes === 'number')
    add(
      'memoryLimitBytes',
      label('memoryLimit', 'Memory limit'),
      formatMeasure(params.memoryLimitBytes, 'bytes')
    );
  if (typeof params.downForIntervals === 'number')
    add(
      'downForIntervals',
      label('downFor', 'Down for'),
      i18n.translate('goRuntime.ruleDetails.downForValue', {
        defaultMessage: '{count, plural, one {# scrape interval} other {# scrape intervals}}',
        values: { count: params.downForIntervals },
      })
    );
  if (params.condition === 'count' && typeof params.thresholdGoroutines === 'number')
    add(
      'condition',
      label('goroutineCondition', 'Condition'),
      i18n.translate('goRuntime.ruleDetails.goroutinesAbove', {
        defaultMessage: 'more than {count, plural, one {# goroutine} other {# goroutines}}',
        values: { count: params.thresholdGoroutines },
      }),
      ['condition', 'thresholdGoroutines']
    );
  if (params.condition === 'group_growth' && typeof params.intervals === 'number')
    add(
      'condition',
      label('goroutineCondition', 'Condition'),
      i18n.translate('goRuntime.ruleDetails.goroutineGroupGrowing', {
        defaultMessage: 'one stack group growing at each of the last {count} goroutine reads',
        values: { count: params.intervals },
      }),
      ['condition', 'intervals']
    );
  if (params.timeSize !== undefined)
    add(
      'timeSize',
      label('window', 'Over the last'),
      `${String(params.timeSize)} ${
        UNIT_WORDS[String(params.timeUnit)] ?? String(params.timeUnit)
      }`,
      ['timeSize', 'timeUnit']
    );
  add(
    'groupBy',
    label('groupBy', 'One alert per'),
    params.groupBy === 'service'
      ? i18n.translate('goRuntime.ruleDetails.perService', { defaultMessage: 'service' })
      : i18n.translate('goRuntime.ruleDetails.perInstance', { defaultMessage: 'instance' })
  );
  for (const [key, value] of Object.entries(params))
    if (!seen.has(key) && key !== 'serviceNames')
      lines.push({ key, label: key, value: JSON.stringify(value) });
  return lines;
}
