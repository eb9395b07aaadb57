/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryHistory } from 'history';
import { Router } from 'react-router-dom';
import type { ServiceSummary, ServicesResponse } from '../../../common/panels';
import type { ServiceHealth } from '../../../common/service_health';
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
const service = (name: string, health: ServiceHealth = healthy): ServiceSummary => ({
  service_name: name,
  health,
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

function renderPage(api: DashboardApi, refreshKey = 0) {
  const history = createMemoryHistory({ initialEntries: ['/services'] });
  const page = (key: number) => (
    <Router history={history}>
      <ServicesPage
        api={api}
        range={{ from: 'now-1h', to: 'now' }}
        rangeKey="now-1h/now"
        refreshKey={key}
        timeRange={DEFAULT_TIME_RANGE}
        canAddTarget
        onAddTarget={() => {}}
      />
    </Router>
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
});
