import { useCallback, useEffect, useMemo } from 'react';
import { EuiPageTemplate } from '@elastic/eui';
import type { ChromeBreadcrumb, CoreStart, ScopedHistory } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
// react-router-dom 5 is one of Kibana's shared browser dependencies (__kbnSharedDeps__), so the
// plugin bundle takes the page's copy. @kbn/shared-ux-router, which Kibana's own apps wrap it
// in, is not: it would have to be bundled, and outside Kibana's repository that means a copy.
import { Route, Router, Switch } from 'react-router-dom';
import { Redirect, matchPath, useHistory, useLocation } from 'react-router-dom';
import { PLUGIN_ID, UI_CAPABILITIES } from '../../common/constants';
import { createDashboardApi } from './api/dashboard_api';
import { createGoRuntimeApi } from './api/go_runtime_api';
import { TimeRangePicker } from './components/time_range_picker';
import { InstancePage } from './pages/instance_page';
import { ServicePage } from './pages/service_page';
import { ServicesPage } from './pages/services_page';
import { TargetsPage } from './pages/targets_page';
import type { TriggersAndActionsUIPublicPluginStart } from '@kbn/triggers-actions-ui-plugin/public';
import { RulesPage } from '../alerting/rules_page';
import {
  INSTANCE_PATH,
  RULES_PATH,
  SERVICES_PATH,
  SERVICE_PATH,
  TARGETS_PATH,
  servicePath,
  withRange,
} from './routing/paths';
import { decodeParam } from './routing/selection_params';
import { useTimeRange } from './routing/use_time_range';

const APP_TITLE = i18n.translate('goRuntime.app.title', { defaultMessage: 'Go Runtime' });
const SERVICES_TITLE = i18n.translate('goRuntime.nav.services', { defaultMessage: 'Services' });
const TARGETS_TITLE = i18n.translate('goRuntime.nav.targets', { defaultMessage: 'Targets' });
const RULES_TITLE = i18n.translate('goRuntime.nav.rules', { defaultMessage: 'Rules' });

interface RouteParams {
  serviceName?: string;
  instanceName?: string;
}

function currentRoute(pathname: string): {
  id: 'services' | 'service' | 'instance' | 'targets' | 'rules';
  params: RouteParams;
} {
  for (const [id, path] of [
    ['instance', INSTANCE_PATH],
    ['service', SERVICE_PATH],
    ['services', SERVICES_PATH],
    ['targets', TARGETS_PATH],
    ['rules', RULES_PATH],
  ] as const) {
    const match = matchPath<RouteParams>(pathname, { path, exact: true });
    if (match !== null) {
      return {
        id,
        params: {
          ...(match.params.serviceName === undefined
            ? {}
            : { serviceName: decodeParam(match.params.serviceName) }),
          ...(match.params.instanceName === undefined
            ? {}
            : { instanceName: decodeParam(match.params.instanceName) }),
        },
      };
    }
  }
  return { id: 'services', params: {} };
}

function AppShell({
  coreStart,
  triggersActionsUi,
}: {
  coreStart: CoreStart;
  triggersActionsUi?: TriggersAndActionsUIPublicPluginStart;
}) {
  const history = useHistory();
  const location = useLocation();
  const api = useMemo(() => createGoRuntimeApi(coreStart.http), [coreStart.http]);
  const dashboardApi = useMemo(() => createDashboardApi(coreStart.http), [coreStart.http]);
  const canSave = coreStart.application.capabilities[PLUGIN_ID]?.[UI_CAPABILITIES.save] === true;
  const time = useTimeRange();
  const route = currentRoute(location.pathname);
  const rangeSearch = withRange(time.state);

  useEffect(() => {
    const link = (text: string, pathname: string): ChromeBreadcrumb => ({
      text,
      href: history.createHref({ pathname, search: rangeSearch }),
      onClick: (event) => {
        event.preventDefault();
        history.push({ pathname, search: rangeSearch });
      },
    });
    const crumbs: ChromeBreadcrumb[] = [link(APP_TITLE, SERVICES_PATH)];
    if (route.id === 'targets') crumbs.push({ text: TARGETS_TITLE });
    else if (route.id === 'rules') crumbs.push({ text: RULES_TITLE });
    else if (route.id === 'services') crumbs.push({ text: SERVICES_TITLE });
    else {
      crumbs.push(link(SERVICES_TITLE, SERVICES_PATH));
      if (route.id === 'service') crumbs.push({ text: route.params.serviceName! });
      else
        crumbs.push(link(route.params.serviceName!, servicePath(route.params.serviceName!)), {
          text: route.params.instanceName!,
        });
    }
    coreStart.chrome.setBreadcrumbs(crumbs);
    coreStart.chrome.docTitle.change([
      ...crumbs
        .slice(1)
        .map((c) => String(c.text))
        .reverse(),
      APP_TITLE,
    ]);
  }, [
    coreStart.chrome,
    history,
    route.id,
    route.params.serviceName,
    route.params.instanceName,
    rangeSearch,
  ]);

  const { setTimeRange } = time;
  const selectRange = useCallback(
    (fromMs: number, toMs: number) =>
      setTimeRange({
        rangeFrom: new Date(fromMs).toISOString(),
        rangeTo: new Date(toMs).toISOString(),
      }),
    [setTimeRange]
  );
  const goToTargets = useCallback(() => history.push(TARGETS_PATH), [history]);
  const pageTitle =
    route.id === 'service'
      ? route.params.serviceName
      : route.id === 'instance'
      ? `${route.params.serviceName} / ${route.params.instanceName}`
      : APP_TITLE;
  const pageProps =
    time.resolved === undefined
      ? undefined
      : {
          api: dashboardApi,
          range: time.resolved,
          rangeKey: time.rangeKey,
          refreshKey: time.refreshKey,
          timeRange: time.state,
          selectRange,
          canAddTarget: canSave,
          onAddTarget: goToTargets,
        };

  return (
    <EuiPageTemplate restrictWidth={false} data-test-subj="goRuntimeApp">
      <EuiPageTemplate.Header
        pageTitle={pageTitle}
        iconType="logoGolang"
        rightSideItems={
          route.id === 'targets' || route.id === 'rules'
            ? []
            : [
                <TimeRangePicker
                  key="time"
                  state={time.state}
                  onChange={time.setTimeRange}
                  onRefresh={time.refresh}
                />,
              ]
        }
        tabs={[
          {
            id: 'services',
            label: SERVICES_TITLE,
            path: SERVICES_PATH,
            selected: route.id !== 'targets' && route.id !== 'rules',
          },
          {
            id: 'targets',
            label: TARGETS_TITLE,
            path: TARGETS_PATH,
            selected: route.id === 'targets',
          },
          { id: 'rules', label: RULES_TITLE, path: RULES_PATH, selected: route.id === 'rules' },
        ].map((tab) => ({
          label: tab.label,
          isSelected: tab.selected,
          onClick: () =>
            history.push({ pathname: tab.path, search: tab.id === 'services' ? rangeSearch : '' }),
          'data-test-subj': `goRuntimeTab-${tab.id}`,
        }))}
      />
      {pageProps === undefined && route.id !== 'targets' && route.id !== 'rules' ? (
        <EuiPageTemplate.EmptyPrompt
          iconType="calendar"
          title={
            <h2>
              {i18n.translate('goRuntime.app.badRange', {
                defaultMessage: 'The time range is not valid',
              })}
            </h2>
          }
        />
      ) : (
        <Switch>
          <Route exact path={SERVICES_PATH}>
            <EuiPageTemplate.Section>
              {pageProps !== undefined && (
                <ServicesPage
                  api={dashboardApi}
                  range={pageProps.range}
                  rangeKey={time.rangeKey}
                  refreshKey={time.refreshKey}
                  timeRange={time.state}
                  canAddTarget={canSave}
                  onAddTarget={goToTargets}
                />
              )}
            </EuiPageTemplate.Section>
          </Route>
          <Route exact path={INSTANCE_PATH}>
            <EuiPageTemplate.Section>
              {pageProps !== undefined && (
                <InstancePage
                  key={location.pathname}
                  {...pageProps}
                  serviceName={route.params.serviceName ?? ''}
                  instanceName={route.params.instanceName ?? ''}
                />
              )}
            </EuiPageTemplate.Section>
          </Route>
          <Route exact path={SERVICE_PATH}>
            <EuiPageTemplate.Section>
              {pageProps !== undefined && (
                <ServicePage
                  key={location.pathname}
                  {...pageProps}
                  serviceName={route.params.serviceName ?? ''}
                  canSaveRules={canSave}
                  triggersActionsUi={triggersActionsUi}
                />
              )}
            </EuiPageTemplate.Section>
          </Route>
          <Route exact path={TARGETS_PATH}>
            <TargetsPage api={api} canSave={canSave} notifications={coreStart.notifications} />
          </Route>
          <Route exact path={RULES_PATH}>
            <EuiPageTemplate.Section>
              <RulesPage
                http={coreStart.http}
                notifications={coreStart.notifications}
                canSave={canSave}
                triggersActionsUi={triggersActionsUi}
              />
            </EuiPageTemplate.Section>
          </Route>
          <Route>
            <Redirect to={{ pathname: SERVICES_PATH, search: location.search }} />
          </Route>
        </Switch>
      )}
    </EuiPageTemplate>
  );
}

export function GoRuntimeApp({
  coreStart,
  history,
  triggersActionsUi,
}: {
  coreStart: CoreStart;
  history: ScopedHistory;
  triggersActionsUi?: TriggersAndActionsUIPublicPluginStart;
}) {
  return (
    <Router history={history}>
      <AppShell coreStart={coreStart} triggersActionsUi={triggersActionsUi} />
    </Router>
  );
}
