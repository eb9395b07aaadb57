import * as t from 'io-ts';

/**
 * Where Go runtime numbers come from. `go_runtime` is the plugin's own scrapes; the others are
 * data other Elastic products already wrote, read (never written) with the current user's
 * privileges. Field names per source are from the products' own field definitions:
 * - APM Go agent: `go.elastic.co/apm/v2` module `builtin_metrics.go` (names of its `golang.*`
 *   gauges), stored by APM Server as internal metrics (`metrics-apm.internal-<ns>`, elastic/apm-data);
 * - Golang integration: elastic/integrations `packages/golang/data_stream/{heap,expvar}/fields/fields.yml`;
 * - Metricbeat: elastic/beats `metricbeat/module/golang/heap/_meta/fields.yml`.
 * docs/sources.md has the table with citations.
 */
export const SOURCE_IDS = ['go_runtime', 'apm', 'golang_integration', 'metricbeat'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];
export const SourceIdCodec = t.keyof(
  Object.fromEntries(SOURCE_IDS.map((id) => [id, null])) as Record<SourceId, null>,
  'SourceId'
);

/** English labels; the browser translates them under goRuntime.sources.<id>. */
export const SOURCE_LABELS: Record<SourceId, string> = {
  go_runtime: 'Go Runtime scrape',
  apm: 'APM Go agent',
  golang_integration: 'Golang integration',
  metricbeat: 'Metricbeat',
};

/**
 * The measures the panels and rules read, named as the plugin's own documents name them
 * (common/heap_fields.ts). A source maps each to its own field, or cannot feed it.
 */
export type Measure =
  | 'golang.heap.allocations.allocated'
  | 'golang.heap.allocations.active'
  | 'golang.heap.allocations.idle'
  | 'golang.heap.allocations.objects'
  | 'golang.heap.allocations.total'
  | 'golang.heap.allocations.mallocs'
  | 'golang.heap.allocations.frees'
  | 'golang.heap.system.total'
  | 'golang.heap.system.obtained'
  | 'golang.heap.system.stack'
  | 'golang.heap.system.released'
  | 'golang.heap.gc.next_gc_limit'
  | 'golang.heap.gc.total_count'
  | 'golang.heap.gc.total_pause.ns'
  | 'golang.heap.gc.cpu_fraction'
  | 'golang.heap.gc.forced_count'
  | 'golang.heap.gc.pause.count'
  | 'golang.heap.gc.pause.sum.ns'
  | 'golang.heap.gc.pause.max.ns'
  | 'golang.heap.gc.pause.avg.ns'
  | 'golang.heap.gc.pause.durations.ns'
  | 'golang.heap.gc.cycles'
  | 'golang.heap.allocations.rate.bytes_per_second'
  | 'golang.heap.allocations.rate.objects_per_second'
  | 'golang.heap.stack.inuse'
  | 'golang.heap.mspan.allocated'
  | 'golang.heap.mspan.obtained'
  | 'golang.heap.mcache.allocated'
  | 'golang.heap.mcache.obtained'
  | 'golang.heap.system.buck_hash'
  | 'golang.heap.system.gc_metadata'
  | 'golang.heap.system.other'
  | 'golang.goroutines';

/**
 * Measures the plugin derives per scrape from two consecutive scrapes of one process. Other
 * sources report only the cumulative counter: a query takes the counter's rate per instance
 * instead (a decrease is a restart: the rate restarts from the new value, never negative).
 */
export const RATE_OF_COUNTER: Partial<Record<Measure, Measure>> = {
  'golang.heap.gc.cycles': 'golang.heap.gc.total_count',
  'golang.heap.allocations.rate.bytes_per_second': 'golang.heap.allocations.total',
  'golang.heap.allocations.rate.objects_per_second': 'golang.heap.allocations.mallocs',
};

/** How one source's documents are found and who they belong to. */
export interface SourceShape {
  readonly id: SourceId;
  /** The index pattern read when kibana.yml does not say otherwise. */
  readonly defaultIndices: string;
  /** Term filters every document of the source matches (beside the index pattern). */
  readonly documentFilter: Readonly<Record<string, string>>;
  /** Names the service; when absent on a document, `addressField` names it (see serviceNames). */
  readonly serviceField: 'service.name';
  /** The instance, in order of preference: the first present on a document names it. */
  readonly instanceFields: readonly string[];
  /** The scraped URL, for sources that may have no service.name (integration, Metricbeat). */
  readonly addressField?: 'service.address';
  /** Whether documents carry the plugin's Kibana space (only the plugin's own do). */
  readonly spaceScoped: boolean;
  /** The reporting period when documents do not say (`metricset.period`), for bucket sizes. */
  readonly defaultPeriodMs: number;
  /** Each measure's field in this source's documents; a measure absent here it cannot feed. */
  readonly fields: Readonly<Partial<Record<Measure, string>>>;
}

const SAME_NAMES_AS_APM: Partial<Record<Measure, string>> = Object.fromEntries(
  (
    [
      'golang.heap.allocations.allocated',
      'golang.heap.allocations.active',
      'golang.heap.allocations.idle',
      'golang.heap.allocations.objects',
      'golang.heap.allocations.total',
      'golang.heap.allocations.mallocs',
      'golang.heap.allocations.frees',
      'golang.heap.system.total',
      'golang.heap.system.obtained',
      'golang.heap.system.stack',
      'golang.heap.system.released',
      'golang.heap.gc.next_gc_limit',
      'golang.heap.gc.total_count',
      'golang.heap.gc.total_pause.ns',
      'golang.heap.gc.cpu_fraction',
    ] as const
  ).map((measure) => [measure, measure])
);

export const SOURCES: Readonly<Record<SourceId, SourceShape>> = {
  go_runtime: {
    id: 'go_runtime',
    defaultIndices: 'metrics-go_runtime.heap-*',
    documentFilter: {},
    serviceField: 'service.name',
    instanceFields: ['service.node.name'],
    spaceScoped: true,
    defaultPeriodMs: 10_000,
    // Every measure but goroutines (MemStats has no goroutine count) under its own name.
    fields: Object.fromEntries(
      (
        [
          ...Object.keys(SAME_NAMES_AS_APM),
          'golang.heap.gc.forced_count',
          'golang.heap.gc.pause.count',
          'golang.heap.gc.pause.sum.ns',
          'golang.heap.gc.pause.max.ns',
          'golang.heap.gc.pause.avg.ns',
          'golang.heap.gc.pause.durations.ns',
          'golang.heap.gc.cycles',
          'golang.heap.allocations.rate.bytes_per_second',
          'golang.heap.allocations.rate.objects_per_second',
          'golang.heap.stack.inuse',
          'golang.heap.mspan.allocated',
          'golang.heap.mspan.obtained',
          'golang.heap.mcache.allocated',
          'golang.heap.mcache.obtained',
          'golang.heap.system.buck_hash',
          'golang.heap.system.gc_metadata',
          'golang.heap.system.other',
        ] as Measure[]
      ).map((measure) => [measure, measure])
    ),
  },
  apm: {
    id: 'apm',
    defaultIndices: 'metrics-apm.internal-*',
    documentFilter: { 'agent.name': 'go', 'processor.event': 'metric', 'metricset.name': 'app' },
    serviceField: 'service.name',
    // APM Server itself fills service.node.name from container.id, else host.name
    // (elastic/apm-data model/modelprocessor/nodename.go): the same order where it is missing.
    instanceFields: ['service.node.name', 'container.id', 'host.name'],
    spaceScoped: false,
    // The agent's ELASTIC_APM_METRICS_INTERVAL default.
    defaultPeriodMs: 30_000,
    fields: { ...SAME_NAMES_AS_APM, 'golang.goroutines': 'golang.goroutines' },
  },
  golang_integration: {
    id: 'golang_integration',
    defaultIndices: 'logs-golang.heap-*,logs-golang.expvar-*',
    documentFilter: {},
    serviceField: 'service.name',
    instanceFields: ['service.address'],
    addressField: 'service.address',
    spaceScoped: false,
    defaultPeriodMs: 10_000,
    fields: {
      'golang.heap.allocations.allocated': 'golang.heap.allocations.object.bytes',
      'golang.heap.allocations.active': 'golang.heap.allocations.active.bytes',
      'golang.heap.allocations.idle': 'golang.heap.allocations.idle.bytes',
      'golang.heap.allocations.objects': 'golang.heap.allocations.object.count',
      'golang.heap.allocations.total': 'golang.heap.allocations.total.bytes',
      'golang.heap.allocations.mallocs': 'golang.heap.mallocs.count',
      'golang.heap.allocations.frees': 'golang.heap.allocations.frees.count',
      // The heap stream's system.total.bytes is HeapSys; Sys is the expvar stream's obtained.total.bytes.
      'golang.heap.system.total': 'golang.expvar.obtained.total.bytes',
      'golang.heap.system.obtained': 'golang.heap.system.total.bytes',
      'golang.heap.system.stack': 'golang.heap.system.stack.bytes',
      'golang.heap.system.released': 'golang.heap.system.released.bytes',
      'golang.heap.gc.next_gc_limit': 'golang.heap.gc.next_gc_limit',
      'golang.heap.gc.total_count': 'golang.heap.gc.total.count',
      'golang.heap.gc.total_pause.ns': 'golang.heap.gc.pause.total.ns',
      'golang.heap.gc.cpu_fraction': 'golang.heap.gc.cpu_fraction',
      'golang.heap.gc.forced_count': 'golang.expvar.gc.forced',
      'golang.heap.gc.pause.count': 'golang.heap.gc.pause.count',
      'golang.heap.gc.pause.sum.ns': 'golang.heap.gc.pause.sum.ns',
      'golang.heap.gc.pause.max.ns': 'golang.heap.gc.pause.max.ns',
      'golang.heap.gc.pause.avg.ns': 'golang.heap.gc.pause.avg.ns',
      'golang.heap.stack.inuse': 'golang.expvar.stack.bytes',
      'golang.heap.mspan.allocated': 'golang.expvar.mspan.allocated.bytes',
      'golang.heap.mspan.obtained': 'golang.expvar.mspan.obtained.bytes',
      'golang.heap.mcache.allocated': 'golang.expvar.mcache.allocated.bytes',
      'golang.heap.mcache.obtained': 'golang.expvar.mcache.obtained.bytes',
      'golang.heap.system.buck_hash': 'golang.expvar.buck_hash_sys.bytes',
      'golang.heap.system.gc_metadata': 'golang.expvar.gc.metadata.memory.bytes',
      'golang.heap.system.other': 'golang.expvar.obtained.miscellaneous.bytes',
    },
  },
  metricbeat: {
    id: 'metricbeat',
    defaultIndices: 'metricbeat-*',
    documentFilter: { 'event.module': 'golang', 'metricset.name': 'heap' },
    serviceField: 'service.name',
    instanceFields: ['service.address'],
    addressField: 'service.address',
    spaceScoped: false,
    defaultPeriodMs: 10_000,
    fields: {
      ...SAME_NAMES_AS_APM,
      'golang.heap.gc.pause.count': 'golang.heap.gc.pause.count',
      'golang.heap.gc.pause.sum.ns': 'golang.heap.gc.pause.sum.ns',
      'golang.heap.gc.pause.max.ns': 'golang.heap.gc.pause.max.ns',
      'golang.heap.gc.pause.avg.ns': 'golang.heap.gc.pause.avg.ns',
    },
  },
};

/** The field a source stores a measure in, or undefined when it cannot feed it. */
export function sourceField(source: SourceId, measure: Measure): string | undefined {
  return SOURCES[source].fields[measure];
}

/**
 * A source's failure on one request, shown on the page beside what the other sources drew
 * (an index the user may not read, a field mapped as text in one index, a timeout).
 */
export const SourceProblem = t.type({ source: SourceIdCodec, message: t.string });
export type SourceProblem = t.TypeOf<typeof SourceProblem>;

/** Why a panel shows less for a source, in one line (e.g. no per-GC pauses from the APM agent). */
export const SourceNote = t.type({ source: SourceIdCodec, message: t.string });
export type SourceNote = t.TypeOf<typeof SourceNote>;
