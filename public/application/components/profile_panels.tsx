import { useMemo, useRef, useState } from 'react';
import { Chart, Flame, Settings } from '@elastic/charts';
import {
  EuiBasicTable,
  EuiButtonGroup,
  EuiSpacer,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import { formatMeasure, type MeasureUnit } from '../../../common/format_measure';
import type {
  FoundHeapProfile,
  GoroutineGroupRow,
  GoroutinesResponse,
  GrowthRow,
  HeapProfileResponse,
} from '../../../common/profile_pages';
import { HEAP_SAMPLE_TYPES, type HeapSampleType } from '../../../common/profiles';
import { chartDebugState, useChartBaseTheme } from '../charts/chart_theme';
import { flameColumns, flameSearch } from '../charts/flame_columns';
import { TimeSeriesChart } from '../charts/time_series_chart';
import { useDateFormats } from '../charts/use_date_formats';
import { useDashboard } from '../dashboard_context';
import { useRefreshingFetch } from '../hooks/use_refreshing_fetch';
import { PanelFrame } from './panel_frame';

/** Tall enough for a Go heap's usual depth at the chart's 16 px rows, with its search bar. */
export const FLAME_HEIGHT = 420;

const HEAP_PROFILE_PANEL = {
  id: 'heap_profile',
  title: i18n.translate('goRuntime.profiles.heap.title', { defaultMessage: 'Heap profile' }),
  info: i18n.translate('goRuntime.profiles.heap.info', {
    defaultMessage:
      "The last heap profile read in the range (Go's /debug/pprof/heap, sampled by the runtime): the heaviest stacks as a flame graph, per sample type. What grew compares it with the first profile of the same instance in the range: functions by the growth of the bytes they allocated and still hold.",
  }),
};

// Not `goroutines`: that is the dashboard's panel of the APM Go agent's goroutine count.
const GOROUTINES_PANEL = {
  id: 'goroutine_profile',
  title: i18n.translate('goRuntime.profiles.goroutines.title', { defaultMessage: 'Goroutines' }),
  info: i18n.translate('goRuntime.profiles.goroutines.info', {
    defaultMessage:
      'The goroutine count of each read of /debug/pprof/goroutine, and the largest groups of goroutines with the same stack in the last read, with their growth since the first read of the same instance in the range.',
  }),
};

const NO_PROFILES = i18n.translate('goRuntime.profiles.none', {
  defaultMessage:
    "No profiles in this time range. The target may not serve /debug/pprof/ (import net/http/pprof), or its profiles are turned off or not read yet; see the target's health.",
});

const SAMPLE_TYPE_LABELS: Record<HeapSampleType, string> = {
  alloc_objects: i18n.translate('goRuntime.profiles.heap.allocObjects', {
    defaultMessage: 'Allocated objects',
  }),
  alloc_space: i18n.translate('goRuntime.profiles.heap.allocSpace', {
    defaultMessage: 'Allocated bytes',
  }),
  inuse_objects: i18n.translate('goRuntime.profiles.heap.inuseObjects', {
    defaultMessage: 'In-use objects',
  }),
  inuse_space: i18n.translate('goRuntime.profiles.heap.inuseSpace', {
    defaultMessage: 'In-use bytes',
  }),
};

const unitOf = (type: HeapSampleType): MeasureUnit => (type.endsWith('_space') ? 'bytes' : 'count');
const signed = (value: number, unit: MeasureUnit) =>
  `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatMeasure(Math.abs(value), unit)}`;

/** Which profiles a page shows: one service's, or one instance's. */
export interface ProfileSelection {
  readonly serviceName: string;
  readonly instance?: string;
}

function useProfileQuery(selection: ProfileSelection) {
  const { range, rangeKey, refreshKey } = useDashboard();
  return {
    query: {
      from: range.from,
      to: range.to,
      service_name: selection.serviceName,
      ...(selection.instance === undefined ? {} : { instance: selection.instance }),
    },
    deps: [rangeKey, selection.serviceName, selection.instance],
    refreshKey,
  };
}

export function HeapProfilePanel({ selection }: { selection: ProfileSelection }) {
  const { api } = useDashboard();
  const { query, deps, refreshKey } = useProfileQuery(selection);
  const state = useRefreshingFetch((signal) => api.heapProfile(query, signal), deps, refreshKey);
  const [type, setType] = useState<HeapSampleType>('inuse_space');
  const toolbar = (
    <EuiButtonGroup
      legend={i18n.translate('goRuntime.profiles.heap.sampleType', {
        defaultMessage: 'Sample type',
      })}
      buttonSize="compressed"
      idSelected={type}
      onChange={(id) => setType(id as HeapSampleType)}
      options={HEAP_SAMPLE_TYPES.map((id) => ({
        id,
        label: SAMPLE_TYPE_LABELS[id],
        'data-test-subj': `goRuntimeHeapSampleType-${id}`,
      }))}
    />
  );
  return (
    <PanelFrame
      panel={HEAP_PROFILE_PANEL}
      state={state}
      isEmpty={(data: HeapProfileResponse) => !data.found}
      toolbar={toolbar}
      bodyHeight={FLAME_HEIGHT}
      emptyMessage={NO_PROFILES}
    >
      {(data) => (data.found ? <HeapProfileBody data={data} type={type} /> : null)}
    </PanelFrame>
  );
}

function HeapProfileBody({ data, type }: { data: FoundHeapProfile; type: HeapSampleType }) {
  const dates = useDateFormats();
  const unit = unitOf(type);
  const figures = data.sample_types[type];
  return (
    <>
      <EuiText size="xs" color="subdued" data-test-subj="goRuntimeHeapProfileAbout">
        <p>
          {i18n.translate('goRuntime.profiles.heap.about', {
            defaultMessage:
              'Profile of {instance} at {at}: {total} {type} ({count, plural, one {the only profile} other {last of # profiles}} in the range).',
            values: {
              instance: data.instance,
              at: dates.instant(data.at),
              total: formatMeasure(figures.total, unit),
              type: SAMPLE_TYPE_LABELS[type].toLowerCase(),
              count: data.profiles_in_range,
            },
          })}
          {figures.stacks_cut > 0 &&
            ` ${i18n.translate('goRuntime.profiles.heap.cut', {
              defaultMessage:
                'The flame graph shows the heaviest stacks; {stacks} lighter stacks ({value}) were left out when the profile was stored.',
              values: { stacks: figures.stacks_cut, value: formatMeasure(figures.value_cut, unit) },
            })}`}
        </p>
      </EuiText>
      <EuiSpacer size="s" />
      <HeapFlameGraph profile={data} type={type} />
      <EuiSpacer size="m" />
      <WhatGrewTable data={data} />
    </>
  );
}

export function HeapFlameGraph({
  profile,
  type,
  height = FLAME_HEIGHT,
}: {
  profile: Pick<FoundHeapProfile, 'functions' | 'stacks'>;
  type: HeapSampleType;
  height?: number;
}) {
  const baseTheme = useChartBaseTheme();
  const [search, setSearch] = useState('');
  const unit = unitOf(type);
  const flame = useMemo(
    () =>
      flameColumns(
        profile,
        HEAP_SAMPLE_TYPES.indexOf(type),
        i18n.translate('goRuntime.profiles.heap.root', {
          defaultMessage: 'all ({type})',
          values: { type: SAMPLE_TYPE_LABELS[type].toLowerCase() },
        })
      ),
    [profile, type]
  );
  const found = useMemo(() => flameSearch(flame.columns, search), [flame, search]);
  // The Flame chart reports each frame it draws; its echChartStatus goes back to "not rendered"
  // when the panel's width changes and stays there, so the frames drawn are counted here, on
  // the element (not in state: a render per frame would draw again, without end).
  const drawn = useRef<HTMLDivElement>(null);
  const onRenderChange = (rendered: boolean) => {
    const element = drawn.current;
    if (rendered && element !== null)
      element.dataset.flameDrawn = String(Number(element.dataset.flameDrawn ?? 0) + 1);
  };
  // Nothing of this type (e.g. no objects in use): the root alone is no graph, and the chart
  // reads its row height from the first two nodes.
  if (flame.nodes < 2)
    return (
      <EuiText size="s" color="subdued" textAlign="center" data-test-subj="goRuntimeFlameEmpty">
        <p>
          {i18n.translate('goRuntime.profiles.heap.flameEmpty', {
            defaultMessage: 'This profile holds no {type}: there is no flame graph to draw.',
            values: { type: SAMPLE_TYPE_LABELS[type].toLowerCase() },
          })}
        </p>
      </EuiText>
    );
  return (
    <div ref={drawn} data-test-subj="goRuntimeFlameGraph" data-flame-nodes={flame.nodes}>
      <Chart size={{ height }}>
        <Settings
          baseTheme={baseTheme}
          debugState={chartDebugState()}
          onRenderChange={onRenderChange}
        />
        <Flame
          // A new id per sample type: the chart keeps its zoom and focus per spec.
          id={`heap-flame-${type}`}
          columnarData={flame.columns}
          valueAccessor={(d: { value: number }) => d.value}
          valueFormatter={(value: number) => formatMeasure(value, unit)}
          valueGetter={(index: number) => flame.columns.value[index] ?? 0}
          animation={{ duration: 0 }}
          controlProviderCallback={{}}
          onSearchTextChange={setSearch}
        />
      </Chart>
      {search.trim() !== '' && (
        <EuiText size="xs" data-test-subj="goRuntimeFlameSearchResult">
          <p>
            {found.frames === 0
              ? i18n.translate('goRuntime.profiles.heap.searchNone', {
                  defaultMessage: 'No function in this flame graph matches "{text}".',
                  values: { text: search.trim() },
                })
              : i18n.translate('goRuntime.profiles.heap.searchFound', {
                  defaultMessage:
                    'Found {functions} in {frames, plural, one {# frame} other {# frames}}; the widest holds {value}.',
                  values: {
                    functions: found.functions.join(', '),
                    frames: found.frames,
                    value: formatMeasure(found.widest, unit),
                  },
                })}
          </p>
        </EuiText>
      )}
    </div>
  );
}

function WhatGrewTable({ data }: { data: FoundHeapProfile }) {
  const dates = useDateFormats();
  const grew = data.what_grew;
  if (grew === null)
    return (
      <EuiText size="s" color="subdued" data-test-subj="goRuntimeWhatGrewOneProfile">
        <p>
          {i18n.translate('goRuntime.profiles.whatGrew.oneProfile', {
            defaultMessage:
              'What grew compares two heap profiles of one instance: this range holds one. Widen the range.',
          })}
        </p>
      </EuiText>
    );
  const columns: Array<EuiBasicTableColumn<GrowthRow>> = [
    {
      field: 'function',
      name: i18n.translate('goRuntime.profiles.whatGrew.function', {
        defaultMessage: 'Function',
      }),
      render: (name: string, row: GrowthRow) => (
        <span data-test-subj="goRuntimeWhatGrewFunction">
          <strong>{name}</strong>
          {row.file !== '' && (
            <EuiText size="xs" color="subdued">
              {`${row.file}:${row.line}`}
            </EuiText>
          )}
        </span>
      ),
    },
    {
      field: 'inuse_space_growth',
      name: i18n.translate('goRuntime.profiles.whatGrew.bytes', {
        defaultMessage: 'In-use bytes growth',
      }),
      align: 'right',
      render: (value: number) => signed(value, 'bytes'),
    },
    {
      field: 'inuse_objects_growth',
      name: i18n.translate('goRuntime.profiles.whatGrew.objects', {
        defaultMessage: 'In-use objects growth',
      }),
      align: 'right',
      render: (value: number) => signed(value, 'count'),
    },
    {
      field: 'inuse_space_last',
      name: i18n.translate('goRuntime.profiles.whatGrew.now', {
        defaultMessage: 'In use at the end',
      }),
      align: 'right',
      render: (value: number, row: GrowthRow) =>
        row.listed_in_first
          ? formatMeasure(value, 'bytes')
          : i18n.translate('goRuntime.profiles.whatGrew.new', {
              defaultMessage: "{value} (not in the first profile's top list)",
              values: { value: formatMeasure(value, 'bytes') },
            }),
    },
  ];
  return (
    <EuiBasicTable
      tableCaption={i18n.translate('goRuntime.profiles.whatGrew.caption', {
        defaultMessage: 'What grew in {instance} between {first} and {last}',
        values: {
          instance: data.instance,
          first: dates.instant(grew.first_at),
          last: dates.instant(data.at),
        },
      })}
      items={grew.rows}
      rowProps={(row: GrowthRow) => ({ 'data-test-subj': `goRuntimeWhatGrewRow-${row.function}` })}
      columns={columns}
      noItemsMessage={i18n.translate('goRuntime.profiles.whatGrew.nothing', {
        defaultMessage: 'Nothing grew between the first and the last profile of the range.',
      })}
      data-test-subj="goRuntimeWhatGrew"
    />
  );
}

export function GoroutinesPanel({ selection }: { selection: ProfileSelection }) {
  const { api } = useDashboard();
  const dates = useDateFormats();
  const { query, deps, refreshKey } = useProfileQuery(selection);
  const state = useRefreshingFetch((signal) => api.goroutines(query, signal), deps, refreshKey);
  const columns: Array<EuiBasicTableColumn<GoroutineGroupRow>> = [
    {
      field: 'function',
      name: i18n.translate('goRuntime.profiles.goroutines.function', {
        defaultMessage: 'Function',
      }),
      render: (name: string, row: GoroutineGroupRow) => (
        <span>
          <strong>
            {name !== ''
              ? name
              : row.top_frame !== ''
              ? row.top_frame
              : i18n.translate('goRuntime.profiles.goroutines.noFrames', {
                  defaultMessage: '(no frames in the dump)',
                })}
          </strong>
          <EuiText size="xs" color="subdued">
            {row.file === '' ? row.top_frame : `${row.file}:${row.line} · ${row.top_frame}`}
          </EuiText>
        </span>
      ),
    },
    {
      field: 'count',
      name: i18n.translate('goRuntime.profiles.goroutines.count', {
        defaultMessage: 'Goroutines',
      }),
      align: 'right',
      render: (value: number) => formatMeasure(value, 'count'),
    },
    {
      field: 'growth',
      name: i18n.translate('goRuntime.profiles.goroutines.growth', { defaultMessage: 'Growth' }),
      align: 'right',
      render: (value: number) => signed(value, 'count'),
    },
  ];
  return (
    <PanelFrame
      panel={GOROUTINES_PANEL}
      state={state}
      isEmpty={(data: GoroutinesResponse) =>
        data.last === null && !data.lines.some((line) => line.points.some(([, v]) => v !== null))
      }
      emptyMessage={NO_PROFILES}
    >
      {(data) => (
        <>
          <TimeSeriesChart
            chartId="goroutines"
            axes={[
              {
                id: 'count',
                unit: 'count',
                title: GOROUTINES_PANEL.title,
                position: 'left',
              },
            ]}
            lines={data.lines.map((line) => ({
              id: line.instance,
              name: line.instance,
              points: line.points,
              axis: 'count',
            }))}
            bucketMs={data.bucket_ms}
          />
          {data.instances_limited && (
            <EuiText size="xs" color="subdued">
              <p>
                {i18n.translate('goRuntime.profiles.goroutines.limited', {
                  defaultMessage: 'Showing the first {shown} instances; select one to see others.',
                  values: { shown: data.lines.length },
                })}
              </p>
            </EuiText>
          )}
          {data.last !== null && (
            <>
              <EuiSpacer size="s" />
              <EuiBasicTable
                tableCaption={i18n.translate('goRuntime.profiles.goroutines.caption', {
                  defaultMessage:
                    'Largest stack groups of {instance} at {at} ({total} goroutines), growth since {first}',
                  values: {
                    instance: data.last.instance,
                    at: dates.instant(data.last.at),
                    total: data.last.total,
                    first: dates.instant(data.last.first_at),
                  },
                })}
                items={data.last.groups}
                columns={columns}
                data-test-subj="goRuntimeGoroutineGroups"
              />
            </>
          )}
        </>
      )}
    </PanelFrame>
  );
}

/** Both profile panels, under the runtime panels of a service or instance page. */
export function ProfilePanels({ selection }: { selection: ProfileSelection }) {
  return (
    <>
      <HeapProfilePanel selection={selection} />
      <EuiSpacer size="m" />
      <GoroutinesPanel selection={selection} />
    </>
  );
}
