/**
 * `npm start`: Elasticsearch (unless ES_URL), three demo Go services, the Kibana-compatible
 * host with the plugin, and the demo targets registered through the plugin's own API.
 * Ctrl-C stops everything this script started.
 */
import path from 'node:path';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { DEFAULT_HOST_OPTIONS, DevHost } from './host/host';
import { clientOptions, startElasticsearch, type RunningElasticsearch } from './es/elasticsearch';
import { spawnChild, type RunningChild } from './lib/child_process';
import { BIN_DIR, ROOT, buildGoPrograms } from './lib/go_build';
import { Client } from '@elastic/elasticsearch';
import { PUBLIC_API_VERSION, TARGETS_ROUTE } from '../common/constants';
import { PINNED_KIBANA_RELEASE } from './build/supported_releases';
import { buildPluginZip } from './build/plugin_zip';
import { fillDemoHistory, type DemoTarget } from './demo/fill_demo_history';

const DEMO_SERVICES = [
  { name: 'orders-1', service: 'orders', binary: 'orders', addr: '127.0.0.1:6061' },
  { name: 'orders-2', service: 'orders', binary: 'orders', addr: '127.0.0.1:6062' },
  { name: 'imgcache-1', service: 'imgcache', binary: 'imgcache', addr: '127.0.0.1:6063' },
] as const;

async function main() {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
  const logDir = path.join(ROOT, '.data', 'logs');
  mkdirSync(logDir, { recursive: true });
  const children: RunningChild[] = [];
  let es: RunningElasticsearch | undefined;
  let host: DevHost | undefined;
  const history = new AbortController();
  let filling: Promise<unknown> | undefined;

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping...\n');
    history.abort();
    await filling?.catch(() => undefined);
    await host?.stop().catch(() => undefined);
    await Promise.all(children.map((child) => child.stop()));
    await es?.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    process.stdout.write('Building the demo Go services...\n');
    const build = await buildGoPrograms();
    process.stdout.write(`  built in ${(build.ms / 1000).toFixed(1)}s\n`);

    es = await startElasticsearch({
      name: 'start',
      httpPort: 9200,
      nodes: 1,
      log: (line) => process.stdout.write(`  ${line}\n`),
    });
    process.stdout.write(
      `Elasticsearch ${es.version} at ${es.url} (${
        es.external ? 'ES_URL, not started by us' : 'started'
      }) [${elapsed()}]\n`
    );

    for (const demo of DEMO_SERVICES) {
      const child = spawnChild({
        name: demo.name,
        command: path.join(BIN_DIR, demo.binary),
        args: ['-addr', demo.addr],
        ready: /serving expvar/,
        readyTimeoutMs: 10_000,
        logFile: path.join(logDir, `${demo.name}.log`),
      });
      children.push(child);
      await child.ready;
    }
    process.stdout.write(
      `Demo services: ${DEMO_SERVICES.map((d) => `${d.name} http://${d.addr}/debug/vars`).join(
        ', '
      )} [${elapsed()}]\n`
    );

    // GO_RUNTIME_FROM_ZIP=1: build the distributable and run that, as an installed plugin runs.
    let pluginZip: string | undefined;
    if (process.env.GO_RUNTIME_FROM_ZIP === '1') {
      pluginZip = (await buildPluginZip({ kibanaVersion: PINNED_KIBANA_RELEASE })).zipPath;
      process.stdout.write(`Plugin zip ${path.relative(ROOT, pluginZip)} [${elapsed()}]\n`);
    }
    // The demo history reaches 7 days back: a new heap data stream must accept documents that old
    // (index.look_back_time; a cluster without the data-streams module ignores it).
    host = new DevHost({
      ...DEFAULT_HOST_OPTIONS,
      esUrl: es.url,
      esSecurity: es.superuser !== undefined,
      encryptionKey: devEncryptionKey(),
      pluginConfig: { lookBackTime: '8d' },
      // kibana.yml's server.publicBaseUrl, as a deployed Kibana sets it: notification links are
      // absolute (docs/alerting.md) and no "publicBaseUrl is not set" warning opens the log. The
      // host checks it as Kibana does (dev/host/http/public_base_url.ts).
      publicBaseUrl: `http://localhost:${DEFAULT_HOST_OPTIONS.port}`,
      ...(pluginZip === undefined ? {} : { pluginZip }),
    });
    await host.start();
    const demoTargets = await registerDemoTargets(host.url);
    process.stdout.write(
      `\nGo Runtime for Kibana is ready [${elapsed()}]:\n\n    ${
        host.url
      }/app/goRuntime\n\nPress Ctrl-C to stop.\n`
    );
    filling = fillInBackground(es, demoTargets, history.signal);
  } catch (error) {
    process.stderr.write(`\nnpm start failed: ${(error as Error).message}\n`);
    await stop(1);
  }
}

/**
 * Seven days of history for the demo targets, after "ready" so the start stays fast; the last
 * 24 h are written first. A failure is reported, never fatal: the live collection goes on.
 */
async function fillInBackground(
  es: RunningElasticsearch,
  targets: DemoTarget[],
  signal: AbortSignal
): Promise<void> {
  const client = new Client(clientOptions(es));
  try {
    const outcome = await fillDemoHistory(client, targets, {
      signal,
      log: (line) => process.stdout.write(`  ${line}\n`),
    });
    process.stdout.write(
      `  demo history: ${outcome.created} documents written in ${(outcome.ms / 1000).toFixed(
        0
      )} s\n`
    );
  } catch (error) {
    if (!signal.aborted)
      process.stdout.write(`  demo history could not be written: ${(error as Error).message}\n`);
  } finally {
    await client.close();
  }
}

/** Idempotent: a target whose name exists already is left as it is. Returns the demo targets as stored. */
async function registerDemoTargets(baseUrl: string): Promise<DemoTarget[]> {
  const version = { 'elastic-api-version': PUBLIC_API_VERSION };
  const headers = { 'content-type': 'application/json', 'kbn-xsrf': 'npm-start', ...version };
  const listed = (await (
    await fetch(`${baseUrl}${TARGETS_ROUTE}`, { headers: version })
  ).json()) as {
    targets: Array<{ name: string }>;
  };
  const existing = new Set(listed.targets.map((target) => target.name));
  for (const demo of DEMO_SERVICES) {
    if (existing.has(demo.name)) continue;
    const response = await fetch(`${baseUrl}${TARGETS_ROUTE}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: demo.name,
        service_name: demo.service,
        url: `http://${demo.addr}/debug/vars`,
        interval: '10s',
      }),
    });
    if (!response.ok)
      throw new Error(
        `could not register ${demo.name}: ${response.status} ${await response.text()}`
      );
  }
  const stored = (await (
    await fetch(`${baseUrl}${TARGETS_ROUTE}`, { headers: version })
  ).json()) as {
    targets: Array<{ id: string; name: string; service_name: string; url: string }>;
  };
  return stored.targets
    .filter((target) => DEMO_SERVICES.some((demo) => demo.name === target.name))
    .map((target) => ({
      id: target.id,
      name: target.name,
      serviceName: target.service_name,
      url: target.url,
    }));
}

void main();

/**
 * xpack.encryptedSavedObjects.encryptionKey for `npm start`: KBN_ENCRYPTION_KEY, or one made
 * on the first start and kept in .data (git-ignored), so that secrets stored by one start
 * still decrypt at the next.
 */
function devEncryptionKey(): string {
  if (process.env.KBN_ENCRYPTION_KEY !== undefined) return process.env.KBN_ENCRYPTION_KEY;
  const file = path.join(ROOT, '.data', 'encryption_key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
