import { parseArgs } from 'node:util';
import { DEFAULT_HOST_OPTIONS, DevHost } from './host';
import { DEFAULT_INVALIDATE_API_KEYS_TASK } from './alerting/api_key_invalidation';

/** `tsx dev/host/main.ts [--port 5601] [--es URL] [--name N] [--index-prefix P] [--no-ui] [--plugin-zip build/x.zip]` */
async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      es: { type: 'string' },
      name: { type: 'string' },
      'index-prefix': { type: 'string' },
      'no-ui': { type: 'boolean' },
      'default-user': { type: 'string' },
      'task-poll-ms': { type: 'string' },
      'log-level': { type: 'string' },
      'plugin-config': { type: 'string' },
      // kibana.yml's xpack.encryptedSavedObjects.encryptionKey; also read from KBN_ENCRYPTION_KEY.
      'encryption-key': { type: 'string' },
      'plugin-zip': { type: 'string' },
      'es-security': { type: 'boolean' },
      // kibana.yml's xpack.alerting.invalidateApiKeysTask as JSON, e.g. '{"interval":"1s","removalDelay":"5s"}'.
      'invalidate-api-keys-task': { type: 'string' },
      // kibana.yml's server.restrictInternalApis (true, as Kibana 9) and
      // server.versioned.versionResolution (oldest | newest).
      'restrict-internal-apis': { type: 'string' },
      'version-resolution': { type: 'string' },
      // kibana.yml's server.publicBaseUrl, e.g. https://kibana.example.com (unset by default, as in Kibana).
      'public-base-url': { type: 'string' },
    },
  });
  const host = new DevHost({
    ...DEFAULT_HOST_OPTIONS,
    port: Number(values.port ?? DEFAULT_HOST_OPTIONS.port),
    esUrl: values.es ?? process.env.ES_URL ?? DEFAULT_HOST_OPTIONS.esUrl,
    name: values.name ?? DEFAULT_HOST_OPTIONS.name,
    indexPrefix: values['index-prefix'] ?? DEFAULT_HOST_OPTIONS.indexPrefix,
    ui: values['no-ui'] !== true,
    defaultUser: values['default-user'] ?? DEFAULT_HOST_OPTIONS.defaultUser,
    taskPollIntervalMs: Number(values['task-poll-ms'] ?? DEFAULT_HOST_OPTIONS.taskPollIntervalMs),
    logLevel:
      (values['log-level'] as 'debug' | 'info' | 'warn' | undefined) ??
      DEFAULT_HOST_OPTIONS.logLevel,
    // JSON of the `go_runtime` section of kibana.yml, e.g. '{"retention":"7d"}'.
    pluginConfig:
      values['plugin-config'] === undefined
        ? {}
        : (JSON.parse(values['plugin-config']) as Record<string, unknown>),
    encryptionKey: values['encryption-key'] ?? process.env.KBN_ENCRYPTION_KEY,
    // A zip from `npm run build`, run as Kibana runs an installed plugin.
    ...(values['plugin-zip'] === undefined ? {} : { pluginZip: values['plugin-zip'] }),
    // Elasticsearch runs with security (ES_SECURITY=1 for dev/es): authenticate as Kibana and as each user.
    esSecurity: values['es-security'] === true,
    http: {
      ...(values['restrict-internal-apis'] === undefined
        ? {}
        : { restrictInternalApis: parseBoolean(values['restrict-internal-apis']) }),
      ...(values['version-resolution'] === undefined
        ? {}
        : { versionResolution: parseResolution(values['version-resolution']) }),
    },
    ...(values['public-base-url'] === undefined
      ? {}
      : { publicBaseUrl: values['public-base-url'] }),
    ...(values['invalidate-api-keys-task'] === undefined
      ? {}
      : {
          invalidateApiKeysTask: {
            ...DEFAULT_INVALIDATE_API_KEYS_TASK,
            ...(JSON.parse(values['invalidate-api-keys-task']) as object),
          },
        }),
  });
  const shutdown = async (signal: string) => {
    process.stdout.write(`[host] ${signal}: stopping\n`);
    await host.stop().catch((error: Error) => process.stderr.write(`${error.message}\n`));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await host.start();
  process.stdout.write(`[host] ready ${host.url}\n`);
}

function parseBoolean(value: string): boolean {
  if (value !== 'true' && value !== 'false')
    throw new Error(`--restrict-internal-apis takes true or false, not [${value}]`);
  return value === 'true';
}

function parseResolution(value: string): 'oldest' | 'newest' {
  if (value !== 'oldest' && value !== 'newest')
    throw new Error(`--version-resolution takes oldest or newest, not [${value}]`);
  return value;
}

main().catch((error: Error) => {
  process.stderr.write(`[host] failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
