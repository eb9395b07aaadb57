/**
 * @jest-environment jsdom
 */
import { render, screen } from '@testing-library/react';
import type { CoreStart } from '@kbn/core/public';
import { KibanaContextProvider } from '@kbn/kibana-react-plugin/public';
import { createTriggersActionsUi } from './triggers_actions_ui';

/**
 * The shell's rule flyout, like Kibana's RuleAdd, takes http, notifications and application
 * from the caller's KibanaContextProvider: an app that opens it without one crashes.
 */

// EUI's id generator requires uuid, whose current release is ES modules only, which jest's
// CommonJS runtime cannot load; node's own UUIDs serve the same purpose here.
jest.mock('uuid', () => {
  const { randomUUID } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { v1: randomUUID, v4: randomUUID };
});

// Browser APIs EUI asks jsdom for and jsdom lacks; nothing here depends on their answers.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  } as unknown as MediaQueryList);
window.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const core = {
  // Requests stay pending: the test looks at the first render only.
  http: { get: () => new Promise(() => undefined), post: () => new Promise(() => undefined) },
  notifications: { toasts: {} },
  application: { capabilities: {} },
} as unknown as CoreStart;

const flyout = () =>
  createTriggersActionsUi().start.getAddRuleFlyout({
    consumer: 'goRuntime',
    onClose: () => undefined,
  });

describe('the add-rule flyout', () => {
  // React reports the render error on the console as well as throwing it.
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('throws outside KibanaContextProvider, as RuleAdd does', () => {
    expect(() => render(flyout())).toThrow(
      'The rule flyout reads http, notifications, application through useKibana()'
    );
  });

  it('throws when the provider lacks a service RuleAdd reads', () => {
    expect(() =>
      render(
        <KibanaContextProvider services={{ http: core.http }}>{flyout()}</KibanaContextProvider>
      )
    ).toThrow('reads notifications, application through useKibana()');
  });

  it('renders inside a provider with core services', () => {
    render(<KibanaContextProvider services={core}>{flyout()}</KibanaContextProvider>);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
