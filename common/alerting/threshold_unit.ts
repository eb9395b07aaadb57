import type { MeasureUnit } from '../format_measure';
import { DERIVED_HEAP_FIELDS, HEAP_FIELDS } from '../heap_fields';
import { CUSTOM_METRIC_PREFIX, type Aggregation } from './rule_params';

const DERIVED_UNITS: Readonly<Record<string, MeasureUnit>> = {
  'golang.heap.allocations.rate.bytes_per_second': 'bytes_per_second',
  'golang.heap.allocations.rate.objects_per_second': 'per_second',
};

/**
 * The unit a metricThreshold rule compares in: the field's unit, per second for a rate. The
 * rule form reads the typed threshold in it and the executor writes its reasons in it.
 */
export function thresholdUnitOf(metric: string, aggregation: Aggregation): MeasureUnit {
  const field =
    HEAP_FIELDS.find((candidate) => candidate.name === metric) ??
    DERIVED_HEAP_FIELDS.find((candidate) => candidate.name === metric);
  const base: MeasureUnit =
    DERIVED_UNITS[metric] ??
    (field !== undefined && 'unit' in field ? field.unit : undefined) ??
    (metric.startsWith(CUSTOM_METRIC_PREFIX) ? 'none' : 'count');
  if (aggregation !== 'rate') return base;
  return base === 'bytes' ? 'bytes_per_second' : base === 'nanos' ? 'nanos' : 'per_second';
}

/**
 * Whether a threshold below zero can ever be met: an application's own number can be, and so
 * can the rate of a gauge that shrinks; a size, a pause, a count or a fraction cannot.
 */
export function thresholdMayBeNegative(metric: string, aggregation: Aggregation): boolean {
  if (metric.startsWith(CUSTOM_METRIC_PREFIX)) return true;
  const field = HEAP_FIELDS.find((candidate) => candidate.name === metric);
  return aggregation === 'rate' && field?.kind === 'gauge';
}
