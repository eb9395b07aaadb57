/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { createMemoryHistory } from 'history';
import { Router } from 'react-router-dom';
import type { HttpStart, NotificationsStart } from '@kbn/core/public';
import type {
  RuleEditProps,
  TriggersAndActionsUIPublicPluginStart,
} from '@kbn/triggers-actions-ui-plugin/public';
import { DateSettings } from '../../test/harness/date_settings';
import { renderWithEui } from '../../test/harness/render_eui';
import type { RuleSummary } from '../../common/alerting/rules_http';
import { RulesPage } from './rules_page';

jest.setTimeout(60_000);

const heapRule: RuleSummary = {
  id: 'rule-1',
  name: 'heap high',
  rule_type_id: 'goRuntime.metricThreshold',
  consumer: 'goRuntime',
  tags: ['team-a'],
  params: {
    metric: 'golang.heap.allocations.allocated',
    comparator: '>',
    threshold: [1024],
    timeSize: 5,
    timeUnit: 'm',
    serviceNames: ['orders'],
  },
  actions: [
    {
      id: 'connector-1',
      group: 'threshold_met',
      params: { body: '{{context.reason}}' },
      frequency: { summary: false, notify_when: 'onActionGroupChange', throttle: null },
    },
  ],
  enabled: true,
  schedule: { interval: '1m' },
  execution_status: { status: 'active', last_execution_date: '2026-01-01T00:00:00.000Z' },
  last_run: { outcome: 'succeeded', alerts_count: { active: 2 } },
};
const everyServiceRule: RuleSummary = {
  ...heapRule,
  id: 'rule-2',
  name: 'targets down',
  rule_type_id: 'goRuntime.targetHealth',
  params: { downForIntervals: 3 },
  actions: [],
};

function renderPage({ canSave = true } = {}) {
  const http = {
    basePath: { get: () => '', prepend: (path: string) => path },
    get: jest.fn().mockResolvedValue({
      page: 1,
      per_page: 100,
      total: 2,
      data: [heapRule, everyServiceRule],
    }),
    post: jest.fn().mockResolvedValue({}),
    delete: jest.fn().mockResolvedValue(undefined),
  };
  const toasts = {
    addSuccess: jest.fn(),
    addDanger: jest.fn(),
    addInfo: jest.fn(),
    addWarning: jest.fn(),
    addError: jest.fn(),
  };
  let editProps: RuleEditProps | undefined;
  const triggersActionsUi = {
    ruleTypeRegistry: {} as never,
    getAddRuleFlyout: jest.fn(() => <div />),
    getEditRuleFlyout: jest.fn((props: RuleEditProps) => {
      editProps = props;
      return <div data-test-subj="editFlyout" />;
    }),
  } as unknown as TriggersAndActionsUIPublicPluginStart;
  const history = createMemoryHistory({ initialEntries: ['/rules'] });
  renderWithEui(
    <DateSettings>
      <Router history={history}>
        <RulesPage
          http={http as unknown as HttpStart}
          notifications={{ toasts } as unknown as NotificationsStart}
          canSave={canSave}
          triggersActionsUi={triggersActionsUi}
        />
      </Router>
    </DateSettings>
  );
  return {
    http,
    toasts,
    history,
    editProps: () => editProps,
    user: userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never }),
  };
}

describe('RulesPage', () => {
  it("links each rule's name to its details and each watched service to its dashboard", async () => {
    const { history, user } = renderPage();
    const link = await screen.findByTestId('goRuntimeRuleLink-heap high');
    expect(link).toHaveAttribute('href', '/rules/rule-1');
    expect(
      within(screen.getByTestId('goRuntimeRuleServices-heap high')).getByRole('link', {
        name: 'orders',
      })
    ).toHaveAttribute('href', '/services/orders');
    const otherRow = screen.getByTestId('goRuntimeRuleLink-targets down').closest('tr')!;
    expect(within(otherRow).getByText('All services')).toBeInTheDocument();
    await user.click(link);
    expect(history.location.pathname).toBe('/rules/rule-1');
  });

  it('deletes a rule only after a confirmation that names it and says its alerts stay', async () => {
    const { http, toasts, user } = renderPage();
    await user.click(await screen.findByTestId('goRuntimeDeleteRule-heap high'));
    const modal = screen.getByTestId('goRuntimeDeleteRuleModal');
    expect(within(modal).getByRole('heading')).toHaveTextContent('Delete rule heap high?');
    expect(screen.getByTestId('goRuntimeDeleteRuleAlertsStay')).toHaveTextContent(
      'Its alert documents stay in Elasticsearch.'
    );
    expect(http.delete).not.toHaveBeenCalled();
    await user.click(screen.getByTestId('confirmModalConfirmButton'));
    await waitFor(() => expect(http.delete).toHaveBeenCalledWith('/api/alerting/rule/rule-1'));
    await waitFor(() => expect(toasts.addSuccess).toHaveBeenCalledWith('Deleted rule heap high'));
    await waitFor(() => expect(screen.queryByTestId('goRuntimeDeleteRuleModal')).toBeNull());
  });

  it("opens Kibana's edit flyout with the rule as it takes it, and leaves the toast to it", async () => {
    const { http, toasts, user, editProps } = renderPage();
    await user.click(await screen.findByTestId('goRuntimeEditRule-heap high'));
    await screen.findByTestId('editFlyout');
    const props = editProps()!;
    expect(props.initialRule).toMatchObject({
      id: 'rule-1',
      ruleTypeId: 'goRuntime.metricThreshold',
      tags: ['team-a'],
      actions: [
        {
          id: 'connector-1',
          group: 'threshold_met',
          frequency: { summary: false, notifyWhen: 'onActionGroupChange', throttle: null },
        },
      ],
    });
    // Kibana's flyout toasts `Updated '<name>'` itself, then calls onClose and onSave: the page
    // reloads the list and adds no second toast.
    const loads = http.get.mock.calls.length;
    await act(async () => {
      props.onClose(0);
      await props.onSave?.();
    });
    await waitFor(() => expect(http.get.mock.calls.length).toBeGreaterThan(loads));
    expect(toasts.addSuccess).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByTestId('editFlyout')).toBeNull());
  });

  it('shows a read-only user every control disabled, each with a tooltip saying why', async () => {
    const { user, http } = renderPage({ canSave: false });
    await screen.findByTestId('goRuntimeRuleLink-heap high');
    for (const subj of [
      'goRuntimeCreateRule',
      'goRuntimeEditRule-heap high',
      'goRuntimeDeleteRule-heap high',
      'goRuntimeRuleEnabled-heap high',
    ])
      expect(screen.getByTestId(subj)).toBeDisabled();
    await user.hover(screen.getByTestId('goRuntimeDeleteRule-heap high').parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Requires the All privilege of Go Runtime'
    );
    await user.click(screen.getByTestId('goRuntimeDeleteRule-heap high'));
    expect(screen.queryByTestId('goRuntimeDeleteRuleModal')).toBeNull();
    expect(http.delete).not.toHaveBeenCalled();
  });
});
