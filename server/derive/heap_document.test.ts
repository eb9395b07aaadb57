import { HEAP_FIELDS } from '../../common/heap_fields';
import type { MemStats } from '../parse/expvar_payload';
import { heapTemplateMappings } from '../storage/index_templates';
import { buildHeapDocument } from './heap_document';

const memstats = Object.fromEntries(HEAP_FIELDS.map((field, index) => [field.source, index + 1])) as unknown as MemStats;
const origin = { targetId: 't1', targetName: 'orders-1', serviceName: 'orders', url: 'http://127.0.0.1:6061/debug/vars', namespace: 'default', periodMs: 10_000 };

function get(document: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

describe('buildHeapDocument', () => {
  const document = buildHeapDocument({ memstats, cmdline: undefined }, origin, new Date('2026-01-01T00:00:00Z'), 2.5);

  it('writes every field of the table from its MemStats source', () => {
    for (const field of HEAP_FIELDS) expect([field.name, get(document, field.name)]).toEqual([field.name, memstats[field.source]]);
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
    for (const field of HEAP_FIELDS) expect([field.name, (mapped(field.name) as { type?: string } | undefined)?.type]).toEqual([field.name, field.type]);
  });
});
