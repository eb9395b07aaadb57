/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, render } from '@testing-library/react';
import { createMemoryHistory } from 'history';
import type { ReactNode } from 'react';
import { Router } from 'react-router-dom';
import type { CoreStart, ToastInput } from '@kbn/core/public';
import { KibanaContextProvider } from '@kbn/kibana-react-plugin/public';
import type { RuleSummary } from '../../common/alerting/rules_http';
import { useRuleCreatedToast } from './rule_created_toast';

const rule = (id: string, name: string): RuleSummary => ({
  id,
  name,
  rule_type_id: 'goRuntime.metricThreshold',
  consumer: 'goRuntime',
  tags: [],
  params: {},
  actions: [],
  enabled: true,
  schedule: { interval: '1m' },
  execution_status: { status: 'pending' },
});

/** The hook in a page of the app, over a rule list the test changes between watch and save. */
function setUp(lists: RuleSummary[][]) {
  const toasts: ToastInput[] = [];
  const answers = [...lists];
  const services = {
    http: {
      get: jest.fn(async () => {
        const data = answers.length > 1 ? answers.shift()! : answers[0]!;
        return { page: 1, per_page: 100, total: data.length, data };
      }),
    },
    notifications: { toasts: { addSuccess: (toast: ToastInput) => toasts.push(toast) } },
    rendering: { addContext: (element: ReactNode) => element },
  } as unknown as CoreStart;
  const history = createMemoryHistory({ initialEntries: ['/rules'] });
  let hook: ReturnType<typeof useRuleCreatedToast> | undefined;
  function Probe() {
    hook = useRuleCreatedToast();
    return null;
  }
  render(
    <KibanaContextProvider services={services}>
      <Router history={history}>
        <Probe />
      </Router>
    </KibanaContextProvider>
  );
  return { toasts, history, hook: () => hook! };
}

describe('useRuleCreatedToast', () => {
  it('names the rule the save created and links to its details', async () => {
    const { toasts, history, hook } = setUp([
      [rule('a', 'older')],
      [rule('a', 'older'), rule('b', 'orders heap')],
    ]);
    hook().watch();
    await act(() => hook().onSave());
    expect(toasts).toHaveLength(1);
    const toast = toasts[0] as { title: string; text: (element: HTMLElement) => () => void };
    expect(toast.title).toBe('Created rule "orders heap"');
    const element = document.createElement('div');
    document.body.append(element);
    let unmount: () => void = () => {};
    await act(async () => {
      unmount = toast.text(element);
    });
    const link = element.querySelector('[data-test-subj="goRuntimeCreatedRuleLink"]')!;
    expect(link).toHaveTextContent('Open the rule');
    expect(link.getAttribute('href')).toBe('/rules/b');
    await act(async () => (link as HTMLElement).click());
    expect(history.location.pathname).toBe('/rules/b');
    act(() => unmount());
  });

  it('says only that a rule was created when the list does not tell which', async () => {
    const { toasts, hook } = setUp([[], [rule('a', 'one'), rule('b', 'two')]]);
    hook().watch();
    await act(() => hook().onSave());
    expect(toasts).toEqual(['Created the rule']);
  });
});
