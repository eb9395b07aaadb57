import type { Client } from '@elastic/elasticsearch';
import { alertDocuments, esClient, heapDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(300_000);

let host: HostProcess;
let client: Client;
let teamA: GoFixture;
let teamB: GoFixture;

const RULES_A = '/s/rules-a';
const RULES_B = '/s/rules-b';

/** Fires for any instance with a heap: every run reports every instance the rule can see. */
const ANY_HEAP = {
  metric: 'golang.heap.allocations.allocated',
  aggregation: 'max',
  comparator: '>',
  threshold: [1],
  timeSize: 1,
  timeUnit: 'm',
  // The same service name in both spaces: only the space keeps them apart.
  serviceNames: ['orders'],
};

beforeAll(async () => {
  client = esClient();
  [host, teamA, teamB] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('alerting_spaces') }),
    startGoFixture(),
    startGoFixture(),
  ]);
  const targets: string[] = [];
  for (const [space, name, fixture] of [
    [RULES_A, 'a-1', teamA],
    [RULES_B, 'b-1', teamB],
  ] as const) {
    const created = await host.request('POST', `${space}/api/go_runtime/targets`, {
      body: { name, service_name: 'orders', url: fixture.varsUrl, interval: '1s' },
    });
    expect(created.status).toBe(200);
    targets.push(created.body.id);
  }
  // Both spaces' instances have heap documents before any rule runs.
  for (const id of targets)
    await waitFor(`heap documents of target ${id}`, async () =>
      (await heapDocuments(client, id)).length >= 2 ? true : undefined
    );
});
afterAll(async () => {
  await Promise.all([host?.stop(), teamA?.stop(), teamB?.stop()]);
  await client?.close();
});

/** A rule in rules-b on a 1 m schedule: it runs once at creation, then not for a minute. */
async function createRulesBRule(name: string): Promise<string> {
  const created = await host.request('POST', `${RULES_B}/api/alerting/rule`, {
    body: {
      name,
      rule_type_id: 'goRuntime.metricThreshold',
      consumer: 'goRuntime',
      schedule: { interval: '1m' },
      params: ANY_HEAP,
    },
  });
  expect(created.status).toBe(200);
  return created.body.id;
}

const activeAlerts = (ruleId: string) =>
  waitFor(
    `active alerts of rule ${ruleId} in rules-b`,
    async () => {
      const docs = await alertDocuments(client, ruleId, 'rules-b');
      return docs.some((doc) => doc['kibana.alert.status'] === 'active') ? docs : undefined;
    },
    60_000
  );

it('a rule in a space reads only that space’s instances, writes that space’s alerts index, and is listed only there', async () => {
  const ruleId = await createRulesBRule('rules-b heap');
  const docs = await activeAlerts(ruleId);
  expect(docs.map((doc) => doc['kibana.alert.instance.id'])).toEqual(['orders,b-1']);
  expect(docs[0]).toMatchObject({
    'kibana.space_ids': ['rules-b'],
    'service.node.name': 'b-1',
    'kibana.alert.rule.name': 'rules-b heap',
  });
  expect(await alertDocuments(client, ruleId, 'rules-a')).toEqual([]);
  expect(await alertDocuments(client, ruleId, 'default')).toEqual([]);

  const listed = async (space: string) =>
    (await host.request('GET', `${space}/api/alerting/rules/_find?per_page=100`)).body.data.map(
      (rule: { id: string }) => rule.id
    );
  expect(await listed(RULES_B)).toContain(ruleId);
  expect(await listed(RULES_A)).not.toContain(ruleId);
  expect(await listed('')).not.toContain(ruleId);
  expect((await host.request('GET', `${RULES_A}/api/alerting/rule/${ruleId}`)).status).toBe(404);
  expect(
    (await host.request('POST', `${RULES_A}/api/alerting/rule/${ruleId}/_disable`)).status
  ).toBe(404);
  expect((await host.request('DELETE', `/api/alerting/rule/${ruleId}`)).status).toBe(404);
  const own = await host.request('GET', `${RULES_B}/api/alerting/rule/${ruleId}`);
  expect(own.body).toMatchObject({ id: ruleId, execution_status: { status: 'active' } });
  // Without server.publicBaseUrl the links stay relative, and the plugin said so once.
  expect(host.logs.filter((line) => line.includes('server.publicBaseUrl is not set'))).toHaveLength(
    1
  );
});

it('disable with untrack and delete mark the rule’s active alerts untracked; a plain disable leaves them', async () => {
  const untracked = await createRulesBRule('untrack on disable');
  await activeAlerts(untracked);
  expect(
    (
      await host.request('POST', `${RULES_B}/api/alerting/rule/${untracked}/_disable`, {
        body: { untrack: true },
      })
    ).status
  ).toBe(204);
  const afterUntrack = await alertDocuments(client, untracked, 'rules-b');
  expect(afterUntrack.map((doc) => doc['kibana.alert.status'])).toEqual(['untracked']);
  expect(afterUntrack[0]!['kibana.alert.end']).toEqual(expect.any(String));
  expect(afterUntrack[0]!['kibana.alert.time_range'].lte).toBe(
    afterUntrack[0]!['kibana.alert.end']
  );

  const kept = await createRulesBRule('plain disable, then delete');
  await activeAlerts(kept);
  expect((await host.request('POST', `${RULES_B}/api/alerting/rule/${kept}/_disable`)).status).toBe(
    204
  );
  expect(
    (await alertDocuments(client, kept, 'rules-b')).map((doc) => doc['kibana.alert.status'])
  ).toEqual(['active']);
  expect((await host.request('DELETE', `${RULES_B}/api/alerting/rule/${kept}`)).status).toBe(204);
  expect(
    (await alertDocuments(client, kept, 'rules-b')).map((doc) => doc['kibana.alert.status'])
  ).toEqual(['untracked']);
  expect(
    (
      await host.request('POST', `${RULES_B}/api/alerting/rule/${untracked}/_disable`, {
        body: { untrack: 'yes' },
      })
    ).status
  ).toBe(400);
});
