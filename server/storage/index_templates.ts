import {
  EXPVAR_DATASET,
  HEAP_DATASET,
  PROFILE_DATASET,
  SCRAPE_DATASET,
  type Dataset,
} from '../../common/data_streams';
import {
  DERIVED_HEAP_FIELDS,
  HEAP_FIELDS,
  SIZE_CLASSES_FIELD,
  type DerivedHeapField,
  type FieldUnit,
  type HeapField,
  type MetricKind,
} from '../../common/heap_fields';
import { HEAP_SAMPLE_TYPES } from '../../common/profiles';
import { MANAGED_BY } from './ownership';

/**
 * Bumped whenever a template's mappings or settings change: a start finds its own templates
 * and write indices of an older version and brings them up to this one.
 */
export const TEMPLATE_VERSION = 3;

export const HEAP_TEMPLATE_NAME = 'metrics-go_runtime.heap@go_runtime';
export const EXPVAR_TEMPLATE_NAME = 'metrics-go_runtime.expvar@go_runtime';
export const SCRAPE_TEMPLATE_NAME = 'metrics-go_runtime.scrape@go_runtime';
export const PROFILE_TEMPLATE_NAME = 'metrics-go_runtime.profile@go_runtime';

/**
 * The `_meta` of the plugin's mappings, so each backing index its templates create carries the
 * mark: Elasticsearch copies it from the template into every new backing index.
 */
const MAPPINGS_META = { managed_by: MANAGED_BY, template_version: TEMPLATE_VERSION };

// Elasticsearch's `meta.unit` vocabulary.
const ES_UNIT: Record<FieldUnit, string | undefined> = {
  bytes: 'byte',
  nanos: 'nanos',
  fraction: 'percent',
  count: undefined,
};

function nestedProperties(
  paths: Array<[string, Record<string, unknown>]>
): Record<string, unknown> {
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
    // The Kibana space of the target; queries filter on it.
    ['go_runtime.target.space_id', keyword],
  ];
}

/**
 * The dimensions of a heap time series: one series per target, named as the documents name it.
 * TSDB derives `_id` from these and `@timestamp` (the slot's time), so a retried or doubled
 * scrape of one slot gets the same `_id` and `create` answers 409.
 */
export const HEAP_DIMENSIONS = [
  'go_runtime.target.id',
  'go_runtime.target.space_id',
  'service.name',
  'service.node.name',
  'data_stream.namespace',
] as const;

/**
 * Kept verbatim in synthetic `_source`: arrays whose order means something (pauses oldest
 * first, cmdline arguments). Values beyond 2^53 (LastGC) are not: synthetic `_source` writes
 * the exact long as a JSON number, and queries that must not round it read its doc value
 * as a string (instance_latest_query.ts). Keeping them verbatim cost 7.8 bytes per sample
 * (test/bench/storage.ts).
 */
const KEEP_ARRAYS = { synthetic_source_keep: 'arrays' };

/**
 * Size classes, one object per class keyed by its size in bytes
 * (`golang.heap.size_classes.<size>.mallocs` / `.frees`), both cumulative counters: a
 * class's live objects are mallocs − frees and its allocation rate is the mallocs counter's
 * rate, so nothing else needs storing. The keys come from the runtime (Go's table has changed
 * between releases), so they are mapped by a dynamic template under an otherwise fixed mapping.
 */
const SIZE_CLASSES_PATH = SIZE_CLASSES_FIELD;
const sizeClassDynamicTemplates = [
  {
    golang_heap_size_class_counters: {
      path_match: [`${SIZE_CLASSES_PATH}.*.mallocs`, `${SIZE_CLASSES_PATH}.*.frees`],
      match_mapping_type: 'long',
      mapping: { type: 'long', time_series_metric: 'counter', meta: { metric_type: 'counter' } },
    },
  },
];

export function heapTemplateMappings() {
  const dimensions = new Set<string>(HEAP_DIMENSIONS);
  const fields: Array<[string, Record<string, unknown>]> = [
    ...identityFields().map(([name, mapping]): [string, Record<string, unknown>] =>
      dimensions.has(name) ? [name, { ...mapping, time_series_dimension: true }] : [name, mapping]
    ),
    // When the target was fetched; @timestamp is the slot's start. Never filtered on, so doc
    // values only: its points index cost 4.1 bytes per sample.
    ['event.start', { type: 'date', index: false }],
    // Redacted by default (server/derive/redact_cmdline.ts); an array, one argument each.
    ['golang.heap.cmdline', { ...keyword, ...KEEP_ARRAYS }],
    [SIZE_CLASSES_PATH, { type: 'object', dynamic: true }],
    ...[...HEAP_FIELDS, ...DERIVED_HEAP_FIELDS].map(
      (field: HeapField | DerivedHeapField): [string, Record<string, unknown>] => {
        const unit = field.unit === undefined ? undefined : ES_UNIT[field.unit];
        const kind: MetricKind | undefined = field.kind;
        const meta = {
          ...(kind === undefined || kind === 'timestamp' ? {} : { metric_type: kind }),
          ...(unit === undefined ? {} : { unit }),
        };
        const mapping =
          field.type === 'keyword' ? { type: 'keyword', ignore_above: 1024 } : { type: field.type };
        // A multi-valued field cannot be a time series metric; the pause durations stay a plain long.
        const multiValued = field.name === 'golang.heap.gc.pause.durations.ns';
        const metric =
          (kind === 'gauge' || kind === 'counter') && !multiValued
            ? { time_series_metric: kind }
            : {};
        const keep = multiValued ? KEEP_ARRAYS : {};
        return [
          field.name,
          { ...mapping, ...metric, ...keep, ...(Object.keys(meta).length === 0 ? {} : { meta }) },
        ];
      }
    ),
  ];
  // `dynamic: false`: a field we did not plan for stays in _source but never grows the mapping.
  return {
    dynamic: false,
    _meta: MAPPINGS_META,
    dynamic_templates: sizeClassDynamicTemplates,
    properties: nestedProperties(fields),
  };
}

/**
 * How the heap documents keep `_source`, chosen at template install from the cluster's licence
 * (./source_layout.ts):
 * - `synthetic`: rebuilt from doc values, nothing stored twice (an Enterprise or trial licence,
 *   or Gold/Platinum from before Elasticsearch's cut-off, for time series indices);
 * - `stored`: what every other licence gets, since Elasticsearch 8.17 silently stores `_source`
 *   where synthetic is not licensed. Stored, it leaves out every field whose doc values hold the
 *   same value exactly, so a sample is not paid for twice; readers take those from `fields`.
 */
export type SourceMode = 'synthetic' | 'stored';

/**
 * Kept in a stored `_source` although indexed: the arrays whose order means something
 * (doc values sort them) — pause durations oldest first, the command line's arguments (a
 * keyword beyond `ignore_above` has no doc value either).
 */
const HEAP_SOURCE_KEPT = new Set(['golang.heap.gc.pause.durations.ns', 'golang.heap.cmdline']);

/**
 * Left out of a stored `_source`: every mapped field of the heap document whose doc values give
 * the value back exactly (longs, doubles, booleans, dates; keywords of the identity, all far
 * below `ignore_above`), and the size classes (dynamic longs). Measured in
 * test/bench/storage.ts: see docs/storage.md.
 */
export function heapSourceExcludes(): string[] {
  const leaves: string[] = [];
  const walk = (properties: Record<string, any>, prefix: string) => {
    for (const [key, value] of Object.entries(properties)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (path === SIZE_CLASSES_PATH) leaves.push(`${path}.*`);
      else if (value.properties !== undefined) walk(value.properties, path);
      else if (!HEAP_SOURCE_KEPT.has(path)) leaves.push(path);
    }
  };
  walk(heapTemplateMappings().properties as Record<string, any>, '');
  return leaves;
}

/** The heap mappings of a source mode: stored leaves out what doc values hold. */
export function heapLayoutMappings(mode: SourceMode): Record<string, unknown> {
  const mappings = heapTemplateMappings();
  return mode === 'stored'
    ? { ...mappings, _source: { excludes: heapSourceExcludes() } }
    : mappings;
}

/**
 * The source mode, and with a stored `_source` Elasticsearch's `best_compression` codec: what is
 * left of `_source` (and the scrape health documents, kept whole) compresses to 14 % less
 * (test/bench/storage.ts, `cand-stored-trim-best-compr`). Doc values, all a synthetic layout
 * stores, do not change with the codec, so synthetic keeps the default.
 */
function sourceModeSettings(mode: SourceMode | undefined): Record<string, unknown> {
  if (mode === undefined) return {};
  return mode === 'stored'
    ? { 'index.mapping.source.mode': 'stored', 'index.codec': 'best_compression' }
    : { 'index.mapping.source.mode': 'synthetic' };
}

/** Index settings of the heap data stream: a time series data stream (TSDB). */
export function heapTemplateSettings(
  options: { lookBackTime?: string; sourceMode?: SourceMode } = {}
): Record<string, unknown> {
  return {
    'index.auto_expand_replicas': '0-1',
    'index.mode': 'time_series',
    ...sourceModeSettings(options.sourceMode),
    // Elasticsearch derives this from the dimensions where the data-streams module runs; set
    // explicitly, it also works on a cluster without it (dev/es).
    'index.routing_path': [...HEAP_DIMENSIONS],
    ...(options.lookBackTime === undefined ? {} : { 'index.look_back_time': options.lookBackTime }),
  };
}

/**
 * Custom vars in three fixed fields, whatever the application publishes: numbers as nested
 * name/value pairs (chartable by name), strings and booleans in one flattened field, and the
 * counts. No var can add a field or flip a field's type.
 */
export function expvarTemplateMappings() {
  const fields: Array<[string, Record<string, unknown>]> = [
    ...identityFields(),
    [
      'golang.expvar.metrics',
      { type: 'nested', properties: { name: keyword, value: { type: 'double' } } },
    ],
    ['golang.expvar.labels', { type: 'flattened', ignore_above: 1024 }],
    ['golang.expvar.vars.total', { type: 'long', meta: { metric_type: 'gauge' } }],
    ['golang.expvar.vars.dropped', { type: 'long', meta: { metric_type: 'gauge' } }],
  ];
  return { dynamic: false, _meta: MAPPINGS_META, properties: nestedProperties(fields) };
}

/** The dimensions of a scrape health time series: the heap's, one series per target. */
export const SCRAPE_DIMENSIONS = HEAP_DIMENSIONS;

/**
 * Scrape health (`go_runtime.scrape`), one small document per attempt. A time series data stream
 * like the heap's: the same dimensions, so `_id` follows from the target and the slot and a
 * retried or doubled attempt is a 409; and in TSDB the per-target repetition (names, address,
 * space) costs next to nothing, where a standard index stores it in every document.
 */
export function scrapeTemplateMappings() {
  const dimensions = new Set<string>(SCRAPE_DIMENSIONS);
  const fields: Array<[string, Record<string, unknown>]> = [
    ...identityFields().map(([name, mapping]): [string, Record<string, unknown>] => {
      if (dimensions.has(name)) return [name, { ...mapping, time_series_dimension: true }];
      if (name === 'event.duration')
        return [
          name,
          {
            ...mapping,
            time_series_metric: 'gauge',
            meta: { unit: 'nanos', metric_type: 'gauge' },
          },
        ];
      return [name, mapping];
    }),
    ['event.start', { type: 'date' }],
    ['event.outcome', keyword],
    ['go_runtime.target.name', keyword],
    [
      'go_runtime.scrape.bytes',
      { type: 'long', time_series_metric: 'gauge', meta: { unit: 'byte', metric_type: 'gauge' } },
    ],
    ['http.response.status_code', { type: 'long' }],
    ['error.type', keyword],
    ['error.message', keyword],
    // Whether the target's origin serves profiles, as the latest profile read found it.
    ['go_runtime.profiles.status', keyword],
    ['go_runtime.profiles.error.type', keyword],
    ['go_runtime.profiles.error.message', keyword],
  ];
  return {
    dynamic: false,
    _meta: MAPPINGS_META,
    properties: nestedProperties(fields),
  };
}

const unindexed = { type: 'object', enabled: false };
const count = { type: 'long', meta: { metric_type: 'gauge' } };

/**
 * Profiles (`go_runtime.profile`), one document per heap profile or goroutine read. A standard
 * data stream: the top lists, flame stacks and groups are read whole from `_source` (What grew
 * compares two documents), so they are kept unindexed; only the totals, the counts of what was
 * cut and the names of the listed functions are searchable.
 */
export function profileTemplateMappings() {
  const fields: Array<[string, Record<string, unknown>]> = [
    ...identityFields(),
    ['event.start', { type: 'date' }],
    ['event.outcome', keyword],
    ['go_runtime.target.name', keyword],
    ['go_runtime.profile.kind', keyword],
    ['go_runtime.profile.bytes', { type: 'long', meta: { unit: 'byte' } }],
    ['go_runtime.profile.decoded_bytes', { type: 'long', meta: { unit: 'byte' } }],
    ['go_runtime.profile.samples', count],
    ['go_runtime.profile.functions', keyword],
    ...HEAP_SAMPLE_TYPES.flatMap((type): Array<[string, Record<string, unknown>]> => {
      const path = `go_runtime.profile.heap.${type}`;
      const unit = type.endsWith('_space')
        ? { meta: { unit: 'byte', metric_type: 'gauge' } }
        : count;
      return [
        [`${path}.total`, { type: 'long', ...unit }],
        [`${path}.top_flat`, unindexed],
        [`${path}.top_cum`, unindexed],
        [`${path}.functions_cut`, count],
        [`${path}.stacks_cut`, count],
        [`${path}.value_cut`, { type: 'long', ...unit }],
      ];
    }),
    ['go_runtime.profile.heap.functions', unindexed],
    ['go_runtime.profile.heap.stacks', unindexed],
    ['go_runtime.profile.heap.frames_cut', count],
    ['go_runtime.profile.goroutine.total', count],
    ['go_runtime.profile.goroutine.groups_total', count],
    ['go_runtime.profile.goroutine.groups_cut', count],
    ['go_runtime.profile.goroutine.goroutines_cut', count],
    ['go_runtime.profile.goroutine.top_function', keyword],
    ['go_runtime.profile.goroutine.groups', unindexed],
    ['http.response.status_code', { type: 'long' }],
    ['error.type', keyword],
    ['error.message', keyword],
  ];
  return { dynamic: false, _meta: MAPPINGS_META, properties: nestedProperties(fields) };
}

export function scrapeTemplateSettings(
  options: { lookBackTime?: string; sourceMode?: SourceMode } = {}
): Record<string, unknown> {
  return {
    'index.auto_expand_replicas': '0-1',
    'index.mode': 'time_series',
    ...sourceModeSettings(options.sourceMode),
    'index.routing_path': [...SCRAPE_DIMENSIONS],
    ...(options.lookBackTime === undefined ? {} : { 'index.look_back_time': options.lookBackTime }),
  };
}

/**
 * How far back a new time series data stream (heap, scrape) accepts documents
 * (`index.look_back_time`): the first backing index covers [now − this, now + look-ahead].
 * Later backing indices start where the previous one ended, so this matters for the first
 * hours of a data stream; documents buffered through an outage longer than this at that time
 * are rejected by Elasticsearch. 2h is Elasticsearch's own default.
 */
export const DEFAULT_LOOK_BACK_TIME = '2h';

/** One of the plugin's index templates: the data stream pattern it covers and its body. */
export interface TemplateSpec {
  readonly name: string;
  readonly dataset: Dataset;
  /** The mappings a new backing index gets under each source mode. */
  readonly mappings: (mode: SourceMode) => Record<string, unknown>;
  /**
   * The mappings added to an existing write index of an older version: without `_source`,
   * which an existing index cannot change (its next backing index gets the new one).
   */
  readonly remapMappings: Record<string, unknown>;
  /** The settings with `index.look_back_time` (time series only), and without it. */
  readonly settings: (
    lookBackTime: string | undefined,
    mode: SourceMode
  ) => Record<string, unknown>;
  readonly timeSeries: boolean;
}

export const TEMPLATE_SPECS: readonly TemplateSpec[] = [
  {
    name: HEAP_TEMPLATE_NAME,
    dataset: HEAP_DATASET,
    mappings: heapLayoutMappings,
    remapMappings: heapTemplateMappings(),
    settings: (lookBackTime, sourceMode) => heapTemplateSettings({ lookBackTime, sourceMode }),
    timeSeries: true,
  },
  {
    name: EXPVAR_TEMPLATE_NAME,
    dataset: EXPVAR_DATASET,
    mappings: expvarTemplateMappings,
    remapMappings: expvarTemplateMappings(),
    settings: () => ({ 'index.auto_expand_replicas': '0-1' }),
    timeSeries: false,
  },
  {
    name: SCRAPE_TEMPLATE_NAME,
    dataset: SCRAPE_DATASET,
    // Never trimmed: the rules and the services list read the health documents' `_source`,
    // and a health document is a fraction of a heap one.
    mappings: scrapeTemplateMappings,
    remapMappings: scrapeTemplateMappings(),
    settings: (lookBackTime, sourceMode) => scrapeTemplateSettings({ lookBackTime, sourceMode }),
    timeSeries: true,
  },
  {
    name: PROFILE_TEMPLATE_NAME,
    dataset: PROFILE_DATASET,
    mappings: profileTemplateMappings,
    remapMappings: profileTemplateMappings(),
    settings: () => ({ 'index.auto_expand_replicas': '0-1' }),
    timeSeries: false,
  },
];
