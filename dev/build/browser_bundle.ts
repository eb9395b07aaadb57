import { build } from 'esbuild';
import path from 'node:path';
import { ROOT } from '../lib/go_build';
import { pageGlobalsPlugin } from './shared_deps';

/** The key under which core finds a plugin's browser module (`plugin/<id>/public`). */
export const pluginBundleKey = (pluginId: string) => `plugin/${pluginId}/public`;

/** `<id>.plugin.js`, the name Kibana's optimizer gives a plugin's bundle under target/public. */
export const pluginBundleFileName = (pluginId: string) => `${pluginId}.plugin.js`;

/**
 * The plugin's public/ half as one classic script that registers itself with
 * `__kbnBundles__.define(key, bundleRequire, moduleKey)`, the protocol of Kibana's optimizer
 * (packages/kbn-optimizer/src/worker/entry_point_creator.ts) read by core through
 * `__kbnBundles__.get(key)` (src/core/packages/rendering/server-internal/src/bootstrap/render_template.ts).
 * The module is evaluated on the first `get`, not when the script loads, as with webpack.
 */
export interface PluginBrowserBundle {
  readonly contents: Uint8Array;
  /** The files of node_modules that went into the bundle, e.g. `react/jsx-runtime.js`. */
  readonly bundledModules: readonly string[];
}

export async function buildPluginBrowserBundle(pluginId: string): Promise<PluginBrowserBundle> {
  const key = pluginBundleKey(pluginId);
  const entry = [
    `var modules = { ${JSON.stringify(key)}: function () { return require(${JSON.stringify(path.join(ROOT, 'public/index.ts'))}); } };`,
    `globalThis.__kbnBundles__.define(${JSON.stringify(key)}, function (moduleKey) { return modules[moduleKey](); }, ${JSON.stringify(key)});`,
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, sourcefile: `${pluginId}.entry.js`, loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    minify: true,
    target: 'es2022',
    jsx: 'automatic',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [pageGlobalsPlugin('plugin')],
    logLevel: 'silent',
    metafile: true,
  });
  const bundledModules = Object.keys(result.metafile.inputs)
    .map((input) => /(?:^|\/)node_modules\/(.+)$/.exec(input)?.[1])
    .filter((input): input is string => input !== undefined);
  return { contents: result.outputFiles[0]!.contents, bundledModules };
}
