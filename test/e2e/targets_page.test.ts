import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../harness/browser';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

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
const deleteModal = () => page.locator('[data-test-subj="goRuntimeDeleteTargetsModal"]');
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
  await waitFor('the target disabled', async () =>
    (await host.request('GET', '/api/go_runtime/targets')).body.targets[0].enabled === false
      ? true
      : undefined
  );
  await shot('disabled');

  // Search, then delete.
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').fill('nothing-like-this');
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').press('Enter');
  await page.getByText('No target matches the search').waitFor();
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').fill('page');
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').press('Enter');
  await row('page-1-renamed').waitFor();
  // Deleting asks first, naming the target; Cancel keeps it.
  await row('page-1-renamed').locator('[data-test-subj="goRuntimeDeleteTarget"]').click();
  await expect(deleteModal().innerText()).resolves.toMatch(
    /Delete target page-1-renamed\?[\s\S]*documents already collected from this target stay in Elasticsearch/
  );
  // The focus starts on Cancel: Enter on the opened modal deletes nothing.
  await page.waitForFunction(
    () => document.activeElement?.getAttribute('data-test-subj') === 'confirmModalCancelButton'
  );
  await shot('delete-confirm');
  await deleteModal().locator('[data-test-subj="confirmModalCancelButton"]').click();
  await deleteModal().waitFor({ state: 'detached' });
  await row('page-1-renamed').waitFor();
  expect((await host.request('GET', '/api/go_runtime/targets')).body.total).toBe(1);
  // Confirmed, it goes.
  await row('page-1-renamed').locator('[data-test-subj="goRuntimeDeleteTarget"]').click();
  await deleteModal().locator('[data-test-subj="confirmModalConfirmButton"]').click();
  await deleteModal().waitFor({ state: 'detached' });
  await page
    .locator('[data-test-subj="goRuntimeTargetsEmpty"]')
    .or(page.getByText('No target matches the search'))
    .first()
    .waitFor();
  expect((await host.request('GET', '/api/go_runtime/targets')).body.total).toBe(0);
  await shot('deleted');
  expect(pageErrors).toEqual([]);
});

it('adds many targets from a pasted port range, with a preview that says what each line becomes, and then marks the same list as duplicates', async () => {
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeAddMany"]').click();
  // Loopback ports nobody listens on: the targets are created, their scrapes fail as refused.
  await page
    .locator('[data-test-subj="goRuntimeAddManyUrls"]')
    .fill(
      [
        'http://127.0.0.1:61001-61003/debug/vars',
        'not a url',
        'http://169.254.169.254/latest/meta-data/',
        'http://127.0.0.1:61001/debug/vars',
      ].join('\n')
    );
  await page.locator('[data-test-subj="goRuntimeAddManyService"]').fill('many');
  await expect(
    page.locator('[data-test-subj="goRuntimeAddManyProblems"]').innerText()
  ).resolves.toContain('line 2: not a URL');
  const preview = page.locator('[data-test-subj="goRuntimeAddManyPreview"]');
  await preview.locator('[data-test-subj="goRuntimeAddManyRow-create"]').nth(2).waitFor();
  await expect(
    preview.locator('[data-test-subj="goRuntimeAddManyRow-refused"]').innerText()
  ).resolves.toContain('169.254.169.254 is a link-local/metadata address');
  await expect(
    preview.locator('[data-test-subj="goRuntimeAddManyRow-duplicate_in_list"]').innerText()
  ).resolves.toContain('Duplicate within the list');
  await expect(page.locator('[data-test-subj="goRuntimeAddManyCreate"]').innerText()).resolves.toBe(
    'Create 3 targets'
  );
  await shot('add-many-preview');
  // The list goes in one bulk create, not one create per target (dry runs aside).
  const creates: string[] = [];
  const onRequest = (request: { method(): string; url(): string }) => {
    const url = new URL(request.url());
    if (
      request.method() === 'POST' &&
      url.pathname.startsWith('/api/go_runtime/targets') &&
      url.searchParams.get('dry_run') !== 'true'
    )
      creates.push(url.pathname);
  };
  page.on('request', onRequest);
  await page.locator('[data-test-subj="goRuntimeAddManyCreate"]').click();
  await expect(
    page.locator('[data-test-subj="goRuntimeAddManyOutcome"]').innerText()
  ).resolves.toContain('3 created, 0 refused');
  page.off('request', onRequest);
  expect(creates).toEqual(['/api/go_runtime/targets/_bulk_create']);
  // Checked again: the lines created are now duplicates, and nothing is left to create.
  await preview.locator('[data-test-subj="goRuntimeAddManyRow-duplicate"]').nth(2).waitFor();
  await expect(
    page.locator('[data-test-subj="goRuntimeAddManyCreate"]').isDisabled()
  ).resolves.toBe(true);
  await shot('add-many-done');
  const listed = await host.request('GET', '/api/go_runtime/targets');
  expect(listed.body.targets.map((t: { name: string }) => t.name).sort()).toEqual([
    '127.0.0.1:61001',
    '127.0.0.1:61002',
    '127.0.0.1:61003',
  ]);
  expect(pageErrors).toEqual([]);
});

it('marks a metadata URL and a duplicate URL on the URL field of the add form, in plain words', async () => {
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeAddTarget"]').click();
  const url = page.locator('[data-test-subj="goRuntimeTargetForm-url"]');
  const urlRow = page.locator('.euiFormRow', { has: url });
  await expect(url.inputValue()).resolves.toBe('');
  await expect(url.getAttribute('placeholder')).resolves.toBe('http://host:6060/debug/vars');
  await page.locator('[data-test-subj="goRuntimeTargetForm-name"]').fill('field-errors');
  await page.locator('[data-test-subj="goRuntimeTargetForm-service_name"]').fill('fields');
  await url.fill('http://169.254.169.254/debug/vars');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  await expect(urlRow.locator('.euiFormErrorText').innerText()).resolves.toBe(
    '169.254.169.254 is a link-local/metadata address, which this Kibana refuses to scrape (go_runtime.scrape.deniedNetworks)'
  );
  await expect(url.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(url.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
  await shot('field-error-metadata');

  // A URL one of the targets added above has: the duplicate is named, on the same field.
  await url.fill('http://127.0.0.1:61002/debug/vars');
  await page.locator('[data-test-subj="goRuntimeTargetForm-interval"]').fill('0s');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  // 0s is refused here first, by its own field, before any request.
  const interval = page.locator('[data-test-subj="goRuntimeTargetForm-interval"]');
  await expect(
    page.locator('.euiFormRow', { has: interval }).locator('.euiFormErrorText').innerText()
  ).resolves.toContain('must be at least 1s');
  await interval.fill('10s');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  await expect(urlRow.locator('.euiFormErrorText').innerText()).resolves.toBe(
    'Target 127.0.0.1:61002 scrapes this URL already; edit that one instead'
  );
  await expect(page.locator('[data-test-subj="goRuntimeTargetFormError"]').count()).resolves.toBe(
    0
  );
  await shot('field-error-duplicate');
  await page
    .locator('[data-test-subj="goRuntimeTargetFlyout"] button', { hasText: 'Cancel' })
    .click();
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

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

it('edits the headers in the flyout (a stored value kept, one removed, one added) and removes the TLS settings', async () => {
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name: 'headers-tls',
      service_name: 'flyout',
      url: 'http://127.0.0.1:61010/debug/vars',
      interval: '10s',
      enabled: false,
      headers: { 'X-Api-Key': 'e2e-header-secret', 'X-Team': 'e2e-team-secret' },
      tls: { verification_mode: 'none', ca: PEM },
    },
  });
  expect(created.status).toBe(200);
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await row('headers-tls').locator('[data-test-subj="goRuntimeEditTarget"]').click();
  const rows = page.locator('[data-test-subj="goRuntimeTargetForm-headerRow"]');
  await page.locator('[data-test-subj="goRuntimeTargetForm-headerName-1"]').waitFor();
  await expect(rows.count()).resolves.toBe(2);
  // The stored values never reach the browser: empty fields that say they are kept.
  await expect(
    page.locator('[data-test-subj="goRuntimeTargetForm-headerName-0"]').inputValue()
  ).resolves.toBe('X-Api-Key');
  await expect(
    page.locator('[data-test-subj="goRuntimeTargetForm-headerValue-0"]').inputValue()
  ).resolves.toBe('');
  await expect(rows.nth(0).innerText()).resolves.toContain('Stored, replace?');
  await expect(page.content()).resolves.not.toContain('e2e-header-secret');
  await expect(
    page.locator('[data-test-subj="goRuntimeTargetForm-ca"]').inputValue()
  ).resolves.toBe(PEM);
  await shot('flyout-headers-tls-before');
  await page.locator('[data-test-subj="goRuntimeTargetForm-ca"]').scrollIntoViewIfNeeded();
  await shot('flyout-tls-before');

  // Remove X-Team, add X-Added, keep X-Api-Key as stored; TLS back to the default.
  await page.locator('[data-test-subj="goRuntimeTargetForm-headerRemove-1"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetForm-addHeader"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetForm-headerName-1"]').fill('X-Added');
  await page.locator('[data-test-subj="goRuntimeTargetForm-headerValue-1"]').fill('added-value');
  await page.locator('[data-test-subj="goRuntimeTargetForm-tls"]').selectOption('');
  await page.locator('[data-test-subj="goRuntimeTargetForm-tlsRemoved"]').waitFor();
  await expect(page.locator('[data-test-subj="goRuntimeTargetForm-ca"]').count()).resolves.toBe(0);
  await shot('flyout-headers-tls-after');
  await page.locator('[data-test-subj="goRuntimeTargetForm-tlsRemoved"]').scrollIntoViewIfNeeded();
  await shot('flyout-tls-removed');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetFlyout"]').waitFor({ state: 'detached' });

  const stored = (await host.request('GET', `/api/go_runtime/targets/${created.body.id}`)).body;
  expect(stored.headers).toEqual({
    'X-Api-Key': { has_value: true },
    'X-Added': { has_value: true },
  });
  expect(stored.tls).toBeUndefined();

  // Editing again shows the new state: two stored headers, TLS at its default.
  await row('headers-tls').locator('[data-test-subj="goRuntimeEditTarget"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetForm-headerName-1"]').waitFor();
  await expect(rows.count()).resolves.toBe(2);
  await expect(
    page.locator('[data-test-subj="goRuntimeTargetForm-tls"]').inputValue()
  ).resolves.toBe('');
  await page.keyboard.press('Escape');
  expect(pageErrors).toEqual([]);
});

it('marks a target imported without its secrets, and takes them in the flyout', async () => {
  const space = '/s/e2e-import';
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name: 'to-export',
      service_name: 'imported',
      url: 'http://127.0.0.1:61020/debug/vars',
      interval: '10s',
      enabled: false,
      auth: { type: 'basic', username: 'scraper', password: 'e2e-password' },
    },
  });
  expect(created.status).toBe(200);
  const exported = await fetch(`${host.url}/api/saved_objects/_export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'kbn-xsrf': 'test' },
    body: JSON.stringify({ type: 'go-runtime-target' }),
  });
  const ndjson = (await exported.text())
    .split('\n')
    .filter((line) => line.includes('"to-export"'))
    .join('\n');
  const form = new FormData();
  form.append('file', new Blob([ndjson]), 'export.ndjson');
  const imported = await fetch(`${host.url}${space}/api/saved_objects/_import`, {
    method: 'POST',
    headers: { 'kbn-xsrf': 'test' },
    body: form,
  });
  expect(await imported.json()).toMatchObject({ success: true, successCount: 1 });

  await page.goto(`${host.url}${space}/app/goRuntime/targets`);
  await row('to-export').locator('[data-test-subj="goRuntimeTargetMissingSecrets"]').waitFor();
  await shot('imported-missing-secrets');
  await row('to-export').locator('[data-test-subj="goRuntimeEditTarget"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetFormMissingSecrets"]').waitFor();
  // Nothing is stored: no "Stored, replace?" under the password, and saving without it is refused.
  await expect(
    page.locator('[data-test-subj="goRuntimeTargetFlyout"]').innerText()
  ).resolves.not.toContain('Stored, replace?');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  // The server's refusal lands on the password field it names.
  const password = page.locator('[data-test-subj="goRuntimeTargetForm-password"]');
  await expect(
    page.locator('.euiFormRow', { has: password }).locator('.euiFormErrorText').innerText()
  ).resolves.toContain('[auth.password] is required');
  await shot('imported-flyout');
  await page.locator('[data-test-subj="goRuntimeTargetForm-password"]').fill('e2e-password');
  await page.locator('[data-test-subj="goRuntimeTargetFormSubmit"]').click();
  await page.locator('[data-test-subj="goRuntimeTargetFlyout"]').waitFor({ state: 'detached' });
  // The page reloads the list after the save: the badge goes once the new list is shown.
  await row('to-export')
    .locator('[data-test-subj="goRuntimeTargetMissingSecrets"]')
    .waitFor({ state: 'detached' });
  await shot('imported-fixed');
  const listed = (await host.request('GET', `${space}/api/go_runtime/targets`)).body.targets;
  expect(listed[0]).toMatchObject({
    name: 'to-export',
    auth: { type: 'basic', username: 'scraper', has_password: true },
  });
  expect(listed[0].missing_secrets).toBeUndefined();
  expect(pageErrors).toEqual([]);
});

it('asks before deleting the selected targets, counting them and naming the first few: cancel keeps them, confirm deletes them', async () => {
  const names = Array.from({ length: 7 }, (_, i) => `bulk-delete-${i}`);
  for (const [i, name] of names.entries()) {
    const created = await host.request('POST', '/api/go_runtime/targets', {
      body: {
        name,
        service_name: 'bulk-delete',
        url: `http://127.0.0.1:${61030 + i}/debug/vars`,
        interval: '10s',
        enabled: false,
      },
    });
    expect(created.status).toBe(200);
  }
  const listed = async () =>
    (await host.request('GET', '/api/go_runtime/targets?search=bulk-delete')).body.total;
  await page.goto(`${host.url}/app/goRuntime/targets`);
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').fill('bulk-delete');
  await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').press('Enter');
  // The unfiltered list may already show these rows: wait for the search's answer to leave
  // exactly the seven, rather than for one of them to appear.
  await waitFor('the search to leave the 7 bulk-delete rows', async () =>
    (await table().locator('tbody tr').count()) === 7 &&
    (await table().locator('tbody tr', { hasText: 'bulk-delete-' }).count()) === 7
      ? true
      : undefined
  );
  await table().locator('[data-test-subj="checkboxSelectAll"]').click();
  await page.locator('[data-test-subj="goRuntimeBulkDelete"]').click();

  const text = await deleteModal().innerText();
  expect(text).toContain('Delete 7 targets?');
  expect(text).toContain('documents already collected from these targets stay in Elasticsearch');
  await expect(
    deleteModal().locator('[data-test-subj="goRuntimeDeleteTargetsNames"] li').allInnerTexts()
  ).resolves.toEqual([...names.slice(0, 5), 'and 2 others']);
  await shot('bulk-delete-confirm');
  await deleteModal().locator('[data-test-subj="confirmModalCancelButton"]').click();
  await deleteModal().waitFor({ state: 'detached' });
  expect(await listed()).toBe(7);
  await expect(table().locator('tbody tr').count()).resolves.toBe(7);

  // The selection is still there: confirm this time.
  await page.locator('[data-test-subj="goRuntimeBulkDelete"]').click();
  await deleteModal().locator('[data-test-subj="confirmModalConfirmButton"]').click();
  await deleteModal().waitFor({ state: 'detached' });
  await page.getByText('No target matches the search').waitFor();
  expect(await listed()).toBe(0);
  expect(pageErrors).toEqual([]);
});
