import AdmZip from 'adm-zip';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { buildPluginBrowserBundle, pluginBundleFileName } from '../build/browser_bundle';
import {
  kibanaManifestProblems,
  readJsonc,
  type FlatKibanaManifest,
} from '../build/kibana_manifest';
import { PINNED_KIBANA_RELEASE } from '../build/supported_releases';
import { ROOT } from '../lib/go_build';

/** Where the host takes the plugin from: what the server requires, what the browser loads. */
export interface LoadedPlugin {
  readonly id: string;
  /** `sources` (the checkout) or the zip's path. */
  readonly from: string;
  readonly serverModule: unknown;
  /** The `<id>.plugin.js` that registers itself with `__kbnBundles__`; built lazily from sources. */
  browserBundle(): Promise<Uint8Array>;
}

/** The checkout's own server/ and public/, as `npm start` has always run them. */
export async function loadPluginFromSources(): Promise<LoadedPlugin> {
  const source = readJsonc<{ plugin: { id: string } }>(path.join(ROOT, 'kibana.jsonc'));
  const serverModule: unknown = await import('../../server');
  return {
    id: source.plugin.id,
    from: 'sources',
    serverModule,
    browserBundle: async () => (await buildPluginBrowserBundle(source.plugin.id)).contents,
  };
}

/**
 * The built zip, as Kibana runs an installed plugin: unpacked the way `bin/kibana-plugin
 * install` does (the zip's `kibana/<id>/` becomes a folder of its own), the manifest read and
 * checked from `kibana.json`, the server required from `<id>/server`, and the browser bundle
 * served as it was built. The plugin's `require('@kbn/...')` are answered by the stand-ins,
 * as Kibana answers them with its own packages.
 */
export async function loadPluginFromZip(zipPath: string): Promise<LoadedPlugin> {
  const pluginDir = unpack(zipPath);
  const manifestPath = path.join(pluginDir, 'kibana.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as FlatKibanaManifest;
  const problems = kibanaManifestProblems(manifest, PINNED_KIBANA_RELEASE);
  if (problems.length > 0) throw new Error(`${manifestPath}: ${problems.join('; ')}`);
  if (!manifest.server)
    throw new Error(`${manifestPath}: the host needs a plugin with a server side`);
  answerKbnRequiresFrom(pluginDir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const serverModule: unknown = require(path.join(pluginDir, 'server'));
  const bundlePath = path.join(pluginDir, 'target/public', pluginBundleFileName(manifest.id));
  return {
    id: manifest.id,
    from: zipPath,
    serverModule,
    browserBundle: async () => readFileSync(bundlePath),
  };
}

/** `.data/plugins/<zip name>-<digest>/<id>`; unpacked once per zip content, atomically. */
function unpack(zipPath: string): string {
  const zipBytes = readFileSync(zipPath);
  const zip = new AdmZip(zipBytes);
  const ids = new Set(
    zip.getEntries().map((entry) => /^kibana\/([^/]+)\//.exec(entry.entryName)?.[1])
  );
  if (ids.size !== 1 || ids.has(undefined))
    throw new Error(`${zipPath}: expected every entry under kibana/<plugin id>/`);
  const id = [...ids][0]!;
  const digest = createHash('sha256').update(zipBytes).digest('hex').slice(0, 12);
  const pluginsDir = path.join(
    ROOT,
    '.data',
    'plugins',
    `${path.basename(zipPath, '.zip')}-${digest}`
  );
  const pluginDir = path.join(pluginsDir, id);
  if (existsSync(pluginDir)) return pluginDir;
  const staging = `${pluginsDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  zip.extractAllTo(staging, true);
  mkdirSync(pluginsDir, { recursive: true });
  try {
    renameSync(path.join(staging, 'kibana', id), pluginDir);
  } catch (error) {
    // Another host unpacked the same zip first: its copy is identical.
    if (!existsSync(pluginDir)) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return pluginDir;
}

type ResolveFilename = (
  request: string,
  parent: { filename?: string | null } | undefined,
  ...rest: unknown[]
) => string;

/** Node resolves `@kbn/x` required from inside `pluginDir` to dev/kbn/x, the host's own copy. */
function answerKbnRequiresFrom(pluginDir: string): void {
  const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = moduleInternals._resolveFilename;
  const inside = `${pluginDir}${path.sep}`;
  moduleInternals._resolveFilename = function (request, parent, ...rest) {
    if (request.startsWith('@kbn/') && parent?.filename?.startsWith(inside) === true) {
      return original.call(
        this,
        path.join(ROOT, 'dev/kbn', request.slice('@kbn/'.length)),
        parent,
        ...rest
      );
    }
    return original.call(this, request, parent, ...rest);
  };
}
