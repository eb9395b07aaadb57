import { i18n } from '@kbn/i18n';
import {
  DERIVED_THRESHOLD_FIELDS,
  MAX_GROWTH_INTERVALS,
  MAX_THRESHOLD_GOROUTINES,
  PAUSE_PERCENTILES,
  THRESHOLD_FIELDS,
  type Aggregation,
  type GoroutineCondition,
} from '../../common/alerting/rule_params';
import { RULE_TYPE_IDS, type GoRuleTypeId } from '../../common/alerting/rule_types';
import { thresholdMayBeNegative, thresholdUnitOf } from '../../common/alerting/threshold_unit';
import type { MeasureUnit } from '../../common/format_measure';
import { DERIVED_HEAP_FIELDS, HEAP_FIELDS } from '../../common/heap_fields';

/** The unit a measure field is typed in, which can follow other params (the metric, the aggregation). */
export interface MeasureSpec {
  readonly unit: MeasureUnit;
  readonly allowNegative: boolean;
}
type Params = Readonly<Record<string, unknown>>;

/**
 * A field that belongs to one shape of a rule type's params only (goroutineGrowth's threshold
 * belongs to its `count` condition): the form hides it otherwise and leaves its param unset.
 */
interface Conditional {
  readonly shownWhen?: (params: Params) => boolean;
}

/** One rule param as the form shows it; the codecs in common/alerting/rule_params.ts decide what is valid. */
export type ParamField = Conditional &
  (
    | {
        readonly key: string;
        readonly label: string;
        readonly kind: 'select';
        readonly options: ReadonlyArray<{ value: string; text: string }>;
        readonly numeric?: boolean;
      }
    | {
        readonly key: string;
        readonly label: string;
        /** A value in a unit, typed as text (`10 MiB`); `threshold` is a list, two with "between". */
        readonly kind: 'measure' | 'threshold';
        readonly measure: (params: Params) => MeasureSpec;
        readonly optional?: boolean;
      }
    | {
        readonly key: string;
        readonly label: string;
        readonly kind: 'integer';
        readonly min: number;
        readonly max: number;
        readonly optional?: boolean;
      }
    | { readonly key: string; readonly label: string; readonly kind: 'services' }
    | {
        readonly key: string;
        readonly label: string;
        readonly kind: 'checkboxes';
        readonly options: ReadonlyArray<{ value: string; text: string }>;
      }
    | { readonly key: string; readonly label: string; readonly kind: 'switch' }
  );

/** Whether the form shows the field with these params. */
export function isShown(field: ParamField, params: Params): boolean {
  return field.shownWhen?.(params) ?? true;
}

/** The fields typed as text: they keep what was typed and hold a param only once it reads. */
export type TextParamField = Extract<
  ParamField,
  { kind: 'measure' | 'threshold' | 'integer' | 'services' }
>;
export function isTextField(field: ParamField): field is TextParamField {
  return (
    field.kind === 'measure' ||
    field.kind === 'threshold' ||
    field.kind === 'integer' ||
    field.kind === 'services'
  );
}

const label = (id: string, defaultMessage: string) =>
  i18n.translate(`goRuntime.alerting.params.${id}`, { defaultMessage });

const labelOf = (name: string) =>
  [...HEAP_FIELDS, ...DERIVED_HEAP_FIELDS].find((field) => field.name === name)?.label ?? name;
const metricOptions = [...THRESHOLD_FIELDS, ...DERIVED_THRESHOLD_FIELDS].map((name) => ({
  value: name,
  text:
    i18n.translate(`goRuntime.fields.${name}`, { defaultMessage: labelOf(name) }) + ` (${name})`,
}));

const comparators = ['>', '>=', '<', '<=', 'between'].map((value) => ({ value, text: value }));
const fixed =
  (unit: MeasureUnit): ((params: Params) => MeasureSpec) =>
  () => ({ unit, allowNegative: false });

// The window and the scope every rule type but targetHealth shares, in one place.
const timeSize: ParamField = {
  key: 'timeSize',
  label: label('timeSize', 'For the last'),
  kind: 'integer',
  min: 1,
  max: 86_400,
};
// A select from its label and its [value, label] options.
const select = (
  key: string,
  title: string,
  options: ReadonlyArray<readonly [value: string, text: string]>
): ParamField => ({
  key,
  label: title,
  kind: 'select',
  options: options.map(([value, text]) => ({ value, text })),
});
const timeUnit = select('timeUnit', label('timeUnit', 'Time unit'), [
  ['s', label('timeUnit.s', 'seconds')],
  ['m', label('timeUnit.m', 'minutes')],
  ['h', label('timeUnit.h', 'hours')],
]);
const groupBy = select('groupBy', label('groupBy', 'Alert per'), [
  ['instance', label('groupBy.instance', 'instance')],
  ['service', label('groupBy.service', 'service')],
]);
const serviceNames: ParamField = {
  key: 'serviceNames',
  label: label('serviceNames', 'Services (comma separated; empty for all)'),
  kind: 'services',
};
const alertOnNoData: ParamField = {
  key: 'alertOnNoData',
  label: label('alertOnNoData', 'Alert when there is no data'),
  kind: 'switch',
};
const windowAndScope = [timeSize, timeUnit, groupBy, serviceNames, alertOnNoData];

/** The unit of a metricThreshold rule's threshold, from its metric and aggregation. */
export function metricThresholdMeasure(params: Params): MeasureSpec {
  const metric = typeof params.metric === 'string' ? params.metric : '';
  const aggregation = (
    typeof params.aggregation === 'string' ? params.aggregation : 'max'
  ) as Aggregation;
  return {
    unit: thresholdUnitOf(metric, aggregation),
    allowNegative: thresholdMayBeNegative(metric, aggregation),
  };
}

const METRIC_THRESHOLD_FIELDS: readonly ParamField[] = [
  { key: 'metric', label: label('metric', 'Metric'), kind: 'select', options: metricOptions },
  {
    key: 'aggregation',
    label: label('aggregation', 'Aggregation'),
    kind: 'select',
    options: ['max', 'min', 'avg', 'last', 'rate'].map((value) => ({ value, text: value })),
  },
  { key: 'comparator', label: label('comparator', 'Is'), kind: 'select', options: comparators },
  {
    key: 'threshold',
    label: label('threshold', 'Threshold (low, high for between)'),
    kind: 'threshold',
    measure: metricThresholdMeasure,
  },
  ...windowAndScope,
];

const GC_PAUSE_FIELDS: readonly ParamField[] = [
  {
    key: 'percentile',
    label: label('percentile', 'Percentile of GC pauses'),
    kind: 'select',
    numeric: true,
    options: PAUSE_PERCENTILES.map((p) => ({
      value: String(p),
      text: p === 100 ? 'max' : `p${p}`,
    })),
  },
  {
    key: 'comparator',
    label: label('comparator', 'Is'),
    kind: 'select',
    options: comparators.filter((c) => c.value !== 'between'),
  },
  {
    key: 'thresholdMs',
    label: label('thresholdMs', 'Threshold'),
    kind: 'measure',
    measure: fixed('millis'),
  },
  ...windowAndScope,
];

const TARGET_HEALTH_FIELDS: readonly ParamField[] = [
  {
    key: 'conditions',
    label: label('conditions', 'Alert when'),
    kind: 'checkboxes',
    options: [
      { value: 'down', text: label('conditions.down', 'the target is down') },
      { value: 'restarted', text: label('conditions.restarted', 'the process restarted') },
      { value: 'missed_pauses', text: label('conditions.missedPauses', 'GC pauses were missed') },
    ],
  },
  {
    key: 'downForIntervals',
    label: label('downForIntervals', 'Down for (scrape intervals)'),
    kind: 'integer',
    min: 1,
    max: 100,
    optional: true,
  },
  serviceNames,
];

const HEAP_GROWTH_FIELDS: readonly ParamField[] = [
  {
    key: 'minGrowthBytesPerHour',
    label: label('minGrowthBytesPerHour', 'Growth above (per hour)'),
    kind: 'measure',
    measure: fixed('bytes_per_hour'),
  },
  {
    key: 'memoryLimitBytes',
    label: label('memoryLimitBytes', 'Memory limit (optional)'),
    kind: 'measure',
    measure: fixed('bytes'),
    optional: true,
  },
  ...windowAndScope,
];

const whenCondition = (condition: GoroutineCondition) => (params: Params) =>
  params.condition === condition;

const GOROUTINE_GROWTH_FIELDS: readonly ParamField[] = [
  select('condition', label('condition', 'Alert when'), [
    ['count', label('condition.count', 'goroutines are above a threshold')],
    ['group_growth', label('condition.groupGrowth', 'a stack group keeps growing')],
  ]),
  {
    key: 'thresholdGoroutines',
    label: label('thresholdGoroutines', 'Goroutines above'),
    kind: 'integer',
    min: 1,
    max: MAX_THRESHOLD_GOROUTINES,
    shownWhen: whenCondition('count'),
  },
  {
    key: 'intervals',
    label: label('intervals', 'Growing at each of the last (reads)'),
    kind: 'integer',
    min: 2,
    max: MAX_GROWTH_INTERVALS,
    shownWhen: whenCondition('group_growth'),
  },
  ...windowAndScope,
];

export const PARAM_FIELDS: Readonly<Record<GoRuleTypeId, readonly ParamField[]>> = {
  [RULE_TYPE_IDS.metricThreshold]: METRIC_THRESHOLD_FIELDS,
  [RULE_TYPE_IDS.gcPause]: GC_PAUSE_FIELDS,
  [RULE_TYPE_IDS.targetHealth]: TARGET_HEALTH_FIELDS,
  [RULE_TYPE_IDS.heapGrowth]: HEAP_GROWTH_FIELDS,
  [RULE_TYPE_IDS.goroutineGrowth]: GOROUTINE_GROWTH_FIELDS,
};
