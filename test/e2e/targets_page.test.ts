import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../harness/browser';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

jest.setTimeout(240_000);

let host: HostProcess;
let fixture: GoFixture;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [host, fixture, browser] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2etargets'), ui: true }),
    startGoFixture(),
    launchChromium(),
  ]);
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), fixture?.stop()]);
});

const table = () => page.locator('[data-test-subj="goRuntimeTargetsTable"]');
const row = (name: string) => table().locator('tr', { hasText: name });
const shot = (name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `targets-${name}.png`), fullPage: true });

it('adds a target with the form and sees it up, tests its connection, sees it down once the Go program stops, edits, disables and deletes it', async () => {
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeAddTarget"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetForm-name"]').fill('page-1');
  await page.locator('[data-test-subj="goRuntimeTargetForm-service_name"]').fill('page-service');
  await page.locator('[data-test-subj="goRuntimeTargetForm-url"]').fill(fixture.varsUrl);
  await page.locator('[data-test-subj="goRuntimeTargetForm-interval"]').fill('1s');
  // Test connection first: the real Go program answers, nothing is saved.
  await page.locator('[data-test-subj="goRuntimeTestConnection"]').click();
  await expect(page.locator('[data-test-subj="goRuntimeTestOk"]').innerText()).resolves.toMatch(
    /HTTP 200 in [\d.]+ ms, \d+ bytes; memstats present/
  );
  await shot('test-connection');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  await row('page-1').waitFor();

  // Up, with its last scrape age and duration (the page refreshes itself every 10 s).
  await row('page-1')
    .locator('[data-test-subj="goRuntimeTargetHealth-up"]')
    .waitFor({ timeout: 30_000 });
  await expect(
    row('page-1').locator('[data-test-subj="goRuntimeTargetLastScrape"]').innerText()
  ).resolves.toMatch(/\d+ s ago/);
  await shot('up');

  // The Go program stops: down, with the error in the tooltip.
  await fixture.stop();
  await row('page-1')
    .locator('[data-test-subj="goRuntimeTargetHealth-down"]')
    .waitFor({ timeout: 40_000 });
  await row('page-1').locator('[data-test-subj="goRuntimeTargetHealth-down"]').hover();
  await expect(page.locator('.euiToolTipPopover').innerText()).resolves.toMatch(
    /Last error \(refused, .*\): connection refused by 127\.0\.0\.1:\d+/
  );
  await shot('down');

  // Edit: the flyout holds every setting; a new name is saved.
  await row('page-1').locator('[data-test-subj="goRuntimeEditTarget"]').click();
  await expect(
    page.locator('[data-test-subj="goRuntimeTargetForm-url"]').inputValue()
  ).resolves.toBe(fixture.varsUrl);
  await page.locator('[data-test-subj="goRuntimeTargetForm-name"]').fill('page-1-renamed');
  await page.locator('[data-test-subj="goRuntimeTargetForm-auth"]').selectOption('basic');
  await page.locator('[data-test-subj="goRuntimeTargetForm-username"]').fill('scraper');
  await page.locator('[data-test-subj="goRuntimeTargetForm-password"]').fill('a-password');
  await shot('edit');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  await row('page-1-renamed').waitFor();
  const stored = (await host.request('GET', '/api/go_runtime/targets')).body.targets[0];
  expect(stored).toMatchObject({
    name: 'page-1-renamed',
    auth: { type: 'basic', username: 'scraper', has_password: true },
  });
  // Editing again: the password is stored, not shown.
  await row('page-1-renamed').locator('[data-test-subj="goRuntimeEditTarget"]').click();
  await expect(
    page.locator('[data-test-subj="goRuntimeTargetForm-password"]').inputValue()
  ).resolves.toBe('');
  await page.getByText('Stored, replace? Leave empty to keep it.').waitFor();
  await page.keyboard.press('Escape');

  // Disable with the row's switch.
  await row('page-1-renamed').locator('[data-test-subj="goRuntimeTargetEnabled"]').click();
  for (let attempt = 0; attempt < 50; attempt++) {
    if ((await host.request('GET', '/api/go_runtime/targets')).body.targets[0].enabled === false)
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect((await host.request('GET', '/api/go_runtime/targets')).body.targets[0].enabled).toBe(
    false
  );
  await shot('disabled');

  // Search, then delete.
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').fill('nothing-like-this');
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').press('Enter');
  await page.getByText('No target matches the search').waitFor();
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').fill('page');
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').press('Enter');
  await row('page-1-renamed').waitFor();
  await row('page-1-renamed').locator('[data-test-subj="goRuntimeDeleteTarget"]').click();
  await page
    .locator('[data-test-subj="goRuntimeTargetsEmpty"]')
    .or(page.getByText('No target matches the search'))
    .first()
    .waitFor();
  expect((await host.request('GET', '/api/go_runtime/targets')).body.total).toBe(0);
  await shot('deleted');
  expect(pageErrors).toEqual([]);
});

it('adds many targets from a pasted port range, with a preview, and refuses the same list again as duplicates', async () => {
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeAddMany"]').click();
  // Loopback ports nobody listens on: the targets are created, their scrapes fail as refused.
  await page
    .locator('[data-test-subj="goRuntimeAddManyUrls"]')
    .fill('http://127.0.0.1:61001-61003/debug/vars\nnot a url');
  await page.locator('[data-test-subj="goRuntimeAddManyService"]').fill('many');
  await expect(
    page.locator('[data-test-subj="goRuntimeAddManyProblems"]').innerText()
  ).resolves.toContain('line 2: not a URL');
  await page
    .locator('[data-test-subj="goRuntimeAddManyPreview"]')
    .getByText('127.0.0.1:61003', { exact: true })
    .waitFor();
  await shot('add-many-preview');
  await page.locator('[data-test-subj="goRuntimeAddManyCreate"]').click();
  await expect(
    page.locator('[data-test-subj="goRuntimeAddManyOutcome"]').innerText()
  ).resolves.toContain('3 created, 0 refused');
  await page.locator('[data-test-subj="goRuntimeAddManyCreate"]').click();
  await page
    .locator('[data-test-subj="goRuntimeAddManyOutcome"]')
    .getByText('0 created, 3 refused')
    .waitFor();
  await expect(
    page.locator('[data-test-subj="goRuntimeAddManyOutcome"]').innerText()
  ).resolves.toContain('exists already');
  await shot('add-many-done');
  const listed = await host.request('GET', '/api/go_runtime/targets');
  expect(listed.body.targets.map((t: { name: string }) => t.name).sort()).toEqual([
    '127.0.0.1:61001',
    '127.0.0.1:61002',
    '127.0.0.1:61003',
  ]);
  expect(pageErrors).toEqual([]);
});

it('shows each space only its own targets and services', async () => {
  // Its own Go program: the first test stopped the shared one.
  const teamProgram = await startGoFixture();
  const created = await host.request('POST', '/s/team-ui/api/go_runtime/targets', {
    body: {
      name: 'team-ui-target',
      service_name: 'team-ui-service',
      url: teamProgram.varsUrl,
      interval: '1s',
    },
  });
  expect(created.status).toBe(200);
  await page.goto(`${host.url}/s/team-ui/app/goRuntime/targets`);
  await row('team-ui-target').waitFor();
  await expect(table().locator('tbody tr').count()).resolves.toBe(1);
  await shot('space-team-ui');
  // Its service appears in its space's services list once scraped, and never in the default space.
  await page.goto(`${host.url}/s/team-ui/app/goRuntime/services`);
  await page
    .locator('[data-test-subj="goRuntimeServiceLink-team-ui-service"]')
    .waitFor({ timeout: 60_000 });
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await table().waitFor();
  await expect(row('team-ui-target').count()).resolves.toBe(0);
  await page.goto(`${host.url}/app/goRuntime/services`);
  await page.locator('[data-test-subj="goRuntimeApp"]').waitFor();
  await page.waitForLoadState('networkidle');
  await expect(
    page.locator('[data-test-subj="goRuntimeServiceLink-team-ui-service"]').count()
  ).resolves.toBe(0);
  expect(pageErrors).toEqual([]);
  await teamProgram.stop();
});
