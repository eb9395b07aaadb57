import type { ActionType } from '@kbn/actions-plugin/server';
import * as t from 'io-ts';
import { isRight } from 'fp-ts/Either';
import { formatValidationErrors } from '../../../common/io_ts_errors';

/**
 * The three connector types of Kibana's stack connectors the issue asks for, with their
 * config, secrets and params as Kibana names them
 * (x-pack/platform/plugins/shared/stack_connectors/server/connector_types/{server_log,es_index,webhook}).
 */

function schemaOf<A>(codec: t.Decoder<unknown, A>) {
  return {
    schema: {
      validate: (value: unknown): A => {
        const result = codec.decode(value ?? {});
        if (isRight(result)) return result.right;
        throw new Error(formatValidationErrors(result.left));
      },
    },
  };
}

const Empty = t.type({});
const MAX_MESSAGE = 100_000;
/** A webhook answer is read for its status only; its body is cut to this in the result. */
const MAX_RESPONSE_CHARS = 2_000;
const WEBHOOK_TIMEOUT_MS = 30_000;

const ServerLogParams = t.intersection([
  t.type({ message: t.string }),
  t.partial({
    level: t.keyof({ trace: null, debug: null, info: null, warn: null, error: null, fatal: null }),
  }),
]);

export const serverLogConnectorType: ActionType<
  object,
  object,
  t.TypeOf<typeof ServerLogParams>
> = {
  id: '.server-log',
  name: 'Server log',
  minimumLicenseRequired: 'basic',
  supportedFeatureIds: ['alerting'],
  validate: {
    config: schemaOf(Empty),
    secrets: schemaOf(Empty),
    params: schemaOf(ServerLogParams),
  },
  executor: async ({ actionId, params, logger }) => {
    const level = params.level ?? 'info';
    logger[level](`Server log: ${params.message.slice(0, MAX_MESSAGE)}`);
    return { actionId, status: 'ok' };
  },
};

const IndexConfig = t.intersection([
  t.type({ index: t.string }),
  t.partial({ refresh: t.boolean, executionTimeField: t.union([t.string, t.null]) }),
]);
const IndexParams = t.type({ documents: t.array(t.UnknownRecord) });

export const indexConnectorType: ActionType<
  t.TypeOf<typeof IndexConfig>,
  object,
  t.TypeOf<typeof IndexParams>
> = {
  id: '.index',
  name: 'Index',
  minimumLicenseRequired: 'basic',
  supportedFeatureIds: ['alerting'],
  validate: {
    config: schemaOf(IndexConfig),
    secrets: schemaOf(Empty),
    params: schemaOf(IndexParams),
  },
  executor: async ({ actionId, config, params, services }) => {
    if (params.documents.length === 0) return { actionId, status: 'ok', data: { items: [] } };
    const now = new Date().toISOString();
    const operations = params.documents
      .slice(0, 1_000)
      .flatMap((document) => [
        { index: { _index: config.index } },
        config.executionTimeField ? { ...document, [config.executionTimeField]: now } : document,
      ]);
    const result = await services.scopedClusterClient.bulk({
      operations,
      refresh: config.refresh === true,
    });
    if (result.errors) {
      const first = result.items.find((item) => item.index?.error !== undefined)?.index?.error;
      return {
        actionId,
        status: 'error',
        message: 'error indexing documents',
        serviceMessage: String(first?.reason ?? first?.type ?? 'unknown'),
      };
    }
    return { actionId, status: 'ok', data: { items: result.items.length } };
  },
};

const WebhookConfig = t.intersection([
  t.type({ url: t.string }),
  t.partial({
    method: t.keyof({ post: null, put: null }),
    headers: t.union([t.record(t.string, t.string), t.null]),
    hasAuth: t.boolean,
    authType: t.union([t.literal('webhook-authentication-basic'), t.null]),
  }),
]);
const WebhookSecrets = t.partial({
  user: t.union([t.string, t.null]),
  password: t.union([t.string, t.null]),
});
const WebhookParams = t.partial({ body: t.string });

export const webhookConnectorType: ActionType<
  t.TypeOf<typeof WebhookConfig>,
  t.TypeOf<typeof WebhookSecrets>,
  t.TypeOf<typeof WebhookParams>
> = {
  id: '.webhook',
  name: 'Webhook',
  minimumLicenseRequired: 'gold',
  supportedFeatureIds: ['alerting'],
  validate: {
    config: {
      schema: {
        validate: (value) => {
          const config = schemaOf(WebhookConfig).schema.validate(value);
          let url: URL;
          try {
            url = new URL(config.url);
          } catch {
            throw new Error(
              `error validation webhook action config: unable to parse url: ${JSON.stringify(
                config.url.slice(0, 80)
              )}`
            );
          }
          if (url.protocol !== 'http:' && url.protocol !== 'https:')
            throw new Error('error validation webhook action config: url must be http or https');
          return config;
        },
      },
    },
    secrets: schemaOf(WebhookSecrets),
    params: schemaOf(WebhookParams),
  },
  executor: async ({ actionId, config, secrets, params }) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(config.headers ?? {}),
    };
    if (config.hasAuth !== false && secrets.user && secrets.password) {
      headers.authorization = `Basic ${Buffer.from(`${secrets.user}:${secrets.password}`).toString(
        'base64'
      )}`;
    }
    try {
      const response = await fetch(config.url, {
        method: (config.method ?? 'post').toUpperCase(),
        headers,
        body: params.body ?? '',
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      const text = (await response.text()).slice(0, MAX_RESPONSE_CHARS);
      if (response.status >= 200 && response.status < 300)
        return { actionId, status: 'ok', data: text };
      return {
        actionId,
        status: 'error',
        message: `error calling webhook, retry later`,
        serviceMessage: `[${response.status}] ${response.statusText}`,
        retry: response.status >= 500,
      };
    } catch (error) {
      return {
        actionId,
        status: 'error',
        message: 'error calling webhook, unexpected error',
        serviceMessage: (error as Error).message,
      };
    }
  },
};

export const CONNECTOR_TYPES = [
  serverLogConnectorType,
  indexConnectorType,
  webhookConnectorType,
] as unknown as ActionType[];
