/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryHistory } from 'history';
import { Router } from 'react-router-dom';
import type { ServiceSummary, ServicesResponse } from '../../../common/panels';
import type { ListTargetsResponse, TargetWithHealth } from '../../../common/targets';
import type { ServiceHealth } from '../../../common/service_health';
import { DateSettings } from '../../../test/harness/date_settings';
import { renderWithEui } from '../../../test/harness/render_eui';
import type { DashboardApi } from '../api/dashboard_api';
import { DEFAULT_TIME_RANGE } from '../routing/time_range';
import { ServicesPage } from './services_page';

// The sparkline is a canvas chart: jsdom draws nothing, and nothing here is about it.
jest.mock('@elastic/charts', () => ({
  ...jest.requireActual('@elastic/charts'),
  Chart: () => null,
}));

// A render of the whole table takes seconds on a busy machine.
jest.setTimeout(30_000);

const healthy: ServiceHealth = { state: 'healthy', up: 1, down: 0, stale: 0 };
const service = (
  name: string,
  health: ServiceHealth = healthy,
  sources: ServiceSummary['sources'] = ['go_runtime']
): ServiceSummary => ({
  service_name: name,
  health,
  sources,
  instances_seen: health.up + health.down + health.stale,
  instances_recent: health.up,
  heap_in_use_bytes: 120 * 1024 * 1024,
  gc_pause_p99_ns: null,
  gc_pause_max_ns: null,
  gc_cycles_per_minute: null,
  restarts: 0,
  last_sample_at: Date.now() - 5 * 60_000,
  heap_sparkline: [],
});

/** An API whose services answers are released by the test, one load at a time. */
function controlledApi() {
  const answers: Array<(response: ServicesResponse) => void> = [];
  const api = {
    services: jest.fn(() => new Promise<ServicesResponse>((resolve) => answers.push(resolve))),
  } as unknown as DashboardApi;
  const answer = async (services: ServiceSummary[]) => {
    await waitFor(() => expect(answers.length).toBeGreaterThan(0));
    await act(async () => answers.shift()!({ services, limited: false }));
  };
  return { api, answer };
}

const target = (name: string, lastSuccessAt?: string) =>
  ({
    id: name,
    name,
    service_name: 'orders',
    url: `http://${name}:6060/debug/vars`,
    interval: '10s',
    enabled: true,
    health: {
      status: lastSuccessAt === undefined ? 'unknown' : 'down',
      missed_slots: 0,
      dropped_documents: 0,
      rejected_documents: 0,
      ...(lastSuccessAt === undefined ? {} : { last_success_at: lastSuccessAt }),
    },
  } as TargetWithHealth);

function renderPage(
  api: DashboardApi,
  refreshKey = 0,
  targets: TargetWithHealth[] = [],
  selectRange: (fromMs: number, toMs: number) => void = () => {}
) {
  const history = createMemoryHistory({ initialEntries: ['/services'] });
  const listTargets = async (): Promise<ListTargetsResponse> => ({
    targets,
    total: targets.length,
  });
  const page = (key: number) => (
    <DateSettings>
      <Router history={history}>
        <ServicesPage
          api={api}
          range={{ from: 'now-1h', to: 'now' }}
          rangeKey="now-1h/now"
          refreshKey={key}
          timeRange={DEFAULT_TIME_RANGE}
          canAddTarget
          onAddTarget={() => {}}
          onOpenTargets={() => {}}
          listTargets={listTargets}
          selectRange={selectRange}
        />
      </Router>
    </DateSettings>
  );
  const rendered = renderWithEui(page(refreshKey));
  return { history, refresh: (key: number) => rendered.rerender(page(key)) };
}

const rowLinks = () => screen.getAllByTestId(/^goRuntimeServiceLink-/);

describe('ServicesPage', () => {
  it('keeps the rows under the pointer while a refresh lands, so a click after a paste opens the row clicked', async () => {
    const user = userEvent.setup();
    const { api, answer } = controlledApi();
    const { history, refresh } = renderPage(api);
    await answer([service('alpha'), service('beta')]);
    await user.click(screen.getByTestId('goRuntimeServicesSearch'));
    await user.paste('beta');
    await waitFor(() => expect(rowLinks().map((l) => l.textContent)).toEqual(['beta']));

    // The pointer is on the first row when a refresh brings a service that sorts before it.
    await user.hover(rowLinks()[0]!);
    refresh(1);
    await answer([service('alpha'), service('abeta'), service('beta')]);
    expect(rowLinks().map((l) => l.textContent)).toEqual(['beta']);
    await user.click(rowLinks()[0]!);
    expect(history.location.pathname).toBe('/services/beta');
  });

  it('shows the rows of the refresh once the pointer leaves the table', async () => {
    const user = userEvent.setup();
    const { api, answer } = controlledApi();
    const { refresh } = renderPage(api);
    await answer([service('alpha')]);
    await user.hover(rowLinks()[0]!);
    refresh(1);
    await answer([service('alpha'), service('beta')]);
    expect(rowLinks()).toHaveLength(1);
    await user.unhover(screen.getByTestId('goRuntimeServicesTable'));
    await user.hover(document.body);
    await waitFor(() => expect(rowLinks()).toHaveLength(2));
  });

  it('shows health, explains the instance counts, and marks the heap of a service with no instance up as a past value', async () => {
    const { api, answer } = controlledApi();
    renderPage(api);
    await answer([
      service('orders', { state: 'degraded', up: 2, down: 1, stale: 0 }),
      service('stopped', { state: 'down', up: 0, down: 1, stale: 0 }),
    ]);
    expect(screen.getByTestId('goRuntimeServiceHealth-degraded')).toHaveTextContent('Degraded');
    expect(screen.getByTestId('goRuntimeServiceHealth-down')).toHaveTextContent('Down');
    expect(screen.getByTestId('goRuntimeServiceInstances-orders')).toHaveTextContent(
      '2 up · 1 down'
    );
    expect(screen.getByTestId('goRuntimeServiceInstances-stopped')).toHaveTextContent(
      '0 up · 1 down'
    );
    const stale = screen.getAllByTestId('goRuntimeStaleHeap');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toHaveTextContent('120 MiB');
    expect(stale[0]).toHaveTextContent('last seen 5 min ago');
  });

  it('says it is loading, not that nothing was found, until the first answer, then shows the rows', async () => {
    const { api, answer } = controlledApi();
    renderPage(api);
    const table = screen.getByTestId('goRuntimeServicesTable');
    expect(table).toHaveTextContent('Loading services…');
    expect(table).not.toHaveTextContent('No items found');
    expect(screen.queryByTestId('goRuntimeEmptyState')).toBeNull();
    await answer([service('orders')]);
    expect(rowLinks().map((l) => l.textContent)).toEqual(['orders']);
    expect(screen.getByTestId('goRuntimeServicesTable')).not.toHaveTextContent('Loading services');
  });

  it('says the services could not be loaded when the first answer is an error', async () => {
    const api = {
      services: jest.fn(async () => {
        throw new Error('Elasticsearch is unavailable');
      }),
    } as unknown as DashboardApi;
    renderPage(api);
    await screen.findByTestId('goRuntimeServicesError');
    expect(screen.getByTestId('goRuntimeServicesError')).toHaveTextContent(
      'Elasticsearch is unavailable'
    );
    expect(screen.getByTestId('goRuntimeServicesTable')).toHaveTextContent(
      'The services could not be loaded'
    );
    expect(screen.getByTestId('goRuntimeServicesTable')).not.toHaveTextContent('Loading');
  });

  it('offers the onboarding when no target exists', async () => {
    const { api, answer } = controlledApi();
    renderPage(api, 0, []);
    await answer([]);
    expect(await screen.findByTestId('goRuntimeEmptyState')).toHaveTextContent(
      'No Go program is collected yet'
    );
    expect(screen.getByTestId('goRuntimeEmptyStateAddTarget')).toBeInTheDocument();
  });

  it('tells targets with data outside the range from no target: the last sample and a range that shows it, no onboarding', async () => {
    const user = userEvent.setup();
    const { api, answer } = controlledApi();
    const selectRange = jest.fn();
    const lastSuccess = Date.parse('2026-01-02T03:04:05Z');
    renderPage(
      api,
      0,
      [target('orders-1', new Date(lastSuccess).toISOString()), target('new-1')],
      selectRange
    );
    await answer([]);
    const prompt = await screen.findByTestId('goRuntimeNoDataInRange');
    expect(prompt).toHaveTextContent('No Go service reported in this time range');
    expect(prompt).toHaveTextContent('Last seen');
    expect(screen.queryByTestId('goRuntimeEmptyState')).toBeNull();
    await user.click(screen.getByTestId('goRuntimeWidenRange'));
    expect(selectRange).toHaveBeenCalledTimes(1);
    const [fromMs, toMs] = selectRange.mock.calls[0] as [number, number];
    expect(fromMs).toBeLessThan(lastSuccess);
    expect(toMs).toBeGreaterThanOrEqual(lastSuccess);
  });

  it('sends to the targets when targets exist but none was ever collected', async () => {
    const { api, answer } = controlledApi();
    renderPage(api, 0, [target('new-1'), target('new-2')]);
    await answer([]);
    const prompt = await screen.findByTestId('goRuntimeNeverCollected');
    expect(prompt).toHaveTextContent('2 targets are set up, and none has answered a scrape yet');
    expect(screen.getByTestId('goRuntimeOpenTargets')).toBeInTheDocument();
    expect(screen.queryByTestId('goRuntimeEmptyState')).toBeNull();
  });

  it('shows a badge per source of each service', async () => {
    const { api, answer } = controlledApi();
    renderPage(api);
    await answer([
      service('orders', healthy, ['go_runtime', 'apm']),
      service('beat', healthy, ['metricbeat']),
    ]);
    const orders = screen.getByTestId('goRuntimeServiceSources-orders');
    expect(orders).toHaveTextContent('Go Runtime scrape');
    expect(orders).toHaveTextContent('APM Go agent');
    expect(screen.getByTestId('goRuntimeServiceSources-beat')).toHaveTextContent('Metricbeat');
    expect(
      screen
        .getByTestId('goRuntimeServiceSources-beat')
        .querySelectorAll('[data-test-subj^="goRuntimeSourceBadge-"]')
    ).toHaveLength(1);
  });

  it('filters by source, and says so when the filter leaves no service', async () => {
    const user = userEvent.setup();
    const { api, answer } = controlledApi();
    renderPage(api);
    await answer([
      service('orders', healthy, ['go_runtime', 'apm']),
      service('pay', healthy, ['apm']),
      service('beat', healthy, ['metricbeat']),
    ]);
    await user.click(screen.getByTestId('goRuntimeSourceFilter-apm'));
    await waitFor(() => expect(rowLinks().map((l) => l.textContent)).toEqual(['orders', 'pay']));
    await user.click(screen.getByTestId('goRuntimeSourceFilter-metricbeat'));
    await waitFor(() =>
      expect(rowLinks().map((l) => l.textContent)).toEqual(['beat', 'orders', 'pay'])
    );
    await user.click(screen.getByTestId('goRuntimeSourceFilter-apm'));
    await waitFor(() => expect(rowLinks().map((l) => l.textContent)).toEqual(['beat']));
    await user.click(screen.getByTestId('goRuntimeServicesSearch'));
    await user.paste('orders');
    await waitFor(() => expect(screen.queryAllByTestId(/^goRuntimeServiceLink-/)).toHaveLength(0));
    expect(screen.getByTestId('goRuntimeServicesTable')).toHaveTextContent(
      'No service matches the search with data from Metricbeat'
    );
  });

  it('offers no source filter when every service comes from the plugin alone', async () => {
    const { api, answer } = controlledApi();
    renderPage(api);
    await answer([service('alpha'), service('beta')]);
    expect(screen.queryByTestId('goRuntimeSourceFilter')).toBeNull();
  });

  it('names a source the services could not be read from, and lists the others', async () => {
    const answers: Array<(response: ServicesResponse) => void> = [];
    const api = {
      services: jest.fn(() => new Promise<ServicesResponse>((resolve) => answers.push(resolve))),
    } as unknown as DashboardApi;
    renderPage(api);
    await waitFor(() => expect(answers.length).toBeGreaterThan(0));
    await act(async () =>
      answers.shift()!({
        services: [service('alpha')],
        limited: false,
        problems: [{ source: 'apm', message: 'no read privilege on metrics-apm.internal-*' }],
      })
    );
    expect(screen.getByTestId('goRuntimeSourceProblem-apm')).toHaveTextContent('no read privilege');
    expect(rowLinks().map((l) => l.textContent)).toEqual(['alpha']);
  });
});
