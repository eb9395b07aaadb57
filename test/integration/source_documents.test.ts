import type { Client } from '@elastic/elasticsearch';
import { esClient } from '../harness/documents';
import {
  apmDocuments,
  installSourceTemplates,
  integrationDocuments,
  metricbeatDocuments,
  SOURCE_INDICES,
  writeSourceDocuments,
} from '../harness/source_documents';

// The shared builders of the external sources' documents: they must be accepted by mappings
// that mirror the products' (APM's strict one included), and evolve like a Go process.
jest.setTimeout(120_000);

let client: Client;
const to = Date.parse('2026-11-01T01:00:00Z');
const from = to - 60 * 60 * 1000;
const restartAt = from + 40 * 60 * 1000;
// Data streams cannot be deleted on the test Elasticsearch: this run's own namespace.
const namespace = `docs${Date.now().toString(36)}`;
const streams = {
  apm: SOURCE_INDICES.apm(namespace),
  heap: SOURCE_INDICES.golangHeap(namespace),
  expvar: SOURCE_INDICES.golangExpvar(namespace),
  metricbeat: SOURCE_INDICES.metricbeat(namespace),
};

beforeAll(async () => {
  client = esClient();
  await installSourceTemplates(client);
  await writeSourceDocuments(client, [
    ...apmDocuments({
      service: 'checkout',
      node: 'checkout-1',
      from,
      to,
      periodMs: 30_000,
      restartAt,
      namespace,
    }),
    ...integrationDocuments({
      address: 'http://orders:6060',
      from,
      to,
      periodMs: 10_000,
      restartAt,
      namespace,
      customVars: (_m, i) => ({ requests: i * 3, queue: { depth: i % 7 } }),
    }),
    ...metricbeatDocuments({
      address: 'payments:6060',
      from,
      to,
      periodMs: 10_000,
      restartAt,
      indexSuffix: namespace,
    }),
  ]);
});
afterAll(async () => {
  await client?.close();
});

async function all(index: string): Promise<Array<Record<string, any>>> {
  const response = await client.search({
    index,
    size: 10_000,
    sort: [{ '@timestamp': 'asc' }],
  });
  return response.hits.hits.map((hit) => hit._source as Record<string, any>);
}

it('writes each source into its data stream with the products’ field types', async () => {
  const mapping = async (index: string, field: string) => {
    const response = await client.indices.getFieldMapping({ index, fields: field });
    const first = Object.values(response)[0]!.mappings[field]!.mapping as Record<string, any>;
    return Object.values(first)[0].type as string;
  };
  expect(await mapping(streams.apm, 'golang.heap.allocations.allocated')).toBe('long');
  expect(await mapping(streams.apm, 'golang.heap.gc.cpu_fraction')).toBe('double');
  expect(await mapping(streams.apm, 'service.node.name')).toBe('keyword');
  expect(await mapping(streams.heap, 'golang.heap.gc.cpu_fraction')).toBe('float');
  expect(await mapping(streams.expvar, 'golang.expvar.custom.requests')).toBe('long');
  expect(await mapping(streams.metricbeat, 'golang.heap.gc.pause.avg.ns')).toBe('long');
  const resolved = await client.indices.resolveIndex({ name: Object.values(streams) });
  expect(resolved.data_streams.map((s) => s.name).sort()).toEqual(Object.values(streams).sort());
  expect(resolved.indices.filter((i) => !i.data_stream)).toEqual([]);
});

it('APM documents: counters grow, then reset at the restart, with the identity fields', async () => {
  const docs = await all(streams.apm);
  expect(docs).toHaveLength(121);
  expect(docs[0]).toMatchObject({
    agent: { name: 'go' },
    processor: { event: 'metric' },
    metricset: { name: 'app' },
    service: { name: 'checkout', node: { name: 'checkout-1' } },
  });
  const totals = docs.map((d) => d.golang.heap.allocations.total as number);
  const restart = docs.findIndex((d) => Date.parse(d['@timestamp']) >= restartAt);
  for (let i = 1; i < docs.length; i++) {
    if (i === restart) expect(totals[i]!).toBeLessThan(totals[i - 1]!);
    else expect(totals[i]!).toBeGreaterThan(totals[i - 1]!);
  }
  expect(docs[restart - 1]!.golang.heap.gc.total_count).toBeGreaterThan(0);
  expect(typeof docs[0]!.golang.goroutines).toBe('number');
});

it('integration documents: service.address on both streams, per-period pauses only when GCs ran', async () => {
  const heap = await all(streams.heap);
  const expvar = await all(streams.expvar);
  expect(heap).toHaveLength(361);
  expect(expvar).toHaveLength(361);
  for (const doc of [...heap, ...expvar]) {
    expect(doc.service).toEqual({ address: 'http://orders:6060' });
  }
  const withPauses = heap.filter((d) => d.golang.heap.gc.pause.count !== undefined);
  expect(withPauses.length).toBeGreaterThan(0);
  expect(withPauses.length).toBeLessThan(heap.length);
  expect(expvar[5]!.golang.expvar.custom).toEqual({ requests: 15, queue: { depth: 5 } });
  // HeapSys (heap stream) is below Sys (expvar stream's obtained.total).
  expect(heap[5]!.golang.heap.system.total.bytes).toBeLessThan(
    expvar[5]!.golang.expvar.obtained.total.bytes
  );
});

it('Metricbeat documents: pause fields every period (zeros when no GC ran)', async () => {
  const docs = await all(streams.metricbeat);
  expect(docs).toHaveLength(361);
  expect(docs[0]).toMatchObject({
    event: { module: 'golang' },
    metricset: { name: 'heap' },
    service: { address: 'payments:6060' },
  });
  expect(docs.every((d) => typeof d.golang.heap.gc.pause.count === 'number')).toBe(true);
  expect(docs.some((d) => d.golang.heap.gc.pause.count === 0)).toBe(true);
});
