import type { Client } from '@elastic/elasticsearch';
import { esClient, heapDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

/**
 * Three Kibana nodes share the partitions; one dies by SIGKILL in the middle of its runs. The
 * partitions it held are claimed again once Task Manager's timeout passes: every target keeps
 * being scraped, no slot gets two documents, and no target goes unscraped for longer than twice
 * the task timeout.
 */
jest.setTimeout(300_000);

const TIMEOUT_S = 20;
const PARTITIONS = 4;
const TARGETS = 8;
let hosts: HostProcess[] = [];
let fixtures: GoFixture[] = [];
let client: Client;
const prefix = uniquePrefix('sigkill');

beforeAll(async () => {
  client = esClient();
  const pluginConfig = {
    poll: { partitions: PARTITIONS, runSeconds: 5, timeoutSeconds: TIMEOUT_S },
  };
  hosts = await Promise.all(
    ['node-a', 'node-b', 'node-c'].map((name) =>
      startHostProcess({ indexPrefix: prefix, name, pluginConfig })
    )
  );
  fixtures = await Promise.all(Array.from({ length: TARGETS }, () => startGoFixture()));
});
afterAll(async () => {
  await Promise.all([...hosts.map((h) => h.stop()), ...fixtures.map((f) => f.stop())]);
  await client?.close();
});

it('survives a node killed mid-run: every target scraped again within twice the task timeout, no slot twice', async () => {
  const ids: string[] = [];
  for (const [index, fixture] of fixtures.entries()) {
    const created = await hosts[index % 3]!.request('POST', '/api/go_runtime/targets', {
      body: { name: `kill-${index}`, service_name: 'kill', url: fixture.varsUrl, interval: '1s' },
    });
    expect(created.status).toBe(200);
    ids.push(created.body.id);
  }
  await new Promise((resolve) => setTimeout(resolve, 12_000));

  // Kill a node that holds a partition right now, so its runs die with it.
  const owners = await partitionOwners();
  const victimName = owners.values().next().value!.split(':')[0]!;
  const victim = hosts.find((host) => host.logs.some((line) => line.includes(`[${victimName}]`)))!;
  const heldByVictim = [...owners].filter(([, owner]) => owner.startsWith(`${victimName}:`)).length;
  expect(heldByVictim).toBeGreaterThan(0);
  const killedAt = Date.now();
  await victim.kill();

  await new Promise((resolve) => setTimeout(resolve, (2 * TIMEOUT_S + 10) * 1000));
  const observedUntil = Date.now();

  for (const id of ids) {
    const documents = await heapDocuments(client, id);
    // A heap document's @timestamp is the start of its slot.
    const slots = documents.map((doc) => Date.parse(doc['@timestamp'])).sort((a, b) => a - b);
    // No duplicates: one document per slot, and every node on the same grid of slots.
    expect(new Set(slots).size).toBe(slots.length);
    expect(new Set(slots.map((slot) => (slot - slots[0]!) % 1_000))).toEqual(new Set([0]));
    // Scraped after the kill and up to the end.
    expect(slots.at(-1)!).toBeGreaterThan(observedUntil - 5_000);
    // The longest gap around the kill stays within twice the task timeout.
    let longest = 0;
    for (let i = 1; i < slots.length; i++)
      if (slots[i]! >= killedAt - 10_000) longest = Math.max(longest, slots[i]! - slots[i - 1]!);
    expect(longest).toBeLessThanOrEqual(2 * TIMEOUT_S * 1000);
  }
  // The survivors did the work after the kill.
  const after = await partitionOwners();
  for (const [, owner] of after) expect(owner.startsWith(`${victimName}:`)).toBe(false);
});

/** partition task id → owner, for the tasks being run right now. */
async function partitionOwners(): Promise<Map<string, string>> {
  const ids = Array.from({ length: PARTITIONS }, (_, partition) => `goRuntime:poll:${partition}`);
  for (let attempt = 0; attempt < 50; attempt++) {
    const tasks = await client.mget<{ ownerId: string | null }>({
      index: `${prefix}_task_manager`,
      ids,
    });
    const owners = new Map<string, string>();
    for (const task of tasks.docs)
      if ('_source' in task && task._source?.ownerId) owners.set(task._id, task._source.ownerId);
    if (owners.size > 0) return owners;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no partition task is running');
}
