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

/** The profile documents of one kind that one target produced, oldest first. */
export async function profileDocuments(
  client: Client,
  targetId: string,
  kind: 'heap' | 'goroutine'
): Promise<Array<Record<string, any>>> {
  const index = 'metrics-go_runtime.profile-*';
  await client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const response = await client.search({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 1000,
    query: {
      bool: {
        filter: [
          { term: { 'go_runtime.target.id': targetId } },
          { term: { 'go_runtime.profile.kind': kind } },
        ],
      },
    },
    sort: [{ '@timestamp': 'asc' }],
  });
  return response.hits.hits.map((hit) => hit._source as Record<string, any>);
}

/** The alert documents of one rule in one space's alerts index. */
export async function alertDocuments(
  client: Client,
  ruleId: string,
  space = 'default'
): Promise<Array<Record<string, any>>> {
  const index = `.alerts-go_runtime.alerts-${space}`;
  await client.indices.refresh({ index, ignore_unavailable: true });
  const response = await client.search({
    index,
    size: 100,
    ignore_unavailable: true,
    query: { term: { 'kibana.alert.rule.uuid': ruleId } },
  });
  return response.hits.hits.map((hit) => hit._source as Record<string, any>);
}
