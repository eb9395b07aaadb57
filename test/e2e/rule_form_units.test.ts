import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../harness/browser';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(300_000);

let host: HostProcess;
let browser: Browser;
let fixture: GoFixture;
let page: Page;
const pageErrors: string[] = [];
const MiB = 1024 * 1024;
/** Kibana refuses internal routes to callers that do not say they are its own UI. */
const INTERNAL = { 'x-elastic-internal-origin': 'Kibana' };

beforeAll(async () => {
  [host, browser, fixture] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2e_rule_form'), ui: true }),
    launchChromium(),
    startGoFixture(),
  ]);
  const target = await host.request('POST', '/api/go_runtime/targets', {
    body: { name: 'e2e-form-1', service_name: 'e2e-form', url: fixture.varsUrl, interval: '1s' },
  });
  expect(target.status).toBe(200);
  page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), fixture?.stop()]);
});

/** The Rules page's create flyout, opened on metricThreshold with the page's pre-filled params. */
async function openRuleForm(name: string): Promise<Locator> {
  await page.goto(`${host.url}/app/goRuntime/rules`);
  await page.locator('[data-test-subj="goRuntimeRulesPage"]').waitFor();
  await page.locator('[data-test-subj="goRuntimeCreateRule"]').first().click();
  const flyout = page.locator('[data-test-subj="ruleFormFlyout"]');
  await flyout.locator('[data-test-subj="goRuntimeRuleParam-metric"]').waitFor();
  await flyout.locator('[data-test-subj="ruleNameInput"]').fill(name);
  return flyout;
}

const param = (flyout: Locator, key: string) =>
  flyout.locator(`[data-test-subj="goRuntimeRuleParam-${key}"]`);

/** Key by key, as a person types: each key re-renders the form, which pasting would not do. */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.fill('');
  await field.pressSequentially(text);
  expect(await field.inputValue()).toBe(text);
}

/** What the rule form row says under a field (help text or error). */
const rowText = (field: Locator) =>
  field.locator('xpath=ancestor::div[contains(@class,"euiFormRow")][1]').innerText();

async function save(flyout: Locator): Promise<void> {
  await flyout.locator('[data-test-subj="ruleFormSave"]').click();
  await flyout.waitFor({ state: 'detached' });
}

async function savedParams(name: string): Promise<Record<string, unknown>> {
  const found = await host.request('GET', '/api/alerting/rules/_find?per_page=100');
  expect(found.status).toBe(200);
  const rule = (found.body.data as Array<{ name: string; params: Record<string, unknown> }>).find(
    (candidate) => candidate.name === name
  );
  expect(rule).toBeDefined();
  return rule!.params;
}

const PREFILLED = {
  aggregation: 'max',
  comparator: '>',
  timeSize: 5,
  timeUnit: 'm',
  groupBy: 'instance',
};

it('opens with the pre-filled threshold in human units', async () => {
  const flyout = await openRuleForm('e2e prefill');
  expect(await param(flyout, 'threshold').inputValue()).toBe('512 MiB');
  await page.keyboard.press('Escape');
});

it('types a GC CPU fraction in percent: "0.05" reads as 0.05 %, "5 %" is stored as 0.05', async () => {
  const flyout = await openRuleForm('e2e gc cpu');
  await param(flyout, 'metric').selectOption('golang.heap.gc.cpu_fraction');
  await typeInto(param(flyout, 'threshold'), '0.05');
  expect(await rowText(param(flyout, 'threshold'))).toContain('Reads as 0.05 %.');
  await typeInto(param(flyout, 'threshold'), '5 %');
  expect(await rowText(param(flyout, 'threshold'))).toContain('Reads as 5.00 %.');
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-form-gc-cpu-percent.png') });
  await save(flyout);
  expect(await savedParams('e2e gc cpu')).toEqual({
    ...PREFILLED,
    metric: 'golang.heap.gc.cpu_fraction',
    threshold: [0.05],
  });
});

it('types 1.5 for a count, and "100, 200" with between', async () => {
  let flyout = await openRuleForm('e2e objects');
  await param(flyout, 'metric').selectOption('golang.heap.allocations.objects');
  await typeInto(param(flyout, 'threshold'), '1.5');
  await save(flyout);
  expect(await savedParams('e2e objects')).toEqual({
    ...PREFILLED,
    metric: 'golang.heap.allocations.objects',
    threshold: [1.5],
  });

  flyout = await openRuleForm('e2e between');
  await param(flyout, 'metric').selectOption('golang.heap.allocations.objects');
  await param(flyout, 'comparator').selectOption('between');
  await typeInto(param(flyout, 'threshold'), '100, 200');
  expect(await rowText(param(flyout, 'threshold'))).toContain('Reads as 100 and 200.');
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-form-between.png') });
  await save(flyout);
  expect(await savedParams('e2e between')).toEqual({
    ...PREFILLED,
    metric: 'golang.heap.allocations.objects',
    comparator: 'between',
    threshold: [100, 200],
  });
});

it('refuses -1 for a size and will not save it, and keeps it for the rate of a gauge', async () => {
  const flyout = await openRuleForm('e2e negative');
  await param(flyout, 'metric').selectOption('golang.heap.allocations.active');
  await typeInto(param(flyout, 'threshold'), '-1');
  expect(await rowText(param(flyout, 'threshold'))).toContain('Must not be negative');
  await flyout.locator('[data-test-subj="ruleFormSave"]').click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-form-negative-refused.png') });
  // Refused by the rule type's validate: the flyout stays, with the field's error.
  expect(await flyout.isVisible()).toBe(true);
  expect(await param(flyout, 'threshold').getAttribute('aria-invalid')).toBe('true');

  // A heap that shrinks has a negative rate: there -1 is a threshold.
  await param(flyout, 'aggregation').selectOption('rate');
  await flyout.getByText('Reads as -1 B/s.').waitFor();
  await save(flyout);
  expect(await savedParams('e2e negative')).toEqual({
    ...PREFILLED,
    metric: 'golang.heap.allocations.active',
    aggregation: 'rate',
    threshold: [-1],
  });
});

it('types 10 MiB, the services as a list, and the no-data switch', async () => {
  const flyout = await openRuleForm('e2e mib');
  await param(flyout, 'metric').selectOption('golang.heap.allocations.active');
  await typeInto(param(flyout, 'threshold'), '10 MiB');
  await typeInto(param(flyout, 'serviceNames'), 'orders, imgcache');
  await param(flyout, 'alertOnNoData').click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-form-units.png') });
  await save(flyout);
  expect(await savedParams('e2e mib')).toEqual({
    ...PREFILLED,
    metric: 'golang.heap.allocations.active',
    threshold: [10 * MiB],
    serviceNames: ['orders', 'imgcache'],
    alertOnNoData: true,
  });
  expect(pageErrors).toEqual([]);
});

it('shows the current value of the measure for the services, and a chart of the window', async () => {
  // The preview route answers what the rule would read now, once the target has been scraped.
  const preview = await waitFor('a current heap value from the preview route', async () => {
    const answer = await host.request(
      'GET',
      '/internal/go_runtime/rule_preview?measure=metric&metric=golang.heap.allocations.active&aggregation=max&window_ms=300000&service_names=e2e-form',
      { headers: INTERNAL }
    );
    expect([answer.status, answer.body.message]).toEqual([200, undefined]);
    return answer.body.groups.length > 0 && answer.body.points.some(([, v]: number[]) => v !== null)
      ? answer.body
      : undefined;
  });
  expect(preview.groups).toEqual([
    { service: 'e2e-form', instance: 'e2e-form-1', value: expect.any(Number) },
  ]);
  const refused = await host.request(
    'GET',
    '/internal/go_runtime/rule_preview?measure=metric&metric=nope&aggregation=max&window_ms=300000'
  );
  expect(refused.status).toBe(400);

  const flyout = await openRuleForm('e2e preview');
  await param(flyout, 'metric').selectOption('golang.heap.allocations.active');
  await typeInto(param(flyout, 'threshold'), '1 KiB');
  await typeInto(param(flyout, 'serviceNames'), 'e2e-form');
  // The form previews while it is typed: the services left blank (every service) and then each
  // prefix of the name are answers on the way. Await the answer for the name as typed.
  const current = flyout.locator('[data-test-subj="goRuntimeRuleCurrentValue"]');
  const currentText = await waitFor('the current value of e2e-form alone', async () => {
    const text = await current.innerText({ timeout: 1_000 });
    return /^e2e-form \/ e2e-form-1: [\d.]+ (KiB|MiB)$/.test(text) ? text : undefined;
  });
  expect(currentText).toMatch(/^e2e-form \/ e2e-form-1: [\d.]+ (KiB|MiB)$/);
  await flyout.locator('[data-test-subj="goRuntimeRulePreview"] canvas').first().waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-form-preview.png') });

  // Services with no data say so instead of drawing an empty chart.
  await typeInto(param(flyout, 'serviceNames'), 'orders, imgcache');
  await flyout.locator('[data-test-subj="goRuntimeRulePreviewEmpty"]').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'rule-form-preview-empty.png') });
  expect(pageErrors).toEqual([]);
});
