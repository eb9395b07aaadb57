import type { DERIVED_THRESHOLD_FIELDS } from '../../../common/alerting/rule_params';
import type { HeapFieldName } from '../../../common/heap_fields';
import type { MeasureUnit } from '../../../common/format_measure';
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
  /** A second axis on the right, for a series of another unit or scale. */
  readonly axis?: 'right';
}

/** One panel of the service dashboard, declared once: what it shows and how. */
export interface PanelDefinition {
  readonly id: PanelId;
  readonly title: string;
  /** Shown in the panel's info tooltip: what the numbers are and where they come from. */
  readonly info: string;
  /** What a value on the panel's axis is; decides its tick and tooltip format. */
  readonly unit: MeasureUnit;
  /** Unit of the right axis, when a series uses it. */
  readonly rightUnit?: MeasureUnit;
  readonly chart: ChartKind;
  readonly series: readonly SeriesDefinition[];
  /**
   * The field of the panel's main series, pre-filled as the metric of a rule created from the
   * panel. Left out where no one field stands for the panel (size classes, custom vars).
   */
  readonly ruleMetric?: RuleMetric;
}
