import { Client } from '@elastic/elasticsearch';
import { clientOptions } from '../../dev/es/elasticsearch';
import { testElasticsearch } from './host_process';

/** Every test's client of the suite's Elasticsearch (a superuser when it runs with security). */
export function esClient(): Client {
  return new Client(clientOptions(testElasticsearch()));
}

/** The documents one target produced in one dataset, oldest first. */
export async function targetDocuments(
  client: Client,
  dataset: 'heap' | 'expvar' | 'scrape',
  targetId: string
): Promise<Array<Record<string, any>>> {
  const index = `metrics-go_runtime.${dataset}-*`;
  await client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const response = await client.search({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 1000,
    query: { term: { 'go_runtime.target.id': targetId } },
    sort: [{ '@timestamp': 'asc' }],
  });
  return response.hits.hits.map((hit) => ({ _id: hit._id, ...(hit._source as object) }));
}

export const heapDocuments = (client: Client, targetId: string) =>
  targetDocuments(client, 'heap', targetId);
export const scrapeHealthDocuments = (client: Client, targetId: string) =>
  targetDocuments(client, 'scrape', targetId);
