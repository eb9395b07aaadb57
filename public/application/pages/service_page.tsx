import { useMemo, useState } from 'react';
import {
  EuiBadge,
  EuiButton,
  EuiComboBox,
  EuiFlexGrid,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiLink,
  EuiLoadingSpinner,
  EuiSpacer,
  EuiSwitch,
  EuiText,
} from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { TriggersAndActionsUIPublicPluginStart } from '@kbn/triggers-actions-ui-plugin/public';
import { useHistory, useLocation } from 'react-router-dom';
import { RULE_PRODUCER } from '../../../common/alerting/rule_types';
import { ActiveAlertsCallOut } from '../../alerting/active_alerts_callout';
import { serviceRulePrefill, type RulePrefill } from '../../alerting/rule_prefill';
import type { DashboardApi } from '../api/dashboard_api';
import { PanelView } from '../components/panel_view';
import { InstanceHealthCallOut } from '../components/instance_health_callout';
import { NoDataInRange } from '../components/no_data_in_range';
import { ProfilePanels } from '../components/profile_panels';
import { PublishExpvarPrompt } from '../components/publish_expvar_prompt';
import { DashboardProvider } from '../dashboard_context';
import { useRefreshingFetch } from '../hooks/use_refreshing_fetch';
import { PANELS } from '../panels';
import { panelsFor } from '../../../common/panels';
import { InstanceOption, SourceRemarksView, instanceSources } from '../components/source_badges';
import { instancePath, withRange } from '../routing/paths';
import { parseSelection, withSelection } from '../routing/selection_params';
import type { TimeRangeState } from '../routing/time_range';
import { usePanelContext } from './use_panel_context';

export interface DashboardPageProps {
  readonly api: DashboardApi;
  readonly range: { from: string; to: string };
  readonly rangeKey: string;
  readonly refreshKey: number;
  readonly timeRange: TimeRangeState;
  readonly selectRange: (fromMs: number, toMs: number) => void;
  readonly canAddTarget: boolean;
  readonly onAddTarget: () => void;
}

const noDataTitle = (service: string) =>
  i18n.translate('goRuntime.service.unknown', {
    defaultMessage: 'No data for the service "{service}" in this time range',
    values: { service },
  });

/** Every panel for one service, for the instances selected (all by default). */
export function ServicePage({
  serviceName,
  canSaveRules,
  triggersActionsUi,
  ...props
}: DashboardPageProps & {
  serviceName: string;
  /** The plugin's save capability: creating a rule needs it, as on the Rules page. */
  canSaveRules: boolean;
  triggersActionsUi?: TriggersAndActionsUIPublicPluginStart;
}) {
  const { api, range, rangeKey, refreshKey } = props;
  const [rulePrefill, setRulePrefill] = useState<RulePrefill | undefined>();
  const createRule = useMemo(
    () =>
      triggersActionsUi === undefined || !canSaveRules
        ? undefined
        : { serviceName, open: setRulePrefill },
    [triggersActionsUi, canSaveRules, serviceName]
  );
  const history = useHistory();
  const location = useLocation();
  const selection = parseSelection(location.search);
  const instances = useRefreshingFetch(
    (signal) => api.instances({ ...range, service_name: serviceName }, signal),
    [rangeKey, serviceName],
    refreshKey
  );
  const panelContext = usePanelContext(props, serviceName, selection.instances);
  // Health is about now, whatever the range: it is asked beside it.
  const health = useRefreshingFetch(
    (signal) => api.serviceHealth({ service_name: serviceName }, signal),
    [serviceName],
    refreshKey
  );
  const activeAlerts = useRefreshingFetch(
    (signal) => api.activeAlerts({ service_name: serviceName }, signal),
    [serviceName],
    refreshKey
  );
  const context = useMemo(
    () => ({
      ...panelContext,
      alertStarts: activeAlerts.data?.alerts ?? [],
      ...(createRule === undefined ? {} : { createRule }),
    }),
    [panelContext, activeAlerts.data, createRule]
  );
  const setSelection = (next: { instances?: string[]; byInstance?: boolean }) =>
    history.push({ pathname: location.pathname, search: withSelection(location.search, next) });

  const healthCallOut = <InstanceHealthCallOut instances={health.data?.instances ?? []} />;
  if (instances.data !== undefined && instances.data.instances.length === 0) {
    // Never seen, or only not in this range: one gets the onboarding, the other its last sample.
    if (health.data === undefined)
      return health.status === 'error' ? (
        <PublishExpvarPrompt
          title={noDataTitle(serviceName)}
          canAddTarget={props.canAddTarget}
          onAddTarget={props.onAddTarget}
        />
      ) : (
        <EuiLoadingSpinner size="l" />
      );
    if (health.data.last_sample_at !== null)
      return (
        <>
          {healthCallOut}
          <NoDataInRange
            title={noDataTitle(serviceName)}
            lastSampleAt={health.data.last_sample_at}
            selectRange={props.selectRange}
          />
        </>
      );
    if (health.data.instances.length > 0) return healthCallOut;
    return (
      <PublishExpvarPrompt
        title={i18n.translate('goRuntime.service.neverSeen', {
          defaultMessage: 'Nothing was ever collected for the service "{service}"',
          values: { service: serviceName },
        })}
        canAddTarget={props.canAddTarget}
        onAddTarget={props.onAddTarget}
      />
    );
  }
  // One name in two sources is two instances, picked together by their name.
  const names = [...new Set(instances.data?.instances.map((i) => i.name) ?? [])];
  const sourcesOf = instanceSources(instances.data?.instances ?? []);
  const serviceSources = [...new Set(instances.data?.instances.map((i) => i.source) ?? [])];
  const shown = panelsFor(serviceSources);
  return (
    <DashboardProvider value={context}>
      <EuiFlexGroup alignItems="flexEnd" wrap>
        <EuiFlexItem grow={2}>
          <EuiFormRow
            label={i18n.translate('goRuntime.service.instances', { defaultMessage: 'Instances' })}
            fullWidth
          >
            <EuiComboBox
              fullWidth
              placeholder={
                // Until the first answer the count is unknown, not 0.
                instances.data === undefined
                  ? i18n.translate('goRuntime.service.instancesLoading', {
                      defaultMessage: 'Loading instances…',
                    })
                  : i18n.translate('goRuntime.service.allInstances', {
                      defaultMessage:
                        '{count, plural, one {The only instance} other {All # instances}}',
                      values: { count: names.length },
                    })
              }
              options={names.map((name) => ({ label: name }))}
              renderOption={(option) => (
                <InstanceOption name={option.label} sources={sourcesOf.get(option.label) ?? []} />
              )}
              selectedOptions={selection.instances.map((name) => ({ label: name }))}
              onChange={(options) => setSelection({ instances: options.map((o) => o.label) })}
              isLoading={instances.status === 'loading'}
              data-test-subj="goRuntimeInstanceSelector"
            />
          </EuiFormRow>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiSwitch
            label={i18n.translate('goRuntime.service.byInstance', {
              defaultMessage: 'By instance',
            })}
            checked={selection.byInstance}
            onChange={(event) => setSelection({ byInstance: event.target.checked })}
            data-test-subj="goRuntimeByInstance"
          />
        </EuiFlexItem>
        {createRule !== undefined && (
          <EuiFlexItem grow={false}>
            <EuiButton
              iconType="bell"
              onClick={() => setRulePrefill(serviceRulePrefill(serviceName))}
              data-test-subj="goRuntimeServiceCreateRule"
            >
              {i18n.translate('goRuntime.service.createRule', { defaultMessage: 'Create rule' })}
            </EuiButton>
          </EuiFlexItem>
        )}
      </EuiFlexGroup>
      <EuiSpacer size="s" />
      <EuiText size="s">
        <span>
          {i18n.translate('goRuntime.service.instancePages', { defaultMessage: 'Instance pages:' })}{' '}
        </span>
        {names.slice(0, 50).map((name) => {
          const to = {
            pathname: instancePath(serviceName, name),
            search: withRange(props.timeRange),
          };
          return (
            <EuiBadge key={name} color="hollow">
              <EuiLink
                href={history.createHref(to)}
                onClick={(event: React.MouseEvent) => {
                  event.preventDefault();
                  history.push(to);
                }}
                data-test-subj={`goRuntimeInstanceLink-${name}`}
              >
                {name}
              </EuiLink>
            </EuiBadge>
          );
        })}
        {instances.data?.limited === true && <span> …</span>}
      </EuiText>
      <EuiSpacer size="m" />
      {instances.data !== undefined && <SourceRemarksView remarks={instances.data} />}
      {healthCallOut}
      <ActiveAlertsCallOut state={activeAlerts} />
      <EuiFlexGrid columns={2}>
        {PANELS.filter((panel) => shown.includes(panel.id)).map((panel) => (
          <EuiFlexItem key={panel.id}>
            <PanelView
              panel={panel}
              selection={{
                serviceName,
                instances: selection.instances,
                byInstance: selection.byInstance,
              }}
            />
          </EuiFlexItem>
        ))}
      </EuiFlexGrid>
      <EuiSpacer size="m" />
      {serviceSources.includes('go_runtime') && (
        <ProfilePanels
          selection={{
            serviceName,
            // Profiles compare within one process: one selected instance narrows them to it.
            ...(selection.instances.length === 1 ? { instance: selection.instances[0] } : {}),
          }}
        />
      )}
      {rulePrefill !== undefined &&
        triggersActionsUi?.getAddRuleFlyout({
          consumer: RULE_PRODUCER,
          ruleTypeId: rulePrefill.ruleTypeId,
          // The type follows from where the rule was created; changing it would drop the params.
          canChangeTrigger: false,
          initialValues: { name: rulePrefill.name, params: rulePrefill.params },
          // Kibana's flyout toasts the created rule itself (`Created rule "<name>"`).
          onClose: () => setRulePrefill(undefined),
        })}
    </DashboardProvider>
  );
}
