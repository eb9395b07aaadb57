/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import type { InstanceLimit, SourceRemarks } from '../../../common/panels';
import { renderWithEui } from '../../../test/harness/render_eui';
import { DashboardProvider, type DashboardContextValue } from '../dashboard_context';
import { CHART_HEIGHT } from '../charts/chart_size';
import type { FetchState } from '../hooks/use_fetch';
import { heapPanel } from '../panels/heap';
import { PanelFrame } from './panel_frame';

interface Data extends SourceRemarks {
  readonly points: number[];
  readonly instances: InstanceLimit;
}

const ALL: InstanceLimit = { total: 2, shown: 2, limited: false };
const withPoints: Data = { points: [1, 2, 3], instances: ALL };
const noPoints: Data = { points: [], instances: ALL };

function renderFrame(state: FetchState<Data>, createRule?: DashboardContextValue['createRule']) {
  const value: Omit<DashboardContextValue, 'pointer'> = {
    api: {} as DashboardContextValue['api'],
    range: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T01:00:00.000Z' },
    rangeKey: 'range',
    refreshKey: 0,
    selectRange: jest.fn(),
    restarts: [],
    ...(createRule === undefined ? {} : { createRule }),
  };
  renderWithEui(
    <DashboardProvider value={value}>
      <PanelFrame
        panel={heapPanel}
        state={state}
        isEmpty={(data) => data.points.length === 0}
        instancesOf={(data) => data.instances}
        remarksOf={(data) => data}
      >
        {(data) => <div data-test-subj="chart">{data.points.join(',')}</div>}
      </PanelFrame>
    </DashboardProvider>
  );
  return screen.getByTestId('goRuntimePanel-heap');
}

const shown = (subj: string) => screen.queryByTestId(subj) !== null;

describe('PanelFrame', () => {
  it('first loading: a spinner, no chart', () => {
    const frame = renderFrame({ status: 'loading' });
    expect(frame).toHaveAttribute('data-panel-status', 'loading');
    expect(shown('goRuntimePanelLoading')).toBe(true);
    expect(shown('chart')).toBe(false);
    expect(shown('goRuntimePanelError')).toBe(false);
  });

  it('a refresh keeps the last chart on screen instead of a spinner', () => {
    const frame = renderFrame({ status: 'loading', data: withPoints });
    expect(frame).toHaveAttribute('data-panel-status', 'data');
    expect(screen.getByTestId('chart')).toHaveTextContent('1,2,3');
    expect(shown('goRuntimePanelLoading')).toBe(false);
  });

  it('a failed first load says so with the reason, and draws nothing', () => {
    const frame = renderFrame({ status: 'error', error: new Error('search_phase_execution') });
    expect(frame).toHaveAttribute('data-panel-status', 'error');
    expect(screen.getByTestId('goRuntimePanelError')).toHaveTextContent(
      'Could not load this panel'
    );
    expect(screen.getByTestId('goRuntimePanelError')).toHaveTextContent('search_phase_execution');
    expect(shown('goRuntimePanelLoading')).toBe(false);
    expect(shown('chart')).toBe(false);
  });

  it('a failed refresh says so above the last chart, which stays', () => {
    renderFrame({ status: 'error', error: new Error('timed out'), data: withPoints });
    expect(screen.getByTestId('goRuntimePanelError')).toHaveTextContent('timed out');
    expect(screen.getByTestId('chart')).toBeInTheDocument();
  });

  it('an answer without points says there is no data, and draws no chart', () => {
    const frame = renderFrame({ status: 'success', data: noPoints });
    expect(frame).toHaveAttribute('data-panel-status', 'empty');
    expect(screen.getByTestId('goRuntimePanelEmpty')).toHaveTextContent(
      'No data in this time range.'
    );
    expect(shown('chart')).toBe(false);
  });

  it('an answer with points draws the chart, and notes when the instances were limited', () => {
    renderFrame({
      status: 'success',
      data: { points: [4], instances: { total: 25, shown: 10, limited: true } },
    });
    expect(screen.getByTestId('chart')).toHaveTextContent('4');
    expect(shown('goRuntimePanelEmpty')).toBe(false);
    expect(screen.getByTestId('goRuntimePanelLimited')).toHaveTextContent(
      'Showing 10 of 25 instances one by one'
    );
  });

  it('no limit note when every instance is drawn', () => {
    renderFrame({ status: 'success', data: withPoints });
    expect(shown('goRuntimePanelLimited')).toBe(false);
  });

  it('offers a rule on the panel metric where rules can be created, and only there', async () => {
    const open = jest.fn();
    renderFrame({ status: 'success', data: withPoints }, { serviceName: 'orders', open });
    await userEvent
      .setup({ pointerEventsCheck: PointerEventsCheckLevel.Never })
      .click(screen.getByTestId('goRuntimePanelCreateRule-heap'));
    expect(open).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'orders Heap',
        params: expect.objectContaining({
          metric: 'golang.heap.allocations.active',
          serviceNames: ['orders'],
        }),
      })
    );
  });

  it('offers no rule where none can be created', () => {
    renderFrame({ status: 'success', data: withPoints });
    expect(shown('goRuntimePanelCreateRule-heap')).toBe(false);
  });

  // The panels under one must not move when its data arrives: loading, error and "no data"
  // take the chart's height.
  it.each([
    ['loading', { status: 'loading' } as FetchState<Data>],
    ['error', { status: 'error', error: new Error('boom') } as FetchState<Data>],
    ['empty', { status: 'success', data: noPoints } as FetchState<Data>],
  ])('reserves the chart height while %s', (_, state) => {
    renderFrame(state);
    expect(screen.getByTestId('goRuntimePanelPlaceholder')).toHaveStyle({
      minHeight: `${CHART_HEIGHT}px`,
    });
  });

  it('says which source failed and why, and keeps the lines the other sources drew', () => {
    renderFrame({
      status: 'success',
      data: {
        ...withPoints,
        problems: [{ source: 'metricbeat', message: 'Elasticsearch refused the search' }],
      },
    });
    expect(screen.getByTestId('goRuntimeSourceProblem-metricbeat')).toHaveTextContent(
      'Metricbeat: not shown'
    );
    expect(screen.getByTestId('goRuntimeSourceProblem-metricbeat')).toHaveTextContent(
      'Elasticsearch refused the search'
    );
    expect(screen.getByTestId('chart')).toHaveTextContent('1,2,3');
  });

  it('shows a note of a source as one short line, with or without lines to draw', () => {
    const note = 'The APM Go agent reports no per-GC pauses';
    renderFrame({
      status: 'success',
      data: { ...noPoints, notes: [{ source: 'apm', message: note }] },
    });
    expect(screen.getByTestId('goRuntimeSourceNote-apm')).toHaveTextContent(note);
    expect(shown('goRuntimePanelEmpty')).toBe(true);
  });
});
