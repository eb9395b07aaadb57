import type { Client } from '@elastic/elasticsearch';
import { esClient, heapDocuments, scrapeHealthDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import {
  freePort,
  startHostProcess,
  uniquePrefix,
  waitFor,
  type HostProcess,
} from '../harness/host_process';

jest.setTimeout(180_000);

let host: HostProcess;
let up: GoFixture;
let client: Client;

beforeAll(async () => {
  client = esClient();
  host = await startHostProcess({ indexPrefix: uniquePrefix('health') });
  up = await startGoFixture();
});
afterAll(async () => {
  await Promise.all([host?.stop(), up?.stop()]);
  await client?.close();
});

async function create(name: string, url: string): Promise<string> {
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: { name, service_name: 'health', url, interval: '1s' },
  });
  expect(created.status).toBe(200);
  return created.body.id;
}

it('writes one scrape health document per attempt, success and failure, in the contract shape', async () => {
  const downPort = await freePort();
  const upId = await create('health-up', `${up.varsUrl}?debug=1`);
  const downId = await create(
    'health-down',
    `http://127.0.0.1:${downPort}/debug/vars?token=query-SECRET`
  );

  const upDocs = await waitFor('three health documents of the up target', async () => {
    const docs = await scrapeHealthDocuments(client, upId);
    return docs.length >= 3 ? docs : undefined;
  });
  for (const doc of upDocs) {
    expect(doc).toMatchObject({
      event: { outcome: 'success', dataset: 'go_runtime.scrape' },
      data_stream: { type: 'metrics', dataset: 'go_runtime.scrape', namespace: 'default' },
      go_runtime: { target: { id: upId, name: 'health-up', space_id: 'default' } },
      service: { name: 'health', node: { name: 'health-up' }, address: up.varsUrl },
      http: { response: { status_code: 200 } },
    });
    expect(doc.go_runtime.scrape.bytes).toBeGreaterThan(1000);
    expect(doc.event.duration).toBeGreaterThan(0);
    expect(Date.parse(doc.event.start)).toBeGreaterThanOrEqual(Date.parse(doc['@timestamp']));
    expect(doc).not.toHaveProperty('error');
  }
  // One per slot: @timestamps are distinct, one interval apart at least.
  const stamps = upDocs.map((doc) => Date.parse(doc['@timestamp']));
  expect(new Set(stamps).size).toBe(stamps.length);
  // The heap documents of the same slots carry the space too.
  const heap = await heapDocuments(client, upId);
  expect(heap.length).toBeGreaterThan(0);
  expect(heap[0]!.go_runtime.target.space_id).toBe('default');
  expect(heap[0]!.service.address).toBe(up.varsUrl);

  const downDocs = await waitFor('two health documents of the down target', async () => {
    const docs = await scrapeHealthDocuments(client, downId);
    return docs.length >= 2 ? docs : undefined;
  });
  for (const doc of downDocs) {
    expect(doc).toMatchObject({
      event: { outcome: 'failure' },
      go_runtime: { target: { id: downId, space_id: 'default' }, scrape: { bytes: 0 } },
      error: { type: 'refused' },
    });
    expect(doc.error.message).toMatch(/connection refused by 127\.0\.0\.1:\d+/);
    expect(doc.service.address).toBe(`http://127.0.0.1:${downPort}/debug/vars`);
    expect(doc).not.toHaveProperty('http');
  }
  expect(await heapDocuments(client, downId)).toEqual([]);

  // The API names the same class (once the collection state, saved every 2 s, has it).
  const down = await waitFor('the down target reported down', async () => {
    const listed = await host.request('GET', `/api/go_runtime/targets`);
    const target = listed.body.targets.find((t: { id: string }) => t.id === downId);
    return target?.health?.status === 'down' ? target : undefined;
  });
  expect(down.health).toMatchObject({ status: 'down', last_error: { class: 'refused' } });
  expect(
    (await host.request('GET', `/api/go_runtime/targets/${downId}`)).body.health
  ).toMatchObject({ status: 'down', last_error: { class: 'refused' } });
  // The log names the target's address without its query string.
  expect(host.logs.some((line) => line.includes('scrape of target [health-down]'))).toBe(true);
  expect(host.logs.some((line) => line.includes('query-SECRET'))).toBe(false);
});

it('classes a target that stops answering, and one that answers 500, from their documents', async () => {
  const fixture = await startGoFixture();
  const id = await create('health-breaks', fixture.varsUrl);
  await waitFor('a success', async () =>
    (await scrapeHealthDocuments(client, id)).some((doc) => doc.event.outcome === 'success')
      ? true
      : undefined
  );
  await fixture.setMode('status500');
  const failed = await waitFor('an http_status failure', async () =>
    (await scrapeHealthDocuments(client, id)).find((doc) => doc.error?.type === 'http_status')
  );
  expect(failed.http.response.status_code).toBe(500);
  expect(failed.event.outcome).toBe('failure');
  await fixture.stop();
  const refused = await waitFor('a refused failure after the process stopped', async () =>
    (await scrapeHealthDocuments(client, id)).find((doc) => doc.error?.type === 'refused')
  );
  expect(refused.event.outcome).toBe('failure');
});
