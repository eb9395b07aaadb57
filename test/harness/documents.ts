import { Client } from '@elastic/elasticsearch';
import { esUrl } from './host_process';

export function esClient(): Client {
  return new Client({ node: esUrl() });
}

/** The heap documents written for one target, oldest first. */
export async function heapDocuments(client: Client, targetId: string): Promise<Array<Record<string, any>>> {
  await client.indices.refresh({ index: 'metrics-golang.heap-*', ignore_unavailable: true, allow_no_indices: true });
  const response = await client.search({
    index: 'metrics-golang.heap-*',
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 1000,
    query: { term: { 'go_runtime.target.id': targetId } },
    sort: [{ '@timestamp': 'asc' }],
  });
  return response.hits.hits.map((hit) => ({ _id: hit._id, ...(hit._source as object) }));
}
