import { startElasticsearch, type RunningElasticsearch } from '../../dev/es/elasticsearch';
import { buildGoPrograms } from '../../dev/lib/go_build';

/**
 * Real components for the integration and e2e projects: the Go programs are built and one
 * Elasticsearch is started (on 9250, so a running `npm start` is left alone) unless ES_URL
 * names a cluster. Both projects share it: jest runs their global setups in one process.
 * GO_RUNTIME_TEST_ES_PORT moves it, so that two checkouts can run their suites side by side.
 */
declare global {
  // eslint-disable-next-line no-var
  var __goRuntimeEs: Promise<RunningElasticsearch> | undefined;
  // eslint-disable-next-line no-var
  var __goRuntimeEsUsers: number | undefined;
}

export default async function globalSetup(): Promise<void> {
  globalThis.__goRuntimeEsUsers = (globalThis.__goRuntimeEsUsers ?? 0) + 1;
  globalThis.__goRuntimeEs ??= (async () => {
    await buildGoPrograms();
    return startElasticsearch({ name: 'test', httpPort: Number(process.env.GO_RUNTIME_TEST_ES_PORT ?? 9250) });
  })();
  const es = await globalThis.__goRuntimeEs;
  process.env.GO_RUNTIME_TEST_ES_URL = es.url;
}
