import type { Client } from '@elastic/elasticsearch';
import { fillHistory } from '../../dev/demo/history';
import { alertDocuments, esClient, heapDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import {
  startWebhookReceiver,
  waitForMessage,
  type WebhookReceiver,
} from '../harness/webhook_receiver';

jest.setTimeout(420_000);

let host: HostProcess;
/** The heap growth rule's window in the test of a cache that levels off. */
const GROWTH_WINDOW_MS = 60_000;
let client: Client;
let receiver: WebhookReceiver;
let connectorId: string;
const KIBANA = 'https://kibana.example.com';

/** The message every action sends: rendered by the host's mustache renderer. */
const BODY = JSON.stringify({
  rule: '{{rule.name}}',
  group: '{{alert.actionGroup}}',
  service: '{{context.service}}',
  instance: '{{context.instance}}',
  value: '{{context.formattedValue}}',
  reason: '{{context.reason}}',
  url: '{{context.viewInAppUrl}}',
  ruleUrl: '{{context.ruleUrl}}',
});

beforeAll(async () => {
  client = esClient();
  receiver = await startWebhookReceiver();
  // kibana.yml's server.publicBaseUrl: the links in notifications are absolute.
  host = await startHostProcess({ indexPrefix: uniquePrefix('alerting'), publicBaseUrl: KIBANA });
  const created = await host.request('POST', '/api/actions/connector', {
    body: {
      name: 'test receiver',
      connector_type_id: '.webhook',
      config: {
        url: receiver.url,
        method: 'post',
        hasAuth: true,
        authType: 'webhook-authentication-basic',
      },
      secrets: { user: 'hook-user', password: 'hook-secret-password' },
    },
  });
  expect(created.status).toBe(200);
  connectorId = created.body.id;
});
afterAll(async () => {
  await host?.stop();
  await receiver?.close();
  await client?.close();
});

async function addTarget(fixture: GoFixture, name: string, service: string): Promise<string> {
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: { name, service_name: service, url: fixture.varsUrl, interval: '1s' },
  });
  expect(created.status).toBe(200);
  return created.body.id;
}

function webhookActions(groups: string[]) {
  return groups.map((group) => ({
    group,
    id: connectorId,
    params: { body: BODY },
    frequency: { summary: false, notify_when: 'onActionGroupChange', throttle: null },
  }));
}

async function createRule(
  name: string,
  ruleTypeId: string,
  params: object,
  groups: string[]
): Promise<string> {
  const created = await host.request('POST', '/api/alerting/rule', {
    body: {
      name,
      rule_type_id: ruleTypeId,
      consumer: 'goRuntime',
      schedule: { interval: '1s' },
      params,
      actions: webhookActions([...groups, 'recovered']),
    },
  });
  expect(created.status).toBe(200);
  return created.body.id;
}

const messageFor = (rule: string, group: string, instance?: string) =>
  waitForMessage(
    receiver,
    (m) =>
      m.rule === rule && m.group === group && (instance === undefined || m.instance === instance),
    `a webhook message of ${rule} for ${group}${instance === undefined ? '' : ` on ${instance}`}`,
    120_000
  );

describe('the alerting HTTP API answers like Kibana', () => {
  const params = {
    metric: 'golang.heap.allocations.allocated',
    aggregation: 'max',
    comparator: '>',
    threshold: [1],
    timeSize: 1,
    timeUnit: 'm',
    serviceNames: ['api-check'],
  };
  const body = {
    name: 'api',
    rule_type_id: 'goRuntime.metricThreshold',
    consumer: 'goRuntime',
    schedule: { interval: '1m' },
    params,
    enabled: false,
  };

  it('creates, reads, finds, updates, disables, enables and deletes a rule', async () => {
    const created = await host.request('POST', '/api/alerting/rule', { body });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'api',
      rule_type_id: 'goRuntime.metricThreshold',
      consumer: 'goRuntime',
      enabled: false,
      execution_status: { status: 'pending' },
    });
    const id = created.body.id;
    expect((await host.request('GET', `/api/alerting/rule/${id}`)).body.params).toEqual(params);
    const found = await host.request(
      'GET',
      '/api/alerting/rules/_find?per_page=100&filter=alert.attributes.alertTypeId:goRuntime.metricThreshold'
    );
    expect(found.status).toBe(200);
    expect(found.body.data.map((rule: { id: string }) => rule.id)).toContain(id);
    const updated = await host.request('PUT', `/api/alerting/rule/${id}`, {
      body: { name: 'api renamed', schedule: { interval: '2m' }, params },
    });
    expect(updated.body).toMatchObject({ name: 'api renamed', revision: 1 });
    expect((await host.request('POST', `/api/alerting/rule/${id}/_enable`)).status).toBe(204);
    expect((await host.request('GET', `/api/alerting/rule/${id}`)).body).toMatchObject({
      enabled: true,
      scheduled_task_id: id,
    });
    expect((await host.request('POST', `/api/alerting/rule/${id}/_disable`)).status).toBe(204);
    expect((await host.request('DELETE', `/api/alerting/rule/${id}`)).status).toBe(204);
    expect((await host.request('GET', `/api/alerting/rule/${id}`)).status).toBe(404);
  });

  it('400 naming the field, 403 without the privilege, 404 for an unknown rule', async () => {
    const bad = await host.request('POST', '/api/alerting/rule', {
      body: { ...body, params: { ...params, metric: 'golang.heap.nope' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(bad.body.message).toContain('params invalid: [metric]');
    const between = await host.request('POST', '/api/alerting/rule', {
      body: { ...body, params: { ...params, comparator: 'between' } },
    });
    expect(between.body.message).toContain('[threshold]');
    const missing = await host.request('POST', '/api/alerting/rule', {
      body: { ...body, name: undefined },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('name');

    const viewer = await host.request('POST', '/api/alerting/rule', { body, user: 'go_viewer' });
    expect(viewer.status).toBe(403);
    expect(viewer.body.message).toBe(
      'Unauthorized by "goRuntime" to create "goRuntime.metricThreshold" rule'
    );
    const admin = await host.request('POST', '/api/alerting/rule', { body, user: 'go_admin' });
    expect(admin.status).toBe(200);
    expect(
      (await host.request('GET', `/api/alerting/rule/${admin.body.id}`, { user: 'go_viewer' }))
        .status
    ).toBe(200);
    expect(
      (await host.request('GET', `/api/alerting/rule/${admin.body.id}`, { user: 'no_access' }))
        .status
    ).toBe(403);
    expect(
      (await host.request('DELETE', `/api/alerting/rule/${admin.body.id}`, { user: 'go_viewer' }))
        .status
    ).toBe(403);
    expect(
      (await host.request('GET', '/api/alerting/rules/_find', { user: 'no_access' })).body.total
    ).toBe(0);
    expect((await host.request('GET', '/api/alerting/rule/nope')).status).toBe(404);
  });

  it('connectors: listed without secrets, secrets encrypted at rest, _execute sends a real request', async () => {
    const list = await host.request('GET', '/api/actions/connectors');
    const mine = list.body.find((connector: { id: string }) => connector.id === connectorId);
    expect(mine).toMatchObject({
      connector_type_id: '.webhook',
      is_missing_secrets: false,
      config: { url: receiver.url },
    });
    expect(JSON.stringify(list.body)).not.toContain('hook-secret-password');
    const raw = await client
      .search({ index: '.kibana_test_alerting_*', size: 100, q: 'type:action' })
      .catch(() => undefined);
    expect(JSON.stringify(raw?.hits.hits ?? [])).not.toContain('hook-secret-password');
    const executed = await host.request('POST', `/api/actions/connector/${connectorId}/_execute`, {
      body: { params: { body: '{"rule":"direct","group":""}' } },
    });
    expect(executed.body).toMatchObject({ connector_id: connectorId, status: 'ok' });
    await messageFor('direct', '');
    expect(receiver.authorizations).toContain(
      `Basic ${Buffer.from('hook-user:hook-secret-password').toString('base64')}`
    );
    expect(
      (
        await host.request('POST', '/api/actions/connector', {
          body: { name: 'x', connector_type_id: '.webhook', config: { url: 'ftp://x' } },
          user: 'elastic',
        })
      ).status
    ).toBe(400);
    expect(
      (
        await host.request('POST', '/api/actions/connector', {
          body: { name: 'x', connector_type_id: '.server-log' },
          user: 'go_admin',
        })
      ).status
    ).toBe(403);
  });
});

describe('rule types against real Go programs', () => {
  const fixtures: GoFixture[] = [];
  afterAll(async () =>
    Promise.all(fixtures.map((fixture) => fixture.stop().catch(() => undefined)))
  );
  const fixture = async (address?: string) => {
    const started = await startGoFixture(address);
    fixtures.push(started);
    return started;
  };

  it('metricThreshold: heap above 100 MiB fires, freeing it recovers; alert documents in the alerts index', async () => {
    const go = await fixture();
    await addTarget(go, 'mt-1', 'mt-svc');
    const ruleId = await createRule(
      'heap high',
      'goRuntime.metricThreshold',
      {
        metric: 'golang.heap.allocations.allocated',
        aggregation: 'last',
        comparator: '>',
        threshold: [100 * 1024 * 1024],
        // Wide enough that scrapes coming late on a busy machine still leave data in it: the
        // alert must recover on the value going back, not on the data running out.
        timeSize: 30,
        timeUnit: 's',
        serviceNames: ['mt-svc'],
      },
      ['threshold_met']
    );
    await go.alloc(200);
    const fired = await messageFor('heap high', 'threshold_met', 'mt-1');
    expect(fired.service).toBe('mt-svc');
    expect(fired.reason).toContain('mt-1');
    expect(fired.value).toMatch(/MiB/);
    expect(fired.url).toMatch(
      /^https:\/\/kibana\.example\.com\/app\/goRuntime\/services\/mt-svc\?rangeFrom=/
    );
    const active = await waitFor('an active alert document', async () =>
      (await alertDocuments(client, ruleId)).find((d) => d['kibana.alert.status'] === 'active')
    );
    expect(active).toMatchObject({
      'kibana.alert.instance.id': 'mt-svc,mt-1',
      'kibana.alert.action_group': 'threshold_met',
      'service.name': 'mt-svc',
      'service.node.name': 'mt-1',
      'kibana.alert.rule.producer': 'goRuntime',
    });
    expect(active['kibana.alert.evaluation.value']).toBeGreaterThan(100 * 1024 * 1024);
    const rule = await host.request('GET', `/api/alerting/rule/${ruleId}`);
    expect(rule.body.execution_status.status).toMatch(/active|ok/);

    // The service dashboard's active alerts: the feature's read privilege is enough (users hold
    // no Elasticsearch privilege on .alerts-*), no privilege is a 403, no service a 400.
    const activeAlerts = (user?: string) =>
      host.request('GET', '/internal/go_runtime/active_alerts?service_name=mt-svc', {
        headers: { 'x-elastic-internal-origin': 'Kibana' },
        ...(user === undefined ? {} : { user }),
      });
    for (const user of [undefined, 'go_viewer']) {
      const listed = await activeAlerts(user);
      expect(listed.status).toBe(200);
      // Only this rule's: an earlier run against the same Elasticsearch may have left others.
      const ofRule = listed.body.alerts.filter(
        (alert: { rule_id: string }) => alert.rule_id === ruleId
      );
      expect(ofRule).toEqual([
        {
          uuid: active['kibana.alert.uuid'],
          rule_id: ruleId,
          rule_name: 'heap high',
          service: 'mt-svc',
          instance: 'mt-1',
          reason: active['kibana.alert.reason'],
          started: Date.parse(active['kibana.alert.start']),
        },
      ]);
    }
    expect((await activeAlerts('no_access')).status).toBe(403);
    const noService = await host.request('GET', '/internal/go_runtime/active_alerts', {
      headers: { 'x-elastic-internal-origin': 'Kibana' },
    });
    expect(noService.status).toBe(400);
    expect(noService.body.message).toContain('service_name');

    await go.free();
    const recovered = await messageFor('heap high', 'recovered', 'mt-1');
    expect(recovered.reason).toContain('back to');
    await waitFor('the recovered alert document', async () =>
      (
        await alertDocuments(client, ruleId)
      ).find((d) => d['kibana.alert.status'] === 'recovered' && d['kibana.alert.end'] !== undefined)
    );
    expect(
      (await activeAlerts()).body.alerts.filter(
        (alert: { rule_id: string }) => alert.rule_id === ruleId
      )
    ).toEqual([]);
    // One alert, one document: the same uuid went from active to recovered.
    expect((await alertDocuments(client, ruleId)).length).toBe(1);
  });

  it('metricThreshold: service "a,b" and instance "c,d" fire and recover under their own names', async () => {
    // Alert ids join service and instance with a comma; names may hold commas too, and the
    // recovered alert must still name this service and this instance, not a split of its id.
    const go = await fixture();
    await addTarget(go, 'c,d', 'a,b');
    const ruleId = await createRule(
      'commas',
      'goRuntime.metricThreshold',
      {
        metric: 'golang.heap.allocations.allocated',
        aggregation: 'last',
        comparator: '>',
        threshold: [100 * 1024 * 1024],
        timeSize: 5,
        timeUnit: 's',
        serviceNames: ['a,b'],
      },
      ['threshold_met']
    );
    await go.alloc(200);
    const fired = await messageFor('commas', 'threshold_met', 'c,d');
    expect(fired.service).toBe('a,b');
    const active = await waitFor('the active alert document', async () =>
      (await alertDocuments(client, ruleId)).find((d) => d['kibana.alert.status'] === 'active')
    );
    expect(active).toMatchObject({ 'service.name': 'a,b', 'service.node.name': 'c,d' });

    // A stopped program leaves no data in the window: the rule no longer sees the group at
    // all, so the recovered alert has only its id to name it by.
    await go.stop();
    const recovered = await messageFor('commas', 'recovered');
    expect(recovered).toMatchObject({ service: 'a,b', instance: 'c,d' });
    expect(recovered.reason).toContain('no data on instance c,d of service a,b');
    expect(recovered.url).toMatch(
      /^https:\/\/kibana\.example\.com\/app\/goRuntime\/services\/a%2Cb\?/
    );
    const document = await waitFor('the recovered alert document', async () =>
      (
        await alertDocuments(client, ruleId)
      ).find((d) => d['kibana.alert.status'] === 'recovered' && d['kibana.alert.end'] !== undefined)
    );
    expect(document).toMatchObject({ 'service.name': 'a,b', 'service.node.name': 'c,d' });
    expect(document['kibana.alert.reason']).toContain('no data on instance c,d of service a,b');
  });

  it('gcPause: a GC storm pushes the longest pause above the threshold; a quiet window recovers', async () => {
    const go = await fixture();
    await addTarget(go, 'gc-1', 'gc-svc');
    await createRule(
      'pauses',
      'goRuntime.gcPause',
      {
        percentile: 100,
        comparator: '>',
        thresholdMs: 0.000001,
        timeSize: 5,
        timeUnit: 's',
        serviceNames: ['gc-svc'],
      },
      ['pause_exceeded']
    );
    await go.gc(30);
    const fired = await messageFor('pauses', 'pause_exceeded', 'gc-1');
    expect(fired.reason).toMatch(/longest GC pause .* on instance gc-1 of service gc-svc/);
    await messageFor('pauses', 'recovered', 'gc-1');
  });

  it('targetHealth: a stopped program is down, a restarted one recovers down and is restarted', async () => {
    let go = await fixture();
    const address = go.address;
    const targetId = await addTarget(go, 'th-1', 'th-svc');
    // This target's documents, not an earlier run's th-1 in a cluster kept between runs: the
    // restart can only be seen against a cursor this host wrote before the stop.
    await waitFor('the first heap documents', async () =>
      (await heapDocuments(client, targetId)).length >= 2 ? true : undefined
    );
    await createRule(
      'health',
      'goRuntime.targetHealth',
      {
        conditions: ['down', 'restarted', 'missed_pauses'],
        downForIntervals: 3,
        serviceNames: ['th-svc'],
      },
      ['down', 'restarted', 'missed_pauses']
    );
    await go.stop();
    const down = await messageFor('health', 'down', 'th-1');
    expect(down.reason).toContain('th-1');
    go = await fixture(address);
    await messageFor('health', 'restarted', 'th-1');
    await waitFor(
      'down recovered',
      async () =>
        receiver.messages.find(
          (m) =>
            m.rule === 'health' && m.group === 'recovered' && m.reason.includes('scraped again')
        ),
      120_000
    );
    await waitFor(
      'restarted recovered',
      async () =>
        receiver.messages.find(
          (m) => m.rule === 'health' && m.group === 'recovered' && m.reason.includes('No restart')
        ),
      120_000
    );
  });

  it('heapGrowth: fires on a leak, stays quiet on a healthy sawtooth and on a cache that levels off', async () => {
    const [leaky, healthy, cache] = [await fixture(), await fixture(), await fixture()];
    for (const go of [leaky, healthy, cache]) await go.churn(30);
    await addTarget(leaky, 'leak-1', 'growth-svc');
    await addTarget(healthy, 'sawtooth-1', 'growth-svc');
    await addTarget(cache, 'cache-1', 'growth-svc');
    await leaky.leak(3 * 1024);
    await cache.cache(40, 8);
    const cacheLevelledAt = Date.now() + 8_000;
    const ruleId = await createRule(
      'growth',
      'goRuntime.heapGrowth',
      {
        timeSize: GROWTH_WINDOW_MS / 1000,
        timeUnit: 's',
        minGrowthBytesPerHour: 1024 * 1024 * 1024,
        memoryLimitBytes: 4 * 1024 ** 3,
        serviceNames: ['growth-svc'],
      },
      ['heap_growing']
    );
    const fired = await messageFor('growth', 'heap_growing', 'leak-1');
    expect(fired.reason).toMatch(
      /heap after GC of instance leak-1 of service growth-svc grew .*\/h/
    );
    // A whole window after the cache levelled off, the rule has looked at a flat cache: wait
    // for a run that late (on a busy machine the runs come later than every second).
    await waitFor(
      'a run of the rule a whole window after the cache levelled off',
      async () => {
        const rule = await host.request('GET', `/api/alerting/rule/${ruleId}`);
        const ranAt = Date.parse(rule.body.execution_status?.last_execution_date ?? '');
        return ranAt >= cacheLevelledAt + GROWTH_WINDOW_MS ? true : undefined;
      },
      GROWTH_WINDOW_MS + 120_000
    );
    const growing = receiver.messages.filter(
      (m) => m.rule === 'growth' && m.group === 'heap_growing'
    );
    // Only the leak, however many times its alert opened (a noisy fit can recover and fire again).
    expect([...new Set(growing.map((m) => m.instance))]).toEqual(['leak-1']);
    const instances = new Set(
      (await alertDocuments(client, ruleId)).map((d) => d['service.node.name'])
    );
    expect([...instances]).toEqual(['leak-1']);
    await leaky.leak(0);
    await messageFor('growth', 'recovered', 'leak-1');
  });
});

describe('alertOnNoData', () => {
  it('a group whose data stops raises a no-data alert with the flag, and recovers without it', async () => {
    const service = `nd-${Date.now().toString(36)}`;
    const target = {
      id: `${service}-t`,
      name: `${service}-1`,
      serviceName: service,
      url: 'http://127.0.0.1:1/debug/vars',
      seed: 5,
      intervalMs: 1_000,
    };
    const params = {
      metric: 'golang.heap.allocations.allocated',
      aggregation: 'max',
      comparator: '>',
      threshold: [1],
      timeSize: 20,
      timeUnit: 's',
      serviceNames: [service],
    };
    const groups = ['threshold_met', 'no_data'];
    const flagged = await createRule(
      'nd flagged',
      'goRuntime.metricThreshold',
      { ...params, alertOnNoData: true },
      groups
    );
    await createRule('nd plain', 'goRuntime.metricThreshold', params, groups);
    const fired = (rule: string) =>
      receiver.messages.find((m) => m.rule === rule && m.group === 'threshold_met');

    // Documents as the poll task writes them, every second, until both rules fired; then none:
    // the group goes silent once the 20 s window has passed its last document.
    await waitFor(
      'both rules firing while documents come in',
      async () => {
        const written = await fillHistory(client, [target], Date.now() - 3_000, Date.now());
        expect(written.failed).toBe(0);
        return fired('nd flagged') !== undefined && fired('nd plain') !== undefined
          ? true
          : undefined;
      },
      120_000
    );
    const threshold = fired('nd flagged')!;
    // Human names and formatted values, never the field id.
    expect(threshold.reason).toMatch(
      /^The highest heap allocated over the last 20s is [\d.]+ (KiB|MiB|GiB) on instance /
    );
    expect(threshold.reason).not.toContain('golang.');
    expect(threshold.ruleUrl).toBe(
      `${KIBANA}/app/management/insightsAndAlerting/triggersActions/rule/${flagged}`
    );

    const noData = await messageFor('nd flagged', 'no_data', `${service}-1`);
    expect(noData.reason).toContain(
      `No data from instance ${service}-1 of service ${service} in the last 20s`
    );
    expect(noData.reason).toMatch(/its last document is from \d{4}-\d\d-\d\dT/);
    const document = await waitFor('the no-data alert document', async () =>
      (
        await alertDocuments(client, flagged)
      ).find(
        (d) => d['kibana.alert.status'] === 'active' && d['kibana.alert.action_group'] === 'no_data'
      )
    );
    expect(document['kibana.alert.instance.id']).toBe(`${service},${service}-1`);

    const recovered = await messageFor('nd plain', 'recovered', `${service}-1`);
    expect(recovered.reason).toContain(
      `no data on instance ${service}-1 of service ${service} any more`
    );
    expect(receiver.messages.some((m) => m.rule === 'nd plain' && m.group === 'no_data')).toBe(
      false
    );
    expect(receiver.messages.some((m) => m.rule === 'nd flagged' && m.group === 'recovered')).toBe(
      false
    );
  });
});
