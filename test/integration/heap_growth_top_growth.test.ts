import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { startLeakFixture, type LeakFixture } from '../harness/leak_fixture';
import { startWebhookReceiver, type WebhookReceiver } from '../harness/webhook_receiver';

// Two heap profiles a minute apart (the shortest heap period) inside the rule's window.
jest.setTimeout(360_000);

const KIBANA = 'https://kibana.example.com';
const WINDOW_S = 150;
let host: HostProcess;
let receiver: WebhookReceiver;
let leak: LeakFixture | undefined;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  host = await startHostProcess({ indexPrefix: uniquePrefix('top_growth'), publicBaseUrl: KIBANA });
});
afterAll(async () => {
  await Promise.all([host?.stop(), leak?.stop(), receiver?.close()]);
});

it("names the function that grew most in the heap-growth alert, and links What grew over the alert's window", async () => {
  leak = startLeakFixture('leakfixture');
  const base = await leak.base;
  const target = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name: 'leaky-1',
      service_name: 'top-growth',
      url: `${base}/debug/vars`,
      interval: '1s',
      profiles: { heap_period: '1m', goroutine_period: 'off' },
    },
  });
  expect(target.status).toBe(200);

  const connector = await host.request('POST', '/api/actions/connector', {
    body: {
      name: 'receiver',
      connector_type_id: '.webhook',
      config: { url: receiver.url, method: 'post', hasAuth: false },
    },
  });
  expect(connector.status).toBe(200);
  const rule = await host.request('POST', '/api/alerting/rule', {
    body: {
      name: 'leak',
      rule_type_id: 'goRuntime.heapGrowth',
      consumer: 'goRuntime',
      schedule: { interval: '5s' },
      params: {
        timeSize: WINDOW_S,
        timeUnit: 's',
        minGrowthBytesPerHour: 100 * 1024 * 1024,
        serviceNames: ['top-growth'],
      },
      // On every run: the alert may open before the window holds two heap profiles to compare.
      actions: [
        {
          group: 'heap_growing',
          id: connector.body.id,
          params: {
            body: JSON.stringify({
              top: '{{context.topGrowth}}',
              bytes: '{{context.topGrowthBytes}}',
              reason: '{{context.reason}}',
              url: '{{context.viewInAppUrl}}',
            }),
          },
          frequency: { summary: false, notify_when: 'onActiveAlert', throttle: null },
        },
      ],
    },
  });
  expect(rule.status).toBe(200);

  const named = await waitFor(
    'a heap-growth message that names the function that grew',
    async () =>
      receiver.messages.find((message) => message.top !== undefined && message.top !== ''),
    300_000
  );
  expect(named.top).toBe('main.retainOrderHistory');
  expect(Number(named.bytes)).toBeGreaterThan(0);
  expect(named.reason).toMatch(
    /Most grown in use: main\.retainOrderHistory \(.*leakfixture\/main\.go:\d+\), \+[\d.]+ [KMG]iB\./
  );
  // What grew on the instance's page over exactly the alert's window.
  const url = new URL(named.url!);
  expect(url.origin + url.pathname).toBe(
    `${KIBANA}/app/goRuntime/services/top-growth/instances/leaky-1`
  );
  const from = Date.parse(url.searchParams.get('rangeFrom')!);
  const to = Date.parse(url.searchParams.get('rangeTo')!);
  expect(to - from).toBe(WINDOW_S * 1000);
});
