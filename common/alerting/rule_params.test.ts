import { isLeft, isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { formatValidationErrors } from '../io_ts_errors';
import {
  GcPauseParams,
  GoroutineGrowthParams,
  HeapGrowthParams,
  MetricThresholdParams,
  TargetHealthParams,
} from './rule_params';

function errorOf(codec: t.Decoder<unknown, unknown>, value: unknown): string {
  const result = codec.decode(value);
  if (!isLeft(result)) throw new Error('expected a failure');
  return formatValidationErrors(result.left);
}

const threshold = {
  metric: 'golang.heap.allocations.allocated',
  aggregation: 'max',
  comparator: '>',
  threshold: [1e9],
  timeSize: 5,
  timeUnit: 'm',
};

describe('rule params', () => {
  it('accepts the documented metricThreshold params, custom metrics and between', () => {
    expect(isRight(MetricThresholdParams.decode(threshold))).toBe(true);
    expect(
      isRight(
        MetricThresholdParams.decode({
          ...threshold,
          metric: 'custom:/cache/hits',
          groupBy: 'service',
          serviceNames: ['orders'],
        })
      )
    ).toBe(true);
    expect(
      isRight(
        MetricThresholdParams.decode({ ...threshold, comparator: 'between', threshold: [1, 2] })
      )
    ).toBe(true);
  });

  it('names the field that is wrong', () => {
    expect(errorOf(MetricThresholdParams, { ...threshold, metric: 'golang.heap.nope' })).toContain(
      '[metric]'
    );
    expect(errorOf(MetricThresholdParams, { ...threshold, aggregation: 'p99' })).toContain(
      'aggregation'
    );
    expect(errorOf(MetricThresholdParams, { ...threshold, comparator: 'between' })).toContain(
      '[threshold] needs two values'
    );
    expect(errorOf(MetricThresholdParams, { ...threshold, timeSize: 25, timeUnit: 'h' })).toContain(
      'at most 24 hours'
    );
    expect(errorOf(MetricThresholdParams, { ...threshold, thresold: 3 })).toContain(
      'unknown key: thresold'
    );
    expect(
      errorOf(GcPauseParams, {
        percentile: 98,
        comparator: '>',
        thresholdMs: 5,
        timeSize: 1,
        timeUnit: 'm',
      })
    ).toContain('[percentile] must be one of 50, 90, 95, 99, 99.9, 100');
    expect(errorOf(TargetHealthParams, { conditions: ['gone'] })).toContain('[conditions]');
    expect(
      errorOf(HeapGrowthParams, { timeSize: 1, timeUnit: 'h', minGrowthBytesPerHour: 0 })
    ).toContain('[minGrowthBytesPerHour] must be a number above 0');
  });

  it('takes alertOnNoData on the metric rules only, as a boolean', () => {
    const pause = { percentile: 99, comparator: '>', thresholdMs: 5, timeSize: 1, timeUnit: 'm' };
    const growth = { timeSize: 1, timeUnit: 'h', minGrowthBytesPerHour: 1 };
    expect(isRight(MetricThresholdParams.decode({ ...threshold, alertOnNoData: true }))).toBe(true);
    expect(isRight(GcPauseParams.decode({ ...pause, alertOnNoData: false }))).toBe(true);
    expect(isRight(HeapGrowthParams.decode({ ...growth, alertOnNoData: true }))).toBe(true);
    expect(errorOf(MetricThresholdParams, { ...threshold, alertOnNoData: 'yes' })).toContain(
      'alertOnNoData'
    );
    expect(errorOf(TargetHealthParams, { conditions: ['down'], alertOnNoData: true })).toContain(
      'unknown key: alertOnNoData'
    );
  });

  it('goroutineGrowth: count takes a threshold, group_growth takes intervals, each only its own', () => {
    const window = { timeSize: 10, timeUnit: 'm' };
    const count = { condition: 'count', thresholdGoroutines: 1000, ...window };
    const growth = { condition: 'group_growth', intervals: 3, ...window };
    expect(GoroutineGrowthParams.decode(count)).toEqual({ _tag: 'Right', right: count });
    expect(isRight(GoroutineGrowthParams.decode({ ...growth, groupBy: 'service' }))).toBe(true);
    expect(errorOf(GoroutineGrowthParams, { ...growth, thresholdGoroutines: 5 })).toContain(
      'unknown key: thresholdGoroutines'
    );
    expect(errorOf(GoroutineGrowthParams, { condition: 'count', ...window })).toContain(
      '[thresholdGoroutines] must be a whole number from 1 to 100000000'
    );
    expect(errorOf(GoroutineGrowthParams, { ...growth, intervals: 1 })).toContain(
      '[intervals] must be a whole number from 2 to 60'
    );
    expect(errorOf(GoroutineGrowthParams, { ...count, condition: 'leak' })).toContain(
      '[condition] must be "count" or "group_growth"'
    );
    expect(errorOf(GoroutineGrowthParams, { ...count, timeSize: 25, timeUnit: 'h' })).toContain(
      'at most 24 hours'
    );
  });
});
