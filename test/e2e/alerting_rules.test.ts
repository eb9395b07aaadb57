import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../harness/browser';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { startWebhookReceiver, type WebhookReceiver } from '../harness/webhook_receiver';

jest.setTimeout(300_000);

let host: HostProcess;
let fixture: GoFixture;
let browser: Browser;
let receiver: WebhookReceiver;
const pageErrors: string[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  [host, fixture, browser] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2e_rules'), ui: true }),
    startGoFixture(),
    launchChromium(),
  ]);
  expect(
    (
      await host.request('POST', '/api/go_runtime/targets', {
        body: {
          name: 'e2e-alert-1',
          service_name: 'e2e-alert',
          url: fixture.varsUrl,
          interval: '1s',
        },
      })
    ).status
  ).toBe(200);
  const connector = await host.request('POST', '/api/actions/connector', {
    body: {
      name: 'e2e receiver',
      connector_type_id: '.webhook',
      config: {
        url: receiver.url,
        method: 'post',
      },
    },
  });
  expect(connector.status).toBe(200);
});
// Each test's pages go with it: open pages keep polling, and Chromium's six connections per
// host would otherwise be taken by earlier tests' dashboards when the next page loads.
afterEach(async () => {
  await Promise.all(browser.contexts().map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), fixture?.stop()]);
  await receiver?.close();
});

it('creates a metricThreshold rule with a webhook connector in the rule form and sees it turn active on the Rules page', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${host.url}/app/goRuntime/rules`);
  await page.locator('[data-test-subj="goRuntimeRulesPage"]').waitFor();
  await page.getByText('No Go runtime rules yet').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'rules-empty.png') });

  await page.locator('[data-test-subj="goRuntimeCreateRule"]').first().click();
  const flyout = page.locator('[data-test-subj="ruleFormFlyout"]');
  await flyout.waitFor();
  // The params expression is its own chunk, loaded with the form.
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-metric"]').waitFor();
  await flyout.locator('[data-test-subj="ruleNameInput"]').fill('e2e heap');
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-threshold"]').fill('1');
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-timeSize"]').fill('10');
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-timeUnit"]').selectOption('s');
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-serviceNames"]').fill('e2e-alert');
  await flyout.locator('[data-test-subj="ruleIntervalInput"]').fill('1');
  await flyout.locator('[data-test-subj="ruleIntervalUnitSelect"]').selectOption('s');
  await flyout
    .locator('[data-test-subj="ruleActionMessage"]')
    .fill(
      '{"text":"{{context.reason}}","service":"{{context.service}}","instance":"{{context.instance}}"}'
    );
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-form-flyout.png') });
  await flyout.locator('[data-test-subj="ruleFormSave"]').click();
  await flyout.waitFor({ state: 'detached' });

  const status = page.locator('[data-test-subj="goRuntimeRuleStatus-e2e heap"]');
  await status.waitFor();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-test-subj="goRuntimeRuleStatus-e2e heap"]')?.textContent ===
      'Active',
    undefined,
    { timeout: 90_000 }
  );
  expect(
    Number(
      await page.locator('[data-test-subj="goRuntimeRuleActiveAlerts-e2e heap"]').textContent()
    )
  ).toBeGreaterThanOrEqual(1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'rules-active.png') });

  const message = await waitFor(
    'the webhook message',
    async () => receiver.messages.find((body) => body.instance === 'e2e-alert-1'),
    60_000
  );
  expect(message.service).toBe('e2e-alert');
  expect(message.text).toContain('e2e-alert-1');

  // The switch disables the rule.
  await page.locator('[data-test-subj="goRuntimeRuleEnabled-e2e heap"]').click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-test-subj="goRuntimeRuleStatus-e2e heap"]')?.textContent ===
      'Disabled',
    undefined,
    { timeout: 30_000 }
  );
  expect(pageErrors).toEqual([]);
});

it("creates a rule from the heap panel's Create rule, pre-filled with the service and HeapInuse, and sees it active on the Rules page and on the service dashboard", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${host.url}/app/goRuntime/services/e2e-alert?rangeFrom=now-15m&rangeTo=now`);
  await page.locator('[data-test-subj="goRuntimePanel-heap"][data-panel-status="data"]').waitFor();
  expect(await page.locator('[data-test-subj="goRuntimeServiceCreateRule"]').count()).toBe(1);
  // Panels with no one field to watch offer no rule.
  expect(
    await page.locator('[data-test-subj="goRuntimePanelCreateRule-size_classes"]').count()
  ).toBe(0);

  await page.locator('[data-test-subj="goRuntimePanelCreateRule-heap"]').click();
  const flyout = page.locator('[data-test-subj="ruleFormFlyout"]');
  await flyout.waitFor();
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-metric"]').waitFor();
  expect(await flyout.locator('[data-test-subj="goRuntimeRuleParam-metric"]').inputValue()).toBe(
    'golang.heap.allocations.active'
  );
  expect(
    await flyout.locator('[data-test-subj="goRuntimeRuleParam-serviceNames"]').inputValue()
  ).toBe('e2e-alert');
  expect(await flyout.locator('[data-test-subj="ruleNameInput"]').inputValue()).toBe(
    'e2e-alert Heap'
  );
  // The rule type follows from the panel.
  expect(await flyout.locator('[data-test-subj="ruleTypeSelect"]').count()).toBe(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-form-from-heap-panel.png') });

  // A heap in use above one byte is met at once.
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-threshold"]').fill('1');
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-timeSize"]').fill('10');
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-timeUnit"]').selectOption('s');
  await flyout.locator('[data-test-subj="ruleIntervalInput"]').fill('1');
  await flyout.locator('[data-test-subj="ruleIntervalUnitSelect"]').selectOption('s');
  await flyout.locator('[data-test-subj="ruleFormSave"]').click();
  await flyout.waitFor({ state: 'detached' });

  await page.locator('[data-test-subj="goRuntimeTab-rules"]').click();
  await page.locator('[data-test-subj="goRuntimeRuleStatus-e2e-alert Heap"]').waitFor();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-test-subj="goRuntimeRuleStatus-e2e-alert Heap"]')
        ?.textContent === 'Active',
    undefined,
    { timeout: 90_000 }
  );
  await page.screenshot({ path: path.join(ARTIFACTS, 'rules-active-from-panel.png') });

  // The service dashboard lists the active alert and marks where it started on the charts.
  await page.goto(`${host.url}/app/goRuntime/services/e2e-alert?rangeFrom=now-15m&rangeTo=now`);
  const row = page
    .locator('[data-test-subj="goRuntimeActiveAlertsTable"] tr')
    .filter({ hasText: 'e2e-alert Heap' })
    // Newest first: an earlier run against the same Elasticsearch may have left its alert.
    .first();
  await row.waitFor();
  expect(await row.textContent()).toContain('e2e-alert-1');
  await page
    .locator('[data-test-subj="goRuntimePanel-heap"] [data-test-subj="goRuntimeAlertStartMarker"]')
    .first()
    .waitFor();
  await page.screenshot({
    path: path.join(ARTIFACTS, 'service-active-alerts.png'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

it('a read-only user sees the rules but cannot create or switch them', async () => {
  const context = await browser.newContext({
    extraHTTPHeaders: {
      authorization: `Basic ${Buffer.from('go_viewer:changeme').toString('base64')}`,
    },
  });
  const page = await context.newPage();
  await page.goto(`${host.url}/app/goRuntime/rules`);
  await page.locator('[data-test-subj="goRuntimeRuleStatus-e2e heap"]').waitFor();
  expect(await page.locator('[data-test-subj="goRuntimeCreateRule"]').first().isDisabled()).toBe(
    true
  );
  expect(await page.locator('[data-test-subj="goRuntimeRuleEnabled-e2e heap"]').isDisabled()).toBe(
    true
  );
  await page.screenshot({ path: path.join(ARTIFACTS, 'rules-read-only.png') });
  await page.goto(`${host.url}/app/goRuntime/services/e2e-alert`);
  await page.locator('[data-test-subj="goRuntimePanel-heap"]').waitFor();
  expect(await page.locator('[data-test-subj="goRuntimeServiceCreateRule"]').count()).toBe(0);
  expect(await page.locator('[data-test-subj="goRuntimePanelCreateRule-heap"]').count()).toBe(0);
});

it("links an alert on the dashboard to its rule, the rule's details back to the service and instance, and edits and deletes a rule from its details", async () => {
  // A rule of this test's own, met at once: a heap of more than one byte.
  const created = await host.request('POST', '/api/alerting/rule', {
    body: {
      name: 'e2e linked',
      rule_type_id: 'goRuntime.metricThreshold',
      consumer: 'goRuntime',
      schedule: { interval: '1s' },
      params: {
        metric: 'golang.heap.allocations.active',
        aggregation: 'max',
        comparator: '>',
        threshold: [1],
        timeSize: 10,
        timeUnit: 's',
        serviceNames: ['e2e-alert'],
      },
    },
  });
  expect(created.status).toBe(200);
  await waitFor(
    'an active alert of rule e2e linked',
    async () => {
      const rule = await host.request('GET', `/api/alerting/rule/${created.body.id}`);
      return (rule.body.last_run?.alerts_count?.active ?? 0) >= 1 ? true : undefined;
    },
    90_000
  );
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${host.url}/app/goRuntime/services/e2e-alert?rangeFrom=now-15m&rangeTo=now`);
  // The callout names the rule of each alert; its link opens the rule's details.
  await page.locator('[data-test-subj="goRuntimeActiveAlertRule-e2e linked"]').first().click();
  await page.waitForURL(/\/app\/goRuntime\/rules\/[^/?]+/);
  const details = page.locator('[data-test-subj="goRuntimeRuleDetails"]');
  await details.waitFor();
  expect(await page.locator('[data-test-subj="goRuntimeRuleDetailsName"]').innerText()).toBe(
    'e2e linked'
  );
  // The params in units: a heap of more than one byte.
  expect(await page.locator('[data-test-subj="goRuntimeRuleParams"]').innerText()).toContain(
    '> 1 B'
  );
  expect(
    await page.locator('[data-test-subj="goRuntimeRuleManagementLink"]').getAttribute('href')
  ).toMatch(/\/app\/management\/insightsAndAlerting\/triggersActions\/rule\/[^/]+$/);
  const alertRow = page
    .locator('[data-test-subj="goRuntimeRuleAlertsTable"] tr')
    .filter({ hasText: 'e2e-alert-1' })
    .first();
  await alertRow.waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-details.png'), fullPage: true });
  // Back to the instance the alert is about.
  await alertRow.getByRole('link', { name: 'e2e-alert-1' }).click();
  await page.waitForURL(/\/app\/goRuntime\/services\/e2e-alert\/instances\/e2e-alert-1/);

  // From the Rules list: name → details → edit → delete.
  await page.locator('[data-test-subj="goRuntimeTab-rules"]').click();
  await page.locator('[data-test-subj="goRuntimeRuleLink-e2e linked"]').click();
  await page
    .locator('[data-test-subj="goRuntimeRuleDetailsName"]')
    .getByText('e2e linked')
    .waitFor();
  await page.locator('[data-test-subj="goRuntimeRuleDetailsEdit"]').click();
  const flyout = page.locator('[data-test-subj="ruleFormFlyout"]');
  await flyout.getByText('Edit rule').waitFor();
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-metric"]').waitFor();
  expect(await flyout.locator('[data-test-subj="ruleNameInput"]').inputValue()).toBe('e2e linked');
  await flyout.locator('[data-test-subj="ruleNameInput"]').fill('e2e linked edited');
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-edit-flyout.png') });
  await flyout.locator('[data-test-subj="ruleFormSave"]').click();
  await flyout.waitFor({ state: 'detached' });
  // Kibana's edit flyout names the rule in its own toast; the plugin adds none.
  await page.getByText("Updated 'e2e linked edited'").waitFor();
  expect(await page.getByText('Saved the rule').count()).toBe(0);
  await page
    .locator('[data-test-subj="goRuntimeRuleDetailsName"]')
    .getByText('e2e linked edited')
    .waitFor();

  await page.locator('[data-test-subj="goRuntimeRuleDetailsDelete"]').click();
  const modal = page.locator('[data-test-subj="goRuntimeDeleteRuleModal"]');
  await modal.getByText('Delete rule e2e linked edited?').waitFor();
  expect(await modal.innerText()).toContain('Its alert documents stay in Elasticsearch.');
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-delete-confirm.png') });
  await modal.locator('[data-test-subj="confirmModalConfirmButton"]').click();
  await page.getByText('Deleted rule e2e linked edited').waitFor();
  await page.waitForURL(/\/app\/goRuntime\/rules$/);
  await page.locator('[data-test-subj="goRuntimeRuleLink-e2e heap"]').waitFor();
  expect(await page.locator('[data-test-subj="goRuntimeRuleLink-e2e linked edited"]').count()).toBe(
    0
  );
  const rules = await host.request('GET', '/api/alerting/rules/_find?per_page=100');
  expect(rules.body.data.map((rule: { name: string }) => rule.name)).not.toContain(
    'e2e linked edited'
  );
  expect(pageErrors).toEqual([]);
});

async function pageAs(user: string) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    extraHTTPHeaders: {
      authorization: `Basic ${Buffer.from(`${user}:changeme`).toString('base64')}`,
    },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

it('tells a read-only user why each control is disabled', async () => {
  const page = await pageAs('go_viewer');
  await page.goto(`${host.url}/app/goRuntime/rules`);
  await page.locator('[data-test-subj="goRuntimeRuleLink-e2e heap"]').waitFor();
  for (const subj of [
    'goRuntimeCreateRule',
    'goRuntimeEditRule-e2e heap',
    'goRuntimeDeleteRule-e2e heap',
    'goRuntimeRuleEnabled-e2e heap',
  ])
    expect(await page.locator(`[data-test-subj="${subj}"]`).first().isDisabled()).toBe(true);
  // EUI gives a disabled button no pointer events: the mouse is over the tooltip's anchor.
  await page.locator('[data-test-subj="goRuntimeCreateRule"]').first().hover({ force: true });
  await page.getByRole('tooltip').getByText('Requires the All privilege of Go Runtime').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'rules-read-only-tooltip.png') });

  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeTargetsTable"]').getByText('e2e-alert-1').waitFor();
  for (const subj of ['goRuntimeAddTarget', 'goRuntimeAddMany', 'goRuntimeEditTarget'])
    expect(await page.locator(`[data-test-subj="${subj}"]`).first().isDisabled()).toBe(true);
  await page.locator('[data-test-subj="goRuntimeAddTarget"]').hover({ force: true });
  await page.getByRole('tooltip').getByText('Requires the All privilege of Go Runtime').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'targets-read-only-tooltip.png') });
});

it('shows a user without the feature one message on each page, and no error of a panel', async () => {
  const page = await pageAs('no_access');
  for (const [name, route] of [
    ['targets', '/targets'],
    ['dashboard', '/services/e2e-alert?rangeFrom=now-15m&rangeTo=now'],
    ['rules', '/rules'],
  ] as const) {
    await page.goto(`${host.url}/app/goRuntime${route}`);
    const prompt = page.locator('[data-test-subj="goRuntimeNoAccess"]');
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain(
      'You need the Go Runtime feature privilege (Read or All) in this space; ask your Kibana administrator.'
    );
    expect(await prompt.count()).toBe(1);
    const text = await page.locator('[data-test-subj="goRuntimeApp"]').innerText();
    expect(text).not.toMatch(
      /unauthorized|No Go runtime rules yet|Could not load|No target matches/
    );
    await page.screenshot({ path: path.join(ARTIFACTS, `no-access-${name}.png`), fullPage: true });
  }
  expect(pageErrors).toEqual([]);
});
