/**
 * The one table of heap fields. The index template, the document builder and the browser's
 * labels and formatters all read it, so a field cannot exist in one and be missing in another.
 * Names follow the Metricbeat / APM Go agent family (see shared/go-runtime.md).
 */
export type FieldUnit = 'bytes' | 'count' | 'nanos' | 'fraction';
export type MetricKind = 'gauge' | 'counter';
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
  | 'GCCPUFraction';

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
  { name: 'golang.heap.allocations.allocated', source: 'HeapAlloc', type: 'long', unit: 'bytes', kind: 'gauge', label: 'Heap allocated' },
  { name: 'golang.heap.allocations.active', source: 'HeapInuse', type: 'long', unit: 'bytes', kind: 'gauge', label: 'Heap in-use spans' },
  { name: 'golang.heap.allocations.idle', source: 'HeapIdle', type: 'long', unit: 'bytes', kind: 'gauge', label: 'Heap idle spans' },
  { name: 'golang.heap.allocations.objects', source: 'HeapObjects', type: 'long', unit: 'count', kind: 'gauge', label: 'Heap objects' },
  { name: 'golang.heap.allocations.total', source: 'TotalAlloc', type: 'long', unit: 'bytes', kind: 'counter', label: 'Bytes allocated (cumulative)' },
  { name: 'golang.heap.allocations.mallocs', source: 'Mallocs', type: 'long', unit: 'count', kind: 'counter', label: 'Objects allocated (cumulative)' },
  { name: 'golang.heap.allocations.frees', source: 'Frees', type: 'long', unit: 'count', kind: 'counter', label: 'Objects freed (cumulative)' },
  { name: 'golang.heap.system.total', source: 'Sys', type: 'long', unit: 'bytes', kind: 'gauge', label: 'Memory obtained from the OS' },
  { name: 'golang.heap.system.obtained', source: 'HeapSys', type: 'long', unit: 'bytes', kind: 'gauge', label: 'Heap obtained from the OS' },
  { name: 'golang.heap.system.stack', source: 'StackSys', type: 'long', unit: 'bytes', kind: 'gauge', label: 'Stack obtained from the OS' },
  { name: 'golang.heap.system.released', source: 'HeapReleased', type: 'long', unit: 'bytes', kind: 'gauge', label: 'Heap released to the OS' },
  { name: 'golang.heap.gc.next_gc_limit', source: 'NextGC', type: 'long', unit: 'bytes', kind: 'gauge', label: 'Next GC target' },
  { name: 'golang.heap.gc.total_count', source: 'NumGC', type: 'long', unit: 'count', kind: 'counter', label: 'GC cycles (cumulative)' },
  { name: 'golang.heap.gc.total_pause.ns', source: 'PauseTotalNs', type: 'long', unit: 'nanos', kind: 'counter', label: 'GC pause (cumulative)' },
  { name: 'golang.heap.gc.cpu_fraction', source: 'GCCPUFraction', type: 'double', unit: 'fraction', kind: 'gauge', label: 'GC CPU fraction' },
] as const satisfies readonly HeapField[];

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
