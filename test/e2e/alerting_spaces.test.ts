import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../harness/browser';
import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

jest.setTimeout(180_000);

let host: HostProcess;
let browser: Browser;

beforeAll(async () => {
  [host, browser] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2e_rule_spaces'), ui: true }),
    launchChromium(),
  ]);
  for (const space of ['rules-ui-a', 'rules-ui-b']) {
    const created = await host.request('POST', `/s/${space}/api/alerting/rule`, {
      body: {
        name: `${space} rule`,
        rule_type_id: 'goRuntime.metricThreshold',
        consumer: 'goRuntime',
        schedule: { interval: '1m' },
        enabled: false,
        params: {
          metric: 'golang.heap.allocations.allocated',
          aggregation: 'max',
          comparator: '>',
          threshold: [1],
          timeSize: 5,
          timeUnit: 'm',
        },
      },
    });
    expect(created.status).toBe(200);
  }
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

it('each space’s Rules page lists that space’s rules only', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  for (const [space, other] of [
    ['rules-ui-a', 'rules-ui-b'],
    ['rules-ui-b', 'rules-ui-a'],
  ]) {
    await page.goto(`${host.url}/s/${space}/app/goRuntime/rules`);
    await page.locator(`[data-test-subj="goRuntimeRuleStatus-${space} rule"]`).waitFor();
    expect(await page.locator(`[data-test-subj="goRuntimeRuleStatus-${other} rule"]`).count()).toBe(
      0
    );
    await page.screenshot({ path: path.join(ARTIFACTS, `rules-space-${space}.png`) });
  }
  // The default space has neither.
  await page.goto(`${host.url}/app/goRuntime/rules`);
  await page.getByText('No Go runtime rules yet').waitFor();
});
