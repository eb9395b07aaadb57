import { useEffect, useMemo, useState } from 'react';
import { AreaSeries, Chart, ScaleType, Settings } from '@elastic/charts';
import {
  EuiCallOut,
  EuiFieldSearch,
  EuiFilterButton,
  EuiFilterGroup,
  EuiFlexGroup,
  EuiFlexItem,
  EuiInMemoryTable,
  EuiLink,
  EuiSpacer,
  EuiText,
  EuiToolTip,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { formatAge } from '../format_age';
import { useHistory } from 'react-router-dom';
import type { ServiceSummary } from '../../../common/panels';
import type { DashboardApi } from '../api/dashboard_api';
import { useChartBaseTheme } from '../charts/chart_theme';
import { formatMeasure } from '../../../common/format_measure';
import { NoServices } from '../components/no_services';
import { SourceBadges, SourceRemarksView, sourceName } from '../components/source_badges';
import { SOURCE_IDS, type SourceId } from '../../../common/sources';
import type { ListTargetsResponse } from '../../../common/targets';
import {
  ServiceHealthBadge,
  instanceCounts,
  instanceCountsExplained,
} from '../components/target_health_badge';
import type { ServiceState } from '../../../common/service_health';
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
  return at === null ? '—' : formatAge(Date.now() - at);
}

const orDash = (value: number | null, format: (v: number) => string) =>
  value === null ? '—' : format(value);

const NO_ROWS: ServiceSummary[] = [];

/** Worst first, when sorted ascending by health. */
const HEALTH_ORDER: Record<ServiceState, number> = { down: 0, degraded: 1, stale: 2, healthy: 3 };

/**
 * The heap in use, marked as a past value when no instance answers now: the number is the
 * last one seen, not the current one.
 */
function HeapInUse({ row }: { row: ServiceSummary }) {
  if (row.heap_in_use_bytes === null) return <>—</>;
  const value = formatMeasure(row.heap_in_use_bytes, 'bytes');
  if (row.health.up > 0) return <>{value}</>;
  const lastSeen = i18n.translate('goRuntime.services.heapLastSeen', {
    defaultMessage: 'last seen {age}',
    values: { age: age(row.last_sample_at) },
  });
  return (
    <EuiToolTip
      content={i18n.translate('goRuntime.services.heapNotCurrent', {
        defaultMessage: 'The last value collected: no instance of the service answers now.',
      })}
    >
      <EuiText size="s" color="subdued" tabIndex={0} data-test-subj="goRuntimeStaleHeap">
        {value}
        <br />
        <small>{lastSeen}</small>
      </EuiText>
    </EuiToolTip>
  );
}

/**
 * The rows as they were when the pointer came over the table: a refresh that lands while a
 * row is being pointed at (say just after pasting a search) would re-sort and re-page the
 * rows under the pointer, and the click would land on another row or none. The new rows show
 * as soon as the pointer leaves.
 */
function useRowsHeldWhilePointed<T>(rows: T | undefined) {
  const [pointed, setPointed] = useState(false);
  const [shown, setShown] = useState(rows);
  useEffect(() => {
    if (!pointed || shown === undefined) setShown(rows);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, pointed]);
  return {
    rows: shown,
    handlers: {
      onPointerEnter: () => setPointed(true),
      onPointerLeave: () => setPointed(false),
    },
  };
}

const REPORTING_EXPLAINED = i18n.translate('goRuntime.services.reportingExplained', {
  defaultMessage:
    'Instances of the APM Go agent, the Golang integration and Metricbeat are not scraped by this app: they count as up while their newest sample is at most three reporting periods and 15 s old, stale otherwise, and never as down.',
});

/**
 * A filter button per source the listed services have data in, with how many services have
 * it; pressing buttons keeps the services with data from any pressed source.
 */
function SourceFilter({
  rows,
  chosen,
  onChange,
}: {
  rows: readonly ServiceSummary[];
  chosen: readonly SourceId[];
  onChange: (chosen: readonly SourceId[]) => void;
}) {
  const present = SOURCE_IDS.filter(
    (source) => chosen.includes(source) || rows.some((row) => row.sources.includes(source))
  );
  if (present.length < 2 && chosen.length === 0) return null;
  return (
    <EuiFilterGroup
      aria-label={i18n.translate('goRuntime.services.sourceFilter', {
        defaultMessage: 'Filter by source',
      })}
      data-test-subj="goRuntimeSourceFilter"
    >
      {present.map((source) => {
        const on = chosen.includes(source);
        return (
          <EuiFilterButton
            key={source}
            withNext={source !== present[present.length - 1]}
            hasActiveFilters={on}
            isSelected={on}
            isToggle
            numFilters={rows.filter((row) => row.sources.includes(source)).length}
            onClick={() => onChange(on ? chosen.filter((s) => s !== source) : [...chosen, source])}
            data-test-subj={`goRuntimeSourceFilter-${source}`}
          >
            {sourceName(source)}
          </EuiFilterButton>
        );
      })}
    </EuiFilterGroup>
  );
}

/** One row per Go service in the range, each linking to its dashboard. */
export function ServicesPage({
  api,
  range,
  rangeKey,
  refreshKey,
  timeRange,
  canAddTarget,
  onAddTarget,
  onOpenTargets,
  listTargets,
  selectRange,
}: {
  api: DashboardApi;
  range: { from: string; to: string };
  rangeKey: string;
  refreshKey: number;
  timeRange: TimeRangeState;
  canAddTarget: boolean;
  onAddTarget: () => void;
  onOpenTargets: () => void;
  /** The targets, to tell "no target yet" from "nothing in this range" when no service is listed. */
  listTargets: (signal: AbortSignal, query: { per_page: number }) => Promise<ListTargetsResponse>;
  selectRange: (fromMs: number, toMs: number) => void;
}) {
  const history = useHistory();
  const services = useRefreshingFetch(
    (signal) => api.services(range, signal),
    [rangeKey],
    refreshKey
  );
  const held = useRowsHeldWhilePointed(services.data?.services);
  // Our own search field: EUI's incremental search box filters on key-up only, so a pasted
  // text filtered on the next blur, that is on the mousedown of the click meant for a row,
  // and the rows moved under the pointer before its mouseup.
  const [search, setSearch] = useState('');
  const [chosenSources, setChosenSources] = useState<readonly SourceId[]>([]);
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (held.rows ?? NO_ROWS).filter(
      (row) =>
        (needle === '' || row.service_name.toLowerCase().includes(needle)) &&
        (chosenSources.length === 0 || row.sources.some((s) => chosenSources.includes(s)))
    );
  }, [held.rows, search, chosenSources]);
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
      field: 'sources',
      name: i18n.translate('goRuntime.services.sources', { defaultMessage: 'Sources' }),
      render: (sources: ServiceSummary['sources'], row) => (
        <span data-test-subj={`goRuntimeServiceSources-${row.service_name}`}>
          <SourceBadges sources={sources} />
        </span>
      ),
    },
    {
      field: 'health',
      name: i18n.translate('goRuntime.services.health', { defaultMessage: 'Health' }),
      sortable: (row: ServiceSummary) => HEALTH_ORDER[row.health.state],
      render: (health: ServiceSummary['health']) => <ServiceHealthBadge health={health} />,
    },
    {
      field: 'instances_seen',
      name: i18n.translate('goRuntime.services.instances', { defaultMessage: 'Instances' }),
      sortable: true,
      render: (seen: number, row) => (
        <EuiToolTip
          content={`${i18n.translate('goRuntime.services.instancesSeen', {
            defaultMessage:
              '{seen, plural, one {# instance} other {# instances}} reported in the time range.',
            values: { seen },
          })} ${row.sources.includes('go_runtime') ? instanceCountsExplained(row.health) : ''}${
            row.sources.some((source) => source !== 'go_runtime') ? REPORTING_EXPLAINED : ''
          }`}
        >
          <span tabIndex={0} data-test-subj={`goRuntimeServiceInstances-${row.service_name}`}>
            {instanceCounts(row.health)}
          </span>
        </EuiToolTip>
      ),
    },
    {
      field: 'heap_in_use_bytes',
      name: i18n.translate('goRuntime.services.heapInUse', { defaultMessage: 'Heap in use' }),
      sortable: true,
      render: (_value: number | null, row) => <HeapInUse row={row} />,
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

  if (held.rows !== undefined && held.rows.length === 0)
    return (
      <NoServices
        listTargets={listTargets}
        canAddTarget={canAddTarget}
        onAddTarget={onAddTarget}
        onOpenTargets={onOpenTargets}
        selectRange={selectRange}
      />
    );
  // Until the first answer the table holds nothing because nothing is known yet, not because
  // there is nothing: it says so instead of EUI's "No items found".
  const noItemsMessage =
    services.data !== undefined
      ? chosenSources.length > 0
        ? i18n.translate('goRuntime.services.noSourceMatch', {
            defaultMessage: 'No service matches the search with data from {sources}',
            values: { sources: chosenSources.map(sourceName).join(', ') },
          })
        : i18n.translate('goRuntime.services.noMatch', {
            defaultMessage: 'No service matches the search',
          })
      : services.status === 'error'
      ? i18n.translate('goRuntime.services.notLoaded', {
          defaultMessage: 'The services could not be loaded',
        })
      : i18n.translate('goRuntime.services.loading', { defaultMessage: 'Loading services…' });
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
      {services.data !== undefined && <SourceRemarksView remarks={services.data} />}
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
      <div {...held.handlers}>
        <EuiFlexGroup gutterSize="s" responsive={false}>
          <EuiFlexItem>
            <EuiFieldSearch
              fullWidth
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={i18n.translate('goRuntime.services.search', {
                defaultMessage: 'Search services',
              })}
              data-test-subj="goRuntimeServicesSearch"
            />
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <SourceFilter
              rows={held.rows ?? NO_ROWS}
              chosen={chosenSources}
              onChange={setChosenSources}
            />
          </EuiFlexItem>
        </EuiFlexGroup>
        <EuiSpacer size="s" />
        <EuiInMemoryTable
          tableCaption={i18n.translate('goRuntime.services.caption', {
            defaultMessage: 'Go services',
          })}
          items={rows}
          itemId="service_name"
          columns={columns}
          loading={services.status === 'loading'}
          noItemsMessage={noItemsMessage}
          sorting={{ sort: { field: 'service_name', direction: 'asc' } }}
          pagination={{ initialPageSize: 20, pageSizeOptions: [10, 20, 50] }}
          data-test-subj="goRuntimeServicesTable"
        />
      </div>
    </>
  );
}
