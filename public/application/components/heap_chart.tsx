import { Axis, Chart, LineSeries, Position, ScaleType, Settings, niceTimeFormatter } from '@elastic/charts';
import { EuiPanel, EuiTitle, EuiSpacer, useEuiTheme } from '@elastic/eui';
import { LIGHT_THEME, DARK_THEME } from '@elastic/charts';
import { i18n } from '@kbn/i18n';
import type { HeapField } from '../../../common/heap_fields';
import type { HeapSeries } from '../../../common/heap_series';
import { formatValue } from '../format_value';

/** One service: a line per instance, values in the field's own unit. */
export function HeapChart({ serviceName, series, field }: { serviceName: string; series: HeapSeries[]; field: HeapField }) {
  const { colorMode } = useEuiTheme();
  const times = series.flatMap((line) => line.points.map(([time]) => time));
  const timeFormatter = niceTimeFormatter([Math.min(...times), Math.max(...times)]);
  const pointCount = series.reduce((sum, line) => sum + line.points.filter(([, value]) => value !== null).length, 0);
  const label = i18n.translate(`goRuntime.fields.${field.name}`, { defaultMessage: field.label });

  return (
    <EuiPanel hasBorder data-test-subj={`goRuntimeHeapChart-${serviceName}`} data-point-count={pointCount}>
      <EuiTitle size="xs">
        <h3>
          {i18n.translate('goRuntime.heapChart.title', {
            defaultMessage: '{service}: {label}',
            values: { service: serviceName, label },
          })}
        </h3>
      </EuiTitle>
      <EuiSpacer size="s" />
      <Chart size={{ height: 260 }}>
        <Settings showLegend legendPosition={Position.Bottom} baseTheme={colorMode === 'DARK' ? DARK_THEME : LIGHT_THEME} />
        <Axis id="time" position={Position.Bottom} tickFormat={timeFormatter} showOverlappingTicks={false} />
        <Axis id="value" position={Position.Left} tickFormat={(value: number) => formatValue(value, field.unit)} ticks={5} />
        {series.map((line) => (
          <LineSeries
            key={line.service_node_name}
            id={line.service_node_name}
            name={line.service_node_name}
            data={line.points}
            xAccessor={0}
            yAccessors={[1]}
            xScaleType={ScaleType.Time}
            yScaleType={ScaleType.Linear}
          />
        ))}
      </Chart>
    </EuiPanel>
  );
}
