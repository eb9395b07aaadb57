/**
 * A Go operator's first hour, in one walk through Chromium: a real Go program is started and
 * added as a target through the targets page, its dashboards are opened, a rule is created from
 * a panel with a webhook connector, the program is stopped and shown down (and the rule's
 * no-data action calls the webhook), bad input is marked by its field, and the same app is
 * looked at as a read-only user and as a user without the feature. Every step is awaited as a
 * condition, never slept for, and leaves a screenshot in test/artifacts/first-hour-*.png.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { SERVICES_ROUTE, SERVICE_INSTANCES_ROUTE } from '../../common/dashboard_routes';
import { ARTIFACTS, launchChromium, openPageIn } from '../harness/browser';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { reloadUntilListedHealth } from '../harness/services_list';

jest.setTimeout(900_000);

// The services data streams are shared with the other tests of the run: names of this run only.
const SERVICE = `first-hour-${Date.now().toString(36)}`;
const INSTANCE = `${SERVICE}-1`;
const RULE = `${SERVICE} heap`;
const CONNECTOR = 'first-hour receiver';
/** Generous for a busy 2-core machine: every wait is for a condition, so a fast run is not slowed. */
const STEP_MS = 120_000;

let host: HostProcess;
let fixture: GoFixture;
let browser: Browser;
let receiver: http.Server;
const webhookBodies: string[] = [];
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      webhookBodies.push(body);
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  [host, fixture, browser] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2e_first_hour'), ui: true }),
    startGoFixture(),
    launchChromium(),
  ]);
  // Kibana's rule form picks connectors, it does not make them: the webhook is made as a
  // user would in Stack Management, through the connectors API.
  const connector = await host.request('POST', '/api/actions/connector', {
    body: {
      name: CONNECTOR,
      connector_type_id: '.webhook',
      config: {
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
        method: 'post',
      },
    },
  });
  expect(connector.status).toBe(200);
});
afterAll(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await browser?.close();
  await Promise.all([host?.stop(), fixture?.stop()]);
  await new Promise((resolve) => receiver?.close(resolve));
});

const openPage = (user?: string) =>
  openPageIn(browser, contexts, pageErrors, { user, timeoutMs: STEP_MS });

const shot = (page: Page, step: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `first-hour-${step}.png`), fullPage: true });

/**
 * Holds the browser's requests to `route` until released: what a page shows before its first
 * answer is then seen for certain, however fast the answer would have come.
 */
async function holdRequests(page: Page, route: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handler = async (held: Route) => {
    await released;
    // A request the page gave up meanwhile (it navigated, or a newer load replaced it) is gone.
    await held.continue().catch(() => undefined);
  };
  const matches = (url: URL) => url.pathname === route;
  await page.route(matches, handler);
  return async () => {
    release();
    await page.unroute(matches, handler);
  };
}

const awaitListedHealth = (page: Page, state: string) =>
  reloadUntilListedHealth(page, { hostUrl: host.url, service: SERVICE }, state, 300_000);

it('walks a first hour: add a Go program, its dashboards, a rule with a webhook, the program stopped, bad input, a viewer and no access', async () => {
  const page = await openPage();

  // 1. A real Go program, added through the targets page's flyout.
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeAddTarget"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetForm-name"]').fill(INSTANCE);
  await page.locator('[data-test-subj="goRuntimeTargetForm-service_name"]').fill(SERVICE);
  await page.locator('[data-test-subj="goRuntimeTargetForm-url"]').fill(fixture.varsUrl);
  await page.locator('[data-test-subj="goRuntimeTargetForm-interval"]').fill('1s');
  await page.locator('[data-test-subj="goRuntimeTestConnection"]').click();
  await expect(page.locator('[data-test-subj="goRuntimeTestOk"]').innerText()).resolves.toMatch(
    /HTTP 200 .*memstats present/
  );
  await shot(page, '01-add-target');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetFlyout"]').waitFor({ state: 'detached' });
  const targetRow = page
    .locator('[data-test-subj="goRuntimeTargetsTable"] tr')
    .filter({ hasText: INSTANCE });
  await targetRow.locator('[data-test-subj="goRuntimeTargetHealth-up"]').waitFor();
  await shot(page, '02-target-up');

  // 2. The services list: loading until its first answer, then the service, healthy.
  const releaseServices = await holdRequests(page, SERVICES_ROUTE);
  await page.goto(`${host.url}/app/goRuntime?rangeFrom=now-15m&rangeTo=now`);
  const servicesTable = page.locator('[data-test-subj="goRuntimeServicesTable"]');
  await servicesTable.getByText('Loading services…').waitFor();
  expect(await servicesTable.innerText()).not.toContain('No items found');
  await shot(page, '03-services-loading');
  await releaseServices();
  const healthyRow = await awaitListedHealth(page, 'healthy');
  await expect(
    healthyRow.locator(`[data-test-subj="goRuntimeServiceInstances-${SERVICE}"]`).innerText()
  ).resolves.toBe('1 up · 0 down');
  await shot(page, '04-services-list');

  // 3. The service page: the instance picker says it is loading, not "All 0 instances", then
  // the charts are drawn.
  const releaseInstances = await holdRequests(page, SERVICE_INSTANCES_ROUTE);
  await page.locator(`[data-test-subj="goRuntimeServiceLink-${SERVICE}"]`).click();
  // EUI's combo box shows its placeholder as the input's own.
  const picker = page.locator('[data-test-subj="goRuntimeInstanceSelector"] input');
  await page
    .locator('[data-test-subj="goRuntimeInstanceSelector"] input[placeholder="Loading instances…"]')
    .waitFor();
  await shot(page, '05-instances-loading');
  await releaseInstances();
  await page
    .locator('[data-test-subj="goRuntimeInstanceSelector"] input[placeholder="The only instance"]')
    .waitFor();
  expect(await picker.getAttribute('placeholder')).not.toContain('All 0');
  await page.locator('[data-test-subj="goRuntimePanel-heap"][data-panel-status="data"]').waitFor();
  await page
    .locator(
      '[data-test-subj="goRuntimePanel-heap"] .echChartStatus[data-ech-render-complete="true"]'
    )
    // The chart's status element is not shown, only kept in the document.
    .waitFor({ state: 'attached' });
  await shot(page, '06-service-page');

  // 4. A rule from the heap panel, with the webhook on "No data": the threshold is out of
  // reach, so only the program going silent calls the webhook.
  await page.locator('[data-test-subj="goRuntimePanelCreateRule-heap"]').click();
  const flyout = page.locator('[data-test-subj="ruleFormFlyout"]');
  const param = (key: string) => flyout.locator(`[data-test-subj="goRuntimeRuleParam-${key}"]`);
  await param('metric').waitFor();
  expect(await param('serviceNames').inputValue()).toBe(SERVICE);
  await flyout.locator('[data-test-subj="ruleNameInput"]').fill(RULE);
  await param('threshold').fill('100 GiB');
  await param('timeSize').fill('10');
  await param('timeUnit').selectOption('s');
  await param('alertOnNoData').click();
  await flyout.locator('[data-test-subj="ruleIntervalInput"]').fill('1');
  await flyout.locator('[data-test-subj="ruleIntervalUnitSelect"]').selectOption('s');
  await flyout
    .locator('[data-test-subj="ruleConnectorSelect"]')
    .selectOption({ label: `${CONNECTOR} (.webhook)` });
  await flyout.locator('[data-test-subj="ruleActionGroupSelect"]').selectOption('no_data');
  await flyout
    .locator('[data-test-subj="ruleActionMessage"]')
    .fill(
      '{"rule":"{{rule.name}}","instance":"{{context.instance}}","reason":"{{context.reason}}"}'
    );
  await shot(page, '07-rule-form');
  await flyout.locator('[data-test-subj="ruleFormSave"]').click();
  await flyout.waitFor({ state: 'detached' });
  // Kibana's add-rule flyout names the created rule in its own toast (the plugin adds none);
  // the rule is then one click away on the Rules tab.
  await page.getByText(`Created rule "${RULE}"`).waitFor();
  await shot(page, '08-rule-created-toast');
  await page.locator('[data-test-subj="goRuntimeTab-rules"]').click();
  await page.locator(`[data-test-subj="goRuntimeRuleLink-${RULE}"]`).click();
  await page.waitForURL(/\/app\/goRuntime\/rules\/[^/?]+/);
  await page.locator('[data-test-subj="goRuntimeRuleDetailsName"]').getByText(RULE).waitFor();
  await shot(page, '09-rule-details');

  // 5. The program stops: down on the services list, a banner on the service page, and the
  // rule's no-data action calls the webhook.
  await fixture.stop();
  const downRow = await awaitListedHealth(page, 'down');
  await expect(
    downRow.locator(`[data-test-subj="goRuntimeServiceInstances-${SERVICE}"]`).innerText()
  ).resolves.toBe('0 up · 1 down');
  await shot(page, '10-services-down');
  await page.locator(`[data-test-subj="goRuntimeServiceLink-${SERVICE}"]`).click();
  await expect(
    page.locator(`[data-test-subj="goRuntimeDownInstance-${INSTANCE}"]`).innerText()
  ).resolves.toMatch(new RegExp(`^${INSTANCE}: down since .+: refused`));
  await shot(page, '11-service-down-banner');
  const message = await waitFor(
    'the no-data webhook call',
    async () =>
      webhookBodies
        .map((body) => JSON.parse(body) as { rule: string; instance: string; reason: string })
        .find((body) => body.rule === RULE),
    300_000
  );
  expect(message.instance).toBe(INSTANCE);
  expect(message.reason).toMatch(/^No data from /);

  // 6. Bad input in the target form: marked on its field, in plain words.
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeAddTarget"]').click();
  const url = page.locator('[data-test-subj="goRuntimeTargetForm-url"]');
  await page.locator('[data-test-subj="goRuntimeTargetForm-name"]').fill(`${SERVICE}-bad`);
  await page.locator('[data-test-subj="goRuntimeTargetForm-service_name"]').fill(SERVICE);
  await url.fill('http://169.254.169.254/debug/vars');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  await expect(
    page.locator('.euiFormRow', { has: url }).locator('.euiFormErrorText').innerText()
  ).resolves.toContain('169.254.169.254 is a link-local/metadata address');
  expect(await url.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('[data-test-subj="goRuntimeTargetFormError"]').count()).toBe(0);
  await shot(page, '12-bad-input');
  expect(pageErrors).toEqual([]);
});

it('shows a read-only user the same app with each control disabled and why', async () => {
  const page = await openPage('go_viewer');
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeTargetsTable"]').getByText(INSTANCE).waitFor();
  for (const subj of ['goRuntimeAddTarget', 'goRuntimeAddMany', 'goRuntimeEditTarget'])
    expect(await page.locator(`[data-test-subj="${subj}"]`).first().isDisabled()).toBe(true);
  // EUI gives a disabled button no pointer events: the mouse is over the tooltip's anchor.
  await page.locator('[data-test-subj="goRuntimeAddTarget"]').hover({ force: true });
  await page.getByRole('tooltip').getByText('Requires the All privilege of Go Runtime').waitFor();
  await shot(page, '13-viewer-targets');

  await page.goto(`${host.url}/app/goRuntime/rules`);
  await page.locator(`[data-test-subj="goRuntimeRuleLink-${RULE}"]`).waitFor();
  expect(await page.locator('[data-test-subj="goRuntimeCreateRule"]').first().isDisabled()).toBe(
    true
  );
  await page.locator('[data-test-subj="goRuntimeCreateRule"]').first().hover({ force: true });
  await page.getByRole('tooltip').getByText('Requires the All privilege of Go Runtime').waitFor();
  await shot(page, '14-viewer-rules');

  await page.goto(`${host.url}/app/goRuntime/services/${SERVICE}?rangeFrom=now-15m&rangeTo=now`);
  await page.locator('[data-test-subj="goRuntimePanel-heap"]').waitFor();
  expect(await page.locator('[data-test-subj="goRuntimePanelCreateRule-heap"]').count()).toBe(0);
  await shot(page, '15-viewer-service');
  expect(pageErrors).toEqual([]);
});

it('shows a user without the feature one page-level message naming the privilege', async () => {
  const page = await openPage('no_access');
  await page.goto(`${host.url}/app/goRuntime?rangeFrom=now-15m&rangeTo=now`);
  const prompt = page.locator('[data-test-subj="goRuntimeNoAccess"]');
  await prompt.waitFor();
  expect(await prompt.innerText()).toContain(
    'You need the Go Runtime feature privilege (Read or All) in this space'
  );
  expect(await prompt.count()).toBe(1);
  expect(await page.locator('[data-test-subj="goRuntimeApp"]').innerText()).not.toMatch(
    /unauthorized|Could not load|No Go service/
  );
  await shot(page, '16-no-access');
  expect(pageErrors).toEqual([]);
});
