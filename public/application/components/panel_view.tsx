import { useState } from 'react';
import {
  Chart,
  Heatmap,
  Position,
  Settings,
  ScaleType,
  Tooltip,
  TooltipTable,
  type TooltipValue,
} from '@elastic/charts';
import { EuiBasicTable, EuiButtonGroup, EuiComboBox, EuiSpacer } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { CustomVarsResponse, MetricPanelResponse } from '../../../common/panels';
import type { MetricPanelId } from '../api/dashboard_api';
import { HEATMAP_HEIGHT } from '../charts/chart_size';
import { chartDebugState, useChartBaseTheme } from '../charts/chart_theme';
import { classifyCustomVar, counterRates } from '../charts/counter_rates';
import { useDateFormats, type DateFormats } from '../charts/use_date_formats';
import { SIZE_CLASS_MAX_LABELS, sizeClassAxisLabels } from '../charts/size_class_labels';
import { formatMeasure, type MeasureUnit } from '../../../common/format_measure';
import { TimeSeriesChart, type ChartAxis, type ChartLine } from '../charts/time_series_chart';
import { useDashboard } from '../dashboard_context';
import { useRefreshingFetch } from '../hooks/use_refreshing_fetch';
import type { PanelDefinition } from '../panels/panel_definition';
import { PanelFrame } from './panel_frame';
import { withSource } from './source_badges';

/** Which instances of which service a page shows, and whether lines split by instance. */
export interface PanelSelection {
  readonly serviceName: string;
  readonly instances: readonly string[];
  readonly byInstance: boolean;
}

const hasValue = (points: ReadonlyArray<readonly [number, number | null]>) =>
  points.some(([, v]) => v !== null);

function useSelectionQuery(selection: PanelSelection) {
  const { range, rangeKey, refreshKey } = useDashboard();
  const query = {
    from: range.from,
    to: range.to,
    service_name: selection.serviceName,
    instances: selection.instances,
  };
  const deps = [
    rangeKey,
    selection.serviceName,
    selection.instances.join('\u0000'),
    selection.byInstance,
  ];
  return { query, deps, refreshKey };
}

function MetricLinesPanel({
  panel,
  selection,
}: {
  panel: PanelDefinition;
  selection: PanelSelection;
}) {
  const { api } = useDashboard();
  const { query, deps, refreshKey } = useSelectionQuery(selection);
  const state = useRefreshingFetch(
    (signal) =>
      api.metricPanel(
        panel.id as MetricPanelId,
        { ...query, by_instance: selection.byInstance },
        signal
      ),
    deps,
    refreshKey
  );
  const toLines = (data: MetricPanelResponse): ChartLine[] =>
    data.lines.map((line) => {
      const series = panel.series.find((s) => s.metric === line.metric);
      const label = series?.label ?? line.metric;
      return {
        id: `${line.metric}:${line.instance ?? ''}:${line.source ?? ''}`,
        name: withSource(
          line.instance === undefined ? label : `${label} · ${line.instance}`,
          line.source
        ),
        points: line.points,
        axis: series?.axis ?? panel.axes[0]!.id,
      };
    });
  return (
    <PanelFrame
      panel={panel}
      state={state}
      isEmpty={(data) => !data.lines.some((l) => hasValue(l.points))}
      instancesOf={(data) => data.instances}
      remarksOf={(data) => data}
    >
      {(data) => (
        <TimeSeriesChart
          chartId={panel.id}
          axes={panel.axes}
          lines={toLines(data)}
          bucketMs={data.bucket_ms}
        />
      )}
    </PanelFrame>
  );
}

function GcPausesPanel({
  panel,
  selection,
}: {
  panel: PanelDefinition;
  selection: PanelSelection;
}) {
  const { api } = useDashboard();
  const { query, deps, refreshKey } = useSelectionQuery(selection);
  const state = useRefreshingFetch(
    (signal) => api.gcPauses({ ...query, by_instance: selection.byInstance }, signal),
    deps,
    refreshKey
  );
  return (
    <PanelFrame
      panel={panel}
      state={state}
      isEmpty={(data) =>
        !data.lines.some((l) => l.buckets.some((b) => b.pauses > 0)) &&
        !(data.pause_time ?? []).some((l) => hasValue(l.points))
      }
      instancesOf={(data) => data.instances}
      remarksOf={(data) => data}
    >
      {(data) => {
        const lines: ChartLine[] = data.lines.flatMap((line) =>
          panel.series.map((series) => ({
            id: `${series.metric}:${line.instance ?? ''}:${line.source ?? ''}`,
            name: withSource(
              line.instance === undefined ? series.label : `${series.label} · ${line.instance}`,
              line.source
            ),
            points: line.buckets.map((b): [number, number | null] => [
              b.at,
              b[series.metric as 'p50'] ?? null,
            ]),
            axis: series.axis ?? panel.axes[0]!.id,
            // The pause count: bars, under the duration lines (its axis has headroom).
            ...(series.metric === 'pauses' ? { bars: true } : {}),
          }))
        );
        // Sources without per-GC pauses: the pause time per second from their cumulative total.
        for (const line of data.pause_time ?? [])
          lines.push({
            id: `pause_time:${line.instance ?? ''}:${line.source ?? ''}`,
            name: withSource(
              line.instance === undefined
                ? PAUSE_TIME_LABEL
                : `${PAUSE_TIME_LABEL} · ${line.instance}`,
              line.source
            ),
            points: line.points,
            axis: panel.axes[0]!.id,
          });
        const missed = new Map<number, number>();
        for (const line of data.lines)
          for (const b of line.buckets)
            if (b.missed > 0) missed.set(b.at, (missed.get(b.at) ?? 0) + b.missed);
        const marks = [...missed].map(([at, count]) => ({
          at,
          details: i18n.translate('goRuntime.panels.gcPauses.missed', {
            defaultMessage:
              '{count} GC pauses missed: they left the 256-entry ring before a scrape read them',
            values: { count },
          }),
        }));
        return (
          <TimeSeriesChart
            chartId={panel.id}
            axes={panel.axes}
            lines={lines}
            bucketMs={data.bucket_ms}
            marks={marks}
          />
        );
      }}
    </PanelFrame>
  );
}

const PAUSE_TIME_LABEL = i18n.translate('goRuntime.panels.gcPauses.pauseTime', {
  defaultMessage: 'GC pause time per second',
});

type HeatmapValue = 'live' | 'allocation_rate';

const SIZE_CLASS_NAME = i18n.translate('goRuntime.panels.sizeClasses.sizeClass', {
  defaultMessage: 'Size class',
});
const TIME_NAME = i18n.translate('goRuntime.panels.sizeClasses.time', {
  defaultMessage: 'Time',
});
const sizeLabel = (size: number | string) => `${size} B`;

/**
 * The heatmap's tooltip: its own rows, since the axis leaves most classes unnamed, and the
 * time as the page writes an instant.
 */
const sizeClassTooltipBody =
  (dates: DateFormats) =>
  ({ items }: { items: TooltipValue[] }) =>
    (
      <TooltipTable
        items={items}
        columns={[
          { id: 'label', type: 'custom', cell: (item) => item.label },
          {
            id: 'value',
            type: 'custom',
            style: { textAlign: 'right' },
            cell: (item) =>
              item.label === SIZE_CLASS_NAME
                ? sizeLabel(item.value)
                : item.label === TIME_NAME
                ? dates.instant(Number(item.value))
                : item.formattedValue,
          },
        ]}
      />
    );

/** The heatmap's colour bands, as shares of the largest value. */
const HEATMAP_STEPS = [0, 0.01, 0.05, 0.15, 0.35, 0.65, 1.0001];
const HEATMAP_COLORS = ['#e6f1fa', '#bfdbf0', '#8cc0e5', '#54a3d8', '#2b7fc2', '#16579a'];
/** Room either side of the heatmap, so the first and last time labels are not cut. */
const HEATMAP_SIDE_MARGIN = 24;
/** Room above, so the smallest class's label is not cut at the top edge. */
const HEATMAP_TOP_MARGIN = 8;

function SizeClassesPanel({
  panel,
  selection,
}: {
  panel: PanelDefinition;
  selection: PanelSelection;
}) {
  const { api } = useDashboard();
  const baseTheme = useChartBaseTheme();
  const dates = useDateFormats();
  const { query, deps, refreshKey } = useSelectionQuery(selection);
  const [value, setValue] = useState<HeatmapValue>('live');
  const state = useRefreshingFetch((signal) => api.sizeClasses(query, signal), deps, refreshKey);
  const toolbar = (
    <EuiButtonGroup
      legend={panel.title}
      buttonSize="compressed"
      idSelected={value}
      onChange={(id) => setValue(id as HeatmapValue)}
      options={panel.series.map((s) => ({
        id: s.metric,
        label: s.label,
        'data-test-subj': `goRuntimeSizeClassValue-${s.metric}`,
      }))}
    />
  );
  return (
    <PanelFrame
      panel={panel}
      state={state}
      isEmpty={(data) => data.buckets.length === 0}
      instancesOf={(data) => data.instances}
      toolbar={toolbar}
      bodyHeight={HEATMAP_HEIGHT}
    >
      {(data) => {
        const cells = data.buckets
          .flatMap((bucket) =>
            Object.entries(bucket.classes).map(([size, cell]) => ({
              at: bucket.at,
              size: Number(size),
              value: cell[value],
            }))
          )
          .filter((cell) => cell.value !== null) as Array<{
          at: number;
          size: number;
          value: number;
        }>;
        const max = Math.max(1, ...cells.map((c) => c.value));
        const named = sizeClassAxisLabels(
          cells.map((c) => c.size),
          SIZE_CLASS_MAX_LABELS
        );
        const unit: MeasureUnit = value === 'live' ? 'count' : 'per_second';
        const format = (v: number) => formatMeasure(v, unit, { compact: true });
        return (
          <Chart size={{ height: HEATMAP_HEIGHT }}>
            <Settings
              baseTheme={baseTheme}
              debugState={chartDebugState()}
              theme={{
                chartMargins: {
                  top: HEATMAP_TOP_MARGIN,
                  left: HEATMAP_SIDE_MARGIN,
                  right: HEATMAP_SIDE_MARGIN,
                },
              }}
              showLegend
              legendPosition={Position.Right}
            />
            <Tooltip body={sizeClassTooltipBody(dates)} />
            <Heatmap
              id={`${panel.id}-${value}`}
              name={panel.series.find((s) => s.metric === value)?.label ?? value}
              xAxisLabelName={TIME_NAME}
              yAxisLabelName={SIZE_CLASS_NAME}
              data={cells}
              xAccessor="at"
              yAccessor="size"
              valueAccessor="value"
              xScale={{
                type: ScaleType.Time,
                interval: { type: 'fixed', unit: 'ms', value: data.bucket_ms },
              }}
              ySortPredicate="numAsc"
              valueFormatter={format}
              yAxisLabelFormatter={(size) => (named.has(Number(size)) ? sizeLabel(size) : '')}
              xAxisLabelFormatter={(at) => dates.axis(data.bucket_ms)(Number(at))}
              colorScale={{
                type: 'bands',
                // Labelled for the colour legend: the range of values each colour stands for.
                bands: HEATMAP_COLORS.map((color, i) => {
                  const start = HEATMAP_STEPS[i]! * max;
                  const end = HEATMAP_STEPS[i + 1]! * max;
                  return {
                    start,
                    end,
                    color,
                    label:
                      i === HEATMAP_COLORS.length - 1
                        ? `≥ ${format(start)}`
                        : `${format(start)} – ${format(end)}`,
                  };
                }),
              }}
            />
          </Chart>
        );
      }}
    </PanelFrame>
  );
}

function CustomVarsPanel({
  panel,
  selection,
}: {
  panel: PanelDefinition;
  selection: PanelSelection;
}) {
  const { api, restarts } = useDashboard();
  const { query, deps, refreshKey } = useSelectionQuery(selection);
  const [chosen, setChosen] = useState<string[] | undefined>(undefined);
  const state = useRefreshingFetch(
    (signal) =>
      api.customVars({ ...query, ...(chosen === undefined ? {} : { vars: chosen }) }, signal),
    [...deps, (chosen ?? []).join('\u0000')],
    refreshKey
  );
  const available = state.data?.available ?? [];
  const selected = chosen ?? [...new Set((state.data?.lines ?? []).map((l) => l.name))];
  const toolbar = (
    <EuiComboBox
      compressed
      aria-label={i18n.translate('goRuntime.panels.customVars.pick', {
        defaultMessage: 'Custom vars to chart',
      })}
      placeholder={i18n.translate('goRuntime.panels.customVars.pick', {
        defaultMessage: 'Custom vars to chart',
      })}
      options={available.map((v) => ({ label: v.name }))}
      selectedOptions={selected.map((name) => ({ label: name }))}
      onChange={(options) => setChosen(options.map((o) => o.label).slice(0, 10))}
      style={{ minWidth: 280 }}
      data-test-subj="goRuntimeCustomVarsPicker"
    />
  );
  const isEmpty = (data: CustomVarsResponse) =>
    data.available.length === 0 && data.labels.length === 0;
  return (
    <PanelFrame
      panel={panel}
      state={state}
      isEmpty={isEmpty}
      instancesOf={(data) => data.instances}
      toolbar={toolbar}
    >
      {(data) => (
        <>
          {data.lines.length > 0 && (
            <TimeSeriesChart
              chartId={panel.id}
              bucketMs={data.bucket_ms}
              {...customVarChart(data, (instance) =>
                restarts.filter((r) => r.instance === instance).map((r) => r.at)
              )}
            />
          )}
          {data.labels.length > 0 && (
            <>
              <EuiSpacer size="s" />
              <EuiBasicTable
                tableCaption={i18n.translate('goRuntime.panels.customVars.labels', {
                  defaultMessage: 'Latest string and boolean vars',
                })}
                items={data.labels.flatMap((row) =>
                  Object.entries(row.values).map(([name, v]) => ({
                    key: `${row.instance}${name}`,
                    instance: row.instance,
                    name,
                    value: v,
                  }))
                )}
                columns={[
                  {
                    field: 'instance',
                    name: i18n.translate('goRuntime.panels.customVars.instance', {
                      defaultMessage: 'Instance',
                    }),
                  },
                  {
                    field: 'name',
                    name: i18n.translate('goRuntime.panels.customVars.name', {
                      defaultMessage: 'Var',
                    }),
                  },
                  {
                    field: 'value',
                    name: i18n.translate('goRuntime.panels.customVars.value', {
                      defaultMessage: 'Latest value',
                    }),
                  },
                ]}
                data-test-subj="goRuntimeCustomVarsLabels"
              />
            </>
          )}
        </>
      )}
    </PanelFrame>
  );
}

const CUSTOM_AXIS_TITLES: Partial<Record<MeasureUnit, string>> = {
  count: i18n.translate('goRuntime.panels.customVars.valueAxis', { defaultMessage: 'Value' }),
  bytes: i18n.translate('goRuntime.panels.customVars.bytesAxis', { defaultMessage: 'Bytes' }),
  per_second: i18n.translate('goRuntime.panels.customVars.rateAxis', {
    defaultMessage: 'Rate per second',
  }),
  bytes_per_second: i18n.translate('goRuntime.panels.customVars.bytesRateAxis', {
    defaultMessage: 'Bytes per second',
  }),
};

/**
 * Custom vars as lines: counters as rates per second, one axis per unit (left, right, then
 * left again), so a counter and a size never share a scale.
 */
function customVarChart(
  data: CustomVarsResponse,
  restartsOf: (instance: string) => readonly number[]
): { axes: ChartAxis[]; lines: ChartLine[] } {
  const axes: ChartAxis[] = [];
  const lines: ChartLine[] = [];
  for (const name of [...new Set(data.lines.map((line) => line.name))]) {
    const ofVar = data.lines.filter((line) => line.name === name);
    const kind = classifyCustomVar(name, ofVar, restartsOf, data.bucket_ms);
    if (!axes.some((axis) => axis.id === kind.unit))
      axes.push({
        id: kind.unit,
        unit: kind.unit,
        title: CUSTOM_AXIS_TITLES[kind.unit] ?? kind.unit,
        position: axes.length % 2 === 0 ? 'left' : 'right',
      });
    const label = kind.counter
      ? i18n.translate('goRuntime.panels.customVars.rateOf', {
          defaultMessage: '{name} per second',
          values: { name },
        })
      : name;
    for (const line of ofVar)
      lines.push({
        id: `${line.name}:${line.instance}`,
        name: `${label} · ${line.instance}`,
        points: kind.counter ? counterRates(line.points) : line.points,
        axis: kind.unit,
      });
  }
  return { axes, lines };
}

/** A declared panel, drawn by the chart its kind names. */
export function PanelView({
  panel,
  selection,
}: {
  panel: PanelDefinition;
  selection: PanelSelection;
}) {
  switch (panel.chart) {
    case 'lines':
      return <MetricLinesPanel panel={panel} selection={selection} />;
    case 'gc_pauses':
      return <GcPausesPanel panel={panel} selection={selection} />;
    case 'heatmap':
      return <SizeClassesPanel panel={panel} selection={selection} />;
    case 'custom_vars':
      return <CustomVarsPanel panel={panel} selection={selection} />;
  }
}
