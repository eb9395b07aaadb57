import type { DERIVED_THRESHOLD_FIELDS } from '../../../common/alerting/rule_params';
import type { HeapFieldName } from '../../../common/heap_fields';
import type { ChartAxis } from '../charts/time_series_chart';
import type { PanelId } from '../../../common/panels';

/**
 * How a panel is drawn: `lines` (metric lines over time), `gc_pauses` (percentile lines with
 * pause counts), `heatmap` (size class × time), `custom_vars` (a picker and lines per var).
 */
export type ChartKind = 'lines' | 'gc_pauses' | 'heatmap' | 'custom_vars';

/** A field a goRuntime.metricThreshold rule can watch (see common/alerting/rule_params.ts). */
export type RuleMetric = HeapFieldName | (typeof DERIVED_THRESHOLD_FIELDS)[number];

export interface SeriesDefinition {
  /** The `metric` of the response's lines (or a field of a pause bucket). */
  readonly metric: string;
  readonly label: string;
  /** The id of the panel's axis the series is read on; the first axis when left out. */
  readonly axis?: string;
}

/** One panel of the service dashboard, declared once: what it shows and how. */
export interface PanelDefinition {
  readonly id: PanelId;
  readonly title: string;
  /** Shown in the panel's info tooltip: what the numbers are and where they come from. */
  readonly info: string;
  /**
   * The value axes of a time chart, one per unit or scale, each titled: a unit decides its
   * ticks and tooltip format. Empty for the heatmap and custom vars, whose axes follow the data.
   */
  readonly axes: readonly ChartAxis[];
  readonly chart: ChartKind;
  readonly series: readonly SeriesDefinition[];
  /**
   * The field of the panel's main series, pre-filled as the metric of a rule created from the
   * panel. Left out where no one field stands for the panel (size classes, custom vars).
   */
  readonly ruleMetric?: RuleMetric;
}
