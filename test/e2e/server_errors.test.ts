import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../harness/browser';
import {
  startHostProcess,
  testPluginZip,
  uniquePrefix,
  type HostProcess,
} from '../harness/host_process';

jest.setTimeout(240_000);

let host: HostProcess;
let browser: Browser;

beforeAll(async () => {
  [host, browser] = await Promise.all([
    startHostProcess({
      indexPrefix: uniquePrefix('e2e-errors'),
      ui: true,
      pluginZip: testPluginZip(),
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

// Kibana's browser HttpFetchError carries the status text ("Bad Request") as its message and
// the server's explanation in body.message; the app must show the latter.
it("shows the server's message for a rejected request, not the status text", async () => {
  const page = await (
    await browser.newContext({ viewport: { width: 1400, height: 900 } })
  ).newPage();
  await page.goto(`${host.url}/app/goRuntime`);
  await page.locator('[data-test-subj="superDatePickerToggleQuickMenuButton"]').click();
  // A whole year: more than the 90 days the dashboard routes accept.
  await page.locator('[data-test-subj="superDatePickerCommonlyUsed_This_year"]').click();
  const callout = page.locator('[data-test-subj="goRuntimeServicesError"]');
  await callout.waitFor();
  await expect(callout.innerText()).resolves.toContain('the time range may span at most 90 days');
  await page.screenshot({
    path: path.join(ARTIFACTS, 'services-server-error.png'),
    fullPage: true,
  });
});
