import type { Client } from '@elastic/elasticsearch';
import { BAD_PAYLOADS } from '../fixtures/payloads/bad_payloads';
import { esClient, heapDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(240_000);

let host: HostProcess;
let good: GoFixture;
let endless: GoFixture;
const servers: GoFixture[] = [];
let client: Client;
let goodId: string;

beforeAll(async () => {
  client = esClient();
  host = await startHostProcess({ indexPrefix: uniquePrefix('payloads') });
  [good, endless] = await Promise.all([startGoFixture(), startGoFixture()]);
  await endless.setMode('endless');
  servers.push(...(await Promise.all(BAD_PAYLOADS.map(() => startGoFixture()))));
  await Promise.all(
    BAD_PAYLOADS.map(async (payload, index) => {
      await servers[index]!.setBody(payload.body, payload.contentType);
      await servers[index]!.setMode('raw');
    })
  );
  // All in one host and one poll run: the bad ones must not cost the good one anything.
  for (const [index, payload] of BAD_PAYLOADS.entries()) {
    const created = await host.request('POST', '/api/go_runtime/targets', {
      body: { name: `bad-${index}`, service_name: 'bad-payloads', url: servers[index]!.varsUrl, interval: '2s' },
    });
    expect([payload.name, created.status]).toEqual([payload.name, 200]);
  }
  await host.request('POST', '/api/go_runtime/targets', {
    body: { name: 'endless', service_name: 'bad-payloads', url: endless.varsUrl, interval: '2s' },
  });
  goodId = (await host.request('POST', '/api/go_runtime/targets', {
    body: { name: 'healthy', service_name: 'healthy', url: good.varsUrl, interval: '1s' },
  })).body.id;
});
afterAll(async () => {
  await Promise.all([host?.stop(), good?.stop(), endless?.stop(), ...servers.map((s) => s.stop())]);
  await client?.close();
});

describe('each bad payload, served by a real HTTP server, gets its own clear error', () => {
  it.each(BAD_PAYLOADS.map((payload, index) => [payload.name, index] as const))('%s', async (_name, index) => {
    const payload = BAD_PAYLOADS[index]!;
    const line = await waitFor(`the error of ${payload.name}`, async () =>
      host.logs.find((l) => l.includes(`scrape of target [bad-${index}]`))
    );
    expect(line).toContain(payload.message);
  });

  it('an endless body is cut at the size cap', async () => {
    const line = await waitFor('the size-cap error', async () => host.logs.find((l) => l.includes('scrape of target [endless]')));
    expect(line).toContain('over the 8388608-byte limit');
  });

  it('while the healthy target beside them is scraped every second and logs nothing', async () => {
    const before = (await heapDocuments(client, goodId)).length;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect((await heapDocuments(client, goodId)).length - before).toBeGreaterThanOrEqual(3);
    expect(host.logs.filter((l) => l.includes('[healthy]'))).toEqual([]);
  });
});
