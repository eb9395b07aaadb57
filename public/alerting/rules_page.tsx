import { useMemo, useState } from 'react';
import {
  EuiBasicTable,
  EuiCallOut,
  EuiEmptyPrompt,
  EuiFlexGroup,
  EuiFlexItem,
  EuiLoadingSpinner,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { HttpStart, NotificationsStart } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import type { TriggersAndActionsUIPublicPluginStart } from '@kbn/triggers-actions-ui-plugin/public';
import { RULE_PRODUCER, RULE_TYPE_IDS } from '../../common/alerting/rule_types';
import type { RuleSummary } from '../../common/alerting/rules_http';
import { RequiresAll, SaveButton } from '../application/access/requires_all';
import { EditDeleteActions } from '../application/access/row_actions';
import { useDateFormats } from '../application/charts/use_date_formats';
import { LoadFailedCallOut } from '../application/components/load_failed_callout';
import { errorMessage } from '../application/api/http_error';
import { useFetch } from '../application/hooks/use_fetch';
import { AppLink } from '../application/routing/app_link';
import { rulePath, servicePath } from '../application/routing/paths';
import { lastRunText, RULE_TYPE_NAMES, RuleStatus } from './rule_labels';
import { useRuleActions } from './rule_actions';
import { createRulesApi, RULES_PAGE_SIZE, servicesOf } from './rules_api';

const REFRESH_MS = 5_000;

const ALL_SERVICES = i18n.translate('goRuntime.rules.allServices', {
  defaultMessage: 'All services',
});

/** The services a rule watches, each a link to its dashboard. */
export function RuleServices({ rule, search }: { rule: RuleSummary; search?: string }) {
  const services = servicesOf(rule);
  if (services.length === 0)
    return (
      <EuiText size="s" color="subdued">
        {ALL_SERVICES}
      </EuiText>
    );
  return (
    <span data-test-subj={`goRuntimeRuleServices-${rule.name}`}>
      {services.map((service, index) => (
        <span key={service}>
          {index > 0 && ', '}
          <AppLink
            to={{ pathname: servicePath(service), ...(search === undefined ? {} : { search }) }}
          >
            {service}
          </AppLink>
        </span>
      ))}
    </span>
  );
}

/**
 * The plugin's rules: each name opens the rule's details; status, last run, active alerts, a
 * switch to enable or disable each, edit and delete.
 */
export function RulesPage({
  http,
  notifications,
  canSave,
  triggersActionsUi,
}: {
  http: HttpStart;
  notifications: NotificationsStart;
  canSave: boolean;
  triggersActionsUi?: TriggersAndActionsUIPublicPluginStart;
}) {
  const { instant } = useDateFormats();
  const api = useMemo(() => createRulesApi(http), [http]);
  const rules = useFetch((signal) => api.find(signal), [api], REFRESH_MS);
  const [creating, setCreating] = useState(false);
  const [switching, setSwitching] = useState<string | undefined>();
  const actions = useRuleActions({
    api,
    notifications,
    triggersActionsUi,
    onChanged: rules.reload,
  });

  const toggle = async (rule: RuleSummary) => {
    setSwitching(rule.id);
    try {
      await api.setEnabled(rule.id, !rule.enabled);
      rules.reload();
    } catch (error) {
      notifications.toasts.addDanger({
        title: i18n.translate('goRuntime.rules.toggleFailed', {
          defaultMessage: 'Could not change the rule',
        }),
        text: errorMessage(error),
      });
    } finally {
      setSwitching(undefined);
    }
  };

  const columns: Array<EuiBasicTableColumn<RuleSummary>> = [
    {
      field: 'name',
      name: i18n.translate('goRuntime.rules.column.name', { defaultMessage: 'Name' }),
      render: (name: string, rule: RuleSummary) => (
        <AppLink to={{ pathname: rulePath(rule.id) }} data-test-subj={`goRuntimeRuleLink-${name}`}>
          {name}
        </AppLink>
      ),
    },
    {
      field: 'rule_type_id',
      name: i18n.translate('goRuntime.rules.column.type', { defaultMessage: 'Type' }),
      render: (id: string) => RULE_TYPE_NAMES[id] ?? id,
    },
    {
      name: i18n.translate('goRuntime.rules.column.service', { defaultMessage: 'Service' }),
      render: (rule: RuleSummary) => <RuleServices rule={rule} />,
    },
    {
      name: i18n.translate('goRuntime.rules.column.status', { defaultMessage: 'Status' }),
      render: (rule: RuleSummary) => <RuleStatus rule={rule} />,
    },
    {
      name: i18n.translate('goRuntime.rules.column.lastRun', { defaultMessage: 'Last run' }),
      render: (rule: RuleSummary) => lastRunText(rule, instant),
    },
    {
      name: i18n.translate('goRuntime.rules.column.activeAlerts', {
        defaultMessage: 'Active alerts',
      }),
      render: (rule: RuleSummary) => (
        <span data-test-subj={`goRuntimeRuleActiveAlerts-${rule.name}`}>
          {rule.last_run?.alerts_count.active ?? 0}
        </span>
      ),
    },
    {
      name: i18n.translate('goRuntime.rules.column.enabled', { defaultMessage: 'Enabled' }),
      render: (rule: RuleSummary) => (
        <RequiresAll canSave={canSave}>
          <EuiSwitch
            label={i18n.translate('goRuntime.rules.enabled', { defaultMessage: 'Enabled' })}
            showLabel={false}
            checked={rule.enabled}
            disabled={!canSave || switching === rule.id}
            onChange={() => void toggle(rule)}
            data-test-subj={`goRuntimeRuleEnabled-${rule.name}`}
          />
        </RequiresAll>
      ),
    },
    {
      name: i18n.translate('goRuntime.rules.column.actions', { defaultMessage: 'Actions' }),
      width: '90px',
      render: (rule: RuleSummary) => (
        <EditDeleteActions
          canSave={canSave}
          edit={
            actions.edit === undefined
              ? undefined
              : {
                  label: i18n.translate('goRuntime.rules.edit', {
                    defaultMessage: 'Edit rule {name}',
                    values: { name: rule.name },
                  }),
                  onClick: () => actions.edit?.(rule),
                  testSubj: `goRuntimeEditRule-${rule.name}`,
                }
          }
          remove={{
            label: i18n.translate('goRuntime.rules.deleteAction', {
              defaultMessage: 'Delete rule {name}',
              values: { name: rule.name },
            }),
            onClick: () => actions.remove(rule),
            testSubj: `goRuntimeDeleteRule-${rule.name}`,
          }}
        />
      ),
    },
  ];

  const createButton =
    triggersActionsUi === undefined ? null : (
      <SaveButton
        canSave={canSave}
        fill
        iconType="plusInCircle"
        onClick={() => setCreating(true)}
        data-test-subj="goRuntimeCreateRule"
      >
        {i18n.translate('goRuntime.rules.create', { defaultMessage: 'Create rule' })}
      </SaveButton>
    );

  return (
    <div data-test-subj="goRuntimeRulesPage">
      <EuiFlexGroup justifyContent="flexEnd">
        <EuiFlexItem grow={false}>{createButton}</EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="m" />
      {rules.status === 'error' && (
        <LoadFailedCallOut
          severity="danger"
          title={i18n.translate('goRuntime.rules.loadFailed', {
            defaultMessage: 'Could not load the rules',
          })}
          error={rules.error}
        />
      )}
      {rules.data === undefined ? (
        rules.status === 'loading' ? (
          <EuiLoadingSpinner size="xl" />
        ) : null
      ) : rules.data.total === 0 ? (
        <EuiEmptyPrompt
          iconType="bell"
          title={
            <h2>
              {i18n.translate('goRuntime.rules.empty.title', {
                defaultMessage: 'No Go runtime rules yet',
              })}
            </h2>
          }
          body={i18n.translate('goRuntime.rules.empty.body', {
            defaultMessage:
              'Create a rule to be told when a heap grows, GC pauses get long, or a target goes down.',
          })}
          actions={createButton}
        />
      ) : (
        <>
          <EuiBasicTable
            items={rules.data.data}
            columns={columns}
            rowHeader="name"
            tableCaption={i18n.translate('goRuntime.rules.caption', {
              defaultMessage: 'Go runtime rules',
            })}
            data-test-subj="goRuntimeRulesTable"
          />
          {rules.data.total > RULES_PAGE_SIZE && (
            <EuiCallOut
              size="s"
              title={i18n.translate('goRuntime.rules.more', {
                defaultMessage: 'Showing {shown} of {total} rules.',
                values: { shown: RULES_PAGE_SIZE, total: rules.data.total },
              })}
            />
          )}
        </>
      )}
      {actions.overlays}
      {creating &&
        triggersActionsUi?.getAddRuleFlyout({
          consumer: RULE_PRODUCER,
          ruleTypeId: RULE_TYPE_IDS.metricThreshold,
          canChangeTrigger: true,
          initialValues: {
            params: {
              metric: 'golang.heap.allocations.allocated',
              aggregation: 'max',
              comparator: '>',
              threshold: [512 * 1024 * 1024],
              timeSize: 5,
              timeUnit: 'm',
              groupBy: 'instance',
            },
          },
          // Kibana's flyout toasts the created rule itself (`Created rule "<name>"`): the
          // plugin adds no second toast, it shows the new rule in the list.
          onClose: () => {
            setCreating(false);
            rules.reload();
          },
        })}
    </div>
  );
}
