import { startElasticsearch, type RunningElasticsearch } from '../../dev/es/elasticsearch';
import path from 'node:path';
import { PINNED_KIBANA_RELEASE } from '../../dev/build/supported_releases';
import { buildPluginZip } from '../../dev/build/plugin_zip';
import { ROOT, buildGoPrograms } from '../../dev/lib/go_build';

/**
 * Real components for the integration and e2e projects: the Go programs are built and one
 * Elasticsearch is started (on 9250, so a running `npm start` is left alone) unless ES_URL
 * names a cluster. Both projects share it: jest runs their global setups in one process.
 * GO_RUNTIME_TEST_ES_PORT moves it, so that two checkouts can run their suites side by side.
 * ES_SECURITY=1 runs it with Elasticsearch security (dev/es/security.ts), and every client of
 * the tests authenticates through test/harness (esClient, testElasticsearch).
 * The plugin zip is built too (a fraction of a second), for the tests that run the distributable.
 */
declare global {
  var __goRuntimeEs: Promise<RunningElasticsearch> | undefined;

  var __goRuntimeEsUsers: number | undefined;

  var __goRuntimePluginZip: Promise<string> | undefined;
}

export default async function globalSetup(): Promise<void> {
  globalThis.__goRuntimeEsUsers = (globalThis.__goRuntimeEsUsers ?? 0) + 1;
  globalThis.__goRuntimeEs ??= (async () => {
    await buildGoPrograms();
    return startElasticsearch({
      name: 'test',
      httpPort: Number(process.env.GO_RUNTIME_TEST_ES_PORT ?? 9250),
    });
  })();
  const es = await globalThis.__goRuntimeEs;
  process.env.GO_RUNTIME_TEST_ES_URL = es.url;
  if (es.superuser !== undefined) process.env.GO_RUNTIME_TEST_ES_SECURITY = '1';
  // The e2e tests run the distributable, as `bin/kibana-plugin install` would install it.
  globalThis.__goRuntimePluginZip ??= buildPluginZip({
    kibanaVersion: PINNED_KIBANA_RELEASE,
    outDir: path.join(ROOT, '.data', 'test-build'),
  }).then((built) => built.zipPath);
  process.env.GO_RUNTIME_TEST_PLUGIN_ZIP = await globalThis.__goRuntimePluginZip;
}
