import type { ElasticsearchClient, ElasticsearchServiceStart } from '@kbn/core/server';
import type { GoRuntimeConfig } from '../config';

export type WriterConfig = NonNullable<GoRuntimeConfig['writer']>;

/**
 * The `authorization` header of the identity that writes the scraped documents, or undefined
 * for Kibana's own. Kibana's identity (`kibana_system`, or the `elastic/kibana` service account)
 * may manage the templates and roll over `metrics-*`, but may not create documents there: user
 * data is not Kibana's to write. With security on, the documents are written as the configured
 * writer instead.
 */
export function writerAuthorization(writer: WriterConfig | undefined): string | undefined {
  if (writer === undefined) return undefined;
  if ('apiKey' in writer) return `ApiKey ${writer.apiKey}`;
  return `Basic ${Buffer.from(`${writer.username}:${writer.password}`).toString('base64')}`;
}

/**
 * The client the write buffer sends its bulk requests with: scoped to a request that carries
 * only the writer's credentials (a FakeRequest, as Kibana's alerting does with rule API keys).
 */
export function documentWriterClient(
  elasticsearch: ElasticsearchServiceStart,
  writer: WriterConfig | undefined
): ElasticsearchClient {
  const authorization = writerAuthorization(writer);
  if (authorization === undefined) return elasticsearch.client.asInternalUser;
  return elasticsearch.client.asScoped({ headers: { authorization } }).asCurrentUser;
}
