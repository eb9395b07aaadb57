import { Client } from '@elastic/elasticsearch';
import { clientOptions } from '../../dev/es/elasticsearch';
import { heapSourceExcludes, heapTemplateMappings } from '../../server/storage/index_templates';
import { testElasticsearch } from './host_process';

/** Every test's client of the suite's Elasticsearch (a superuser when it runs with security). */
export function esClient(): Client {
  return new Client(clientOptions(testElasticsearch()));
}

/**
 * The heap fields a stored `_source` leaves out (server/storage/index_templates.ts), read back
 * from doc values: longs as decimal strings (exact beyond 2^53), the rest as Elasticsearch
 * prints them.
 */
export const HEAP_DOC_VALUES = (() => {
  const types = new Map<string, string>();
  const walk = (properties: Record<string, any>, prefix: string) => {
    for (const [key, value] of Object.entries(properties)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (value.properties !== undefined) walk(value.properties, path);
      else types.set(path, value.type);
    }
  };
  walk((heapTemplateMappings() as any).properties, '');
  return heapSourceExcludes()
    .filter((field) => !field.endsWith('.*'))
    .map((field) => (types.get(field) === 'long' ? { field, format: '0' } : { field }));
})();

/**
 * The size classes' counters, asked for apart: 104 of them would pass Elasticsearch's
 * `index.max_docvalue_fields_search` (100) with the other fields.
 */
const SIZE_CLASS_DOC_VALUES = ['mallocs', 'frees'].map((counter) => ({
  field: `golang.heap.size_classes.*.${counter}`,
  format: '0',
}));

/** Adds the size classes' doc values to heap hits (by `_id`). */
export async function withSizeClasses<T extends { _id?: string; fields?: any }>(
  client: Client,
  index: string,
  hits: T[]
): Promise<T[]> {
  const ids = hits.map((hit) => hit._id!);
  if (ids.length === 0) return hits;
  for (const docvalue of SIZE_CLASS_DOC_VALUES) {
    const response = await client.search({
      index,
      size: ids.length,
      _source: false,
      query: { ids: { values: ids } },
      docvalue_fields: [docvalue],
    });
    const byId = new Map(response.hits.hits.map((hit) => [hit._id, hit.fields ?? {}]));
    for (const hit of hits) hit.fields = { ...hit.fields, ...byId.get(hit._id) };
  }
  return hits;
}

const HEAP_LONGS = new Set(
  HEAP_DOC_VALUES.filter((entry) => 'format' in entry).map((entry) => entry.field)
);

/**
 * The heap document as the plugin wrote it, whichever layout keeps it: what `_source` holds,
 * and the rest from doc values (a long as the number it was, or the string it was beyond 2^53).
 */
export function wholeHeapDocument(hit: { _source?: unknown; fields?: Record<string, unknown[]> }) {
  const document = structuredClone((hit._source ?? {}) as Record<string, any>);
  for (const [name, values] of Object.entries(hit.fields ?? {})) {
    const keys = name.split('.');
    let node = document;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    const last = keys[keys.length - 1]!;
    const long = HEAP_LONGS.has(name) || name.startsWith('golang.heap.size_classes.');
    // A long's doc value is exact where `_source` (read through JSON.parse) is not beyond 2^53:
    // it wins whichever layout the data stream was made with.
    if (node[last] !== undefined && !long) continue;
    const typed = values.map((value) =>
      long && typeof value === 'string' && Number.isSafeInteger(Number(value))
        ? Number(value)
        : value
    );
    node[last] = typed.length === 1 ? typed[0] : typed;
  }
  return document;
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
    ...(dataset === 'heap' ? { docvalue_fields: HEAP_DOC_VALUES } : {}),
  });
  const hits =
    dataset === 'heap'
      ? await withSizeClasses(client, index, response.hits.hits)
      : response.hits.hits;
  return hits.map((hit) => ({
    _id: hit._id,
    ...(dataset === 'heap' ? wholeHeapDocument(hit) : (hit._source as object)),
  }));
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
