import * as t from 'io-ts';
import { durationMs } from '../duration';
import { boundedString, keyOf, strictObjectWithOptional, wholeNumber } from '../codecs';
import { HEAP_FIELDS, type HeapFieldName } from '../heap_fields';
import { ServiceName } from '../targets';

/**
 * The params of the plugin's rule types, one codec each. The server validates every
 * rule's params with them (Kibana's `validate.params`), the browser checks the rule form
 * with the same codecs, so both say the same thing about a bad field.
 */

export const Comparator = t.keyof(
  { '>': null, '>=': null, '<': null, '<=': null, between: null },
  '">", ">=", "<", "<=" or "between"'
);
export type Comparator = t.TypeOf<typeof Comparator>;

export const TimeUnit = t.keyof({ s: null, m: null, h: null }, '"s", "m" or "h"');
export type TimeUnit = t.TypeOf<typeof TimeUnit>;

export const GroupBy = t.keyof({ instance: null, service: null }, '"instance" or "service"');
export type GroupBy = t.TypeOf<typeof GroupBy>;

export const Aggregation = t.keyof(
  { max: null, min: null, avg: null, last: null, rate: null },
  '"max", "min", "avg", "last" or "rate"'
);
export type Aggregation = t.TypeOf<typeof Aggregation>;

/** A rule looks back at most this far: beyond it a query over a fleet is not bounded any more. */
export const MAX_WINDOW_MS = 24 * 3_600_000;
export function windowMs(timeSize: number, timeUnit: TimeUnit): number {
  return durationMs(timeSize, timeUnit);
}

const TimeSize = wholeNumber('TimeSize', 1, 86_400);

const FiniteNumber = new t.Type<number, number, unknown>(
  'FiniteNumber',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) =>
    typeof u === 'number' && Number.isFinite(u)
      ? t.success(u)
      : t.failure(u, c, `[${keyOf(c)}] must be a finite number`),
  t.identity
);

const PositiveNumber = new t.Type<number, number, unknown>(
  'PositiveNumber',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0,
  (u, c) =>
    typeof u === 'number' && Number.isFinite(u) && u > 0
      ? t.success(u)
      : t.failure(u, c, `[${keyOf(c)}] must be a number above 0`),
  t.identity
);

/**
 * `alertOnNoData` of the metric rules (absent means false): a group the rule saw before that
 * sends nothing in the window raises a "no data" alert instead of recovering quietly.
 */
const AlertOnNoData = t.boolean;

const MAX_SERVICE_NAMES = 100;
export const ServiceNames = new t.Type<string[], string[], unknown>(
  'ServiceNames',
  (u): u is string[] => Array.isArray(u) && u.every((name) => ServiceName.is(name)),
  (u, c) => {
    if (
      !Array.isArray(u) ||
      u.length > MAX_SERVICE_NAMES ||
      !u.every((name) => ServiceName.is(name))
    ) {
      return t.failure(
        u,
        c,
        `[${keyOf(c)}] must be a list of at most ${MAX_SERVICE_NAMES} service names`
      );
    }
    return t.success(u as string[]);
  },
  t.identity
);

/** The numeric heap fields a threshold can watch, from the one field table. */
export const THRESHOLD_FIELDS: readonly HeapFieldName[] = HEAP_FIELDS.filter(
  (field) => field.kind !== 'timestamp'
).map((field) => field.name);
export const DERIVED_THRESHOLD_FIELDS = [
  'golang.heap.gc.pause.count',
  'golang.heap.gc.pause.missed',
  'golang.heap.gc.pause.sum.ns',
  'golang.heap.gc.pause.max.ns',
  'golang.heap.gc.pause.avg.ns',
  'golang.heap.gc.cycles',
  'golang.heap.allocations.rate.bytes_per_second',
  'golang.heap.allocations.rate.objects_per_second',
] as const;
export const CUSTOM_METRIC_PREFIX = 'custom:';

/** A heap field by name, or `custom:<JSON pointer>` for a number the application publishes. */
export const ThresholdMetric = new t.Type<string, string, unknown>(
  'ThresholdMetric',
  (u): u is string => typeof u === 'string' && metricProblem(u) === undefined,
  (u, c) => {
    if (typeof u !== 'string')
      return t.failure(
        u,
        c,
        `[${keyOf(
          c
        )}] is required: a heap field such as golang.heap.allocations.allocated, or custom:<JSON pointer>`
      );
    const problem = metricProblem(u);
    return problem === undefined ? t.success(u) : t.failure(u, c, `[${keyOf(c)}] ${problem}`);
  },
  t.identity
);

function metricProblem(metric: string): string | undefined {
  if (metric.startsWith(CUSTOM_METRIC_PREFIX)) {
    const pointer = metric.slice(CUSTOM_METRIC_PREFIX.length);
    if (pointer.length > 512) return 'has a JSON pointer longer than 512 characters';
    return pointer.startsWith('/')
      ? undefined
      : `needs a JSON pointer after "custom:", such as custom:/cache/hits; got ${JSON.stringify(
          pointer.slice(0, 40)
        )}`;
  }
  const known =
    (THRESHOLD_FIELDS as readonly string[]).includes(metric) ||
    (DERIVED_THRESHOLD_FIELDS as readonly string[]).includes(metric);
  return known
    ? undefined
    : `is not a numeric heap field: ${JSON.stringify(
        metric.slice(0, 80)
      )} (see common/heap_fields.ts, or use custom:<JSON pointer>)`;
}

const Threshold = new t.Type<number[], number[], unknown>(
  'Threshold',
  (u): u is number[] =>
    Array.isArray(u) && u.length >= 1 && u.length <= 2 && u.every((n) => FiniteNumber.is(n)),
  (u, c) =>
    Array.isArray(u) && u.length >= 1 && u.length <= 2 && u.every((n) => FiniteNumber.is(n))
      ? t.success(u as number[])
      : t.failure(u, c, `[${keyOf(c)}] must be [n], or [low, high] with "between"`),
  t.identity
);

/** Checks what one field alone cannot: "between" takes two values, low before high. */
function withThresholdShape<A extends { comparator: Comparator; threshold: number[] }, O>(
  codec: t.Type<A, O, unknown>,
  name: string
) {
  return new t.Type<A, O, unknown>(
    name,
    (u): u is A => codec.is(u) && thresholdProblem(u) === undefined,
    (u, c) => {
      const result = codec.validate(u, c);
      if (result._tag === 'Left') return result;
      const problem = thresholdProblem(result.right);
      return problem === undefined ? result : t.failure(u, c, `[threshold] ${problem}`);
    },
    codec.encode
  );
}

function thresholdProblem(params: {
  comparator: Comparator;
  threshold: number[];
}): string | undefined {
  if (params.comparator === 'between') {
    if (params.threshold.length !== 2) return 'needs two values [low, high] with "between"';
    if (params.threshold[0]! > params.threshold[1]!) return 'must be [low, high], low first';
    return undefined;
  }
  return params.threshold.length === 1 ? undefined : `takes one value with "${params.comparator}"`;
}

function withBoundedWindow<A extends { timeSize: number; timeUnit: TimeUnit }, O>(
  codec: t.Type<A, O, unknown>,
  name: string
) {
  return new t.Type<A, O, unknown>(
    name,
    (u): u is A => codec.is(u) && windowMs(u.timeSize, u.timeUnit) <= MAX_WINDOW_MS,
    (u, c) => {
      const result = codec.validate(u, c);
      if (result._tag === 'Left') return result;
      return windowMs(result.right.timeSize, result.right.timeUnit) <= MAX_WINDOW_MS
        ? result
        : t.failure(u, c, '[timeSize] with [timeUnit] must be at most 24 hours');
    },
    codec.encode
  );
}

export const MetricThresholdParams = withBoundedWindow(
  withThresholdShape(
    strictObjectWithOptional(
      {
        metric: ThresholdMetric,
        aggregation: Aggregation,
        comparator: Comparator,
        threshold: Threshold,
        timeSize: TimeSize,
        timeUnit: TimeUnit,
      },
      { groupBy: GroupBy, serviceNames: ServiceNames, alertOnNoData: AlertOnNoData },
      'MetricThresholdParams'
    ),
    'MetricThresholdParams'
  ),
  'MetricThresholdParams'
);
export type MetricThresholdParams = t.TypeOf<typeof MetricThresholdParams>;

export const PAUSE_PERCENTILES = [50, 90, 95, 99, 99.9, 100] as const;
export const PausePercentile = new t.Type<number, number, unknown>(
  'PausePercentile',
  (u): u is number => typeof u === 'number' && (PAUSE_PERCENTILES as readonly number[]).includes(u),
  (u, c) =>
    typeof u === 'number' && (PAUSE_PERCENTILES as readonly number[]).includes(u)
      ? t.success(u)
      : t.failure(u, c, `[${keyOf(c)}] must be one of ${PAUSE_PERCENTILES.join(', ')}`),
  t.identity
);

/** gcPause compares one number: a "between" there would mean alerting on pauses being normal. */
const SingleComparator = t.keyof(
  { '>': null, '>=': null, '<': null, '<=': null },
  '">", ">=", "<" or "<="'
);

export const GcPauseParams = withBoundedWindow(
  strictObjectWithOptional(
    {
      percentile: PausePercentile,
      comparator: SingleComparator,
      thresholdMs: PositiveNumber,
      timeSize: TimeSize,
      timeUnit: TimeUnit,
    },
    { groupBy: GroupBy, serviceNames: ServiceNames, alertOnNoData: AlertOnNoData },
    'GcPauseParams'
  ),
  'GcPauseParams'
);
export type GcPauseParams = t.TypeOf<typeof GcPauseParams>;

export const HealthCondition = t.keyof(
  { down: null, restarted: null, missed_pauses: null },
  '"down", "restarted" or "missed_pauses"'
);
export type HealthCondition = t.TypeOf<typeof HealthCondition>;

const Conditions = new t.Type<HealthCondition[], HealthCondition[], unknown>(
  'Conditions',
  (u): u is HealthCondition[] =>
    Array.isArray(u) && u.length > 0 && u.every((v) => HealthCondition.is(v)),
  (u, c) =>
    Array.isArray(u) && u.length > 0 && u.length <= 3 && u.every((v) => HealthCondition.is(v))
      ? t.success([...new Set(u as HealthCondition[])])
      : t.failure(
          u,
          c,
          `[${keyOf(c)}] must list one or more of "down", "restarted", "missed_pauses"`
        ),
  t.identity
);

const DownForIntervals = wholeNumber('DownForIntervals', 1, 100);

export const TargetHealthParams = strictObjectWithOptional(
  { conditions: Conditions },
  { downForIntervals: DownForIntervals, groupBy: GroupBy, serviceNames: ServiceNames },
  'TargetHealthParams'
);
export type TargetHealthParams = t.TypeOf<typeof TargetHealthParams>;
export const DEFAULT_DOWN_FOR_INTERVALS = 3;

export const HeapGrowthParams = withBoundedWindow(
  strictObjectWithOptional(
    { timeSize: TimeSize, timeUnit: TimeUnit, minGrowthBytesPerHour: PositiveNumber },
    {
      memoryLimitBytes: PositiveNumber,
      groupBy: GroupBy,
      serviceNames: ServiceNames,
      alertOnNoData: AlertOnNoData,
    },
    'HeapGrowthParams'
  ),
  'HeapGrowthParams'
);
export type HeapGrowthParams = t.TypeOf<typeof HeapGrowthParams>;

/** Kept for the rule form: a name is bounded like every other string the plugin stores. */
export const RuleName = boundedString('RuleName', 256);

/**
 * goroutineGrowth: `count` alerts while the latest goroutine read's total is above
 * `thresholdGoroutines`; `group_growth` alerts while one stack group (by the function it is
 * blocked or running in) rose at each of the last `intervals` reads, a leak before its count
 * is large. The window bounds how far back the reads are looked for.
 */
export const GOROUTINE_CONDITIONS = ['count', 'group_growth'] as const;
export type GoroutineCondition = (typeof GOROUTINE_CONDITIONS)[number];
/** Rises in a row at most: the reads a run fetches per group are intervals + 1, under top_hits' cap of 100. */
export const MAX_GROWTH_INTERVALS = 60;
export const MAX_THRESHOLD_GOROUTINES = 100_000_000;

const goroutineOptional = {
  groupBy: GroupBy,
  serviceNames: ServiceNames,
  alertOnNoData: AlertOnNoData,
};
const GoroutineCountParams = withBoundedWindow(
  strictObjectWithOptional(
    {
      condition: t.literal('count'),
      thresholdGoroutines: wholeNumber('ThresholdGoroutines', 1, MAX_THRESHOLD_GOROUTINES),
      timeSize: TimeSize,
      timeUnit: TimeUnit,
    },
    goroutineOptional,
    'GoroutineCountParams'
  ),
  'GoroutineCountParams'
);
const GoroutineGroupGrowthParams = withBoundedWindow(
  strictObjectWithOptional(
    {
      condition: t.literal('group_growth'),
      intervals: wholeNumber('GrowthIntervals', 2, MAX_GROWTH_INTERVALS),
      timeSize: TimeSize,
      timeUnit: TimeUnit,
    },
    goroutineOptional,
    'GoroutineGroupGrowthParams'
  ),
  'GoroutineGroupGrowthParams'
);
type GoroutineCountParams = t.TypeOf<typeof GoroutineCountParams>;
type GoroutineGroupGrowthParams = t.TypeOf<typeof GoroutineGroupGrowthParams>;

/** One of the two shapes, chosen by `condition`, so each error names a field of that shape. */
export const GoroutineGrowthParams = new t.Type<
  GoroutineCountParams | GoroutineGroupGrowthParams,
  GoroutineCountParams | GoroutineGroupGrowthParams,
  unknown
>(
  'GoroutineGrowthParams',
  (u): u is GoroutineCountParams | GoroutineGroupGrowthParams =>
    GoroutineCountParams.is(u) || GoroutineGroupGrowthParams.is(u),
  (u, c) => {
    const condition =
      typeof u === 'object' && u !== null ? (u as Record<string, unknown>).condition : undefined;
    if (condition === 'count') return GoroutineCountParams.validate(u, c);
    if (condition === 'group_growth') return GoroutineGroupGrowthParams.validate(u, c);
    return t.failure(u, c, '[condition] must be "count" or "group_growth"');
  },
  t.identity
);
export type GoroutineGrowthParams = t.TypeOf<typeof GoroutineGrowthParams>;
