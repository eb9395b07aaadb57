import { DERIVED_HEAP_FIELDS, HEAP_FIELDS } from '../../common/heap_fields';
import type { MemStats } from '../parse/expvar_payload';
import { heapTemplateMappings } from '../storage/index_templates';
import { buildHeapDocument } from './heap_document';
import { deriveGcPauses } from './gc_pauses';

const memstats = {
  ...Object.fromEntries(HEAP_FIELDS.map((field, index) => [field.source, index + 1])),
  LastGC: 1_795_322_863_123_456_789n,
  PauseNs: [100, 300, ...new Array(254).fill(0)],
} as unknown as MemStats;
const gc = deriveGcPauses(
  { numGc: 2, pauseTotalNs: 400, totalAlloc: 10, mallocs: 10, pauseNs: memstats.PauseNs, cmdline: null, scrapedAt: 0 },
  undefined
);
const origin = { targetId: 't1', targetName: 'orders-1', serviceName: 'orders', url: 'http://127.0.0.1:6061/debug/vars', namespace: 'default', periodMs: 10_000 };

function get(document: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

describe('buildHeapDocument', () => {
  const document = buildHeapDocument(memstats, origin, new Date('2026-01-01T00:00:00Z'), 2.5, gc);

  it('writes every field of the table from its MemStats source, bigints as exact strings', () => {
    for (const field of HEAP_FIELDS) {
      const value = memstats[field.source];
      expect([field.name, get(document, field.name)]).toEqual([field.name, typeof value === 'bigint' ? value.toString() : value]);
    }
    expect(get(document, 'golang.heap.gc.last_finished.ns')).toBe('1795322863123456789');
  });

  it('carries the derived GC pauses', () => {
    expect(get(document, 'golang.heap.gc.pause')).toEqual({ count: 2, missed: 0, sum: { ns: 400 }, max: { ns: 300 }, avg: { ns: 200 }, durations: { ns: [100, 300] } });
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
    expect(document.service).toEqual({ name: 'orders', address: origin.url, node: { name: 'orders-1' } });
    expect(document.data_stream).toEqual({ type: 'metrics', dataset: 'golang.heap', namespace: 'default' });
    expect(get(document, 'event.duration')).toBe(2_500_000);
    expect(get(document, 'metricset.period')).toBe(10_000);
  });

  it('has a mapping for every field it writes', () => {
    const mappings = heapTemplateMappings();
    const mapped = (path: string) =>
      path.split('.').reduce<unknown>((node, key, i, keys) => {
        const properties = (node as { properties?: Record<string, unknown> }).properties ?? (node as Record<string, unknown>);
        const next = properties[key];
        return i === keys.length - 1 ? next : next;
      }, mappings);
    for (const field of [...HEAP_FIELDS, ...DERIVED_HEAP_FIELDS]) {
      expect([field.name, (mapped(field.name) as { type?: string } | undefined)?.type]).toEqual([field.name, field.type]);
    }
  });
});
