import { UI_FILES } from './build_ui';

export interface Bootstrap {
  readonly basePath: string;
  readonly version: string;
  readonly username: string;
  readonly capabilities: Record<string, Record<string, boolean>>;
}

/**
 * `window.__kbnBundles__`, the registry through which bundles find each other's modules, with
 * the contract of Kibana's bootstrap script
 * (src/core/packages/rendering/server-internal/src/bootstrap/render_template.ts): `define`
 * refuses a key twice, `get` fails on an unknown key and evaluates the module on demand.
 */
const KBN_BUNDLES_LOADER = `window.__kbnBundles__ = (function () {
  var modules = {};
  function has(key) { return Object.prototype.hasOwnProperty.call(modules, key); }
  function define(key, bundleRequire, bundleModuleKey) {
    if (has(key)) throw new Error('__kbnBundles__ already has a module defined for "' + key + '"');
    modules[key] = { bundleRequire: bundleRequire, bundleModuleKey: bundleModuleKey };
  }
  function get(key) {
    if (!has(key)) throw new Error('__kbnBundles__ does not have a module defined for "' + key + '"');
    return modules[key].bundleRequire(modules[key].bundleModuleKey);
  }
  return { has: has, define: define, get: get };
})();`;

/**
 * The HTML Kibana would serve for /app/*: bootstrap data, a mount point, and the bundles in
 * Kibana's order: shared dependencies, then each plugin's bundle (which only registers
 * itself), then core, which reads the plugins from `__kbnBundles__` and starts them.
 */
export function renderPage(bootstrap: Bootstrap, pluginIds: readonly string[]): string {
  const json = JSON.stringify(bootstrap).replace(/</g, '\\u003c');
  const bundles = `${bootstrap.basePath}/bundles`;
  const publicPaths = Object.fromEntries(pluginIds.map((id) => [id, `${bundles}/plugin/${id}/`]));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Go Runtime - Elastic</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${bundles}/${UI_FILES.sharedDepsCss}">
<script id="kbn-bootstrap" type="application/json">${json}</script>
<script id="kbn-plugins" type="application/json">${JSON.stringify(pluginIds)}</script>
</head>
<body>
<div id="kibana-body"></div>
<script>${KBN_BUNDLES_LOADER}
window.__kbnPublicPath__ = ${JSON.stringify(publicPaths).replace(/</g, '\\u003c')};</script>
<script src="${bundles}/${UI_FILES.sharedDepsJs}"></script>
${pluginIds.map((id) => `<script src="${bundles}/${UI_FILES.plugin(id)}"></script>`).join('\n')}
<script type="module" src="${bundles}/${UI_FILES.core}"></script>
</body>
</html>`;
}
