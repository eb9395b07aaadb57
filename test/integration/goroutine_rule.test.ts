import type { Client } from '@elastic/elasticsearch';
import { alertDocuments, esClient } from '../harness/documents';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { startLeakFixture, type LeakFixture } from '../harness/leak_fixture';
import {
  startWebhookReceiver,
  waitForMessage,
  type WebhookReceiver,
} from '../harness/webhook_receiver';

// Goroutine reads every 10 s (the shortest period): a few reads to fire, a few more to recover.
jest.setTimeout(360_000);

const SERVICE = 'goroutine-rule';

/** The message every action sends, with the goroutine rule's own context variables. */
const BODY = JSON.stringify({
  rule: '{{rule.name}}',
  group: '{{alert.actionGroup}}',
  instance: '{{context.instance}}',
  reason: '{{context.reason}}',
  topFunction: '{{context.topFunction}}',
  groupCount: '{{context.groupCount}}',
  url: '{{context.viewInAppUrl}}',
});

let host: HostProcess;
let client: Client;
let connectorId: string;
let fixture: LeakFixture;
let fixtureBase: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  client = esClient();
  receiver = await startWebhookReceiver();
  // The leak fixture parks a goroutine in main.awaitReply every 100 ms until told to stop.
  // No cap within the test's time: only the stop request ends the leak.
  fixture = startLeakFixture('leakfixture-goroutines', { maxParked: 1_000_000 });
  fixtureBase = await fixture.base;
  host = await startHostProcess({ indexPrefix: uniquePrefix('goroutine-rule') });
  const connector = await host.request('POST', '/api/actions/connector', {
    body: {
      name: 'goroutine receiver',
      connector_type_id: '.webhook',
      config: {
        url: receiver.url,
        method: 'post',
        hasAuth: false,
      },
    },
  });
  expect(connector.status).toBe(200);
  connectorId = connector.body.id;
});
afterAll(async () => {
  await Promise.all([host?.stop(), fixture?.stop()]);
  await receiver?.close();
  await client?.close();
});

async function createRule(name: string, params: object, group: string): Promise<string> {
  const created = await host.request('POST', '/api/alerting/rule', {
    body: {
      name,
      rule_type_id: 'goRuntime.goroutineGrowth',
      consumer: 'goRuntime',
      schedule: { interval: '1s' },
      params: { ...params, timeSize: 2, timeUnit: 'm', serviceNames: [SERVICE] },
      actions: [group, 'recovered'].map((actionGroup) => ({
        group: actionGroup,
        id: connectorId,
        params: { body: BODY },
        frequency: { summary: false, notify_when: 'onActionGroupChange', throttle: null },
      })),
    },
  });
  expect(created.status).toBe(200);
  return created.body.id;
}

const messageFor = (rule: string, group: string) =>
  waitForMessage(
    receiver,
    (m) => m.rule === rule && m.group === group,
    `a webhook message of ${rule} for ${group}`,
    180_000
  );

it('fires on the leaking stack group naming main.awaitReply, and recovers when the leak stops', async () => {
  const target = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name: 'parker-1',
      service_name: SERVICE,
      url: `${fixtureBase}/debug/vars`,
      interval: '1s',
      profiles: { heap_period: 'off', goroutine_period: '10s' },
    },
  });
  expect(target.status).toBe(200);
  const growthRule = await createRule(
    'goroutine leak',
    { condition: 'group_growth', intervals: 2 },
    'goroutine_group_growing'
  );
  // A dozen goroutines are the fixture's own; the parked ones pass 20 within seconds.
  await createRule(
    'goroutines high',
    { condition: 'count', thresholdGoroutines: 20 },
    'goroutines_above'
  );

  const fired = await messageFor('goroutine leak', 'goroutine_group_growing');
  expect(fired).toMatchObject({ instance: 'parker-1', topFunction: 'main.awaitReply' });
  expect(fired.reason).toMatch(
    /^The goroutines in main\.awaitReply on instance parker-1 of service goroutine-rule rose at each of the last 2 reads, from [\d,]+ to [\d,]+/
  );
  expect(Number(fired.groupCount)).toBeGreaterThan(0);
  expect(fired.url).toContain(`/app/goRuntime/services/${SERVICE}?rangeFrom=`);

  const high = await messageFor('goroutines high', 'goroutines_above');
  expect(high.topFunction).toBe('main.awaitReply');
  expect(high.reason).toMatch(
    /above 20 goroutines; the largest group, .* is in main\.awaitReply\./
  );

  const stopped = await fetch(`${fixtureBase}/leak/goroutines/stop`, { method: 'POST' });
  expect(stopped.status).toBe(200);

  const recovered = await messageFor('goroutine leak', 'recovered');
  expect(recovered.reason).toMatch(
    /^No goroutine group on instance parker-1 of service goroutine-rule rose at each of the last 2 reads \(the largest, in main\.awaitReply, has [\d,]+ goroutines\); the alert recovered\.$/
  );
  const document = await waitFor('the recovered alert document', async () =>
    (
      await alertDocuments(client, growthRule)
    ).find((d) => d['kibana.alert.status'] === 'recovered' && d['kibana.alert.end'] !== undefined)
  );
  expect(document).toMatchObject({
    'service.name': SERVICE,
    'service.node.name': 'parker-1',
    'go_runtime.alert.unit': 'count',
  });
  expect(document['kibana.alert.reason']).toBe(recovered.reason);
  // The parked goroutines stay: the count rule keeps its alert, the growth rule does not.
  expect(
    receiver.messages.some((m) => m.rule === 'goroutines high' && m.group === 'recovered')
  ).toBe(false);
});
