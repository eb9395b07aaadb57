import type { Client } from '@elastic/elasticsearch';
import { esClient, heapDocuments } from '../harness/documents';
import { startGoFixture, type FixtureMode, type GoFixture } from '../harness/go_fixture';
import {
  freePort,
  startHostProcess,
  uniquePrefix,
  waitFor,
  type HostProcess,
} from '../harness/host_process';

jest.setTimeout(180_000);

/** Each misbehaving target, and the words the operator reads in Kibana's log for it. */
const BAD: Array<{ name: string; mode: FixtureMode | 'down'; message: RegExp }> = [
  {
    name: 'down',
    mode: 'down',
    message: /connection refused by 127\.0\.0\.1:\d+; is the Go service running/,
  },
  { name: 'html-login', mode: 'html', message: /answered with an HTML page, not expvar JSON/ },
  { name: 'error-500', mode: 'status500', message: /answered HTTP 500 with an HTML page/ },
  { name: 'prometheus-text', mode: 'notjson', message: /the answer is not JSON/ },
  {
    name: 'other-json',
    mode: 'nomemstats',
    message: /neither "memstats" nor "cmdline", so this is not a Go expvar page/,
  },
  {
    name: 'redirect',
    mode: 'redirect',
    message: /HTTP 302 \(a redirect; [^)]*\); redirects are not followed/,
  },
  { name: 'hung', mode: 'slow', message: /no complete answer within 2000 ms/ },
];

let host: HostProcess;
let good: GoFixture;
const bad: GoFixture[] = [];
let client: Client;

beforeAll(async () => {
  client = esClient();
  host = await startHostProcess({ indexPrefix: uniquePrefix('bad') });
  good = await startGoFixture();
  for (const target of BAD.filter((t) => t.mode !== 'down')) {
    const fixture = await startGoFixture();
    await fixture.setMode(target.mode as FixtureMode);
    bad.push(fixture);
  }
});
afterAll(async () => {
  await Promise.all([host?.stop(), good?.stop(), ...bad.map((f) => f.stop())]);
  await client?.close();
});

it('gives each bad target a clear logged error while the good one keeps being scraped', async () => {
  const downPort = await freePort();
  let fixtureIndex = 0;
  for (const target of BAD) {
    const url =
      target.mode === 'down'
        ? `http://127.0.0.1:${downPort}/debug/vars`
        : bad[fixtureIndex++]!.varsUrl;
    const created = await host.request('POST', '/api/go_runtime/targets', {
      body: { name: target.name, service_name: 'bad', url, interval: '2s' },
    });
    expect(created.status).toBe(200);
  }
  const goodCreatedAt = Date.now();
  const goodTarget = await host.request('POST', '/api/go_runtime/targets', {
    body: { name: 'good', service_name: 'good', url: good.varsUrl, interval: '1s' },
  });

  for (const target of BAD) {
    const line = await waitFor(`the logged error of ${target.name}`, async () =>
      host.logs.find(
        (l) => l.includes(`scrape of target [${target.name}]`) && target.message.test(l)
      )
    );
    expect(line).toMatch(/\[WARN\]\[host\]\[plugins\.goRuntime\.poll\]/);
  }

  // While every bad target fails (the hung one holding its slot for 2 s), the good one is
  // still scraped about once a second.
  const start = (await heapDocuments(client, goodTarget.body.id)).length;
  await waitFor('three more documents of the good target', async () =>
    (await heapDocuments(client, goodTarget.body.id)).length >= start + 3 ? true : undefined
  );
  expect(host.logs.filter((l) => l.includes('scrape of target [good]'))).toEqual([]);

  // The same, as the targets API reports it: each bad target down with its error, the good one up.
  const health = await waitFor('health of every target', async () => {
    const listed = await host.request('GET', '/api/go_runtime/targets');
    const byName = new Map<string, any>(
      listed.body.targets.map((target: any) => [target.name, target.health])
    );
    return [...BAD.map((t) => t.name), 'good'].every(
      (name) => byName.get(name)?.last_scrape_at !== undefined
    )
      ? byName
      : undefined;
  });
  for (const target of BAD) {
    const reported = health.get(target.name);
    expect([target.name, reported.status]).toEqual([target.name, 'down']);
    expect(reported.last_error.message).toMatch(target.message);
    // The redirect fixture points at the metadata address; its Location is never repeated.
    expect(reported.last_error.message).not.toContain('169.254');
    expect(Date.parse(reported.last_error.at)).toBeGreaterThan(0);
  }
  expect(health.get('good')).toMatchObject({
    status: 'up',
    dropped_documents: 0,
    rejected_documents: 0,
  });
  expect(health.get('good').last_error).toBeUndefined();
  expect(Date.parse(health.get('good').last_success_at)).toBeGreaterThan(goodCreatedAt);
});
