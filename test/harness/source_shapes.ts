import type { Client } from '@elastic/elasticsearch';

/**
 * Minimal documents in the shapes the APM Go agent (through APM Server), the Golang integration
 * and Metricbeat write (issue 21; field names as common/sources.ts cites them), for the services
 * list tests, written to plain indices of one test (each source's `indices` setting names them),
 * so other tests' documents and data stream templates never meet them. The shared builders of
 * every field (test/harness/source_documents.ts) supersede these once they are on main.
 */

/** One sample of a simulated process: heap in use grows, one GC per sample. */
export interface Sample {
  readonly at: string;
  readonly i: number;
  readonly active: number;
}

/** `count` samples every `periodMs`, the last at `endMs`. */
export function samples(endMs: number, periodMs: number, count: number): Sample[] {
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(endMs - (count - 1 - i) * periodMs).toISOString(),
    i,
    active: 4_000_000 + i * 1_000,
  }));
}

/** APM Server's document of the Go agent's builtin metricset (metrics-apm.internal-*). */
export const apmDocument = (
  service: string,
  node: string | undefined,
  host: string,
  s: Sample
) => ({
  '@timestamp': s.at,
  agent: { name: 'go', version: '2.7.1' },
  processor: { event: 'metric' },
  metricset: { name: 'app' },
  service: { name: service, ...(node === undefined ? {} : { node: { name: node } }) },
  host: { name: host },
  golang: {
    goroutines: 12 + s.i,
    heap: {
      allocations: { active: s.active, allocated: s.active - 100_000, total: 1e9 + s.i * 1e6 },
      system: { total: 12_000_000, obtained: 8_000_000 },
      gc: { total_count: 100 + s.i, next_gc_limit: 8_000_000 },
    },
  },
});

/** The Golang integration's heap document (logs-golang.heap-*): by address, no service.name. */
export const integrationHeapDocument = (address: string, s: Sample) => ({
  '@timestamp': s.at,
  event: { dataset: 'golang.heap', module: 'golang' },
  service: { address },
  golang: {
    heap: {
      allocations: { active: { bytes: s.active }, total: { bytes: 1e9 + s.i * 1e6 } },
      gc: { total: { count: 40 + s.i } },
    },
  },
});

/** The Golang integration's expvar document (logs-golang.expvar-*). */
export const integrationExpvarDocument = (address: string, s: Sample) => ({
  '@timestamp': s.at,
  event: { dataset: 'golang.expvar', module: 'golang' },
  service: { address },
  golang: { expvar: { gc: { forced: 0 }, stack: { bytes: 65_536 } } },
});

/** Metricbeat's golang/heap document (metricbeat-*), with per-period pauses. */
export const metricbeatDocument = (name: string, address: string, s: Sample) => ({
  '@timestamp': s.at,
  event: { module: 'golang', dataset: 'golang.heap' },
  metricset: { name: 'heap', period: 10_000 },
  service: { name, address },
  golang: {
    heap: {
      allocations: { active: s.active, total: 1e9 + s.i * 1e6 },
      gc: { total_count: 7 + s.i, pause: { count: 1, max: { ns: 250_000 + s.i } } },
    },
  },
});

const keyword = { type: 'keyword' } as const;
export const LONG = { type: 'long' } as const;
const COMMON = {
  '@timestamp': { type: 'date' },
  'service.name': keyword,
  'service.address': keyword,
  'service.node.name': keyword,
  'host.name': keyword,
  'container.id': keyword,
  'agent.name': keyword,
  'processor.event': keyword,
  'metricset.name': keyword,
  'metricset.period': LONG,
  'event.module': keyword,
};
export const FIELDS = {
  apm: {
    'golang.goroutines': LONG,
    'golang.heap.allocations.active': LONG,
    'golang.heap.allocations.allocated': LONG,
    'golang.heap.allocations.total': LONG,
    'golang.heap.system.total': LONG,
    'golang.heap.system.obtained': LONG,
    'golang.heap.gc.total_count': LONG,
    'golang.heap.gc.next_gc_limit': LONG,
  },
  integrationHeap: {
    'golang.heap.allocations.active.bytes': LONG,
    'golang.heap.allocations.total.bytes': LONG,
    'golang.heap.gc.total.count': LONG,
  },
  integrationExpvar: { 'golang.expvar.gc.forced': LONG, 'golang.expvar.stack.bytes': LONG },
  metricbeat: {
    'golang.heap.allocations.active': LONG,
    'golang.heap.allocations.total': LONG,
    'golang.heap.gc.total_count': LONG,
    'golang.heap.gc.pause.count': LONG,
    'golang.heap.gc.pause.max.ns': LONG,
  },
};

/** Dotted names to nested properties, as Elasticsearch keeps a mapping. */
function mapping(fields: Record<string, object>): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [name, type] of Object.entries(fields)) {
    const parts = name.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= { properties: {} }).properties;
    node[parts[parts.length - 1]!] = type;
  }
  return root;
}

/** A plain index of the test's with the source's fields (and `fields` over them), refreshed. */
export async function writeSourceIndex(
  client: Client,
  name: string,
  fields: Record<string, object>,
  documents: readonly object[]
): Promise<void> {
  await client.indices.create({
    index: name,
    mappings: { properties: mapping({ ...COMMON, ...fields }) },
  });
  const response = await client.bulk({
    refresh: true,
    operations: documents.flatMap((document) => [{ create: { _index: name } }, document]),
  });
  if (response.errors)
    throw new Error(`writing ${name} failed: ${JSON.stringify(response.items[0])}`);
}
