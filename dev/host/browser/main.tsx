import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  EuiGlobalToastList,
  EuiHeader,
  EuiHeaderBreadcrumbs,
  EuiHeaderSection,
  EuiHeaderSectionItem,
  EuiHeaderLogo,
  EuiProvider,
  EuiText,
  type EuiGlobalToastListToast,
} from '@elastic/eui';
import { EuiThemeBorealis } from '@elastic/eui-theme-borealis';
import * as corePublic from '@kbn/core/public';
import type {
  App,
  ChromeBreadcrumb,
  CoreSetup,
  CoreStart,
  MountPoint,
  ToastInput,
} from '@kbn/core/public';
import { I18nProvider } from '@kbn/i18n-react';
import * as kibanaReact from '@kbn/kibana-react-plugin/public';
import { BehaviorSubject } from 'rxjs';
import type * as PublicPluginModule from '../../../public';
import { createHttpClient } from './http_client';
import { createScopedHistory } from './scoped_history';
import { createTriggersActionsUi } from './triggers_actions_ui';
import { createUiSettingsClient } from './ui_settings';

interface Bootstrap {
  basePath: string;
  version: string;
  username: string;
  capabilities: Record<string, Record<string, boolean>>;
}

/** The page's bundle registry (see ../ui/page.ts), shared with every plugin bundle. */
interface KbnBundles {
  define(key: string, bundleRequire: (moduleKey: string) => unknown, moduleKey: string): void;
  get(key: string): unknown;
}
const kbnBundles = (window as unknown as { __kbnBundles__: KbnBundles }).__kbnBundles__;
// This bundle is core: plugins' imports of @kbn/core/public resolve here, as to Kibana's core entry.
kbnBundles.define('entry/core/public', () => corePublic, 'entry/core/public');
// The kibanaReact plugin's bundle, which plugins listing it in requiredBundles import from: one
// React context for the plugin's KibanaContextProvider and the shell's rule flyout.
kbnBundles.define('plugin/kibanaReact/public', () => kibanaReact, 'plugin/kibanaReact/public');

const bootstrap = JSON.parse(document.getElementById('kbn-bootstrap')!.textContent!) as Bootstrap;
const pluginIds = JSON.parse(document.getElementById('kbn-plugins')!.textContent!) as string[];
const breadcrumbs$ = new BehaviorSubject<ChromeBreadcrumb[]>([]);
const toasts$ = new BehaviorSubject<EuiGlobalToastListToast[]>([]);
let toastId = 0;
const pushToast = (toast: Omit<EuiGlobalToastListToast, 'id'>) =>
  toasts$.next([...toasts$.value, { ...toast, id: String(toastId++) }]);
/** A toast's MountPoint, mounted into an element of the toast as Kibana's toasts mount it. */
function MountedContent({ mount }: { mount: MountPoint }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => (element.current === null ? undefined : mount(element.current)), [mount]);
  return <div ref={element} />;
}
const contentOf = (content: string | MountPoint | undefined): ReactNode =>
  typeof content === 'function' ? <MountedContent mount={content} /> : content;
const textOf = (input: ToastInput) =>
  typeof input === 'string'
    ? { title: input }
    : { title: contentOf(input.title), text: contentOf(input.text) };

/** What Kibana's KibanaRenderContextProvider gives every mounted app. */
function RenderContext({ children }: { children?: ReactNode }) {
  return (
    <EuiProvider theme={EuiThemeBorealis} colorMode="light">
      <I18nProvider>{children}</I18nProvider>
    </EuiProvider>
  );
}

const apps: App[] = [];
const http = createHttpClient(bootstrap.basePath, bootstrap.version);
const coreStart: CoreStart = {
  application: {
    capabilities: { navLinks: {}, management: {}, catalogue: {}, ...bootstrap.capabilities },
    navigateToApp: async (appId, options) => {
      window.location.assign(`${bootstrap.basePath}/app/${appId}${options?.path ?? ''}`);
    },
  },
  http,
  notifications: {
    toasts: {
      addSuccess: (t) => pushToast({ ...textOf(t), color: 'success', iconType: 'check' }),
      addInfo: (t) => pushToast({ ...textOf(t), color: 'primary' }),
      addWarning: (t) => pushToast({ ...textOf(t), color: 'warning', iconType: 'help' }),
      addDanger: (t) => pushToast({ ...textOf(t), color: 'danger', iconType: 'error' }),
      addError: (error, { title, toastMessage }) =>
        pushToast({
          title,
          text: toastMessage ?? error.message,
          color: 'danger',
          iconType: 'error',
        }),
    },
  },
  chrome: {
    setBreadcrumbs: (crumbs) => breadcrumbs$.next(crumbs),
    docTitle: {
      change: (title) =>
        (document.title = `${Array.isArray(title) ? title.join(' - ') : title} - Elastic`),
    },
  },
  uiSettings: createUiSettingsClient(),
  rendering: { addContext: (element) => <RenderContext>{element}</RenderContext> },
};
const triggersActionsUi = createTriggersActionsUi();
const coreSetup: CoreSetup<{ triggersActionsUi: typeof triggersActionsUi.start }> = {
  application: { register: (app) => void apps.push(app) },
  http,
  getStartServices: async () => [
    coreStart,
    { triggersActionsUi: triggersActionsUi.start },
    undefined,
  ],
};

/** As core's plugin reader does: the bundle's `plugin` export, or a message naming what is missing. */
function readPlugin(id: string): typeof PublicPluginModule.plugin {
  const exported = kbnBundles.get(`plugin/${id}/public`) as
    | Partial<typeof PublicPluginModule>
    | undefined;
  if (typeof exported?.plugin !== 'function')
    throw new Error(`Definition of plugin "${id}" should be a function.`);
  return exported.plugin;
}

const plugin = readPlugin(pluginIds[0]!);
const instance = plugin({
  opaqueId: Symbol('goRuntime'),
  env: { mode: { dev: true, prod: false }, packageInfo: { version: bootstrap.version } },
  config: { get: () => ({} as never) },
});
instance.setup(coreSetup, { triggersActionsUi: triggersActionsUi.setup });
instance.start();

function useObservable<T>(subject: BehaviorSubject<T>): T {
  const [value, setValue] = useState(subject.value);
  useEffect(() => {
    const subscription = subject.subscribe(setValue);
    return () => subscription.unsubscribe();
  }, [subject]);
  return value;
}

function Shell() {
  const crumbs = useObservable(breadcrumbs$);
  const toasts = useObservable(toasts$);
  const mountPoint = useRef<HTMLDivElement>(null);
  const appId = /^\/app\/([^/]+)/.exec(
    window.location.pathname.slice(bootstrap.basePath.length)
  )?.[1];
  const app = apps.find((candidate) => candidate.id === appId);

  useEffect(() => {
    if (app === undefined || mountPoint.current === null) return;
    const appBasePath = `${bootstrap.basePath}/app/${app.id}`;
    let unmount: (() => void) | undefined;
    let cancelled = false;
    void Promise.resolve(
      app.mount({
        element: mountPoint.current,
        history: createScopedHistory(appBasePath),
        appBasePath,
        onAppLeave: () => undefined,
        theme$: new BehaviorSubject({ darkMode: false }),
      })
    ).then((result) => (cancelled ? result() : (unmount = result)));
    return () => {
      cancelled = true;
      unmount?.();
    };
  }, [app]);

  return (
    <RenderContext>
      <EuiHeader position="static">
        <EuiHeaderSection>
          <EuiHeaderSectionItem>
            <EuiHeaderLogo iconTitle="Elastic" href={`${bootstrap.basePath}/app/goRuntime`} />
          </EuiHeaderSectionItem>
        </EuiHeaderSection>
        <EuiHeaderBreadcrumbs
          breadcrumbs={crumbs.map((crumb) => ({
            text: crumb.text,
            href: crumb.href,
            onClick: crumb.onClick as never,
          }))}
          data-test-subj="breadcrumbs"
        />
        <EuiHeaderSection side="right">
          <EuiHeaderSectionItem>
            <EuiText
              size="xs"
              color="subdued"
              style={{ paddingRight: 12 }}
              data-test-subj="currentUser"
            >
              {bootstrap.username}
            </EuiText>
          </EuiHeaderSectionItem>
        </EuiHeaderSection>
      </EuiHeader>
      <div>
        {app === undefined ? (
          <EuiText style={{ padding: 24 }}>Application not found</EuiText>
        ) : (
          <div ref={mountPoint} />
        )}
      </div>
      <EuiGlobalToastList
        toasts={toasts}
        dismissToast={(t) => toasts$.next(toasts$.value.filter((x) => x.id !== t.id))}
        toastLifeTimeMs={6000}
      />
    </RenderContext>
  );
}

createRoot(document.getElementById('kibana-body')!).render(<Shell />);
