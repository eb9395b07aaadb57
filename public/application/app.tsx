import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EuiPageTemplate } from '@elastic/eui';
import type { ChromeBreadcrumb, CoreStart, ScopedHistory } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
// react-router-dom 5 is one of Kibana's shared browser dependencies (__kbnSharedDeps__), so the
// plugin bundle takes the page's copy. @kbn/shared-ux-router, which Kibana's own apps wrap it
// in, is not: it would have to be bundled, and outside Kibana's repository that means a copy.
import { Route, Router, Switch } from 'react-router-dom';
import { Redirect, matchPath, useHistory, useLocation } from 'react-router-dom';
import { accessOf, reportingForbidden } from './access/access';
import { NoAccessPrompt } from './access/no_access_prompt';
import { createDashboardApi } from './api/dashboard_api';
import { createGoRuntimeApi } from './api/go_runtime_api';
import { TimeRangePicker } from './components/time_range_picker';
import { InstancePage } from './pages/instance_page';
import { ServicePage } from './pages/service_page';
import { ServicesPage } from './pages/services_page';
import { TargetsPage } from './pages/targets_page';
import type { TriggersAndActionsUIPublicPluginStart } from '@kbn/triggers-actions-ui-plugin/public';
import { RulesPage } from '../alerting/rules_page';
import { RuleDetailsPage } from '../alerting/rule_details_page';
import {
  INSTANCE_PATH,
  RULES_PATH,
  RULE_PATH,
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
const RULE_TITLE = i18n.translate('goRuntime.nav.rule', { defaultMessage: 'Rule' });

interface RouteParams {
  serviceName?: string;
  instanceName?: string;
  ruleId?: string;
}

function currentRoute(pathname: string): {
  id: 'services' | 'service' | 'instance' | 'targets' | 'rules' | 'rule';
  params: RouteParams;
} {
  for (const [id, path] of [
    ['instance', INSTANCE_PATH],
    ['service', SERVICE_PATH],
    ['services', SERVICES_PATH],
    ['targets', TARGETS_PATH],
    ['rules', RULES_PATH],
    ['rule', RULE_PATH],
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
          ...(match.params.ruleId === undefined
            ? {}
            : { ruleId: decodeParam(match.params.ruleId) }),
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
  // Access is decided once, from the capabilities the user's roles give in this space; a 403
  // from any route while a page is open (a role changed since, or a privilege the
  // capabilities cannot show) turns that page into the same one message.
  const access = accessOf(coreStart.application.capabilities);
  const canSave = access === 'all';
  const [forbiddenAt, setForbiddenAt] = useState<string | undefined>();
  const pathnameRef = useRef(location.pathname);
  pathnameRef.current = location.pathname;
  const http = useMemo(
    () => reportingForbidden(coreStart.http, () => setForbiddenAt(pathnameRef.current)),
    [coreStart.http]
  );
  const denied = access === 'none' || forbiddenAt === location.pathname;
  const api = useMemo(() => createGoRuntimeApi(http), [http]);
  const dashboardApi = useMemo(() => createDashboardApi(http), [http]);
  const time = useTimeRange();
  const route = currentRoute(location.pathname);
  const rangeSearch = withRange(time.state);
  // The details page names its rule once loaded; until then the crumb says "Rule".
  const [ruleName, setRuleName] = useState<{ id: string; name: string } | undefined>();
  const shownRuleName =
    ruleName !== undefined && ruleName.id === route.params.ruleId ? ruleName.name : RULE_TITLE;

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
    else if (route.id === 'rule')
      crumbs.push(link(RULES_TITLE, RULES_PATH), { text: shownRuleName });
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
    shownRuleName,
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
  const goToRules = useCallback(() => history.push(RULES_PATH), [history]);
  /** Pages without a time range of their own. */
  const timeless = route.id === 'targets' || route.id === 'rules' || route.id === 'rule';
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
          timeless || denied
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
            selected: !timeless,
          },
          {
            id: 'targets',
            label: TARGETS_TITLE,
            path: TARGETS_PATH,
            selected: route.id === 'targets',
          },
          {
            id: 'rules',
            label: RULES_TITLE,
            path: RULES_PATH,
            selected: route.id === 'rules' || route.id === 'rule',
          },
        ].map((tab) => ({
          label: tab.label,
          isSelected: tab.selected,
          onClick: () =>
            history.push({ pathname: tab.path, search: tab.id === 'services' ? rangeSearch : '' }),
          'data-test-subj': `goRuntimeTab-${tab.id}`,
        }))}
      />
      {denied ? (
        <EuiPageTemplate.Section>
          <NoAccessPrompt />
        </EuiPageTemplate.Section>
      ) : pageProps === undefined && !timeless ? (
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
                  onOpenTargets={goToTargets}
                  listTargets={api.listTargets}
                  selectRange={selectRange}
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
          <Route exact path={RULE_PATH}>
            <EuiPageTemplate.Section>
              <RuleDetailsPage
                key={location.pathname}
                ruleId={route.params.ruleId ?? ''}
                http={http}
                dashboardApi={dashboardApi}
                notifications={coreStart.notifications}
                canSave={canSave}
                triggersActionsUi={triggersActionsUi}
                rangeSearch={rangeSearch}
                onLoaded={setRuleName}
                onDeleted={goToRules}
              />
            </EuiPageTemplate.Section>
          </Route>
          <Route exact path={RULES_PATH}>
            <EuiPageTemplate.Section>
              <RulesPage
                http={http}
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
