import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import { HEAP_FIELDS, type FieldUnit } from '../../common/heap_fields';

/** Bumped whenever the mappings change, so an upgrade can tell old templates from new. */
export const TEMPLATE_VERSION = 2;
export const HEAP_TEMPLATE_NAME = 'metrics-golang.heap@go-runtime';

// Elasticsearch's `meta.unit` vocabulary.
const ES_UNIT: Record<FieldUnit, string | undefined> = {
  bytes: 'byte',
  nanos: 'nanos',
  fraction: 'percent',
  count: undefined,
};

function nestedProperties(paths: Array<[string, Record<string, unknown>]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, mapping] of paths) {
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) {
      const existing = node[key] as { properties: Record<string, unknown> } | undefined;
      const next = existing ?? { properties: {} };
      node[key] = next;
      node = next.properties;
    }
    node[keys[keys.length - 1]!] = mapping;
  }
  return root;
}

export function heapTemplateMappings() {
  const keyword = { type: 'keyword', ignore_above: 1024 };
  const fields: Array<[string, Record<string, unknown>]> = [
    ['@timestamp', { type: 'date' }],
    ['service.name', keyword],
    ['service.address', keyword],
    ['service.node.name', keyword],
    ['event.dataset', keyword],
    ['event.module', keyword],
    ['event.kind', keyword],
    ['event.duration', { type: 'long' }],
    ['data_stream.type', keyword],
    ['data_stream.dataset', keyword],
    ['data_stream.namespace', keyword],
    ['metricset.name', keyword],
    ['metricset.period', { type: 'long', meta: { unit: 'ms' } }],
    ['agent.type', keyword],
    ['agent.name', keyword],
    ['go_runtime.target.id', keyword],
    ...HEAP_FIELDS.map((field): [string, Record<string, unknown>] => {
      const unit = ES_UNIT[field.unit];
      return [
        field.name,
        { type: field.type, meta: { metric_type: field.kind, ...(unit === undefined ? {} : { unit }) } },
      ];
    }),
  ];
  // `dynamic: false`: a field we did not plan for stays in _source but never grows the mapping.
  return { dynamic: false, properties: nestedProperties(fields) };
}

/** Installs (or upgrades) the composable template behind metrics-golang.heap-*. */
export async function installIndexTemplates(client: ElasticsearchClient): Promise<void> {
  await client.indices.putIndexTemplate({
    name: HEAP_TEMPLATE_NAME,
    index_patterns: [dataStreamPattern(HEAP_DATASET)],
    data_stream: {},
    // Above Elasticsearch's built-in `metrics` template (priority 100) so ours wins.
    priority: 250,
    _meta: { managed_by: 'go-runtime-kibana', version: TEMPLATE_VERSION },
    template: {
      settings: { 'index.auto_expand_replicas': '0-1' },
      mappings: heapTemplateMappings() as never,
    },
  });
}
