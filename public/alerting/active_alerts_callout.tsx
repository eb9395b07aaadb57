import {
  EuiBasicTable,
  EuiCallOut,
  EuiLoadingSpinner,
  EuiSpacer,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { ActiveAlert, ActiveAlertsResponse } from '../../common/alerting/active_alerts';
import type { FetchState } from '../application/hooks/use_fetch';
import { useDateFormats } from '../application/charts/use_date_formats';
import { AppLink } from '../application/routing/app_link';
import { rulePath } from '../application/routing/paths';

const columns = (instant: (at: number) => string): Array<EuiBasicTableColumn<ActiveAlert>> => [
  {
    field: 'rule_name',
    name: i18n.translate('goRuntime.activeAlerts.column.rule', { defaultMessage: 'Rule' }),
    // To the rule's details, which link back to this service and its instances.
    render: (name: string, alert: ActiveAlert) => (
      <AppLink
        to={{ pathname: rulePath(alert.rule_id) }}
        data-test-subj={`goRuntimeActiveAlertRule-${name}`}
      >
        {name}
      </AppLink>
    ),
  },
  {
    field: 'instance',
    name: i18n.translate('goRuntime.activeAlerts.column.instance', { defaultMessage: 'Instance' }),
    render: (instance: string | undefined) =>
      instance ??
      i18n.translate('goRuntime.activeAlerts.wholeService', { defaultMessage: 'whole service' }),
  },
  {
    field: 'reason',
    name: i18n.translate('goRuntime.activeAlerts.column.reason', { defaultMessage: 'Reason' }),
  },
  {
    field: 'started',
    name: i18n.translate('goRuntime.activeAlerts.column.started', { defaultMessage: 'Started' }),
    render: (started: number) => instant(started),
  },
];

/**
 * The service's active alerts above its panels. Nothing is shown while none is active: the
 * dashboard is for the charts, and a healthy service needs no banner.
 */
export function ActiveAlertsCallOut({ state }: { state: FetchState<ActiveAlertsResponse> }) {
  const { instant } = useDateFormats();
  if (state.status === 'error' && state.data === undefined)
    return (
      <>
        <EuiCallOut
          color="warning"
          iconType="warning"
          size="s"
          title={i18n.translate('goRuntime.activeAlerts.loadFailed', {
            defaultMessage: 'Could not load the active alerts',
          })}
          data-test-subj="goRuntimeActiveAlertsError"
        >
          {state.error.message}
        </EuiCallOut>
        <EuiSpacer size="m" />
      </>
    );
  if (state.data === undefined)
    return state.status === 'loading' ? <EuiLoadingSpinner size="m" /> : null;
  const { alerts, total } = state.data;
  if (alerts.length === 0) return null;
  return (
    <>
      <EuiCallOut
        color="danger"
        iconType="bell"
        title={i18n.translate('goRuntime.activeAlerts.title', {
          defaultMessage: 'Active alerts: {total}',
          values: { total },
        })}
        data-test-subj="goRuntimeActiveAlerts"
      >
        <EuiBasicTable
          items={[...alerts]}
          itemId="uuid"
          columns={columns(instant)}
          tableCaption={i18n.translate('goRuntime.activeAlerts.caption', {
            defaultMessage: 'Active alerts of this service',
          })}
          compressed
          data-test-subj="goRuntimeActiveAlertsTable"
        />
        {total > alerts.length && (
          <EuiText size="xs" color="subdued">
            <p>
              {i18n.translate('goRuntime.activeAlerts.more', {
                defaultMessage: 'Showing the {shown} newest of {total}.',
                values: { shown: alerts.length, total },
              })}
            </p>
          </EuiText>
        )}
      </EuiCallOut>
      <EuiSpacer size="m" />
    </>
  );
}
