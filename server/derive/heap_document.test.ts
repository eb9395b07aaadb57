import { DERIVED_HEAP_FIELDS, HEAP_FIELDS } from '../../common/heap_fields';
import type { MemStats } from '../parse/expvar_payload';
import {
  HEAP_DIMENSIONS,
  heapTemplateMappings,
  heapTemplateSettings,
} from '../storage/index_templates';
import { buildHeapDocument } from './heap_document';
import { deriveGcPauses } from './gc_pauses';

const memstats = {
  ...Object.fromEntries(HEAP_FIELDS.map((field, index) => [field.source, index + 1])),
  LastGC: 1_795_322_863_123_456_789n,
  PauseNs: [100, 300, ...new Array(254).fill(0)],
} as unknown as MemStats;
const gc = deriveGcPauses(
  {
    numGc: 2,
    pauseTotalNs: 400,
    totalAlloc: 10,
    mallocs: 10,
    frees: 4,
    lastGc: 1_795_322_863_123_456_789n,
    pauseNs: memstats.PauseNs,
    pauseEnd: new Array<string>(256).fill('0'),
    cmdline: null,
    scrapedAt: 0,
  },
  undefined
);
const origin = {
  targetId: 't1',
  targetName: 'orders-1',
  serviceName: 'orders',
  url: 'http://127.0.0.1:6061/debug/vars',
  spaceId: 'default',
  namespace: 'default',
  periodMs: 10_000,
};

function get(document: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

describe('buildHeapDocument', () => {
  const document = buildHeapDocument(memstats, origin, new Date('2026-01-01T00:00:00Z'), 2.5, gc);

  it('writes every field of the table from its MemStats source, bigints as exact strings', () => {
    for (const field of HEAP_FIELDS) {
      const value = memstats[field.source];
      expect([field.name, get(document, field.name)]).toEqual([
        field.name,
        typeof value === 'bigint' ? value.toString() : value,
      ]);
    }
    expect(get(document, 'golang.heap.gc.last_finished.ns')).toBe('1795322863123456789');
  });

  it('carries the derived GC pauses', () => {
    expect(get(document, 'golang.heap.gc.pause')).toEqual({
      count: 2,
      missed: 0,
      sum: { ns: 400 },
      max: { ns: 300 },
      avg: { ns: 200 },
      durations: { ns: [100, 300] },
    });
    expect(get(document, 'golang.heap.process.first_scrape')).toBe(true);
    expect(get(document, 'golang.heap.gc.cycles')).toBeUndefined();
  });

  it('uses the Metricbeat meaning of system.total (Sys, not HeapSys)', () => {
    expect(get(document, 'golang.heap.system.total')).toBe(memstats.Sys);
    expect(get(document, 'golang.heap.allocations.allocated')).toBe(memstats.HeapAlloc);
    expect(get(document, 'golang.heap.gc.total_count')).toBe(memstats.NumGC);
  });

  it('carries ECS identity and the data stream', () => {
    expect(document['@timestamp']).toBe('2026-01-01T00:00:00.000Z');
    expect(document.service).toEqual({
      name: 'orders',
      address: origin.url,
      node: { name: 'orders-1' },
    });
    expect(document.data_stream).toEqual({
      type: 'metrics',
      dataset: 'go_runtime.heap',
      namespace: 'default',
    });
    expect(get(document, 'event.duration')).toBe(2_500_000);
    expect(get(document, 'metricset.period')).toBe(10_000);
  });

  it('has a mapping for every field it writes', () => {
    const mappings = heapTemplateMappings();
    const mapped = (path: string) =>
      path.split('.').reduce<unknown>((node, key, i, keys) => {
        const properties =
          (node as { properties?: Record<string, unknown> }).properties ??
          (node as Record<string, unknown>);
        const next = properties[key];
        return i === keys.length - 1 ? next : next;
      }, mappings);
    for (const field of [...HEAP_FIELDS, ...DERIVED_HEAP_FIELDS]) {
      expect([field.name, (mapped(field.name) as { type?: string } | undefined)?.type]).toEqual([
        field.name,
        field.type,
      ]);
    }
  });

  it('takes @timestamp from the slot and keeps the fetch time in event.start', () => {
    const slot = Date.parse('2026-01-01T00:00:10Z');
    const fetched = new Date(slot + 37);
    const slotted = buildHeapDocument(memstats, origin, fetched, 2.5, gc, undefined, [], slot);
    expect(slotted['@timestamp']).toBe('2026-01-01T00:00:10.000Z');
    expect(get(slotted, 'event.start')).toBe('2026-01-01T00:00:10.037Z');
    // Two scrapes of one slot (a retry, another node) carry the same @timestamp and dimensions.
    const again = buildHeapDocument(
      memstats,
      origin,
      new Date(slot + 900),
      3,
      gc,
      undefined,
      [],
      slot
    );
    for (const dimension of ['@timestamp', ...HEAP_DIMENSIONS])
      expect(get(again, dimension)).toEqual(get(slotted, dimension));
  });

  it('stores each size class as its two counters, keyed by size', () => {
    const rows = [
      { size: 8, live: 60, mallocs: 100, frees: 40, allocation_rate: 2 },
      { size: 16, live: 0, mallocs: 50, frees: 50 },
    ];
    const withClasses = buildHeapDocument(memstats, origin, new Date(0), 1, gc, undefined, rows, 0);
    expect(get(withClasses, 'golang.heap.size_classes')).toEqual({
      '8': { mallocs: 100, frees: 40 },
      '16': { mallocs: 50, frees: 50 },
    });
    expect(get(withClasses, 'golang.heap.by_size')).toBeUndefined();
  });
});

describe('heap template', () => {
  const mappings = heapTemplateMappings() as any;
  const at = (path: string) =>
    path.split('.').reduce((node: any, key) => node?.properties?.[key], mappings);

  it('is a time series data stream whose dimensions name the target', () => {
    const settings = heapTemplateSettings({ lookBackTime: '3h' });
    expect(settings).toMatchObject({
      'index.mode': 'time_series',
      'index.routing_path': [...HEAP_DIMENSIONS],
      'index.look_back_time': '3h',
    });
    expect(heapTemplateSettings()['index.look_back_time']).toBeUndefined();
    for (const dimension of HEAP_DIMENSIONS)
      expect([dimension, at(dimension).time_series_dimension]).toEqual([dimension, true]);
  });

  it('marks gauges and counters as metrics, except the multi-valued pause durations', () => {
    expect(at('golang.heap.allocations.allocated').time_series_metric).toBe('gauge');
    expect(at('golang.heap.allocations.total').time_series_metric).toBe('counter');
    expect(at('golang.heap.gc.pause.durations.ns').time_series_metric).toBeUndefined();
  });

  it('keeps ordered arrays verbatim in synthetic _source, and nothing else', () => {
    expect(at('golang.heap.gc.pause.durations.ns').synthetic_source_keep).toBe('arrays');
    expect(at('golang.heap.cmdline').synthetic_source_keep).toBe('arrays');
    // LastGC comes back from doc values as an exact long (instance_latest_query.ts).
    expect(at('golang.heap.gc.last_finished.ns').synthetic_source_keep).toBeUndefined();
  });

  it('keeps the fetch time in doc values only (never filtered on)', () => {
    expect(at('event.start')).toEqual({ type: 'date', index: false });
  });

  it('maps size class counters by a dynamic template under a dynamic object', () => {
    expect(at('golang.heap.size_classes')).toEqual({ type: 'object', dynamic: true });
    const template = mappings.dynamic_templates[0].golang_heap_size_class_counters;
    expect(template.path_match).toEqual([
      'golang.heap.size_classes.*.mallocs',
      'golang.heap.size_classes.*.frees',
    ]);
    expect(template.mapping).toMatchObject({ type: 'long', time_series_metric: 'counter' });
  });
});
