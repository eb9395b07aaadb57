import type { Client } from '@elastic/elasticsearch';
import { sizeClassHeatmap } from '../../server/queries/size_class_query';
import { heapDocuments, esClient } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(180_000);

let host: HostProcess;
let fixture: GoFixture;
let client: Client;

beforeAll(async () => {
  client = esClient();
  [host, fixture] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('scrape') }),
    startGoFixture(),
  ]);
});
afterAll(async () => {
  await Promise.all([host?.stop(), fixture?.stop()]);
  await client?.close();
});

async function backingIndex(es: Client, targetId: string): Promise<string> {
  const response = await es.search({
    index: 'metrics-go_runtime.heap-*',
    size: 1,
    query: { term: { 'go_runtime.target.id': targetId } },
  });
  return response.hits.hits[0]!._index;
}

describe('a real Go target scraped by the plugin into a real Elasticsearch', () => {
  let targetId: string;

  it('creates a target through the public API', async () => {
    const created = await host.request('POST', '/api/go_runtime/targets', {
      body: { name: 'fixture-1', service_name: 'fixture', url: fixture.varsUrl, interval: '1s' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'fixture-1',
      service_name: 'fixture',
      interval: '1s',
      enabled: true,
    });
    targetId = created.body.id;
    const listed = await host.request('GET', '/api/go_runtime/targets');
    expect(listed.body.targets.map((t: { id: string }) => t.id)).toContain(targetId);
  });

  it('indexes one heap document per scrape into metrics-go_runtime.heap-default', async () => {
    const documents = await waitFor('three heap documents', async () => {
      const found = await heapDocuments(client, targetId);
      return found.length >= 3 ? found : undefined;
    });
    // Every read of /debug/vars becomes exactly one document (none lost, none doubled). Each
    // read so far was for a slot that had opened by now; its document may still be on its way.
    const hits = await fixture.hits();
    const readBy = Date.now();
    await waitFor('a document for every read', async () => {
      const upTo = (await heapDocuments(client, targetId)).filter(
        (doc) => Date.parse(doc['@timestamp']) <= readBy
      );
      return upTo.length >= hits - 1 ? true : undefined;
    });
    const written = (await heapDocuments(client, targetId)).length;
    expect(written).toBeLessThanOrEqual(await fixture.hits());
    const doc = documents[documents.length - 1]!;
    // @timestamp is the slot's start (TSDB derives _id from it), the fetch a little later.
    expect(Date.parse(doc.event.start)).toBeGreaterThanOrEqual(Date.parse(doc['@timestamp']));
    expect(doc.service).toEqual({
      name: 'fixture',
      address: fixture.varsUrl,
      node: { name: 'fixture-1' },
    });
    expect(doc.data_stream).toEqual({
      type: 'metrics',
      dataset: 'go_runtime.heap',
      namespace: 'default',
    });
    expect(doc.golang.heap.allocations.allocated).toBeGreaterThan(0);
    expect(doc.golang.heap.system.total).toBeGreaterThanOrEqual(doc.golang.heap.system.obtained);
    expect(typeof doc.golang.heap.gc.total_count).toBe('number');
    // The fixture runs as `expvarfixture -addr 127.0.0.1:0`: the flag stays, its value does not.
    expect(doc.golang.heap.cmdline).toEqual([
      expect.stringMatching(/expvarfixture$/),
      '-addr',
      '[redacted]',
    ]);
    // A backing index of the data stream, mapped by the plugin's template (not dynamically).
    const backing = (doc as { _index?: string })._index ?? (await backingIndex(client, targetId));
    expect(backing).toMatch(/^\.ds-metrics-go_runtime\.heap-default-/);
    const mapping = await client.indices.getMapping({ index: backing });
    const heap = (Object.values(mapping)[0] as any).mappings.properties.golang.properties.heap
      .properties;
    expect(heap.gc.properties.cpu_fraction.type).toBe('double');
    expect(heap.allocations.properties.allocated).toMatchObject({
      type: 'long',
      meta: { unit: 'byte', metric_type: 'gauge' },
    });
  });

  it('stores size classes so a size × time heatmap of live objects and allocation rate can be drawn', async () => {
    // The first scrape of a process always carries them (then once per size-class period).
    const first = (await heapDocuments(client, targetId))[0]!;
    const classes = Object.entries(
      first.golang.heap.size_classes as Record<string, { mallocs: number; frees: number }>
    );
    expect(classes.length).toBeGreaterThan(3);
    for (const [size, counters] of classes) {
      expect(Number(size)).toBeGreaterThan(0);
      expect(counters.mallocs).toBeGreaterThanOrEqual(counters.frees);
    }
    const { heatmap } = await sizeClassHeatmap(client as never, {
      filter: [
        { range: { '@timestamp': { gte: 'now-15m' } } },
        { term: { 'go_runtime.target.id': targetId } },
      ],
      bucketMs: 60_000,
      maxInstances: 1,
    });
    expect(heatmap.sizes.length).toBeGreaterThan(3);
    const cells = heatmap.buckets.flatMap((bucket) => Object.values(bucket.classes));
    expect(cells.some((cell) => cell.live > 0)).toBe(true);
  });

  it('serves the heap series the chart draws, from the internal route', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 15 * 60_000);
    const response = await host.request(
      'GET',
      `/internal/go_runtime/heap_series?from=${from.toISOString()}&to=${to.toISOString()}&service_name=fixture`,
      { headers: { 'x-elastic-internal-origin': 'Kibana' } }
    );
    expect(response.status).toBe(200);
    // 15 minutes of 1 s scrapes: 10 s buckets (the smallest round size under 120 points).
    expect(response.body.bucket_ms).toBe(10_000);
    const series = response.body.series.find(
      (s: { service_node_name: string }) => s.service_node_name === 'fixture-1'
    );
    expect(
      series.points.some(([, value]: [number, number | null]) => value !== null && value > 0)
    ).toBe(true);
  });

  it('keeps the data 30 days by default, through the data stream lifecycle', async () => {
    for (const name of [
      'metrics-go_runtime.heap@go_runtime',
      'metrics-go_runtime.expvar@go_runtime',
      'metrics-go_runtime.scrape@go_runtime',
      'metrics-go_runtime.profile@go_runtime',
    ]) {
      const response = await client.indices.getIndexTemplate({ name });
      expect([
        name,
        (response.index_templates[0]!.index_template.template as any).lifecycle,
      ]).toEqual([name, { enabled: true, data_retention: '30d' }]);
    }
  });

  it('stops scraping a deleted target', async () => {
    expect((await host.request('DELETE', `/api/go_runtime/targets/${targetId}`)).status).toBe(204);
    // Another target's documents tell the time: the poller picked it up after the delete and
    // went on scraping it, through several refreshes of the partition's targets.
    const other = await startGoFixture();
    try {
      const created = await host.request('POST', '/api/go_runtime/targets', {
        body: { name: 'clock', service_name: 'clock', url: other.varsUrl, interval: '1s' },
      });
      expect(created.status).toBe(200);
      const scrapedAgain = async (count: number) =>
        waitFor(`${count} documents of the other target`, async () =>
          (await heapDocuments(client, created.body.id)).length >= count ? true : undefined
        );
      await scrapedAgain(3);
      const before = await fixture.hits();
      await scrapedAgain(6);
      expect(await fixture.hits()).toBe(before);
      await host.request('DELETE', `/api/go_runtime/targets/${created.body.id}`);
    } finally {
      await other.stop();
    }
    expect((await host.request('GET', `/api/go_runtime/targets/${targetId}`)).status).toBe(404);
  });
});
