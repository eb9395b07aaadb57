import { useEffect, useMemo } from 'react';
import {
  EuiBasicTable,
  EuiDescriptionList,
  EuiEmptyPrompt,
  EuiFlexGroup,
  EuiFlexItem,
  EuiLink,
  EuiLoadingSpinner,
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { HttpStart, NotificationsStart } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import type { TriggersAndActionsUIPublicPluginStart } from '@kbn/triggers-actions-ui-plugin/public';
import type { ActiveAlert } from '../../common/alerting/active_alerts';
import type { RuleSummary } from '../../common/alerting/rules_http';
import { SaveButton } from '../application/access/requires_all';
import { useDateFormats } from '../application/charts/use_date_formats';
import { LoadFailedCallOut } from '../application/components/load_failed_callout';
import type { DashboardApi } from '../application/api/dashboard_api';
import { errorMessage } from '../application/api/http_error';
import { useFetch } from '../application/hooks/use_fetch';
import { AppLink } from '../application/routing/app_link';
import { instancePath, servicePath } from '../application/routing/paths';
import { describeParams } from './describe_params';
import { lastRunText, RULE_TYPE_NAMES, RuleStatus } from './rule_labels';
import { useRuleActions } from './rule_actions';
import { RuleServices } from './rules_page';
import { ruleDetailsPath } from '../../common/alerting/rule_types';
import { createRulesApi } from './rules_api';

const REFRESH_MS = 5_000;

function alertColumns(
  search: string,
  instant: (at: number) => string
): Array<EuiBasicTableColumn<ActiveAlert>> {
  const to = (pathname: string) => ({ pathname, search });
  return [
    {
      field: 'service',
      name: i18n.translate('goRuntime.ruleDetails.alerts.service', { defaultMessage: 'Service' }),
      render: (service: string | undefined) =>
        service === undefined ? '—' : <AppLink to={to(servicePath(service))}>{service}</AppLink>,
    },
    {
      field: 'instance',
      name: i18n.translate('goRuntime.ruleDetails.alerts.instance', {
        defaultMessage: 'Instance',
      }),
      render: (instance: string | undefined, alert: ActiveAlert) =>
        instance === undefined || alert.service === undefined ? (
          i18n.translate('goRuntime.activeAlerts.wholeService', {
            defaultMessage: 'whole service',
          })
        ) : (
          <AppLink to={to(instancePath(alert.service, instance))}>{instance}</AppLink>
        ),
    },
    {
      field: 'reason',
      name: i18n.translate('goRuntime.ruleDetails.alerts.reason', { defaultMessage: 'Reason' }),
    },
    {
      field: 'started',
      name: i18n.translate('goRuntime.ruleDetails.alerts.started', { defaultMessage: 'Started' }),
      render: (started: number) => instant(started),
    },
  ];
}

/** What the rule does when it fires, one line per action. */
function actionsSummary(rule: RuleSummary): string {
  if (rule.actions.length === 0)
    return i18n.translate('goRuntime.ruleDetails.noActions', {
      defaultMessage: 'None: alerts are recorded, nobody is told',
    });
  return rule.actions
    .map((action) =>
      i18n.translate('goRuntime.ruleDetails.action', {
        defaultMessage: '{connectorType} connector {id}, on {group}, {when}',
        values: {
          connectorType: action.connector_type_id ?? '?',
          id: action.id,
          group: action.group ?? '—',
          when: action.frequency?.notify_when ?? '—',
        },
      })
    )
    .join('; ');
}

/**
 * One rule: what it checks in words and units, its status and last run, its active alerts
 * (each linked to its service and instance), its actions, and edit and delete.
 */
export function RuleDetailsPage({
  ruleId,
  http,
  dashboardApi,
  notifications,
  canSave,
  triggersActionsUi,
  rangeSearch,
  onLoaded,
  onDeleted,
}: {
  ruleId: string;
  http: HttpStart;
  dashboardApi: DashboardApi;
  notifications: NotificationsStart;
  canSave: boolean;
  triggersActionsUi?: TriggersAndActionsUIPublicPluginStart;
  /** The time range of the links to dashboards. */
  rangeSearch: string;
  /** Tells the app the rule's name, for its breadcrumbs and title. */
  onLoaded: (rule: { id: string; name: string }) => void;
  onDeleted: () => void;
}) {
  const { instant } = useDateFormats();
  const api = useMemo(() => createRulesApi(http), [http]);
  const rule = useFetch((signal) => api.get(ruleId, signal), [api, ruleId], REFRESH_MS);
  const alerts = useFetch(
    (signal) => dashboardApi.activeAlerts({ rule_id: ruleId }, signal),
    [dashboardApi, ruleId],
    REFRESH_MS
  );
  const loadedName = rule.data?.name;
  useEffect(() => {
    if (loadedName !== undefined) onLoaded({ id: ruleId, name: loadedName });
  }, [loadedName, onLoaded, ruleId]);
  const actions = useRuleActions({
    api,
    notifications,
    triggersActionsUi,
    onChanged: rule.reload,
    onDeleted,
  });

  if (rule.data === undefined)
    return rule.status === 'error' ? (
      <EuiEmptyPrompt
        iconType="bell"
        color="danger"
        title={
          <h2>
            {i18n.translate('goRuntime.ruleDetails.loadFailed', {
              defaultMessage: 'Could not load the rule',
            })}
          </h2>
        }
        body={errorMessage(rule.error)}
        data-test-subj="goRuntimeRuleDetailsError"
      />
    ) : (
      <EuiLoadingSpinner size="xl" />
    );
  const current = rule.data;
  const managementHref = http.basePath.prepend(ruleDetailsPath(current.id));

  return (
    <div data-test-subj="goRuntimeRuleDetails">
      <EuiFlexGroup alignItems="center" responsive={false}>
        <EuiFlexItem>
          <EuiTitle size="m">
            <h2 data-test-subj="goRuntimeRuleDetailsName">{current.name}</h2>
          </EuiTitle>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiLink href={managementHref} data-test-subj="goRuntimeRuleManagementLink">
            {i18n.translate('goRuntime.ruleDetails.management', {
              defaultMessage: 'Open in Stack Management',
            })}
          </EuiLink>
        </EuiFlexItem>
        {actions.edit !== undefined && (
          <EuiFlexItem grow={false}>
            <SaveButton
              canSave={canSave}
              iconType="pencil"
              onClick={() => actions.edit?.(current)}
              data-test-subj="goRuntimeRuleDetailsEdit"
            >
              {i18n.translate('goRuntime.ruleDetails.edit', { defaultMessage: 'Edit' })}
            </SaveButton>
          </EuiFlexItem>
        )}
        <EuiFlexItem grow={false}>
          <SaveButton
            canSave={canSave}
            iconType="trash"
            color="danger"
            onClick={() => actions.remove(current)}
            data-test-subj="goRuntimeRuleDetailsDelete"
          >
            {i18n.translate('goRuntime.ruleDetails.delete', { defaultMessage: 'Delete' })}
          </SaveButton>
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="m" />
      {rule.status === 'error' && (
        <>
          <LoadFailedCallOut
            severity="warning"
            title={i18n.translate('goRuntime.ruleDetails.refreshFailed', {
              defaultMessage: 'Could not refresh the rule',
            })}
            error={rule.error}
          />
          <EuiSpacer size="m" />
        </>
      )}
      <EuiFlexGroup>
        <EuiFlexItem>
          <EuiPanel hasBorder>
            <EuiTitle size="xs">
              <h3>
                {i18n.translate('goRuntime.ruleDetails.definition', {
                  defaultMessage: 'Definition',
                })}
              </h3>
            </EuiTitle>
            <EuiSpacer size="s" />
            <EuiDescriptionList
              compressed
              type="column"
              data-test-subj="goRuntimeRuleParams"
              listItems={[
                {
                  title: i18n.translate('goRuntime.ruleDetails.type', { defaultMessage: 'Type' }),
                  description: RULE_TYPE_NAMES[current.rule_type_id] ?? current.rule_type_id,
                },
                {
                  title: i18n.translate('goRuntime.ruleDetails.services', {
                    defaultMessage: 'Services',
                  }),
                  description: <RuleServices rule={current} search={rangeSearch} />,
                },
                ...describeParams(current.params).map((line) => ({
                  title: line.label,
                  description: line.value,
                })),
                {
                  title: i18n.translate('goRuntime.ruleDetails.schedule', {
                    defaultMessage: 'Checks every',
                  }),
                  description: current.schedule.interval,
                },
                {
                  title: i18n.translate('goRuntime.ruleDetails.actions', {
                    defaultMessage: 'Actions',
                  }),
                  description: actionsSummary(current),
                },
              ]}
            />
          </EuiPanel>
        </EuiFlexItem>
        <EuiFlexItem>
          <EuiPanel hasBorder>
            <EuiTitle size="xs">
              <h3>{i18n.translate('goRuntime.ruleDetails.state', { defaultMessage: 'Status' })}</h3>
            </EuiTitle>
            <EuiSpacer size="s" />
            <EuiDescriptionList
              compressed
              type="column"
              listItems={[
                {
                  title: i18n.translate('goRuntime.ruleDetails.status', {
                    defaultMessage: 'Status',
                  }),
                  description: <RuleStatus rule={current} />,
                },
                {
                  title: i18n.translate('goRuntime.ruleDetails.lastRun', {
                    defaultMessage: 'Last run',
                  }),
                  description: lastRunText(current, instant),
                },
                {
                  title: i18n.translate('goRuntime.ruleDetails.activeCount', {
                    defaultMessage: 'Active alerts',
                  }),
                  description: String(current.last_run?.alerts_count.active ?? 0),
                },
              ]}
            />
          </EuiPanel>
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="l" />
      <EuiTitle size="s">
        <h3>
          {i18n.translate('goRuntime.ruleDetails.activeAlerts', {
            defaultMessage: 'Active alerts',
          })}
        </h3>
      </EuiTitle>
      <EuiSpacer size="s" />
      {alerts.status === 'error' && (
        <LoadFailedCallOut
          severity="warning"
          title={i18n.translate('goRuntime.ruleDetails.alertsFailed', {
            defaultMessage: 'Could not load the active alerts',
          })}
          error={alerts.error}
        />
      )}
      <EuiBasicTable
        items={alerts.data === undefined ? [] : [...alerts.data.alerts]}
        itemId="uuid"
        loading={alerts.data === undefined && alerts.status === 'loading'}
        columns={alertColumns(rangeSearch, instant)}
        noItemsMessage={i18n.translate('goRuntime.ruleDetails.noAlerts', {
          defaultMessage: 'No active alerts',
        })}
        tableCaption={i18n.translate('goRuntime.ruleDetails.alertsCaption', {
          defaultMessage: 'Active alerts of this rule',
        })}
        data-test-subj="goRuntimeRuleAlertsTable"
      />
      {alerts.data !== undefined && alerts.data.total > alerts.data.alerts.length && (
        <EuiText size="xs" color="subdued">
          <p>
            {i18n.translate('goRuntime.activeAlerts.more', {
              defaultMessage: 'Showing the {shown} newest of {total}.',
              values: { shown: alerts.data.alerts.length, total: alerts.data.total },
            })}
          </p>
        </EuiText>
      )}
      {actions.overlays}
    </div>
  );
}
