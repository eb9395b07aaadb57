import { HEAP_DATASET, type Dataset } from '../../common/data_streams';
import { HEAP_FIELDS, type DERIVED_HEAP_FIELDS } from '../../common/heap_fields';
import type { MemStats } from '../parse/expvar_payload';
import type { GcDerivation } from './gc_pauses';
import { scrapeIdentity, type ScrapeOrigin } from './scrape_identity';
import {
  SIZE_CLASSES_PATH,
  sizeClassCounters,
  DEFAULT_SIZE_CLASS_PERIOD_MS,
  sizeClassesDue,
  type SizeClassRow,
} from './size_classes';

type DerivedHeapFieldName = (typeof DERIVED_HEAP_FIELDS)[number]['name'];

export type HeapDocument = Record<string, unknown> & {
  '@timestamp': string;
  service: { name: string; address: string; node: { name: string } };
  data_stream: { type: 'metrics'; dataset: Dataset; namespace: string };
};

/**
 * One scrape → one heap document: the field table's values plus what the cursor derived.
 * `slotMs` (the slot's start, epoch ms) becomes `@timestamp`; the fetch time goes to
 * `event.start`. Size classes are stored as their two cumulative counters per class (see
 * `sizeClassCounters`), once per `sizeClassPeriodMs` (`sizeClassesDue`).
 */
export function buildHeapDocument(
  memstats: MemStats,
  origin: ScrapeOrigin,
  scrapedAt: Date,
  scrapeDurationMs: number,
  gc: GcDerivation,
  cmdline?: readonly string[],
  bySize: readonly SizeClassRow[] = [],
  slotMs?: number,
  sizeClassPeriodMs: number = DEFAULT_SIZE_CLASS_PERIOD_MS
): HeapDocument {
  const document = scrapeIdentity(
    origin,
    HEAP_DATASET,
    scrapedAt,
    scrapeDurationMs,
    slotMs
  ) as HeapDocument;
  for (const field of HEAP_FIELDS) {
    setPath(document, field.name, toJsonNumber(memstats[field.source]));
  }
  const derived: Array<[DerivedHeapFieldName, unknown]> = [
    ['golang.heap.gc.pause.count', gc.pauses.length],
    ['golang.heap.gc.pause.missed', gc.missed],
    ['golang.heap.gc.pause.sum.ns', gc.sumNs],
    ['golang.heap.gc.pause.max.ns', gc.maxNs],
    ['golang.heap.gc.pause.avg.ns', gc.avgNs],
    ['golang.heap.gc.pause.durations.ns', gc.pauses.length === 0 ? undefined : gc.pauses],
    ['golang.heap.gc.cycles', gc.rates?.gcCycles],
    ['golang.heap.allocations.rate.bytes_per_second', gc.rates?.allocatedBytesPerSecond],
    ['golang.heap.allocations.rate.objects_per_second', gc.rates?.allocatedObjectsPerSecond],
    ['golang.heap.process.first_scrape', gc.change === 'first_scrape'],
    ['golang.heap.process.restarted', gc.change === 'restarted'],
    ['golang.heap.process.restart_reason', gc.restartReason],
  ];
  for (const [name, value] of derived) if (value !== undefined) setPath(document, name, value);
  if (cmdline !== undefined && cmdline.length > 0)
    setPath(document, 'golang.heap.cmdline', cmdline);
  const due =
    slotMs === undefined ||
    sizeClassesDue(slotMs, origin.periodMs, gc.change === 'continued', sizeClassPeriodMs);
  if (bySize.length > 0 && due) setPath(document, SIZE_CLASSES_PATH, sizeClassCounters(bySize));
  return document;
}

/**
 * JSON cannot carry a bigint; Elasticsearch parses a numeric string into a long exactly, so
 * values beyond 2^53 travel as strings and are stored to the unit.
 */
function toJsonNumber(value: number | bigint): number | string {
  return typeof value === 'bigint' ? value.toString() : value;
}

// The field names are a fixed table: split each once, not on every document.
const splitPaths = new Map<string, readonly string[]>();

function setPath(target: Record<string, unknown>, dottedPath: string, value: unknown): void {
  let keys = splitPaths.get(dottedPath);
  if (keys === undefined) {
    keys = dottedPath.split('.');
    if (splitPaths.size < 1_000) splitPaths.set(dottedPath, keys);
  }
  let node = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i]!;
    const next = node[key];
    if (typeof next === 'object' && next !== null) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys[keys.length - 1]!] = value;
}
