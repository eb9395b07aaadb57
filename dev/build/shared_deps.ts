import type { Plugin } from 'esbuild';

/**
 * The browser modules Kibana loads once for every plugin and hands out through the global
 * `__kbnSharedDeps__` (the `externals` of
 * src/platform/packages/private/kbn-ui-shared-deps-src/src/definitions.js in elastic/kibana),
 * restricted to those installed here. A plugin bundle built against this table takes these
 * from the page instead of carrying a second React or EUI; the dev host's shared-deps bundle
 * is generated from the same table, so the two cannot disagree on a name.
 */
export const SHARED_DEPS: Readonly<Record<string, string>> = {
  '@kbn/i18n': '__kbnSharedDeps__.KbnI18n',
  '@kbn/i18n-react': '__kbnSharedDeps__.KbnI18nReact',
  '@kbn/datemath': '__kbnSharedDeps__.KbnDatemath',
  '@emotion/cache': '__kbnSharedDeps__.EmotionCache',
  '@emotion/react': '__kbnSharedDeps__.EmotionReact',
  moment: '__kbnSharedDeps__.Moment',
  'moment-timezone': '__kbnSharedDeps__.MomentTimezone',
  react: '__kbnSharedDeps__.React',
  'react-dom': '__kbnSharedDeps__.ReactDom',
  'react-dom/server': '__kbnSharedDeps__.ReactDomServer',
  'react-router': '__kbnSharedDeps__.ReactRouter',
  'react-router-dom': '__kbnSharedDeps__.ReactRouterDom',
  'fp-ts/Option': '__kbnSharedDeps__.FpTs.option',
  'fp-ts/pipeable': '__kbnSharedDeps__.FpTs.pipeable',
  'fp-ts/TaskEither': '__kbnSharedDeps__.FpTs.taskEither',
  'fp-ts/Either': '__kbnSharedDeps__.FpTs.either',
  'fp-ts/function': '__kbnSharedDeps__.FpTs.function',
  'fp-ts/Task': '__kbnSharedDeps__.FpTs.task',
  'fp-ts/Set': '__kbnSharedDeps__.FpTs.set',
  'fp-ts/Ord': '__kbnSharedDeps__.FpTs.ord',
  'fp-ts/Array': '__kbnSharedDeps__.FpTs.array',
  'io-ts': '__kbnSharedDeps__.IoTs',
  'io-ts/lib/Reporter': '__kbnSharedDeps__.IoTsReporter',
  'io-ts/lib/PathReporter': '__kbnSharedDeps__.IoTsPathReporter',
  'io-ts/lib/ThrowReporter': '__kbnSharedDeps__.IoTsThrowReporter',
  'chroma-js': '__kbnSharedDeps__.ChromaJs',
  rxjs: '__kbnSharedDeps__.Rxjs',
  '@elastic/charts': '__kbnSharedDeps__.ElasticCharts',
  '@elastic/eui': '__kbnSharedDeps__.ElasticEui',
  '@elastic/eui-theme-borealis': '__kbnSharedDeps__.ElasticEuiThemeBorealis',
  '@hello-pangea/dnd': '__kbnSharedDeps__.HelloPangeaDnd',
  classnames: '__kbnSharedDeps__.Classnames',
};

/**
 * Modules of other bundles on the page, reached through `__kbnBundles__.get(...)` as Kibana's
 * BundleRemotesPlugin does (packages/kbn-optimizer/src/worker/bundle_remote_module.ts): core's
 * browser API is the bundle `entry/core/public`, a plugin's is `plugin/<id>/<target>`.
 */
export const BUNDLE_REMOTES: Readonly<Record<string, string>> = {
  '@kbn/core/public': 'entry/core/public',
  '@kbn/features-plugin/common': 'plugin/features/common',
  '@kbn/features-plugin/public': 'plugin/features/public',
  '@kbn/kibana-react-plugin/public': 'plugin/kibanaReact/public',
};

const NAMESPACE = 'kbn-page-global';

/** `module.exports = __kbnSharedDeps__.FpTs.either`, as webpack's `externals` would emit. */
export const sharedDepSource = (global: string) => `module.exports = globalThis.${global};`;

/**
 * Resolves the shared dependencies (and, for a plugin, the bundle remotes) to the page's
 * globals. In a plugin bundle any other `@kbn/*` import that survives type erasure fails the
 * build: bundling a stand-in would ship a copy of Kibana's own code that diverges from the
 * real one. Core's own bundle (the dev host's shell) is where `@kbn/core/public` lives, so it
 * resolves `@kbn/*` to the stand-ins itself.
 */
export function pageGlobalsPlugin(bundle: 'plugin' | 'core'): Plugin {
  return {
    name: 'kbn-page-globals',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const shared = SHARED_DEPS[args.path];
        if (shared !== undefined) return { path: args.path, namespace: NAMESPACE, pluginData: { source: sharedDepSource(shared) } };
        if (bundle === 'core') return undefined;
        const remote = BUNDLE_REMOTES[args.path];
        if (remote !== undefined) {
          return { path: args.path, namespace: NAMESPACE, pluginData: { source: `module.exports = globalThis.__kbnBundles__.get(${JSON.stringify(remote)});` } };
        }
        if (args.path.startsWith('@kbn/')) {
          return { errors: [{ text: `${args.path} is neither a Kibana shared dependency nor a bundle remote, so a plugin bundle cannot import it at run time` }] };
        }
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: (args.pluginData as { source: string }).source, loader: 'js' }));
    },
  };
}
