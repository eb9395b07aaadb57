import * as t from 'io-ts';
import { INTERNAL_API_BASE } from '../constants';
import { keyOf, strictObjectWithOptional } from '../codecs';
import { stringList } from '../panels';
import { ServiceName } from '../targets';
import { SourceIdCodec } from '../sources';
import {
  Aggregation,
  GroupBy,
  MAX_WINDOW_MS,
  PausePercentile,
  ThresholdMetric,
} from './rule_params';

/**
 * The rule form's preview: what a threshold rule would see now (one value per group, as the
 * executor computes it) and the measure over the rule's look-back window, for a chart with the
 * threshold drawn over it. Internal: only the rule form asks.
 */
export const RULE_PREVIEW_ROUTE = `${INTERNAL_API_BASE}/rule_preview`;

const WindowMs = new t.Type<number, number, unknown>(
  'WindowMs',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    const value = typeof u === 'string' && /^\d+$/.test(u) ? Number(u) : u;
    return typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 1000 &&
      value <= MAX_WINDOW_MS
      ? t.success(value)
      : t.failure(u, c, `[${keyOf(c)}] must be whole milliseconds from 1000 to ${MAX_WINDOW_MS}`);
  },
  t.identity
);

const PercentileFromQuery = new t.Type<number, number, unknown>(
  'PercentileFromQuery',
  PausePercentile.is,
  (u, c) => PausePercentile.validate(typeof u === 'string' ? Number(u) : u, c),
  t.identity
);

/** `measure`: a metricThreshold's metric and aggregation, or a gcPause's percentile. */
export const RulePreviewQuery = t.union([
  strictObjectWithOptional(
    {
      measure: t.literal('metric'),
      metric: ThresholdMetric,
      aggregation: Aggregation,
      window_ms: WindowMs,
    },
    { group_by: GroupBy, service_names: stringList('ServiceNames', ServiceName, 100) },
    'MetricPreviewQuery'
  ),
  strictObjectWithOptional(
    { measure: t.literal('gc_pause'), percentile: PercentileFromQuery, window_ms: WindowMs },
    { group_by: GroupBy, service_names: stringList('ServiceNames', ServiceName, 100) },
    'GcPausePreviewQuery'
  ),
]);
export type RulePreviewQuery = t.TypeOf<typeof RulePreviewQuery>;

const Point = t.tuple([t.number, t.union([t.number, t.null])]);

/** Values are in the rule's own unit: the threshold's unit, milliseconds for GC pauses. */
export const RulePreviewResponse = t.type({
  groups: t.array(
    t.intersection([
      t.type({ service: t.string, value: t.union([t.number, t.null]) }),
      // source: who reported the group, when not the plugin's own scrapes.
      t.partial({ instance: t.string, source: SourceIdCodec }),
    ])
  ),
  truncated: t.boolean,
  /** [epoch ms, value]; empty where a series cannot be drawn (a rate, a custom metric). */
  points: t.array(Point),
  fromMs: t.number,
  toMs: t.number,
});
export type RulePreviewResponse = t.TypeOf<typeof RulePreviewResponse>;
