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
  niceTimeFormatter,
} from '@elastic/charts';
import { EuiIcon } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { useDashboard } from '../dashboard_context';
import { useChartBaseTheme } from './chart_theme';
import { formatMeasure, type MeasureUnit } from '../../../common/format_measure';

export interface ChartLine {
  readonly id: string;
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number | null]>;
  readonly axis?: 'right';
  /** Bars instead of a line (counts per bucket). */
  readonly bars?: boolean;
}

const RIGHT = 'right';
/** Axis ticks and tooltips have room for a few characters: counts in k, M and G. */
const COMPACT = { compact: true } as const;

/**
 * The one time chart of the dashboards (Chart > Settings > Axis > Series): lines on one or
 * two axes, restarts as annotations, optional warning marks, the pointer shared with the
 * page's other charts, and a brush that sets the page's time range.
 */
export function TimeSeriesChart({
  chartId,
  unit,
  rightUnit,
  lines,
  marks = [],
  height = 240,
}: {
  chartId: string;
  unit: MeasureUnit;
  rightUnit?: MeasureUnit;
  lines: readonly ChartLine[];
  /** Bucket starts to flag, with what the flag says. */
  marks?: ReadonlyArray<{ at: number; details: string }>;
  height?: number;
}) {
  const { range, restarts, alertStarts = [], pointer, selectRange } = useDashboard();
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const startsInRange = alertStarts.filter((alert) => alert.started >= from && alert.started <= to);
  const baseTheme = useChartBaseTheme();
  const ref = useRef<Chart>(null);
  useEffect(() => pointer.register(chartId, ref), [pointer, chartId]);
  const domain = { min: Date.parse(range.from), max: Date.parse(range.to) };
  const timeFormatter = niceTimeFormatter([domain.min, domain.max]);
  const usesRight = rightUnit !== undefined && lines.some((line) => line.axis === 'right');

  return (
    <Chart ref={ref} id={chartId} size={{ height }}>
      <Settings
        baseTheme={baseTheme}
        showLegend
        legendPosition={Position.Bottom}
        xDomain={domain}
        onPointerUpdate={(event) => pointer.update(event)}
        externalPointerEvents={{ tooltip: { visible: true } }}
        onBrushEnd={({ x }) => {
          const [start, end] = x ?? [];
          if (typeof start === 'number' && typeof end === 'number' && end > start)
            selectRange(Math.floor(start), Math.ceil(end));
        }}
      />
      <Axis
        id="time"
        position={Position.Bottom}
        tickFormat={timeFormatter}
        showOverlappingTicks={false}
      />
      <Axis
        id="left"
        position={Position.Left}
        tickFormat={(value: number) => formatMeasure(value, unit, COMPACT)}
        ticks={5}
      />
      {usesRight && (
        <Axis
          id="right"
          groupId={RIGHT}
          position={Position.Right}
          tickFormat={(value: number) => formatMeasure(value, rightUnit, COMPACT)}
          ticks={5}
        />
      )}
      {lines.map((line) => {
        const props = {
          key: line.id,
          id: line.id,
          name: line.name,
          data: line.points as Array<[number, number | null]>,
          xAccessor: 0,
          yAccessors: [1],
          xScaleType: ScaleType.Time,
          yScaleType: ScaleType.Linear,
          ...(usesRight && line.axis === 'right' ? { groupId: RIGHT } : {}),
          tickFormat: (value: number) =>
            formatMeasure(
              value,
              line.axis === 'right' && rightUnit !== undefined ? rightUnit : unit,
              COMPACT
            ),
        };
        // Counts behind the lines: opaque, a bar per bucket walls the percentile lines off.
        return line.bars === true ? (
          <BarSeries {...props} barSeriesStyle={{ rect: { opacity: 0.25 } }} />
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
          dataValues={marks.map((mark) => ({ dataValue: mark.at, details: mark.details }))}
          marker={<EuiIcon type="warning" color="danger" />}
          markerPosition={Position.Bottom}
          style={{ line: { stroke: '#bd271e', strokeWidth: 1, opacity: 0.6 } }}
        />
      )}
    </Chart>
  );
}
