import { AreaSeries, Chart, ScaleType, Settings } from '@elastic/charts';
import {
  EuiCallOut,
  EuiInMemoryTable,
  EuiLink,
  EuiSpacer,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { useHistory } from 'react-router-dom';
import type { ServiceSummary } from '../../../common/panels';
import type { DashboardApi } from '../api/dashboard_api';
import { useChartBaseTheme } from '../charts/chart_theme';
import { formatMeasure } from '../../../common/format_measure';
import { PublishExpvarPrompt } from '../components/publish_expvar_prompt';
import { useRefreshingFetch } from '../hooks/use_refreshing_fetch';
import type { TimeRangeState } from '../routing/time_range';
import { servicePath, withRange } from '../routing/paths';

function Sparkline({ points }: { points: ServiceSummary['heap_sparkline'] }) {
  const baseTheme = useChartBaseTheme();
  return (
    <Chart size={{ height: 28, width: 120 }}>
      <Settings baseTheme={baseTheme} showLegend={false} />
      <AreaSeries
        id="heap"
        data={points as Array<[number, number | null]>}
        xAccessor={0}
        yAccessors={[1]}
        xScaleType={ScaleType.Time}
        yScaleType={ScaleType.Linear}
      />
    </Chart>
  );
}

function age(at: number | null): string {
  if (at === null) return '—';
  const seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
  if (seconds < 120)
    return i18n.translate('goRuntime.services.ageSeconds', {
      defaultMessage: '{n} s ago',
      values: { n: seconds },
    });
  if (seconds < 7200)
    return i18n.translate('goRuntime.services.ageMinutes', {
      defaultMessage: '{n} min ago',
      values: { n: Math.round(seconds / 60) },
    });
  return i18n.translate('goRuntime.services.ageHours', {
    defaultMessage: '{n} h ago',
    values: { n: Math.round(seconds / 3600) },
  });
}

const orDash = (value: number | null, format: (v: number) => string) =>
  value === null ? '—' : format(value);

/** One row per Go service in the range, each linking to its dashboard. */
export function ServicesPage({
  api,
  range,
  rangeKey,
  refreshKey,
  timeRange,
  canAddTarget,
  onAddTarget,
}: {
  api: DashboardApi;
  range: { from: string; to: string };
  rangeKey: string;
  refreshKey: number;
  timeRange: TimeRangeState;
  canAddTarget: boolean;
  onAddTarget: () => void;
}) {
  const history = useHistory();
  const services = useRefreshingFetch(
    (signal) => api.services(range, signal),
    [rangeKey],
    refreshKey
  );
  const link = (name: string) => ({ pathname: servicePath(name), search: withRange(timeRange) });
  const columns: Array<EuiBasicTableColumn<ServiceSummary>> = [
    {
      field: 'service_name',
      name: i18n.translate('goRuntime.services.name', { defaultMessage: 'Service' }),
      sortable: true,
      render: (name: string) => (
        <EuiLink
          href={history.createHref(link(name))}
          onClick={(event: React.MouseEvent) => {
            event.preventDefault();
            history.push(link(name));
          }}
          data-test-subj={`goRuntimeServiceLink-${name}`}
        >
          {name}
        </EuiLink>
      ),
    },
    {
      field: 'instances_seen',
      name: i18n.translate('goRuntime.services.instances', {
        defaultMessage: 'Instances (recent)',
      }),
      sortable: true,
      render: (seen: number, row) => `${seen} (${row.instances_recent})`,
    },
    {
      field: 'heap_in_use_bytes',
      name: i18n.translate('goRuntime.services.heapInUse', { defaultMessage: 'Heap in use' }),
      sortable: true,
      render: (value: number | null) => orDash(value, (v) => formatMeasure(v, 'bytes')),
    },
    {
      field: 'heap_sparkline',
      name: i18n.translate('goRuntime.services.heapTrend', {
        defaultMessage: 'Heap in use over the range',
      }),
      render: (points: ServiceSummary['heap_sparkline']) => <Sparkline points={points} />,
    },
    {
      field: 'gc_pause_p99_ns',
      name: i18n.translate('goRuntime.services.pauseP99', { defaultMessage: 'GC pause p99' }),
      sortable: true,
      render: (value: number | null) => orDash(value, (v) => formatMeasure(v, 'nanos')),
    },
    {
      field: 'gc_pause_max_ns',
      name: i18n.translate('goRuntime.services.pauseMax', { defaultMessage: 'GC pause max' }),
      sortable: true,
      render: (value: number | null) => orDash(value, (v) => formatMeasure(v, 'nanos')),
    },
    {
      field: 'gc_cycles_per_minute',
      name: i18n.translate('goRuntime.services.cycles', { defaultMessage: 'GC cycles/min' }),
      sortable: true,
      render: (value: number | null) => orDash(value, (v) => v.toFixed(1)),
    },
    {
      field: 'restarts',
      name: i18n.translate('goRuntime.services.restarts', { defaultMessage: 'Restarts' }),
      sortable: true,
    },
    {
      field: 'last_sample_at',
      name: i18n.translate('goRuntime.services.lastSample', { defaultMessage: 'Last sample' }),
      sortable: true,
      render: (at: number | null) => age(at),
    },
  ];

  if (services.data !== undefined && services.data.services.length === 0) {
    return (
      <PublishExpvarPrompt
        title={i18n.translate('goRuntime.services.emptyTitle', {
          defaultMessage: 'No Go service reported in this time range',
        })}
        canAddTarget={canAddTarget}
        onAddTarget={onAddTarget}
      />
    );
  }
  return (
    <>
      {services.status === 'error' && (
        <EuiCallOut
          color="danger"
          iconType="error"
          title={i18n.translate('goRuntime.services.error', {
            defaultMessage: 'Could not load the services',
          })}
          data-test-subj="goRuntimeServicesError"
        >
          {services.error.message}
        </EuiCallOut>
      )}
      {services.data?.limited === true && (
        <EuiText size="xs" color="subdued">
          <p>
            {i18n.translate('goRuntime.services.limited', {
              defaultMessage: 'Only the first 200 services by name are listed.',
            })}
          </p>
        </EuiText>
      )}
      <EuiSpacer size="s" />
      <EuiInMemoryTable
        tableCaption={i18n.translate('goRuntime.services.caption', {
          defaultMessage: 'Go services',
        })}
        items={services.data?.services ?? []}
        itemId="service_name"
        columns={columns}
        loading={services.status === 'loading'}
        search={{
          box: {
            incremental: true,
            placeholder: i18n.translate('goRuntime.services.search', {
              defaultMessage: 'Search services',
            }),
          },
        }}
        sorting={{ sort: { field: 'service_name', direction: 'asc' } }}
        pagination={{ initialPageSize: 20, pageSizeOptions: [10, 20, 50] }}
        data-test-subj="goRuntimeServicesTable"
      />
    </>
  );
}
