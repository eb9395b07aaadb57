import { encodeHeapProfile } from '../fixtures/pprof_profiles';
import AdmZip from 'adm-zip';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { flatKibanaManifest, kibanaManifestProblems } from '../../dev/build/kibana_manifest';
import { buildPluginZip, buildPluginZips, type PluginZip } from '../../dev/build/plugin_zip';
import {
  PINNED_KIBANA_RELEASE,
  SUPPORTED_KIBANA_RELEASES,
  supportedReleasesProblems,
} from '../../dev/build/supported_releases';
import { loadPluginFromZip } from '../../dev/host/plugin_source';

const ROOT = path.resolve(__dirname, '../..');

/** Strings only the libraries' own code carries, each found in the library file named. */
const LIBRARY_MARKERS = [
  {
    library: 'React',
    marker: 'react.production.min.js',
    file: 'react/cjs/react.production.min.js',
  },
  {
    library: 'ReactDOM',
    marker: 'react-dom.production.min.js',
    file: 'react-dom/cjs/react-dom.production.min.js',
  },
  { library: 'EUI', marker: 'euiButton', file: '@elastic/eui/lib/components/button/button.js' },
  {
    library: 'Elastic Charts',
    marker: 'echChart',
    file: '@elastic/charts/dist/components/chart_container.js',
  },
] as const;

const librariesIn = (text: string) =>
  LIBRARY_MARKERS.filter(({ marker }) => text.includes(marker)).map(({ library }) => library);

// A release older than the pinned one, so that its zip is one the host must refuse.
const OTHER_RELEASE = SUPPORTED_KIBANA_RELEASES.find(
  (release) => release !== PINNED_KIBANA_RELEASE
)!;

let builtAll: PluginZip[];
let built: PluginZip;
let zip: AdmZip;
const entryOf = (archive: AdmZip, name: string) =>
  archive.getEntry(`kibana/goRuntime/${name}`)?.getData().toString('utf8');
const entry = (name: string) => entryOf(zip, name);

beforeAll(async () => {
  builtAll = await buildPluginZips({
    kibanaVersions: SUPPORTED_KIBANA_RELEASES,
    outDir: mkdtempSync(path.join(os.tmpdir(), 'plugin-zip-')),
  });
  built = builtAll.find((one) => one.manifest.kibanaVersion === PINNED_KIBANA_RELEASE)!;
  zip = new AdmZip(built.zipPath);
}, 60_000);

describe('the supported Kibana releases', () => {
  it('are exact releases of one minor, the pinned one among them', () => {
    expect(PINNED_KIBANA_RELEASE).toBe('9.5.3');
    expect(supportedReleasesProblems(SUPPORTED_KIBANA_RELEASES, PINNED_KIBANA_RELEASE)).toEqual([]);
    expect(supportedReleasesProblems(['9.5.0', '9.6.x', '9.6.0', '9.6.0'], '9.5.3')).toEqual([
      '9.6.x is not an exact x.y.z release',
      'a release is listed twice',
      'the releases span minors 9.5, 9.6: one set of stand-ins mirrors one minor',
      'the pinned release 9.5.3 is not listed',
    ]);
  });
});

describe('npm run build', () => {
  it('writes one zip per supported release, each naming its exact release', () => {
    expect(builtAll.map((one) => path.basename(one.zipPath))).toEqual(
      SUPPORTED_KIBANA_RELEASES.map((release) => `goRuntime-0.1.0-kibana-${release}.zip`)
    );
    for (const [index, release] of SUPPORTED_KIBANA_RELEASES.entries()) {
      const archive = new AdmZip(builtAll[index]!.zipPath);
      expect(JSON.parse(entryOf(archive, 'kibana.json')!).kibanaVersion).toBe(release);
      // Only kibana.json tells the zips apart: one compilation serves every release.
      for (const other of archive.getEntries().filter((e) => !e.entryName.endsWith('kibana.json')))
        expect(other.getData().equals(zip.getEntry(other.entryName)!.getData())).toBe(true);
    }
  });

  it('names the zip for the plugin version and the exact Kibana version', async () => {
    const single = await buildPluginZip({
      kibanaVersion: '9.5.1',
      outDir: mkdtempSync(path.join(os.tmpdir(), 'plugin-zip-')),
    });
    expect(path.basename(single.zipPath)).toBe('goRuntime-0.1.0-kibana-9.5.1.zip');
  }, 60_000);

  it('gives the same zip, byte for byte, for the same sources', async () => {
    const again = await buildPluginZip({
      kibanaVersion: PINNED_KIBANA_RELEASE,
      outDir: mkdtempSync(path.join(os.tmpdir(), 'plugin-zip-')),
    });
    expect(readFileSync(again.zipPath).equals(readFileSync(built.zipPath))).toBe(true);
  }, 60_000);

  it('the dev host, running as the pinned release, refuses the zip of another release', async () => {
    const other = builtAll.find((one) => one.manifest.kibanaVersion === OTHER_RELEASE)!;
    await expect(loadPluginFromZip(other.zipPath)).rejects.toThrow(
      `the plugin is built for Kibana ${OTHER_RELEASE}, not ${PINNED_KIBANA_RELEASE}`
    );
    const loaded = await loadPluginFromZip(built.zipPath);
    expect(loaded.id).toBe('goRuntime');
  }, 60_000);

  it('refuses a package id in the @kbn/ scope, which belongs to Kibana', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'plugin-zip-'));
    copyFileSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
    const jsonc = readFileSync(path.join(ROOT, 'kibana.jsonc'), 'utf8');
    writeFileSync(path.join(root, 'kibana.jsonc'), jsonc);
    expect(flatKibanaManifest(root, PINNED_KIBANA_RELEASE).id).toBe('goRuntime');
    writeFileSync(
      path.join(root, 'kibana.jsonc'),
      jsonc.replace(/"id": "[^"]+"/, '"id": "@kbn/go-runtime-plugin"')
    );
    expect(() => flatKibanaManifest(root, PINNED_KIBANA_RELEASE)).toThrow(
      "kibana.jsonc id @kbn/go-runtime-plugin: the @kbn/ scope belongs to Kibana's own packages"
    );
  });

  it('puts everything under kibana/goRuntime/, where bin/kibana-plugin install looks', () => {
    const names = zip.getEntries().map((e) => e.entryName);
    expect(names.filter((name) => !name.startsWith('kibana/goRuntime/'))).toEqual([]);
    for (const required of [
      'kibana.json',
      'package.json',
      'server/index.js',
      'server/plugin.js',
      'server/parse/parse_worker.js',
      'common/constants.js',
      'target/public/goRuntime.plugin.js',
    ]) {
      expect(names).toContain(`kibana/goRuntime/${required}`);
    }
    // Sources, tests and the browser half's sources stay out.
    expect(
      names.filter((name) =>
        /\.tsx?$|\.test\.|\/public\/(?!goRuntime\.plugin\.js)/.test(
          name.replace('/target/public/', '/target/')
        )
      )
    ).toEqual([]);
  });

  it('writes a flat kibana.json that Kibana’s manifest parser accepts', () => {
    const manifest = JSON.parse(entry('kibana.json')!);
    expect(kibanaManifestProblems(manifest, PINNED_KIBANA_RELEASE)).toEqual([]);
    expect(manifest).toEqual({
      id: 'goRuntime',
      version: '0.1.0',
      kibanaVersion: PINNED_KIBANA_RELEASE,
      owner: { name: 'go-runtime-for-kibana' },
      description: expect.any(String),
      server: true,
      ui: true,
      requiredPlugins: ['taskManager', 'features', 'encryptedSavedObjects'],
      optionalPlugins: ['spaces', 'alerting', 'triggersActionsUi'],
      requiredBundles: ['kibanaReact'],
    });
  });

  it('the manifest check refuses what Kibana refuses', () => {
    const good = JSON.parse(entry('kibana.json')!);
    expect(kibanaManifestProblems({ ...good, plugin: {} })).toEqual([
      'unrecognized properties: plugin',
    ]);
    expect(kibanaManifestProblems({ ...good, kibanaVersion: '9.x' })).toEqual([
      '"kibanaVersion" must be an exact x.y.z, got 9.x',
    ]);
    expect(kibanaManifestProblems(good, '9.5.2')).toEqual([
      'the plugin is built for Kibana 9.5.3, not 9.5.2',
    ]);
    expect(kibanaManifestProblems({ ...good, requiredBundles: 'kibanaReact' })).toEqual([
      '"requiredBundles" must be an array of strings',
    ]);
    expect(kibanaManifestProblems({ ...good, id: 'go-runtime', owner: ['x'] })).toEqual([
      '"id" must be camelCase without dots, got go-runtime',
      '"owner.name" must be a non-empty string',
    ]);
  });

  it('compiles the server to CommonJS that requires Kibana through @kbn/* and nothing it does not ship', async () => {
    for (const file of zip
      .getEntries()
      .filter((e) => e.entryName.endsWith('.js') && !e.entryName.includes('/target/'))) {
      const text = file.getData().toString('utf8');
      expect({ file: file.entryName, esm: /^\s*(import|export)\s|\bimport\(/m.test(text) }).toEqual(
        { file: file.entryName, esm: false }
      );
    }
    // Unpacked inside the checkout, so that io-ts and fp-ts come from node_modules as they
    // would from Kibana's, and @kbn/* from the stand-ins (jest's moduleNameMapper).
    mkdirSync(path.join(ROOT, '.data'), { recursive: true });
    const dir = mkdtempSync(path.join(ROOT, '.data', 'plugin-zip-'));
    zip.extractAllTo(dir);
    // The compiled plugin is loaded the way Kibana loads it, with require().
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const server = require(path.join(dir, 'kibana/goRuntime/server/index.js'));
    expect(typeof server.plugin).toBe('function');
    expect(typeof server.config.schema.validate).toBe('function');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const compiledPlugin = require(path.join(dir, 'kibana/goRuntime/server/plugin.js'));
    expect(typeof compiledPlugin.GoRuntimeServerPlugin).toBe('function');
    // The parse worker runs as plain Node on the compiled file, outside any TypeScript loader.
    const worker = new Worker(path.join(dir, 'kibana/goRuntime/server/parse/parse_worker.js'));
    const page = Buffer.from(JSON.stringify({ cmdline: ['/bin/app'], answer: 42 }));
    const reply = new Promise<any>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage({
      id: 1,
      status: 200,
      contentType: 'application/json',
      body: new Uint8Array(page),
      durationMs: 1,
      maxCustomVars: 10,
    });
    const answer = await reply;
    await worker.terminate();
    expect(answer.id).toBe(1);
    expect(answer).toEqual({
      id: 1,
      result: { _tag: 'Right', right: expect.objectContaining({ cmdline: ['/bin/app'] }) },
    });
    expect(answer.result.right.customVars.metrics).toEqual([{ name: '/answer', value: 42 }]);
    // The profile worker decodes with pprof-format, which the zip carries itself.
    const profileWorkerPath = path.join(dir, 'kibana/goRuntime/server/profiles/profile_worker.js');
    expect(require.resolve('pprof-format', { paths: [path.dirname(profileWorkerPath)] })).toBe(
      path.join(dir, 'kibana/goRuntime/node_modules/pprof-format/dist/commonjs/index.js')
    );
    const profileWorker = new Worker(profileWorkerPath);
    const profileReply = new Promise<any>((resolve, reject) => {
      profileWorker.once('message', resolve);
      profileWorker.once('error', reject);
    });
    const profile = encodeHeapProfile([{ stack: ['main.leak'], values: [1, 2, 3, 4] }]);
    profileWorker.postMessage({ id: 2, kind: 'heap', body: new Uint8Array(profile) });
    const decoded = await profileReply;
    await profileWorker.terminate();
    expect(decoded.result.right.heap.sample_types.inuse_space.total).toBe(4);
    rmSync(dir, { recursive: true, force: true });
    expect(JSON.parse(entry('package.json')!)).toEqual({
      name: 'goRuntime',
      version: '0.1.0',
      private: true,
      license: 'Apache-2.0',
      // Not shipped by Kibana: carried in the zip (below).
      dependencies: { 'pprof-format': expect.any(String) },
    });
  });

  it('registers the browser bundle with __kbnBundles__ and takes the shared dependencies from __kbnSharedDeps__', () => {
    const bundle = entry('target/public/goRuntime.plugin.js')!;
    expect(bundle).toContain('__kbnBundles__.define("plugin/goRuntime/public"');
    for (const global of [
      'React',
      'ReactDom',
      'ElasticEui',
      'ElasticCharts',
      'IoTs',
      'FpTs.either',
      'KbnI18n',
    ])
      expect(bundle).toContain(`__kbnSharedDeps__.${global}`);
    expect(bundle).toContain('__kbnBundles__.get("entry/core/public")');
  });

  it('does not carry React, ReactDOM, EUI or Elastic Charts', () => {
    // The markers do identify each library: every one is in the library's own file.
    for (const { library, file } of LIBRARY_MARKERS)
      expect(librariesIn(readFileSync(path.join(ROOT, 'node_modules', file), 'utf8'))).toContain(
        library
      );
    expect(librariesIn(entry('target/public/goRuntime.plugin.js')!)).toEqual([]);
    // What the bundle does carry from node_modules: the JSX runtime and react-dom/client's
    // two-line wrapper, both of which call the page's React.
    expect([...built.bundledModules].sort()).toEqual([
      'react-dom/client.js',
      'react/cjs/react-jsx-runtime.production.min.js',
      'react/jsx-runtime.js',
    ]);
    // A ceiling that a bundled library (EUI alone is megabytes) would break at once, with room
    // for the app's own growth (about 208 KB minified with the sources' field table and panels).
    expect(built.bytes.browserBundle).toBeLessThan(256 * 1024);
  });
});
