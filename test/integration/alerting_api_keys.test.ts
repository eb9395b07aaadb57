import type { Client } from '@elastic/elasticsearch';
import { heapDocuments } from '../harness/documents';
import type { GoFixture } from '../harness/go_fixture';
import { uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { startSecuredStack, type SecuredStack } from '../harness/secured_stack';

/**
 * With Elasticsearch security on, a rule runs with an API key granted for the user who created
 * (or last updated) it, as in Kibana: its queries have that user's Elasticsearch privileges,
 * not Kibana's. The key is invalidated when the rule gets a new one or goes.
 */
jest.setTimeout(300_000);

let stack: SecuredStack | undefined;
let host: HostProcess;
let fixture: GoFixture;
let superuser: Client;
const indexPrefix = uniquePrefix('rulekeys');
const REMOVAL_DELAY_S = 10;

beforeAll(async () => {
  stack = await startSecuredStack('rule-api-keys', {
    indexPrefix,
    // Kibana's 5m and 1h shortened: keys queued for invalidation go 10 s later.
    invalidateApiKeysTask: { interval: '1s', removalDelay: `${REMOVAL_DELAY_S}s` },
  });
  ({ host, fixture, superuser } = stack);
  const target = await host.request('POST', '/api/go_runtime/targets', {
    user: 'go_admin',
    body: { name: 'keys-1', service_name: 'keys', url: fixture.varsUrl, interval: '1s' },
  });
  expect(target.status).toBe(200);
  // This target's documents: the cluster's data folder keeps earlier runs'.
  await waitFor(
    'heap documents of the keys service',
    async () => {
      const count = (await heapDocuments(superuser, target.body.id)).length;
      return count >= 2 ? count : undefined;
    },
    60_000
  );
});
afterAll(() => stack?.stop());

// The cluster's data folder outlives a run, and keys are found by their rule's name.
const RUN = Date.now().toString(36);

const params = {
  metric: 'golang.heap.allocations.allocated',
  aggregation: 'max',
  comparator: '>',
  threshold: [1],
  timeSize: 5,
  timeUnit: 'm',
  serviceNames: ['keys'],
};

async function createRule(user: string, name: string): Promise<Record<string, any>> {
  const created = await host.request('POST', '/api/alerting/rule', {
    user,
    body: {
      name,
      rule_type_id: 'goRuntime.metricThreshold',
      consumer: 'goRuntime',
      schedule: { interval: '1s' },
      params,
    },
  });
  expect(created.status).toBe(200);
  return created.body;
}

/** The rule's execution status once it has run (not `pending`). */
const ranStatus = (user: string, id: string) =>
  waitFor(
    `a run of rule ${id}`,
    async () => {
      const rule = await host.request('GET', `/api/alerting/rule/${id}`, { user });
      return rule.body.execution_status.status === 'pending'
        ? undefined
        : (rule.body.execution_status as { status: string; error?: { message: string } });
    },
    60_000
  );

/** The rule's keys in Elasticsearch, by the name Kibana gives them. */
async function keysOf(ruleName: string) {
  const response = await superuser.security.getApiKey({
    name: `Alerting: goRuntime.metricThreshold/${ruleName}`,
  });
  return response.api_keys;
}

/** The key once the invalidation task has invalidated it (it runs every second here). */
const invalidatedKey = (ruleName: string, id: string) =>
  waitFor(
    `the invalidation of key ${id}`,
    async () => (await keysOf(ruleName)).find((key) => key.id === id && key.invalidated),
    60_000
  );

describe('rule API keys with Elasticsearch security', () => {
  it("runs a rule with its creator's privileges: without read on the data its run fails naming the privilege", async () => {
    const denied = await createRule('go_admin_no_data', `keys no data ${RUN}`);
    const allowed = await createRule('go_admin', `keys admin ${RUN}`);
    // The key is the rule's secret: the API names its owner, never the key.
    expect(JSON.stringify(denied)).not.toMatch(/"api_key"/);
    expect(denied).toMatchObject({ api_key_owner: 'go_admin_no_data' });
    expect(allowed).toMatchObject({ api_key_owner: 'go_admin' });

    const [deniedStatus, allowedStatus] = await Promise.all([
      ranStatus('go_admin_no_data', denied.id),
      ranStatus('go_admin', allowed.id),
    ]);
    expect(deniedStatus.status).toBe('error');
    expect(deniedStatus.error?.message).toMatch(
      /unauthorized for API key id \[[^\]]+\] of user \[go_admin_no_data\].*index privileges \[read/s
    );
    // The same rule by a user who may read the data finds the heap above 1 byte.
    expect(allowedStatus).toEqual(expect.objectContaining({ status: 'active' }));

    const [deniedKey] = await keysOf(`keys no data ${RUN}`);
    expect(deniedKey).toMatchObject({
      username: 'go_admin_no_data',
      invalidated: false,
      metadata: { managed: true, kibana: { type: 'alerting_rule' } },
    });
  });

  it("gives an updated rule a key of its editor's and invalidates the old one, and the last one on delete", async () => {
    const rule = await createRule('go_admin', `keys rotated ${RUN}`);
    const [first] = await keysOf(`keys rotated ${RUN}`);
    expect(first).toMatchObject({ username: 'go_admin', invalidated: false });

    const updated = await host.request('PUT', `/api/alerting/rule/${rule.id}`, {
      user: 'elastic',
      body: { name: `keys rotated ${RUN}`, schedule: { interval: '1s' }, params },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ api_key_owner: 'elastic' });
    const updatedAt = Date.now();
    // As Kibana: the old key is queued, not invalidated, so a run that started with it ends
    // with it; the task invalidates it once it has waited the removal delay.
    const justAfter = await keysOf(`keys rotated ${RUN}`);
    if (Date.now() - updatedAt < REMOVAL_DELAY_S * 1000 * 0.8)
      expect(justAfter.find((key) => key.id === first!.id)).toMatchObject({ invalidated: false });
    await invalidatedKey(`keys rotated ${RUN}`, first!.id);
    expect(Date.now() - updatedAt).toBeGreaterThanOrEqual(REMOVAL_DELAY_S * 1000 - 1000);
    // An update that lost to the rule's own run (a 409) is tried again with a fresh key, and
    // the unused one queued too, as in Kibana: in the end only one key is valid.
    const afterUpdate = await waitFor(
      'the keys of unused update attempts invalidated',
      async () => {
        const keys = await keysOf(`keys rotated ${RUN}`);
        return keys.filter((key) => !key.invalidated).length === 1 ? keys : undefined;
      },
      60_000
    );
    const valid = (keys: typeof afterUpdate) => keys.filter((key) => !key.invalidated);
    const [second] = valid(afterUpdate);
    expect(second).toMatchObject({ username: 'elastic' });
    expect(second!.id).not.toBe(first!.id);

    // As Kibana: a disabled rule keeps its key, and enabling it grants none while it has one.
    expect((await host.request('POST', `/api/alerting/rule/${rule.id}/_disable`)).status).toBe(204);
    expect((await host.request('POST', `/api/alerting/rule/${rule.id}/_enable`)).status).toBe(204);
    const afterEnable = await keysOf(`keys rotated ${RUN}`);
    expect(afterEnable).toHaveLength(afterUpdate.length);
    expect(valid(afterEnable).map((key) => key.id)).toEqual([second!.id]);
    expect(await ranStatus('elastic', rule.id)).toEqual(
      expect.objectContaining({ status: 'active' })
    );

    expect((await host.request('DELETE', `/api/alerting/rule/${rule.id}`)).status).toBe(204);
    await invalidatedKey(`keys rotated ${RUN}`, second!.id);
  });

  it('refuses the runs of a rule without a key (one stored before security was on) until an update gives it one', async () => {
    const rule = await createRule('go_admin', `keys none ${RUN}`);
    expect(await ranStatus('go_admin', rule.id)).toEqual(
      expect.objectContaining({ status: 'active' })
    );
    // What a rule created without security looks like: no key in its saved object.
    await superuser.update({
      index: `${indexPrefix}_saved_objects`,
      id: `alert:${rule.id}`,
      doc: { alert: { apiKey: null } },
      refresh: true,
    });
    const refused = await waitFor(
      `a refused run of rule ${rule.id}`,
      async () => {
        const { body } = await host.request('GET', `/api/alerting/rule/${rule.id}`);
        return body.execution_status.status === 'error'
          ? (body.execution_status.error as { message: string })
          : undefined;
      },
      60_000
    );
    expect(refused.message).toMatch(/missing authentication credentials/);

    // As in Kibana, the fix is an update: it grants the editor a key, and the rule runs again.
    const updated = await host.request('PUT', `/api/alerting/rule/${rule.id}`, {
      user: 'go_admin',
      body: { name: `keys none ${RUN}`, schedule: { interval: '1s' }, params },
    });
    expect(updated.status).toBe(200);
    await waitFor(
      `an active run of rule ${rule.id} after its update`,
      async () => {
        const { body } = await host.request('GET', `/api/alerting/rule/${rule.id}`);
        return body.execution_status.status === 'active' ? true : undefined;
      },
      60_000
    );
    expect((await host.request('DELETE', `/api/alerting/rule/${rule.id}`)).status).toBe(204);
  });
});
