import { useEffect, useMemo, useState } from 'react';
import { EuiPageTemplate } from '@elastic/eui';
import type { CoreStart, ScopedHistory } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';
import { PLUGIN_ID, UI_CAPABILITIES } from '../../common/constants';
import { createGoRuntimeApi } from './api/go_runtime_api';
import { OverviewPage } from './pages/overview_page';
import { TargetsPage } from './pages/targets_page';
import type { TriggersAndActionsUIPublicPluginStart } from '@kbn/triggers-actions-ui-plugin/public';
import { RulesPage } from '../alerting/rules_page';

type PageId = 'overview' | 'targets' | 'rules';
const PAGE_PATHS: Record<PageId, string> = { overview: '/', targets: '/targets', rules: '/rules' };

function pageFromPath(pathname: string): PageId {
  if (pathname.startsWith('/rules')) return 'rules';
  return pathname.startsWith('/targets') ? 'targets' : 'overview';
}

const PAGE_TITLES: Record<PageId, string> = {
  overview: i18n.translate('goRuntime.nav.overview', { defaultMessage: 'Services' }),
  targets: i18n.translate('goRuntime.nav.targets', { defaultMessage: 'Targets' }),
  rules: i18n.translate('goRuntime.nav.rules', { defaultMessage: 'Rules' }),
};

export function GoRuntimeApp({ coreStart, history, triggersActionsUi }: { coreStart: CoreStart; history: ScopedHistory; triggersActionsUi?: TriggersAndActionsUIPublicPluginStart }) {
  const api = useMemo(() => createGoRuntimeApi(coreStart.http), [coreStart.http]);
  const [page, setPage] = useState<PageId>(pageFromPath(history.location.pathname));
  const canSave = coreStart.application.capabilities[PLUGIN_ID]?.[UI_CAPABILITIES.save] === true;

  useEffect(() => history.listen((location) => setPage(pageFromPath(location.pathname))), [history]);

  useEffect(() => {
    const appTitle = i18n.translate('goRuntime.app.title', { defaultMessage: 'Go Runtime' });
    coreStart.chrome.setBreadcrumbs([
      { text: appTitle, href: history.createHref({ pathname: '/' }), onClick: (event) => { event.preventDefault(); history.push('/'); } },
      { text: PAGE_TITLES[page] },
    ]);
    coreStart.chrome.docTitle.change([PAGE_TITLES[page], appTitle]);
  }, [coreStart.chrome, history, page]);

  return (
    <EuiPageTemplate restrictWidth={false} data-test-subj="goRuntimeApp">
      <EuiPageTemplate.Header
        pageTitle={i18n.translate('goRuntime.app.pageTitle', { defaultMessage: 'Go Runtime' })}
        iconType="logoGolang"
        tabs={(Object.keys(PAGE_PATHS) as PageId[]).map((id) => ({
          label: PAGE_TITLES[id],
          isSelected: page === id,
          onClick: () => history.push(PAGE_PATHS[id]),
          'data-test-subj': `goRuntimeTab-${id}`,
        }))}
      />
      {page === 'rules' ? (
        <RulesPage http={coreStart.http} notifications={coreStart.notifications} canSave={canSave} triggersActionsUi={triggersActionsUi} />
      ) : page === 'overview' ? (
        <OverviewPage api={api} onGoToTargets={() => history.push(PAGE_PATHS.targets)} />
      ) : (
        <TargetsPage api={api} canSave={canSave} notifications={coreStart.notifications} />
      )}
    </EuiPageTemplate>
  );
}
