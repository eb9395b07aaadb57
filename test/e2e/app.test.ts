import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../harness/browser';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import {
  startHostProcess,
  testPluginZip,
  uniquePrefix,
  type HostProcess,
} from '../harness/host_process';

jest.setTimeout(240_000);

let host: HostProcess;
let fixture: GoFixture;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  [host, fixture, browser] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2e'), ui: true, pluginZip: testPluginZip() }),
    startGoFixture(),
    launchChromium(),
  ]);
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: { name: 'e2e-1', service_name: 'e2e-service', url: fixture.varsUrl, interval: '1s' },
  });
  expect(created.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), fixture?.stop()]);
});

async function openPage(user?: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    // Sent with every request (the page's fetches too), as a Kibana session cookie would be.
    ...(user === undefined
      ? {}
      : {
          extraHTTPHeaders: {
            authorization: `Basic ${Buffer.from(`${user}:changeme`).toString('base64')}`,
          },
        }),
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

it('runs the plugin from the built zip, as Kibana runs an installed plugin', () => {
  expect(host.logs.join('\n')).toContain(`plugin goRuntime from ${testPluginZip()}`);
});

it('lists the scraped Go service at /app/goRuntime and draws its heap panel', async () => {
  const page = await openPage();
  await page.goto(`${host.url}/app/goRuntime`);
  await page.waitForURL(/\/app\/goRuntime\/services/);
  // The list refreshes every 10 s; the service appears once its first scrape is indexed.
  await page
    .locator('[data-test-subj="goRuntimeServiceLink-e2e-service"]')
    .click({ timeout: 60_000 });
  const chart = page.locator('[data-test-subj="goRuntimePanel-heap"]');
  await chart
    .locator('.echChartStatus[data-ech-render-complete="true"]')
    .waitFor({ state: 'attached', timeout: 60_000 });
  // Elastic Charts drew on its canvas: some pixels are not background.
  const inked = await chart
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d')!;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++;
      return count;
    });
  expect(inked).toBeGreaterThan(500);
  await expect(page.locator('[data-test-subj="breadcrumbs"]').innerText()).resolves.toContain(
    'Go Runtime'
  );
  await page.screenshot({ path: path.join(ARTIFACTS, 'overview.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

it("adds a target from the Targets page, with the server's validation shown in the form", async () => {
  const page = await openPage();
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeTargetsTable"]').getByText('e2e-1').waitFor();
  // Its status, from the collection state: e2e-1 has been scraped every second for a while.
  await page
    .locator('[data-test-subj="goRuntimeTargetsTable"] tr', { hasText: 'e2e-1' })
    .locator('[data-test-subj="goRuntimeTargetHealth-up"]')
    .waitFor();
  await page.locator('[data-test-subj="goRuntimeAddTarget"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetForm-name"]').fill('e2e-2');
  await page.locator('[data-test-subj="goRuntimeTargetForm-service_name"]').fill('e2e-service');
  // The same URL as e2e-1 is refused (a second target for one endpoint); the server says so.
  await page.locator('[data-test-subj="goRuntimeTargetForm-url"]').fill(fixture.varsUrl);
  await page.locator('[data-test-subj="goRuntimeTargetForm-interval"]').fill('5s');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  const urlRow = page.locator('.euiFormRow', {
    has: page.locator('[data-test-subj="goRuntimeTargetForm-url"]'),
  });
  await expect(urlRow.locator('.euiFormErrorText').innerText()).resolves.toContain(
    'Target e2e-1 scrapes this URL already'
  );
  await page
    .locator('[data-test-subj="goRuntimeTargetForm-url"]')
    .fill(`${fixture.varsUrl}?copy=2`);
  await page.locator('[data-test-subj="goRuntimeTargetForm-interval"]').fill('10');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  const intervalRow = page.locator('.euiFormRow', {
    has: page.locator('[data-test-subj="goRuntimeTargetForm-interval"]'),
  });
  await expect(intervalRow.locator('.euiFormErrorText').innerText()).resolves.toContain(
    '[interval] must look like "10s"'
  );
  await page.locator('[data-test-subj="goRuntimeTargetForm-interval"]').fill('5s');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetsTable"]').getByText('e2e-2').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'targets.png'), fullPage: true });
  const listed = await host.request('GET', '/api/go_runtime/targets');
  expect(listed.body.targets.map((t: { name: string }) => t.name).sort()).toEqual([
    'e2e-1',
    'e2e-2',
  ]);
});

it('is read-only for a user with the read privilege', async () => {
  const page = await openPage('go_viewer');
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeReadOnly"]').waitFor();
  await page.locator('[data-test-subj="goRuntimeTargetsTable"]').getByText('e2e-1').waitFor();
  expect(await page.locator('[data-test-subj="goRuntimeAddTarget"]').isDisabled()).toBe(true);
  expect(await page.locator('[data-test-subj="currentUser"]').innerText()).toBe('go_viewer');
  await page.screenshot({ path: path.join(ARTIFACTS, 'targets-read-only.png'), fullPage: true });
});
