/**
 * The slice of `@kbn/core/public` (Kibana 9.x) this plugin uses. Shapes follow
 * src/core/packages/{plugins,application,http,notifications,chrome,rendering}/browser.
 */
import type { History, Location } from 'history';
import type { ReactNode } from 'react';
import type { Observable } from 'rxjs';

/** Mirrors src/core/packages/application/common/src/default_app_categories.ts (re-exported by @kbn/core/public). */
export { DEFAULT_APP_CATEGORIES } from './server';
export type { AppCategory } from './server';
import type { AppCategory } from './server';

/** Mirrors src/core/packages/plugins/browser/src/plugin_initializer.ts. */
export interface PluginInitializerContext<ConfigSchema extends object = object> {
  opaqueId: symbol;
  env: { mode: { dev: boolean; prod: boolean }; packageInfo: { version: string } };
  config: { get<T extends object = ConfigSchema>(): T };
}

/** Mirrors src/core/packages/plugins/browser/src/plugin.ts. */
export interface Plugin<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = object,
  TPluginsStart extends object = object
> {
  setup(core: CoreSetup<TPluginsStart, TStart>, plugins: TPluginsSetup): TSetup;
  start(core: CoreStart, plugins: TPluginsStart): TStart;
  stop?(): void;
}

// ---------------------------------------------------------------- http
/** Mirrors `HttpFetchQuery` in src/core/packages/http/browser/src/types.ts (at 092f2a14dd30a056c2c3bfd6983b4768526ea6a4): arrays of one type only. */
export interface HttpFetchQuery {
  [key: string]: string | number | boolean | string[] | number[] | boolean[] | undefined | null;
}
/** Mirrors src/core/packages/http/browser/src/types.ts. */
export interface HttpFetchOptions {
  query?: HttpFetchQuery;
  body?: BodyInit | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  version?: string;
  asResponse?: boolean;
  prependBasePath?: boolean;
}
/** Mirrors `ResponseErrorBody` in src/core/packages/http/browser/src/types.ts: Kibana's JSON error body. */
export interface ResponseErrorBody {
  message: string;
  statusCode: number;
  attributes?: Record<string, unknown>;
}
/**
 * Mirrors `IHttpFetchError` in src/core/packages/http/browser/src/types.ts. On an HTTP error
 * status, `message` is the response's status text (e.g. "Bad Request") and the server's own
 * message is in `body.message` (src/core/packages/http/browser-internal/src/fetch.ts).
 */
export interface IHttpFetchError<TResponseBody = unknown> extends Error {
  readonly name: string;
  readonly request: Request;
  readonly response?: Response;
  readonly body?: TResponseBody;
}
/** Mirrors `HttpHandler` in src/core/packages/http/browser/src/types.ts. */
export type HttpHandler = <T = unknown>(path: string, options?: HttpFetchOptions) => Promise<T>;
/** Mirrors src/core/packages/http/browser/src/types.ts. */
export interface HttpSetup {
  basePath: { get(): string; prepend(path: string): string };
  fetch: HttpHandler;
  get: HttpHandler;
  post: HttpHandler;
  put: HttpHandler;
  patch: HttpHandler;
  delete: HttpHandler;
}
/** Mirrors src/core/packages/http/browser/src/types.ts. */
export type HttpStart = HttpSetup;

// ---------------------------------------------------------------- notifications, chrome
/** Mirrors `UnmountCallback` in src/core/packages/mount-utils/browser/src/mount_point.ts. */
export type UnmountCallback = () => void;
/**
 * Mirrors `MountPoint` in src/core/packages/mount-utils/browser/src/mount_point.ts
 * (@kbn/core-mount-utils-browser, re-exported by @kbn/core/public): DOM content a function
 * mounts into the element it is given.
 */
export type MountPoint<T extends HTMLElement = HTMLElement> = (element: T) => UnmountCallback;
/**
 * Mirrors `ToastInput` in src/core/packages/notifications/browser/src/types.ts (at
 * 0f4955ea83b19d7ffa5e496513c0d41c7fbc6853; title and text only): each a string or a MountPoint.
 */
export type ToastInput = string | { title?: string | MountPoint; text?: string | MountPoint };
/** Mirrors `IToasts` (and `ToastsStart`) in src/core/packages/notifications/browser/src/types.ts (a subset of ToastsApi's methods). */
export interface IToasts {
  addSuccess(toast: ToastInput): void;
  addInfo(toast: ToastInput): void;
  addWarning(toast: ToastInput): void;
  addDanger(toast: ToastInput): void;
  addError(error: Error, options: { title: string; toastMessage?: string }): void;
}
export type ToastsStart = IToasts;
/** Mirrors `NotificationsStart` in src/core/packages/notifications/browser/src/contracts.ts. */
export interface NotificationsStart {
  toasts: ToastsStart;
}
/** Mirrors src/core/packages/chrome/browser/src/breadcrumb.ts. */
export interface ChromeBreadcrumb {
  text: ReactNode;
  href?: string;
  onClick?: (event: { preventDefault(): void }) => void;
  'data-test-subj'?: string;
}
/** Mirrors src/core/packages/chrome/browser/src/contracts.ts. */
export interface ChromeStart {
  setBreadcrumbs(breadcrumbs: ChromeBreadcrumb[]): void;
  docTitle: { change(title: string | string[]): void };
}

/**
 * Mirrors src/core/packages/application/browser/src/scoped_history.ts: Kibana's ScopedHistory
 * implements history v4's `History` (what react-router-dom 5, Kibana's router, takes), scoped
 * to the app's base path.
 */
// ---------------------------------------------------------------- application
export interface ScopedHistory<S = unknown> extends History<S> {
  readonly location: Location<S>;
}
/** Mirrors src/core/packages/application/browser/src/app_mount.ts. */
export interface AppMountParameters<HistoryLocationState = unknown> {
  element: HTMLElement;
  history: ScopedHistory<HistoryLocationState>;
  appBasePath: string;
  onAppLeave(handler: unknown): void;
  theme$: Observable<{ darkMode: boolean }>;
}
export type AppUnmount = () => void;
export type AppMount = (params: AppMountParameters) => AppUnmount | Promise<AppUnmount>;
/** Mirrors src/core/packages/application/browser/src/application.ts. */
export interface App {
  id: string;
  title: string;
  category?: AppCategory;
  order?: number;
  euiIconType?: string;
  visibleIn?: Array<
    'globalSearch' | 'classicSideNav' | 'projectSideNav' | 'home' | 'kibanaOverview'
  >;
  defaultPath?: string;
  mount: AppMount;
}
export interface Capabilities {
  navLinks: Record<string, boolean>;
  management: Record<string, Record<string, boolean>>;
  catalogue: Record<string, boolean>;
  [featureId: string]: Record<string, boolean | Record<string, boolean>>;
}
/** Mirrors `RecursiveReadonly` from @kbn/utility-types, for plain data. */
export type RecursiveReadonly<T> = T extends object
  ? { readonly [K in keyof T]: RecursiveReadonly<T[K]> }
  : T;
/** Mirrors src/core/packages/application/browser/src/contracts.ts. */
export interface ApplicationSetup {
  register(app: App): void;
}
/** Mirrors src/core/packages/application/browser/src/contracts.ts. */
export interface ApplicationStart {
  /** Read-only, as Kibana's `RecursiveReadonly<Capabilities>` (contracts.ts at 439118ba5d6d13bd384c8398d40b5a6503e7e87b). */
  capabilities: RecursiveReadonly<Capabilities>;
  navigateToApp(appId: string, options?: { path?: string }): Promise<void>;
}

// ---------------------------------------------------------------- ui settings
/**
 * Mirrors `IUiSettingsClient` in src/core/packages/ui-settings/browser/src/types.ts (elastic/kibana
 * 22b3aae08ae4f273f9f19c57e314ee764e68e389), reading only: `get` answers the user's value or the
 * registered default, parsed for `json` settings; an unregistered key without `defaultOverride`
 * throws (src/core/packages/ui-settings/browser-internal/src/ui_settings_client_common.ts at
 * 0586ff63d11c347958423c28b750146e0115e01f).
 */
export interface IUiSettingsClient {
  get: <T = unknown>(key: string, defaultOverride?: T) => T;
  isDeclared: (key: string) => boolean;
}

/** Mirrors src/core/packages/lifecycle/browser/src/core_setup.ts. */
// ---------------------------------------------------------------- core setup and start
export interface CoreSetup<TPluginsStart extends object = object, TStart = unknown> {
  application: ApplicationSetup;
  http: HttpSetup;
  getStartServices(): Promise<[CoreStart, TPluginsStart, TStart]>;
}
/** Mirrors src/core/packages/lifecycle/browser/src/core_start.ts. */
export interface CoreStart {
  application: ApplicationStart;
  http: HttpStart;
  notifications: NotificationsStart;
  chrome: ChromeStart;
  /** Kibana's advanced settings (core_start.ts: `uiSettings: IUiSettingsClient`). */
  uiSettings: IUiSettingsClient;
  /** Wraps an element in Kibana's providers: EUI theme, i18n, error boundary. */
  rendering: { addContext(element: ReactNode): ReactNode };
}
