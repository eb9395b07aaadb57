import type { Client } from '@elastic/elasticsearch';
import { esClient, targetDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(240_000);

let host: HostProcess;
let fixture: GoFixture;
let client: Client;

beforeAll(async () => {
  client = esClient();
  [host, fixture] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('vars') }),
    startGoFixture(),
  ]);
});
afterAll(async () => {
  await Promise.all([host?.stop(), fixture?.stop()]);
  await client?.close();
});

const expvarDocuments = (targetId: string) => targetDocuments(client, 'expvar', targetId);

const metric = (doc: Record<string, any>, name: string) =>
  (doc.golang.expvar.metrics as Array<{ name: string; value: number }>).find((m) => m.name === name)
    ?.value;

it('a var that is an int, then a float, then a string, then a map: no mapping error, no lost document', async () => {
  await fixture.setVar('flip', '1');
  await fixture.setVar('with.dots', '{"a:b c": 2}');
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: { name: 'vars-1', service_name: 'vars', url: fixture.varsUrl, interval: '1s' },
  });
  const id = created.body.id as string;
  const steps: Array<[string, (doc: Record<string, any>) => boolean]> = [
    ['1', (doc) => metric(doc, '/flip') === 1],
    ['1.5', (doc) => metric(doc, '/flip') === 1.5],
    ['"high"', (doc) => doc.golang.expvar.labels?.['/flip'] === 'high'],
    ['{"nested": 7}', (doc) => metric(doc, '/flip/nested') === 7],
  ];
  for (const [json, seen] of steps) {
    await fixture.setVar('flip', json);
    await waitFor(`flip = ${json} indexed`, async () => (await expvarDocuments(id)).find(seen));
  }
  const docs = await expvarDocuments(id);
  expect(metric(docs[docs.length - 1]!, '/with.dots/a:b c')).toBe(2);
  expect(host.logs.filter((line) => line.includes('rejected by Elasticsearch'))).toEqual([]);

  // Every scrape made its expvar document: the same scrapes in both data streams (the heap
  // document's fetch time is event.start, its @timestamp the slot).
  await client.indices.refresh({ index: 'metrics-go_runtime.*' });
  const heap = await client.search({
    index: 'metrics-go_runtime.heap-*',
    size: 1000,
    query: { term: { 'go_runtime.target.id': id } },
    // From doc values: a stored heap `_source` leaves event.start out (storage/index_templates.ts).
    _source: false,
    docvalue_fields: ['event.start'],
  });
  const fetchedAt = new Set(
    heap.hits.hits.map((hit) => Date.parse(String(hit.fields?.['event.start']?.[0])))
  );
  for (const doc of docs) expect(fetchedAt.has(Date.parse(doc['@timestamp']))).toBe(true);

  // Numbers stay chartable by name.
  const response = await client.search({
    index: 'metrics-go_runtime.expvar-*',
    size: 0,
    query: { term: { 'go_runtime.target.id': id } },
    aggs: {
      m: {
        nested: { path: 'golang.expvar.metrics' },
        aggs: {
          flip: {
            filter: { term: { 'golang.expvar.metrics.name': '/flip' } },
            aggs: { max: { max: { field: 'golang.expvar.metrics.value' } } },
          },
        },
      },
    },
  });
  expect((response.aggregations as any).m.flip.max.value).toBe(1.5);
  await host.request('DELETE', `/api/go_runtime/targets/${id}`);
});

it('caps 5,000 custom keys at the configured number and counts the rest', async () => {
  await fixture.setVar('flip', '0');
  await fixture.setVar(
    'big',
    JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key${i}`, i])))
  );
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name: 'vars-big',
      service_name: 'vars',
      url: fixture.varsUrl,
      interval: '2s',
      max_custom_vars: 300,
    },
  });
  expect(created.body.max_custom_vars).toBe(300);
  const doc = await waitFor('a capped document', async () =>
    (await expvarDocuments(created.body.id)).find((d) => d.golang.expvar.vars.total >= 5000)
  );
  expect(
    doc.golang.expvar.metrics.length + Object.keys(doc.golang.expvar.labels ?? {}).length
  ).toBeLessThanOrEqual(300);
  expect(doc.golang.expvar.vars.dropped).toBe(doc.golang.expvar.vars.total - 300);
  await waitFor('the cap in the log', async () =>
    host.logs.find(
      (line) => line.includes('[vars-big] publishes') && line.includes('beyond the cap of 300')
    )
  );
});
