import { i18n } from '@kbn/i18n';
import {
  DERIVED_THRESHOLD_FIELDS,
  PAUSE_PERCENTILES,
  THRESHOLD_FIELDS,
} from '../../common/alerting/rule_params';
import { DERIVED_HEAP_FIELDS, HEAP_FIELDS } from '../../common/heap_fields';
import type { ParamField } from './params_form';

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
const timeUnit: ParamField = {
  key: 'timeUnit',
  label: label('timeUnit', 'Time unit'),
  kind: 'select',
  options: [
    { value: 's', text: label('timeUnit.s', 'seconds') },
    { value: 'm', text: label('timeUnit.m', 'minutes') },
    { value: 'h', text: label('timeUnit.h', 'hours') },
  ],
};
const timeSize: ParamField = {
  key: 'timeSize',
  label: label('timeSize', 'For the last'),
  kind: 'number',
};
const groupBy: ParamField = {
  key: 'groupBy',
  label: label('groupBy', 'Alert per'),
  kind: 'select',
  options: [
    { value: 'instance', text: label('groupBy.instance', 'instance') },
    { value: 'service', text: label('groupBy.service', 'service') },
  ],
};
const serviceNames: ParamField = {
  key: 'serviceNames',
  label: label('serviceNames', 'Services (comma separated; empty for all)'),
  kind: 'textList',
  optional: true,
};

export const METRIC_THRESHOLD_FIELDS: readonly ParamField[] = [
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
    label: label('threshold', 'Threshold (two values for between)'),
    kind: 'numberList',
  },
  timeSize,
  timeUnit,
  groupBy,
  serviceNames,
];

export const GC_PAUSE_FIELDS: readonly ParamField[] = [
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
  { key: 'thresholdMs', label: label('thresholdMs', 'Threshold (ms)'), kind: 'number' },
  timeSize,
  timeUnit,
  groupBy,
  serviceNames,
];

export const TARGET_HEALTH_FIELDS: readonly ParamField[] = [
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
    kind: 'number',
    optional: true,
  },
  serviceNames,
];

export const HEAP_GROWTH_FIELDS: readonly ParamField[] = [
  timeSize,
  timeUnit,
  {
    key: 'minGrowthBytesPerHour',
    label: label('minGrowthBytesPerHour', 'Growth above (bytes per hour)'),
    kind: 'number',
  },
  {
    key: 'memoryLimitBytes',
    label: label('memoryLimitBytes', 'Memory limit (bytes, optional)'),
    kind: 'number',
    optional: true,
  },
  groupBy,
  serviceNames,
];
