/**
 * A stopped Go program in Chromium: two real Go programs are scraped under one service, one is
 * stopped, and the services list, the service page and the instance page must each say that
 * instance is down, since when and why. A range without data shows the last sample and widens.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, openPageIn } from '../harness/browser';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';
import { reloadUntilListedHealth } from '../harness/services_list';

jest.setTimeout(420_000);

const SERVICE = `stopping-${Date.now().toString(36)}`;
const KEPT = `${SERVICE}-1`;
const STOPPED = `${SERVICE}-2`;
let host: HostProcess;
let kept: GoFixture;
let stopped: GoFixture;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  [host, kept, stopped, browser] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2ehealth'), ui: true }),
    startGoFixture(),
    startGoFixture(),
    launchChromium(),
  ]);
  for (const [name, fixture] of [
    [KEPT, kept],
    [STOPPED, stopped],
  ] as const) {
    const created = await host.request('POST', '/api/go_runtime/targets', {
      body: { name, service_name: SERVICE, url: fixture.varsUrl, interval: '1s' },
    });
    expect(created.status).toBe(200);
  }
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), kept?.stop(), stopped?.stop()]);
});

const openPage = () => openPageIn(browser, contexts, pageErrors, { timeoutMs: 90_000 });

const awaitListedHealth = (page: Page, state: string) =>
  reloadUntilListedHealth(page, { hostUrl: host.url, service: SERVICE }, state, 180_000);

it('shows a stopped program down on the services list, the service page and the instance page', async () => {
  const page = await openPage();
  const healthy = await awaitListedHealth(page, 'healthy');
  await expect(
    healthy.locator(`[data-test-subj="goRuntimeServiceInstances-${SERVICE}"]`).innerText()
  ).resolves.toBe('2 up · 0 down');

  await stopped.stop();
  const row = await awaitListedHealth(page, 'degraded');
  await expect(
    row.locator(`[data-test-subj="goRuntimeServiceInstances-${SERVICE}"]`).innerText()
  ).resolves.toBe('1 up · 1 down');
  await page.screenshot({ path: path.join(ARTIFACTS, 'health-services-list.png'), fullPage: true });

  await page.locator(`[data-test-subj="goRuntimeServiceLink-${SERVICE}"]`).click();
  const line = page.locator(`[data-test-subj="goRuntimeDownInstance-${STOPPED}"]`);
  await expect(line.innerText()).resolves.toMatch(
    new RegExp(`^${STOPPED}: down since .+: refused: connection refused`)
  );
  expect(await page.locator(`[data-test-subj="goRuntimeDownInstance-${KEPT}"]`).count()).toBe(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'health-service-page.png'), fullPage: true });

  await page.goto(
    `${host.url}/app/goRuntime/services/${SERVICE}/instances/${STOPPED}?rangeFrom=now-15m&rangeTo=now`
  );
  await expect(line.innerText()).resolves.toContain('refused');
  await page.screenshot({ path: path.join(ARTIFACTS, 'health-instance-page.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

it('tells a range without data from a service never seen, and widens the range to the last sample', async () => {
  const page = await openPage();
  // A day that ended before the programs started: the service has data, only not there.
  await page.goto(`${host.url}/app/goRuntime/services/${SERVICE}?rangeFrom=now-2d&rangeTo=now-1d`);
  const prompt = page.locator('[data-test-subj="goRuntimeNoDataInRange"]');
  await expect(prompt.innerText()).resolves.toContain('Last seen');
  expect(await page.locator('[data-test-subj="goRuntimeEmptyStateAddTarget"]').count()).toBe(0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'health-empty-range.png'), fullPage: true });
  await page.locator('[data-test-subj="goRuntimeWidenRange"]').click();
  await page.locator('[data-test-subj="goRuntimeInstanceSelector"]').waitFor();
  expect(await prompt.count()).toBe(0);
  expect(pageErrors).toEqual([]);
});
