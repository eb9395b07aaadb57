import type { Client } from '@elastic/elasticsearch';
import { esClient, heapDocuments, scrapeHealthDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(240_000);

/** Documents each target must have: a dozen 1 s slots, four 3 s runs of its partition. */
const OBSERVED_SLOTS = 12;
/** Reads that may end up in no document (see below); far fewer than a second host's reads. */
const STRANDED_AT_HANDOVERS = 2;
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

it('scrapes every target once per slot, not once per host', async () => {
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
  const documents = (id: string) => heapDocuments(client, id);
  // One per scrape, whether it worked or not (a read that timed out on a busy machine too).
  const attempts = (id: string) => scrapeHealthDocuments(client, id);

  // Every target is scraped, through several hand-overs of its partition (3 s runs).
  await Promise.all(
    ids.map((id) =>
      waitFor(
        `${OBSERVED_SLOTS} documents of target ${id}`,
        async () => ((await documents(id)).length >= OBSERVED_SLOTS ? true : undefined),
        120_000
      )
    )
  );

  for (const [index, fixture] of fixtures.entries()) {
    // Each fixture serves this target alone. Every read of it so far was for a slot that had
    // opened by now; scraped once per slot, each read becomes one document of its own slot.
    // Scraped by both hosts on their own, half the reads would be duplicates of a slot.
    const hits = await fixture.hits();
    const readBy = Date.now();
    const upTo = async () =>
      (await attempts(ids[index]!)).filter((d) => Date.parse(d['@timestamp']) <= readBy).length;
    // A run that ends while a scrape is in flight leaves its outcome behind when the partition
    // moves to the other host: such reads never become documents, a few of them at most.
    await waitFor(
      `documents of target ${ids[index]} for its ${hits} reads`,
      async () => ((await upTo()) >= hits - STRANDED_AT_HANDOVERS ? true : undefined),
      60_000
    );
  }
  // One document per slot, on one grid: both hosts agree on every target's slots.
  for (const id of ids) {
    const written = (await attempts(id)).map((d) => Date.parse(d['@timestamp']));
    expect(new Set(written).size).toBe(written.length);
    expect(new Set(written.map((slot) => (slot - written[0]!) % 1_000))).toEqual(new Set([0]));
  }
});
