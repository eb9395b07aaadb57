import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import { pluginBundleFileName } from '../../build/browser_bundle';
import { SHARED_DEPS, pageGlobalsPlugin } from '../../build/shared_deps';

const ROOT = path.resolve(__dirname, '../../..');

export interface UiBundle {
  readonly files: ReadonlyMap<string, { contents: Uint8Array; contentType: string }>;
  readonly buildMs: number;
}

/** File names under /bundles/, as the page loads them. */
export const UI_FILES = {
  sharedDepsJs: 'kbn-ui-shared-deps-src.js',
  sharedDepsCss: 'kbn-ui-shared-deps-src.css',
  core: 'core.entry.js',
  plugin: (pluginId: string) => `plugin/${pluginId}/${pluginBundleFileName(pluginId)}`,
} as const;

/**
 * The page's shared dependencies as Kibana's kbn-ui-shared-deps-src bundle provides them: one
 * script that fills `window.__kbnSharedDeps__` with every module of SHARED_DEPS, generated
 * from that table so that a name a plugin bundle asks for is always there.
 */
function sharedDepsEntry(): string {
  const lines = ['var deps = (globalThis.__kbnSharedDeps__ = globalThis.__kbnSharedDeps__ || {});'];
  lines.push(
    'function put(path, value) { var names = path.split("."); var at = deps; for (var i = 0; i < names.length - 1; i++) at = at[names[i]] = at[names[i]] || {}; at[names[names.length - 1]] = value; }'
  );
  for (const [specifier, global] of Object.entries(SHARED_DEPS)) {
    lines.push(
      `put(${JSON.stringify(global.replace(/^__kbnSharedDeps__\./, ''))}, require(${JSON.stringify(
        specifier
      )}));`
    );
  }
  // Kibana loads the Elastic Charts stylesheet globally; without it charts have no size.
  lines.push('require("@elastic/charts/dist/theme_only_light.css");');
  return lines.join('\n');
}

const common: BuildOptions = {
  bundle: true,
  write: false,
  minify: true,
  sourcemap: false,
  target: 'es2022',
  jsx: 'automatic',
  alias: { '@kbn': path.join(ROOT, 'dev/kbn') },
  tsconfig: path.join(ROOT, 'tsconfig.json'),
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
};

/**
 * The browser side of the host, as three kinds of bundle on one page, the way Kibana loads
 * them: the shared dependencies, core (the shell, which defines `entry/core/public` and finds
 * plugins through `__kbnBundles__`), and each plugin's own bundle, which comes from the
 * plugin (built from sources, or as shipped in the zip). Kept in memory: the host serves it.
 */
export async function buildUi(plugin: {
  id: string;
  browserBundle(): Promise<Uint8Array>;
}): Promise<UiBundle> {
  const started = performance.now();
  const [sharedDeps, core, pluginBundle] = await Promise.all([
    build({
      ...common,
      stdin: {
        contents: sharedDepsEntry(),
        resolveDir: ROOT,
        sourcefile: 'shared_deps.entry.js',
        loader: 'js',
      },
      format: 'iife',
      outdir: '/bundles',
      entryNames: 'kbn-ui-shared-deps-src',
    }),
    build({
      ...common,
      entryPoints: { 'core.entry': path.join(ROOT, 'dev/host/browser/main.tsx') },
      format: 'esm',
      splitting: true,
      outdir: '/bundles',
      chunkNames: 'chunk-[hash]',
      plugins: [pageGlobalsPlugin('core')],
    }),
    plugin.browserBundle(),
  ]);
  const files = new Map<string, { contents: Uint8Array; contentType: string }>();
  for (const file of [...(sharedDeps.outputFiles ?? []), ...(core.outputFiles ?? [])]) {
    const name = path.basename(file.path);
    files.set(name, {
      contents: file.contents,
      contentType: name.endsWith('.css') ? 'text/css' : 'text/javascript',
    });
  }
  files.set(UI_FILES.plugin(plugin.id), { contents: pluginBundle, contentType: 'text/javascript' });
  return { files, buildMs: performance.now() - started };
}
