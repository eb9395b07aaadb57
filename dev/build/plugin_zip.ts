import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/go_build';
import { buildPluginBrowserBundle, pluginBundleFileName } from './browser_bundle';
import { flatKibanaManifest, kibanaManifestProblems, type FlatKibanaManifest } from './kibana_manifest';
import { compileServerFiles, danglingRequires, packageRequires } from './server_files';

/**
 * Packages Kibana itself depends on, so its node_modules answers a plugin's server-side
 * `require` of them (the root package.json of elastic/kibana); the plugin's package.json
 * must not carry a second copy.
 */
export const KIBANA_SHIPPED_PACKAGES = new Set([
  'io-ts',
  'fp-ts',
  'rxjs',
  'moment',
  'moment-timezone',
  'react',
  'react-dom',
  '@elastic/eui',
  '@elastic/charts',
  '@elastic/elasticsearch',
  '@hapi/hapi',
]);

const ENTRY_TIME = new Date(2000, 0, 1);

export interface PluginZip {
  readonly zipPath: string;
  readonly manifest: FlatKibanaManifest;
  readonly bytes: { readonly zip: number; readonly browserBundle: number; readonly server: number };
  /** The node_modules files bundled into the browser bundle (the rest comes from the page). */
  readonly bundledModules: readonly string[];
  readonly buildMs: number;
}

export const zipFileName = (manifest: FlatKibanaManifest) => `${manifest.id}-${manifest.version}-kibana-${manifest.kibanaVersion}.zip`;

/**
 * `build/<id>-<version>-kibana-<kibanaVersion>.zip` in the layout `bin/kibana-plugin install`
 * unpacks into plugins/: everything under `kibana/<id>/`.
 */
export async function buildPluginZip(options: { kibanaVersion: string; outDir?: string; root?: string }): Promise<PluginZip> {
  const [built] = await buildPluginZips({ ...options, kibanaVersions: [options.kibanaVersion] });
  return built!;
}

/**
 * One zip per Kibana release, from one compilation: the zips differ only in kibana.json's
 * `kibanaVersion` (Kibana loads a plugin only for the exact release it names).
 */
export async function buildPluginZips(options: { kibanaVersions: readonly string[]; outDir?: string; root?: string }): Promise<PluginZip[]> {
  const started = performance.now();
  const root = options.root ?? ROOT;
  if (options.kibanaVersions.length === 0) throw new Error('no Kibana release to build for');
  const manifests = options.kibanaVersions.map((kibanaVersion) => flatKibanaManifest(root, kibanaVersion));
  for (const manifest of manifests) {
    const problems = kibanaManifestProblems(manifest);
    if (problems.length > 0) throw new Error(`kibana.json would not load: ${problems.join('; ')}`);
  }
  const { id, server, ui } = manifests[0]!;

  const [serverFiles, browserBundle] = await Promise.all([
    server ? compileServerFiles(root) : Promise.resolve([]),
    ui ? buildPluginBrowserBundle(id) : Promise.resolve(undefined),
  ]);
  const dangling = danglingRequires(serverFiles);
  if (dangling.length > 0) throw new Error(`server build is incomplete: ${dangling.join('; ')}`);

  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; license?: string; dependencies?: Record<string, string> };
  const runtimeDependencies: Record<string, string> = {};
  for (const [name, users] of packageRequires(serverFiles)) {
    if (name === '@kbn' || name.startsWith('@kbn/') || KIBANA_SHIPPED_PACKAGES.has(name)) continue;
    const version = pkg.dependencies?.[name];
    if (version === undefined) throw new Error(`${users[0]} requires ${name}, which is neither shipped by Kibana nor a dependency in package.json`);
    runtimeDependencies[name] = version;
  }
  const pluginPackage = { name: id, version: pkg.version, private: true, ...(pkg.license === undefined ? {} : { license: pkg.license }), dependencies: runtimeDependencies };

  const outDir = options.outDir ?? path.join(root, 'build');
  mkdirSync(outDir, { recursive: true });
  const built: PluginZip[] = [];
  for (const manifest of manifests) {
    const prefix = `kibana/${manifest.id}`;
    const zip = new AdmZip();
    // One fixed time for every entry: the same sources give the same zip, byte for byte.
    const add = (name: string, contents: string | Uint8Array) => void (zip.addFile(`${prefix}/${name}`, Buffer.from(contents)).header.time = ENTRY_TIME);
    add('kibana.json', `${JSON.stringify(manifest, null, 2)}\n`);
    add('package.json', `${JSON.stringify(pluginPackage, null, 2)}\n`);
    for (const file of serverFiles) add(file.path, file.contents);
    // bin/kibana-plugin installs no packages: the plugin's own runtime dependencies ride in the zip.
    for (const file of dependencyFiles(root, Object.keys(runtimeDependencies))) add(file.path, file.contents);
    if (browserBundle !== undefined) add(`target/public/${pluginBundleFileName(manifest.id)}`, browserBundle.contents);

    const zipPath = path.join(outDir, zipFileName(manifest));
    await zip.writeZipPromise(zipPath);
    built.push({
      zipPath,
      manifest,
      bytes: {
        zip: readFileSync(zipPath).byteLength,
        browserBundle: browserBundle?.contents.byteLength ?? 0,
        server: serverFiles.reduce((sum, file) => sum + Buffer.byteLength(file.contents), 0),
      },
      bundledModules: browserBundle?.bundledModules ?? [],
      buildMs: performance.now() - started,
    });
  }
  return built;
}

/**
 * The files a runtime dependency needs under `node_modules/<name>/`: its package.json, its
 * licence files and the directory its CommonJS entry lives in. Only dependencies without
 * dependencies of their own are taken (pprof-format is one); another one is a build error.
 */
export function dependencyFiles(root: string, names: readonly string[]): Array<{ path: string; contents: Buffer }> {
  const files: Array<{ path: string; contents: Buffer }> = [];
  for (const name of names) {
    const dir = path.join(root, 'node_modules', name);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    if (Object.keys(pkg.dependencies ?? {}).length > 0) throw new Error(`${name} has dependencies of its own, which the zip does not carry`);
    const entry = require.resolve(name, { paths: [root] });
    const take = (file: string) => files.push({ path: path.posix.join('node_modules', name, path.relative(dir, file).split(path.sep).join('/')), contents: readFileSync(file) });
    take(path.join(dir, 'package.json'));
    for (const file of readdirSync(dir)) if (/^licen[cs]e/i.test(file)) take(path.join(dir, file));
    const walk = (at: string): void => {
      for (const child of readdirSync(at)) {
        const full = path.join(at, child);
        if (statSync(full).isDirectory()) walk(full);
        else if (!/\.(map|d\.ts)$/.test(child)) take(full);
      }
    };
    const entryDir = path.dirname(entry);
    if (existsSync(entryDir)) walk(entryDir);
  }
  return files;
}
