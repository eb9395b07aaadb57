/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { screen } from '@testing-library/react';
import { createMemoryHistory } from 'history';
import type { CoreStart, ScopedHistory } from '@kbn/core/public';
import { renderWithEui } from '../../test/harness/render_eui';
import { GoRuntimeApp } from './app';

jest.setTimeout(60_000);

const NO_ACCESS =
  'You need the Go Runtime feature privilege (Read or All) in this space; ask your Kibana administrator.';

/** What core's fetch rejects with when a route's privilege is missing. */
function forbidden(path: string): Error {
  return Object.assign(new Error('Forbidden'), {
    request: {},
    response: { status: 403 },
    body: { statusCode: 403, message: `API [GET ${path}] is unauthorized for user` },
  });
}

function renderApp(path: string, goRuntime: Record<string, boolean> | undefined) {
  const get = jest.fn(async (route: string) => {
    throw forbidden(route);
  });
  const coreStart = {
    application: {
      capabilities: {
        navLinks: {},
        management: {},
        catalogue: {},
        ...(goRuntime === undefined ? {} : { goRuntime }),
      },
      navigateToApp: jest.fn(),
    },
    http: {
      basePath: { get: () => '', prepend: (p: string) => p },
      fetch: get,
      get,
      post: get,
      put: get,
      patch: get,
      delete: get,
    },
    notifications: {
      toasts: {
        addSuccess: jest.fn(),
        addInfo: jest.fn(),
        addWarning: jest.fn(),
        addDanger: jest.fn(),
        addError: jest.fn(),
      },
    },
    chrome: { setBreadcrumbs: jest.fn(), docTitle: { change: jest.fn() } },
    rendering: { addContext: (element: unknown) => element },
  } as unknown as CoreStart;
  const history = createMemoryHistory({ initialEntries: [path] });
  renderWithEui(
    <GoRuntimeApp coreStart={coreStart} history={history as unknown as ScopedHistory} />
  );
  return { get };
}

describe('GoRuntimeApp access', () => {
  it.each(['/targets', '/services/orders?rangeFrom=now-15m&rangeTo=now', '/rules'])(
    'shows a user without the feature one message on %s, and asks the server nothing',
    async (path) => {
      const { get } = renderApp(path, undefined);
      expect(await screen.findByTestId('goRuntimeNoAccess')).toHaveTextContent(NO_ACCESS);
      expect(screen.getAllByTestId('goRuntimeNoAccess')).toHaveLength(1);
      expect(screen.queryByText(/unauthorized/)).toBeNull();
      expect(screen.queryByText('No Go runtime rules yet')).toBeNull();
      expect(screen.queryByText('No target matches the search')).toBeNull();
      expect(get).not.toHaveBeenCalled();
    }
  );

  it('turns a 403 from any route during a page into the same one message', async () => {
    // The capabilities say read, the server says no (a role changed since the page loaded).
    // The dashboards draw charts on a canvas jsdom lacks, so the Targets page stands in.
    const { get } = renderApp('/targets', { show: true, save: false });
    expect(await screen.findByTestId('goRuntimeNoAccess')).toHaveTextContent(NO_ACCESS);
    expect(get).toHaveBeenCalled();
    expect(screen.queryByText(/unauthorized/)).toBeNull();
    expect(screen.queryByText('Could not load targets')).toBeNull();
    expect(screen.queryByTestId('goRuntimeReadOnly')).toBeNull();
  });
});
