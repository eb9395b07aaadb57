import { useEffect, useRef } from 'react';
import {
  AnnotationDomainType,
  Axis,
  BarSeries,
  Chart,
  LineAnnotation,
  LineSeries,
  Position,
  ScaleType,
  Settings,
  Tooltip,
} from '@elastic/charts';
import { EuiIcon } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { useDashboard } from '../dashboard_context';
import { CHART_HEIGHT } from './chart_size';
import { chartDebugState, useChartBaseTheme } from './chart_theme';
import { legendLayout } from './legend_layout';
import { axisSteps, formatTick } from './round_ticks';
import { useDateFormats } from './use_date_formats';
import { formatMeasure, type MeasureUnit } from '../../../common/format_measure';

/** A value axis: its unit decides its ticks; its title says what its lines measure. */
export interface ChartAxis {
  readonly id: string;
  readonly unit: MeasureUnit;
  readonly title: string;
  readonly position: 'left' | 'right';
  /** Stretches the top (3: the lines' values stay in the lowest third, bars under lines). */
  readonly headroom?: number;
}

export interface ChartLine {
  readonly id: string;
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number | null]>;
  /** The id of the axis the line is read on. */
  readonly axis: string;
  /** Bars instead of a line (counts per bucket). */
  readonly bars?: boolean;
}

/** Axis ticks and tooltips have room for a few characters: counts in k, M and G. */
const COMPACT = { compact: true } as const;
/** Room above the plot for the restart and alert markers, which sit on its top edge. */
const MARKER_ROOM = 20;

/**
 * The one time chart of the dashboards (Chart > Settings > Axis > Series): lines on their own
 * axes (each axis its own Elastic Charts group, domain and title), restarts as annotations,
 * optional warning marks, the crosshair shared with the page's other charts (the tooltip only
 * where the mouse is), and a brush that sets the page's time range.
 */
export function TimeSeriesChart({
  chartId,
  axes,
  lines,
  bucketMs,
  marks = [],
  height = CHART_HEIGHT,
}: {
  chartId: string;
  axes: readonly ChartAxis[];
  lines: readonly ChartLine[];
  /** The interval between the points: picks the time axis's scaled date format. */
  bucketMs: number;
  /** Bucket starts to flag, with what the flag says. */
  marks?: ReadonlyArray<{ at: number; details: string }>;
  height?: number;
}) {
  const { range, restarts, alertStarts = [], pointer, selectRange } = useDashboard();
  const dates = useDateFormats();
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const startsInRange = alertStarts.filter((alert) => alert.started >= from && alert.started <= to);
  const baseTheme = useChartBaseTheme();
  const ref = useRef<Chart>(null);
  useEffect(() => pointer.register(chartId, ref), [pointer, chartId]);
  const legend = legendLayout(lines.map((line) => line.name));
  // Only axes with a line: an empty axis would have no domain to read.
  const drawn = axes
    .filter((axis) => lines.some((line) => line.axis === axis.id))
    .map((axis) => ({
      ...axis,
      steps: axisSteps(
        lines
          .filter((line) => line.axis === axis.id)
          .flatMap((line) => line.points.map((p) => p[1])),
        axis.unit,
        axis.headroom
      ),
    }));
  const axisOf = new Map(drawn.map((axis) => [axis.id, axis]));

  return (
    <Chart ref={ref} id={chartId} size={{ height }}>
      <Settings
        baseTheme={baseTheme}
        debugState={chartDebugState()}
        theme={{ chartMargins: { top: MARKER_ROOM } }}
        showLegend
        legendPosition={legend.position}
        {...(legend.size === undefined ? {} : { legendSize: legend.size })}
        xDomain={{ min: from, max: to }}
        onPointerUpdate={(event) => pointer.update(event)}
        // The crosshair follows the mouse on every chart; a tooltip opens only on the one under it.
        externalPointerEvents={{ tooltip: { visible: false } }}
        onBrushEnd={({ x }) => {
          const [start, end] = x ?? [];
          if (typeof start === 'number' && typeof end === 'number' && end > start)
            selectRange(Math.floor(start), Math.ceil(end));
        }}
      />
      <Tooltip headerFormatter={({ value }) => dates.instant(Number(value))} />
      <Axis
        id="time"
        position={Position.Bottom}
        tickFormat={dates.axis(bucketMs)}
        // One row of labels in dateFormat:scaled, not Elastic Charts' own two-layer time axis.
        timeAxisLayerCount={0}
        showOverlappingTicks={false}
      />
      {drawn.map((axis) => (
        <Axis
          key={axis.id}
          id={`axis-${axis.id}`}
          groupId={axis.id}
          title={axis.title}
          position={axis.position === 'right' ? Position.Right : Position.Left}
          domain={{ min: axis.steps.min, max: axis.steps.max }}
          ticks={axis.steps.max - axis.steps.min}
          tickFormat={(value: number) => formatTick(value * axis.steps.step, axis.unit)}
          gridLine={{ visible: axis === drawn[0] }}
        />
      ))}
      {lines.map((line) => {
        const axis = axisOf.get(line.axis);
        if (axis === undefined) return null;
        const { step } = axis.steps;
        const props = {
          key: line.id,
          id: line.id,
          name: line.name,
          // Values in steps of the axis's round tick (see round_ticks.ts).
          data: line.points.map(([at, v]) => [at, v === null ? null : v / step]),
          xAccessor: 0,
          yAccessors: [1],
          xScaleType: ScaleType.Time,
          yScaleType: ScaleType.Linear,
          groupId: axis.id,
          tickFormat: (value: number) => formatMeasure(value * step, axis.unit, COMPACT),
        };
        return line.bars === true ? (
          <BarSeries {...props} barSeriesStyle={{ rect: { opacity: 0.35 } }} />
        ) : (
          <LineSeries {...props} />
        );
      })}
      {restarts.length > 0 && (
        <LineAnnotation
          id="restarts"
          domainType={AnnotationDomainType.XDomain}
          dataValues={restarts.map((restart) => ({
            dataValue: restart.at,
            header: dates.instant(restart.at),
            details: i18n.translate('goRuntime.charts.restart', {
              defaultMessage: '{instance} restarted ({reason})',
              values: { instance: restart.instance, reason: restart.reason },
            }),
          }))}
          marker={<EuiIcon type="refresh" data-test-subj="goRuntimeRestartMarker" />}
          markerPosition={Position.Top}
        />
      )}
      {startsInRange.length > 0 && (
        <LineAnnotation
          id="alert-starts"
          domainType={AnnotationDomainType.XDomain}
          dataValues={startsInRange.map((alert) => ({
            dataValue: alert.started,
            header: dates.instant(alert.started),
            details: i18n.translate('goRuntime.charts.alertStarted', {
              defaultMessage: 'Alert "{rule}" started: {reason}',
              values: { rule: alert.rule_name, reason: alert.reason },
            }),
          }))}
          marker={<EuiIcon type="bell" color="danger" data-test-subj="goRuntimeAlertStartMarker" />}
          markerPosition={Position.Top}
          style={{ line: { stroke: '#bd271e', strokeWidth: 1, opacity: 0.8, dash: [4, 4] } }}
        />
      )}
      {marks.length > 0 && (
        <LineAnnotation
          id="marks"
          domainType={AnnotationDomainType.XDomain}
          dataValues={marks.map((mark) => ({
            dataValue: mark.at,
            header: dates.instant(mark.at),
            details: mark.details,
          }))}
          marker={<EuiIcon type="warning" color="danger" />}
          markerPosition={Position.Bottom}
          style={{ line: { stroke: '#bd271e', strokeWidth: 1, opacity: 0.6 } }}
        />
      )}
    </Chart>
  );
}
