import type { Client } from '@elastic/elasticsearch';
import { esClient, heapDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

jest.setTimeout(240_000);

const OBSERVE_MS = 12_000;
let hosts: HostProcess[] = [];
let fixtures: GoFixture[] = [];
let client: Client;
const prefix = uniquePrefix('cluster');

beforeAll(async () => {
  client = esClient();
  // Two Kibana nodes on one cluster: same system indices, separate processes.
  // Short runs, so that the partitions change hands several times while the test watches.
  const pluginConfig = { poll: { partitions: 4, runSeconds: 3, timeoutSeconds: 20 } };
  hosts = await Promise.all(
    ['node-a', 'node-b'].map((name) =>
      startHostProcess({ indexPrefix: prefix, name, pluginConfig })
    )
  );
  fixtures = await Promise.all([startGoFixture(), startGoFixture()]);
});
afterAll(async () => {
  await Promise.all([...hosts.map((h) => h.stop()), ...fixtures.map((f) => f.stop())]);
  await client?.close();
});

it('scrapes every target once per interval, not once per host', async () => {
  const ids: string[] = [];
  for (const [index, fixture] of fixtures.entries()) {
    const created = await hosts[index]!.request('POST', '/api/go_runtime/targets', {
      body: {
        name: `shared-${index}`,
        service_name: 'shared',
        url: fixture.varsUrl,
        interval: '1s',
      },
    });
    expect(created.status).toBe(200);
    ids.push(created.body.id);
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  const hitsBefore = await Promise.all(fixtures.map((f) => f.hits()));
  const docsBefore = await Promise.all(
    ids.map(async (id) => (await heapDocuments(client, id)).length)
  );
  const owners = await sampleTaskOwners(OBSERVE_MS);
  const hitsAfter = await Promise.all(fixtures.map((f) => f.hits()));
  const docsAfter = await Promise.all(
    ids.map(async (id) => (await heapDocuments(client, id)).length)
  );

  const slots = OBSERVE_MS / 1_000;
  for (const index of fixtures.keys()) {
    const hits = hitsAfter[index]! - hitsBefore[index]!;
    const docs = docsAfter[index]! - docsBefore[index]!;
    // Once per 1 s slot: with two hosts each scraping on its own, this would be ~24.
    expect(hits).toBeGreaterThanOrEqual(slots - 4);
    expect(hits).toBeLessThanOrEqual(slots + 1);
    // Each scrape is one document (allowing one scrape in flight at either edge).
    expect(Math.abs(docs - hits)).toBeLessThanOrEqual(1);
  }
  // One document per slot, on one grid: both nodes agree on every target's slots.
  for (const id of ids) {
    const written = (await heapDocuments(client, id)).map((d) => Date.parse(d['@timestamp']));
    expect(new Set(written).size).toBe(written.length);
    expect(new Set(written.map((slot) => (slot - written[0]!) % 1_000))).toEqual(new Set([0]));
  }
  // Both nodes were running partitions: the single scrape per slot is the claim at work, not
  // one host sitting idle.
  expect([...owners].map((owner) => owner.split(':')[0]).sort()).toEqual(['node-a', 'node-b']);
});

/** Reads the poll tasks' owners while they run, to see which nodes claimed them. */
async function sampleTaskOwners(durationMs: number): Promise<Set<string>> {
  const owners = new Set<string>();
  const deadline = Date.now() + durationMs;
  const ids = [0, 1, 2, 3].map((partition) => `goRuntime:poll:${partition}`);
  while (Date.now() < deadline) {
    const tasks = await client.mget<{ ownerId: string | null }>({
      index: `${prefix}_task_manager`,
      ids,
    });
    for (const task of tasks.docs)
      if ('_source' in task && task._source?.ownerId) owners.add(task._source.ownerId);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return owners;
}
