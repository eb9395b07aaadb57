/**
 * The one table of heap fields: every numeric runtime.MemStats field except `Alloc` (always
 * equal to HeapAlloc, indexed once as allocations.allocated), the PauseNs/PauseEnd rings
 * (read into the exact per-scrape pause fields instead) and BySize. The index template, the document builder and the browser's
 * labels and formatters all read it, so a field cannot exist in one and be missing in another.
 * Names follow the Metricbeat / APM Go agent family (see shared/go-runtime.md).
 */
export type FieldUnit = 'bytes' | 'count' | 'nanos' | 'fraction';
/** `timestamp`: a point in time (LastGC), neither gauge nor counter. */
export type MetricKind = 'gauge' | 'counter' | 'timestamp';
export type EsNumericType = 'long' | 'unsigned_long' | 'double';

/** The MemStats keys this table reads; the parser decodes exactly these. */
export type MemStatsNumericKey =
  | 'Alloc'
  | 'TotalAlloc'
  | 'Sys'
  | 'Lookups'
  | 'Mallocs'
  | 'Frees'
  | 'HeapAlloc'
  | 'HeapSys'
  | 'HeapIdle'
  | 'HeapInuse'
  | 'HeapReleased'
  | 'HeapObjects'
  | 'StackInuse'
  | 'StackSys'
  | 'NextGC'
  | 'PauseTotalNs'
  | 'NumGC'
  | 'GCCPUFraction'
  | 'MSpanInuse'
  | 'MSpanSys'
  | 'MCacheInuse'
  | 'MCacheSys'
  | 'BuckHashSys'
  | 'GCSys'
  | 'OtherSys'
  | 'LastGC'
  | 'NumForcedGC';

export interface HeapField {
  readonly name: string;
  readonly source: MemStatsNumericKey;
  readonly type: EsNumericType;
  readonly unit: FieldUnit;
  readonly kind: MetricKind;
  /** English label; the browser translates it under goRuntime.fields.<name>. */
  readonly label: string;
}

export const HEAP_FIELDS = [
  {
    name: 'golang.heap.allocations.allocated',
    source: 'HeapAlloc',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Heap allocated',
  },
  {
    name: 'golang.heap.allocations.active',
    source: 'HeapInuse',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Heap in-use spans',
  },
  {
    name: 'golang.heap.allocations.idle',
    source: 'HeapIdle',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Heap idle spans',
  },
  {
    name: 'golang.heap.allocations.objects',
    source: 'HeapObjects',
    type: 'long',
    unit: 'count',
    kind: 'gauge',
    label: 'Heap objects',
  },
  {
    name: 'golang.heap.allocations.total',
    source: 'TotalAlloc',
    type: 'long',
    unit: 'bytes',
    kind: 'counter',
    label: 'Bytes allocated (cumulative)',
  },
  {
    name: 'golang.heap.allocations.mallocs',
    source: 'Mallocs',
    type: 'long',
    unit: 'count',
    kind: 'counter',
    label: 'Objects allocated (cumulative)',
  },
  {
    name: 'golang.heap.allocations.frees',
    source: 'Frees',
    type: 'long',
    unit: 'count',
    kind: 'counter',
    label: 'Objects freed (cumulative)',
  },
  {
    name: 'golang.heap.system.total',
    source: 'Sys',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Memory obtained from the OS',
  },
  {
    name: 'golang.heap.system.obtained',
    source: 'HeapSys',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Heap obtained from the OS',
  },
  {
    name: 'golang.heap.system.stack',
    source: 'StackSys',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Stack obtained from the OS',
  },
  {
    name: 'golang.heap.system.released',
    source: 'HeapReleased',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Heap released to the OS',
  },
  {
    name: 'golang.heap.gc.next_gc_limit',
    source: 'NextGC',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Next GC target',
  },
  {
    name: 'golang.heap.gc.total_count',
    source: 'NumGC',
    type: 'long',
    unit: 'count',
    kind: 'counter',
    label: 'GC cycles (cumulative)',
  },
  {
    name: 'golang.heap.gc.total_pause.ns',
    source: 'PauseTotalNs',
    type: 'long',
    unit: 'nanos',
    kind: 'counter',
    label: 'GC pause (cumulative)',
  },
  {
    name: 'golang.heap.gc.cpu_fraction',
    source: 'GCCPUFraction',
    type: 'double',
    unit: 'fraction',
    kind: 'gauge',
    label: 'GC CPU fraction',
  },
  {
    name: 'golang.heap.gc.forced_count',
    source: 'NumForcedGC',
    type: 'long',
    unit: 'count',
    kind: 'counter',
    label: 'Forced GC cycles (cumulative)',
  },
  // Nanoseconds since the Unix epoch (~1.7e18): beyond 2^53, so it is parsed losslessly and
  // indexed as an exact long.
  {
    name: 'golang.heap.gc.last_finished.ns',
    source: 'LastGC',
    type: 'long',
    unit: 'nanos',
    kind: 'timestamp',
    label: 'Last GC finished',
  },
  {
    name: 'golang.heap.stack.inuse',
    source: 'StackInuse',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Stack in use',
  },
  {
    name: 'golang.heap.mspan.allocated',
    source: 'MSpanInuse',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'mspan structures in use',
  },
  {
    name: 'golang.heap.mspan.obtained',
    source: 'MSpanSys',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'mspan structures obtained from the OS',
  },
  {
    name: 'golang.heap.mcache.allocated',
    source: 'MCacheInuse',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'mcache structures in use',
  },
  {
    name: 'golang.heap.mcache.obtained',
    source: 'MCacheSys',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'mcache structures obtained from the OS',
  },
  {
    name: 'golang.heap.system.buck_hash',
    source: 'BuckHashSys',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Profiling bucket hash tables',
  },
  {
    name: 'golang.heap.system.gc_metadata',
    source: 'GCSys',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'GC metadata',
  },
  {
    name: 'golang.heap.system.other',
    source: 'OtherSys',
    type: 'long',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Other runtime allocations',
  },
  {
    name: 'golang.heap.pointer.lookups',
    source: 'Lookups',
    type: 'long',
    unit: 'count',
    kind: 'counter',
    label: 'Pointer lookups (cumulative)',
  },
] as const satisfies readonly HeapField[];

/**
 * Fields derived from two consecutive scrapes of one process (server/derive/gc_pauses.ts),
 * in the same table form. Absent from a document when they cannot be known (no rate on a
 * process's first scrape, no average without a pause).
 */
export interface DerivedHeapField {
  readonly name: string;
  readonly derivation: string;
  readonly type: EsNumericType | 'boolean' | 'keyword';
  readonly unit?: FieldUnit;
  readonly kind?: MetricKind;
  readonly label: string;
}

export const DERIVED_HEAP_FIELDS = [
  {
    name: 'golang.heap.gc.pause.count',
    derivation: 'pauses read from the PauseNs ring since the previous scrape',
    type: 'long',
    unit: 'count',
    kind: 'gauge',
    label: 'GC pauses read',
  },
  {
    name: 'golang.heap.gc.pause.missed',
    derivation: 'GCs since the previous scrape that had left the 256-entry ring',
    type: 'long',
    unit: 'count',
    kind: 'gauge',
    label: 'GC pauses missed',
  },
  {
    name: 'golang.heap.gc.pause.sum.ns',
    derivation: 'sum of the pauses read',
    type: 'long',
    unit: 'nanos',
    kind: 'gauge',
    label: 'GC pause total',
  },
  {
    name: 'golang.heap.gc.pause.max.ns',
    derivation: 'longest pause read',
    type: 'long',
    unit: 'nanos',
    kind: 'gauge',
    label: 'GC pause max',
  },
  {
    name: 'golang.heap.gc.pause.avg.ns',
    derivation: 'sum / count, a float',
    type: 'double',
    unit: 'nanos',
    kind: 'gauge',
    label: 'GC pause average',
  },
  {
    name: 'golang.heap.gc.pause.durations.ns',
    derivation:
      'each pause read, oldest first (multi-valued; percentiles across time and instances)',
    type: 'long',
    unit: 'nanos',
    kind: 'gauge',
    label: 'GC pause durations',
  },
  {
    name: 'golang.heap.gc.cycles',
    derivation: "NumGC minus the previous scrape's NumGC",
    type: 'long',
    unit: 'count',
    kind: 'gauge',
    label: 'GC cycles since the previous scrape',
  },
  {
    name: 'golang.heap.allocations.rate.bytes_per_second',
    derivation: 'TotalAlloc delta per second since the previous scrape',
    type: 'double',
    unit: 'bytes',
    kind: 'gauge',
    label: 'Allocation rate (bytes/s)',
  },
  {
    name: 'golang.heap.allocations.rate.objects_per_second',
    derivation: 'Mallocs delta per second since the previous scrape',
    type: 'double',
    unit: 'count',
    kind: 'gauge',
    label: 'Allocation rate (objects/s)',
  },
  {
    name: 'golang.heap.process.first_scrape',
    derivation: 'no earlier scrape of this process is known',
    type: 'boolean',
    label: 'First scrape of the process',
  },
  {
    name: 'golang.heap.process.restarted',
    derivation: 'a counter went back or cmdline changed since the previous scrape',
    type: 'boolean',
    label: 'Process restarted',
  },
  {
    name: 'golang.heap.process.restart_reason',
    derivation: 'which check concluded the restart',
    type: 'keyword',
    label: 'Restart reason',
  },
] as const satisfies readonly DerivedHeapField[];

export type HeapFieldName = (typeof HEAP_FIELDS)[number]['name'];

export const HEAP_FIELD_NAMES = HEAP_FIELDS.map((field) => field.name) as readonly HeapFieldName[];

export function heapField(name: HeapFieldName): HeapField {
  const field = HEAP_FIELDS.find((candidate) => candidate.name === name);
  if (field === undefined) throw new Error(`unknown heap field ${name}`);
  return field;
}

/** Gauges can be charted as they are; counters need a rate first. */
export const CHARTABLE_GAUGES = HEAP_FIELDS.filter((field) => field.kind === 'gauge').map(
  (field) => field.name
) as readonly HeapFieldName[];

/**
 * Size classes (MemStats.BySize): `golang.heap.size_classes.<size>.mallocs` and `.frees`, the
 * cumulative counters of each class that ever allocated, keyed by the class's largest object
 * size in bytes. Live objects and allocation rates are derived from them at query time.
 */
export const SIZE_CLASSES_FIELD = 'golang.heap.size_classes';
