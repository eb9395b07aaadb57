import path from 'node:path';
import net from 'node:net';
import { spawnChild, type RunningChild } from '../../dev/lib/child_process';
import { ES_SUPERUSER } from '../../dev/es/security';
import { ROOT } from '../../dev/lib/go_build';
import {
  INTERNAL_API_BASE,
  INTERNAL_API_VERSION,
  PUBLIC_API_BASE,
  PUBLIC_API_VERSION,
} from '../../common/constants';

/**
 * The `elastic-api-version` a script names for the plugin's routes, as Kibana's public API
 * docs ask of every caller (the host would otherwise pick the route's oldest version).
 */
export function apiVersionHeader(route: string): Record<string, string> {
  const unspaced = route.replace(/^\/s\/[^/]+/, '');
  if (unspaced.startsWith(`${PUBLIC_API_BASE}/`))
    return { 'elastic-api-version': PUBLIC_API_VERSION };
  if (unspaced.startsWith(`${INTERNAL_API_BASE}/`))
    return { 'elastic-api-version': INTERNAL_API_VERSION };
  return {};
}

/** A dev host in its own process, as a Kibana node would be: real HTTP, its own task poller. */
export interface HostProcess {
  readonly url: string;
  readonly logs: string[];
  request(
    method: string,
    route: string,
    options?: { body?: unknown; user?: string; headers?: Record<string, string> }
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
  /** SIGKILL, as a crashed Kibana node: no shutdown code runs. */
  kill(): Promise<void>;
}

/** The zip `npm run build` makes, built once per test run by the global setup. */
export function testPluginZip(): string {
  const zip = process.env.GO_RUNTIME_TEST_PLUGIN_ZIP;
  if (zip === undefined)
    throw new Error(
      'GO_RUNTIME_TEST_PLUGIN_ZIP is not set: run through jest (global setup builds the plugin zip)'
    );
  return zip;
}

/** The suite's Elasticsearch: its URL, and a superuser when it runs with security (ES_SECURITY=1). */
export function testElasticsearch(): {
  url: string;
  superuser?: { username: string; password: string };
} {
  return {
    url: esUrl(),
    ...(process.env.GO_RUNTIME_TEST_ES_SECURITY === '1' ? { superuser: { ...ES_SUPERUSER } } : {}),
  };
}

export function esUrl(): string {
  const url = process.env.GO_RUNTIME_TEST_ES_URL;
  if (url === undefined)
    throw new Error(
      'GO_RUNTIME_TEST_ES_URL is not set: run through jest (global setup starts Elasticsearch)'
    );
  return url;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** The key the test hosts encrypt secrets with (hosts sharing an index prefix must share it). */
export const TEST_ENCRYPTION_KEY = 'go-runtime-test-encryption-key-0123456789';

/**
 * Other products' Go data belongs to no space and every test of the suite shares one cluster:
 * a host reads only the plugin's own documents unless its test configures `sources` itself, so
 * one test's APM or Metricbeat documents never crowd another test's services list.
 */
function withOwnSourceOnly(pluginConfig: object | undefined): object {
  if (pluginConfig !== undefined && 'sources' in pluginConfig) return pluginConfig;
  return {
    ...pluginConfig,
    sources: {
      apm: { enabled: false },
      golangIntegration: { enabled: false },
      metricbeat: { enabled: false },
    },
  };
}

export async function startHostProcess(options: {
  indexPrefix: string;
  name?: string;
  ui?: boolean;
  port?: number;
  pluginConfig?: object;
  /** Another Elasticsearch than the suite's, e.g. one the test stops and starts. */
  esUrl?: string;
  logLevel?: 'debug' | 'info' | 'warn';
  /** xpack.encryptedSavedObjects.encryptionKey; null starts the host without one. */
  encryptionKey?: string | null;
  /** Run the plugin from this built zip (see testPluginZip) instead of the sources. */
  pluginZip?: string;
  /** The Elasticsearch runs with security: the host authenticates as Kibana and as each user (default: as the suite's). */
  esSecurity?: boolean;
  /** xpack.alerting.invalidateApiKeysTask (durations such as "1s"); Kibana's 5m and 1h by default. */
  invalidateApiKeysTask?: { interval?: string; removalDelay?: string };
  /** kibana.yml's server.publicBaseUrl (unset by default, as in Kibana). */
  publicBaseUrl?: string;
}): Promise<HostProcess> {
  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const child: RunningChild = spawnChild({
    name: options.name ?? 'host',
    command: path.join(ROOT, 'node_modules/.bin/tsx'),
    args: [
      'dev/host/main.ts',
      '--port',
      String(port),
      '--es',
      options.esUrl ?? esUrl(),
      '--name',
      options.name ?? 'host',
      '--index-prefix',
      options.indexPrefix,
      '--task-poll-ms',
      '200',
      ...(options.ui === true ? [] : ['--no-ui']),
      ...(options.logLevel === undefined ? [] : ['--log-level', options.logLevel]),
      '--plugin-config',
      JSON.stringify(withOwnSourceOnly(options.pluginConfig)),
      ...(options.encryptionKey === null
        ? []
        : ['--encryption-key', options.encryptionKey ?? TEST_ENCRYPTION_KEY]),
      ...(options.pluginZip === undefined ? [] : ['--plugin-zip', options.pluginZip]),
      ...(options.esSecurity ?? process.env.GO_RUNTIME_TEST_ES_SECURITY === '1'
        ? ['--es-security']
        : []),
      ...(options.publicBaseUrl === undefined ? [] : ['--public-base-url', options.publicBaseUrl]),
      ...(options.invalidateApiKeysTask === undefined
        ? []
        : ['--invalidate-api-keys-task', JSON.stringify(options.invalidateApiKeysTask)]),
    ],
    cwd: ROOT,
    ready: /\[host\] ready/,
    readyTimeoutMs: 120_000,
    onLine: (line) => logs.push(line),
    processGroup: true,
  });
  await child.ready;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    logs,
    async request(method, route, { body, user, headers } = {}) {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method === 'GET' ? {} : { 'kbn-xsrf': 'test' }),
          ...apiVersionHeader(route),
          ...(user === undefined
            ? {}
            : { authorization: `Basic ${Buffer.from(`${user}:changeme`).toString('base64')}` }),
          ...headers,
        },
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    stop: () => child.stop(),
    kill: () => child.kill(),
  };
}

/** Polls `probe` until it returns a value, or fails with what it saw last. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`);
}

export function uniquePrefix(label: string): string {
  return `.kibana_test_${label}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
