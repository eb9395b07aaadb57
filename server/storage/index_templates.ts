import type { ElasticsearchClient } from '@kbn/core/server';
import { EXPVAR_DATASET, HEAP_DATASET, dataStreamPattern, type Dataset } from '../../common/data_streams';
import { DERIVED_HEAP_FIELDS, HEAP_FIELDS, type DerivedHeapField, type FieldUnit, type HeapField, type MetricKind } from '../../common/heap_fields';

/** Bumped whenever the mappings change, so an upgrade can tell old templates from new. */
export const TEMPLATE_VERSION = 4;
export const HEAP_TEMPLATE_NAME = 'metrics-golang.heap@go-runtime';
export const EXPVAR_TEMPLATE_NAME = 'metrics-golang.expvar@go-runtime';

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

const keyword = { type: 'keyword', ignore_above: 1024 };

/** ECS identity every document of ours carries (see derive/scrape_identity.ts). */
function identityFields(): Array<[string, Record<string, unknown>]> {
  return [
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
  ];
}

export function heapTemplateMappings() {
  const fields: Array<[string, Record<string, unknown>]> = [
    ...identityFields(),
    // Redacted by default (server/derive/redact_cmdline.ts); an array, one argument each.
    ['golang.heap.cmdline', keyword],
    // Nested, one row per size class that allocated: a size × time heatmap of live objects
    // and allocation rate is a nested terms(size) × date_histogram aggregation.
    [
      'golang.heap.by_size',
      {
        type: 'nested',
        properties: {
          size: { type: 'long', meta: { unit: 'byte' } },
          live: { type: 'long', meta: { metric_type: 'gauge' } },
          mallocs: { type: 'long', meta: { metric_type: 'counter' } },
          frees: { type: 'long', meta: { metric_type: 'counter' } },
          allocation_rate: { type: 'double', meta: { metric_type: 'gauge' } },
        },
      },
    ],
    ...[...HEAP_FIELDS, ...DERIVED_HEAP_FIELDS].map((field: HeapField | DerivedHeapField): [string, Record<string, unknown>] => {
      const unit = field.unit === undefined ? undefined : ES_UNIT[field.unit];
      const kind: MetricKind | undefined = field.kind;
      const meta = {
        ...(kind === undefined || kind === 'timestamp' ? {} : { metric_type: kind }),
        ...(unit === undefined ? {} : { unit }),
      };
      const mapping = field.type === 'keyword' ? { type: 'keyword', ignore_above: 1024 } : { type: field.type };
      return [field.name, { ...mapping, ...(Object.keys(meta).length === 0 ? {} : { meta }) }];
    }),
  ];
  // `dynamic: false`: a field we did not plan for stays in _source but never grows the mapping.
  return { dynamic: false, properties: nestedProperties(fields) };
}

/**
 * Custom vars in three fixed fields, whatever the application publishes: numbers as nested
 * name/value pairs (chartable by name), strings and booleans in one flattened field, and the
 * counts. No var can add a field or flip a field's type.
 */
export function expvarTemplateMappings() {
  const fields: Array<[string, Record<string, unknown>]> = [
    ...identityFields(),
    ['golang.expvar.metrics', { type: 'nested', properties: { name: keyword, value: { type: 'double' } } }],
    ['golang.expvar.labels', { type: 'flattened', ignore_above: 1024 }],
    ['golang.expvar.vars.total', { type: 'long', meta: { metric_type: 'gauge' } }],
    ['golang.expvar.vars.dropped', { type: 'long', meta: { metric_type: 'gauge' } }],
  ];
  return { dynamic: false, properties: nestedProperties(fields) };
}

/**
 * Installs (or upgrades) the composable template behind metrics-golang.heap-*, then adds the
 * template's mappings to the data streams that exist already: a template applies only to new
 * backing indices, and without this a field added by an upgrade would stay unindexed until
 * the next rollover.
 */
export async function installIndexTemplates(client: ElasticsearchClient, options: { retention: string }): Promise<void> {
  const templates: Array<[string, Dataset, object]> = [
    [HEAP_TEMPLATE_NAME, HEAP_DATASET, heapTemplateMappings()],
    [EXPVAR_TEMPLATE_NAME, EXPVAR_DATASET, expvarTemplateMappings()],
  ];
  for (const [name, dataset, mappings] of templates) {
    await putTemplate(client, name, dataset, mappings, options.retention);
    await client.indices.putMapping({
      index: dataStreamPattern(dataset),
      allow_no_indices: true,
      ignore_unavailable: true,
      ...mappings,
    } as never);
  }
}

async function putTemplate(client: ElasticsearchClient, name: string, dataset: Dataset, mappings: object, retention: string): Promise<void> {
  await client.indices.putIndexTemplate({
    name,
    index_patterns: [dataStreamPattern(dataset)],
    data_stream: {},
    // Above Elasticsearch's built-in `metrics` template (priority 100) so ours wins.
    priority: 250,
    _meta: { managed_by: 'go-runtime-kibana', version: TEMPLATE_VERSION },
    template: {
      settings: { 'index.auto_expand_replicas': '0-1' },
      mappings: mappings as never,
      // Data stream lifecycle: Elasticsearch deletes backing indices older than this.
      lifecycle: { data_retention: retention },
    },
  });
}
