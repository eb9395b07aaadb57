import { useMemo, useState } from 'react';
import {
  EuiBasicTable,
  EuiButton,
  EuiCallOut,
  EuiEmptyPrompt,
  EuiFlexGroup,
  EuiFlexItem,
  EuiHealth,
  EuiLoadingSpinner,
  EuiSpacer,
  EuiSwitch,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { HttpStart, NotificationsStart } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import type { TriggersAndActionsUIPublicPluginStart } from '@kbn/triggers-actions-ui-plugin/public';
import { RULE_PRODUCER, RULE_TYPE_IDS } from '../../common/alerting/rule_types';
import type { RuleSummary } from '../../common/alerting/rules_http';
import { errorMessage } from '../application/api/http_error';
import { useFetch } from '../application/hooks/use_fetch';
import { createRulesApi, RULES_PAGE_SIZE } from './rules_api';

const REFRESH_MS = 5_000;

const RULE_TYPE_NAMES: Record<string, string> = {
  [RULE_TYPE_IDS.metricThreshold]: i18n.translate('goRuntime.rules.type.metricThreshold', {
    defaultMessage: 'Metric threshold',
  }),
  [RULE_TYPE_IDS.gcPause]: i18n.translate('goRuntime.rules.type.gcPause', {
    defaultMessage: 'GC pause',
  }),
  [RULE_TYPE_IDS.targetHealth]: i18n.translate('goRuntime.rules.type.targetHealth', {
    defaultMessage: 'Target health',
  }),
  [RULE_TYPE_IDS.heapGrowth]: i18n.translate('goRuntime.rules.type.heapGrowth', {
    defaultMessage: 'Heap growth',
  }),
};

const STATUS: Record<string, { color: string; label: string }> = {
  active: {
    color: 'danger',
    label: i18n.translate('goRuntime.rules.status.active', { defaultMessage: 'Active' }),
  },
  ok: {
    color: 'success',
    label: i18n.translate('goRuntime.rules.status.ok', { defaultMessage: 'OK' }),
  },
  error: {
    color: 'danger',
    label: i18n.translate('goRuntime.rules.status.error', { defaultMessage: 'Error' }),
  },
  warning: {
    color: 'warning',
    label: i18n.translate('goRuntime.rules.status.warning', { defaultMessage: 'Warning' }),
  },
  pending: {
    color: 'subdued',
    label: i18n.translate('goRuntime.rules.status.pending', { defaultMessage: 'Pending' }),
  },
};

/** The plugin's rules: status, last run, active alerts, and a switch to enable or disable each. */
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
  const api = useMemo(() => createRulesApi(http), [http]);
  const rules = useFetch((signal) => api.find(signal), [api], REFRESH_MS);
  const [creating, setCreating] = useState(false);
  const [switching, setSwitching] = useState<string | undefined>();

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
    },
    {
      field: 'rule_type_id',
      name: i18n.translate('goRuntime.rules.column.type', { defaultMessage: 'Type' }),
      render: (id: string) => RULE_TYPE_NAMES[id] ?? id,
    },
    {
      name: i18n.translate('goRuntime.rules.column.status', { defaultMessage: 'Status' }),
      render: (rule: RuleSummary) => {
        const status = rule.enabled
          ? STATUS[rule.execution_status.status] ?? STATUS.pending!
          : {
              color: 'subdued',
              label: i18n.translate('goRuntime.rules.status.disabled', {
                defaultMessage: 'Disabled',
              }),
            };
        return (
          <EuiHealth color={status.color} data-test-subj={`goRuntimeRuleStatus-${rule.name}`}>
            {status.label}
          </EuiHealth>
        );
      },
    },
    {
      name: i18n.translate('goRuntime.rules.column.lastRun', { defaultMessage: 'Last run' }),
      render: (rule: RuleSummary) =>
        rule.last_run === undefined || rule.execution_status.last_execution_date === undefined
          ? i18n.translate('goRuntime.rules.neverRun', { defaultMessage: 'Not run yet' })
          : `${new Date(rule.execution_status.last_execution_date).toLocaleString()} (${
              rule.last_run.outcome
            })`,
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
        <EuiSwitch
          label={i18n.translate('goRuntime.rules.enabled', { defaultMessage: 'Enabled' })}
          showLabel={false}
          checked={rule.enabled}
          disabled={!canSave || switching === rule.id}
          onChange={() => void toggle(rule)}
          data-test-subj={`goRuntimeRuleEnabled-${rule.name}`}
        />
      ),
    },
  ];

  const createButton =
    triggersActionsUi === undefined ? null : (
      <EuiButton
        fill
        iconType="plusInCircle"
        isDisabled={!canSave}
        onClick={() => setCreating(true)}
        data-test-subj="goRuntimeCreateRule"
      >
        {i18n.translate('goRuntime.rules.create', { defaultMessage: 'Create rule' })}
      </EuiButton>
    );

  return (
    <div data-test-subj="goRuntimeRulesPage">
      <EuiFlexGroup justifyContent="flexEnd">
        <EuiFlexItem grow={false}>{createButton}</EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="m" />
      {rules.status === 'error' && (
        <EuiCallOut
          color="danger"
          iconType="error"
          title={i18n.translate('goRuntime.rules.loadFailed', {
            defaultMessage: 'Could not load the rules',
          })}
        >
          {errorMessage(rules.error)}
        </EuiCallOut>
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
          onClose: () => {
            setCreating(false);
            rules.reload();
          },
        })}
    </div>
  );
}
