/**
 * The dashboards in Chromium against a dev host, for the Go test fixture (scraped live) and a
 * demo-like service (history from the simulated runtime through the plugin's document
 * builder): services list → service → instance → back, the time range in the URL, all eight
 * panels drawn with data, restart annotations, and a read-only user seeing every page.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { panelsFor } from '../../common/panels';
import { fillHistory, type HistoryTarget } from '../../dev/demo/history';
import { ARTIFACTS, launchChromium, openPageIn } from '../harness/browser';
import { esClient } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(420_000);

const run = Date.now().toString(36);
const DEMO = `demo-orders-${run}`;
const FIXTURE_SERVICE = `go-fixture-${run}`;
let host: HostProcess;
let fixture: GoFixture;
let browser: Browser;
const pageErrors: string[] = [];

const demoTargets: HistoryTarget[] = [0, 1].map((i) => ({
  id: `e2e-demo-${run}-${i}`,
  name: `${DEMO}-${i + 1}`,
  serviceName: DEMO,
  url: `http://127.0.0.1:${6200 + i}/debug/vars`,
  seed: 4242 + i,
  customVars: true,
  restartEveryMs: 2 * 3_600_000,
}));

beforeAll(async () => {
  [host, fixture, browser] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2edash'), ui: true }),
    startGoFixture(),
    launchChromium(),
  ]);
  const client = esClient();
  try {
    const now = Date.now();
    const outcome = await fillHistory(client, demoTargets, now - 6 * 3_600_000, now);
    expect(outcome.failed).toBe(0);
  } finally {
    await client.close();
  }
  await fixture.setVar('requests', '41');
  await fixture.setVar('build', '"e2e"');
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name: `${FIXTURE_SERVICE}-1`,
      service_name: FIXTURE_SERVICE,
      url: fixture.varsUrl,
      interval: '1s',
    },
  });
  expect(created.status).toBe(200);
});
// A page left open goes on drawing and polling; on a busy machine the next test's page load
// would wait behind it.
const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), fixture?.stop()]);
});

// Every wait is for something drawn; on a loaded machine that comes late, not wrong.
const openPage = (user?: string) =>
  openPageIn(browser, contexts, pageErrors, { user, timeoutMs: 90_000 });

/** Each panel has data, no "no data" message, and its Elastic Charts chart finished rendering. */
// The fixture is scraped by the plugin only: the panels its scrapes feed (no goroutines).
async function expectPanelsDrawn(
  page: Page,
  panels: readonly string[] = panelsFor(['go_runtime'])
) {
  for (const id of panels) {
    const panel = page.locator(`[data-test-subj="goRuntimePanel-${id}"]`);
    try {
      await panel.locator('xpath=self::*[@data-panel-status="data"]').waitFor({ timeout: 90_000 });
    } catch (error) {
      // The viewport only: a full page may take longer than the failure it should show.
      await page
        .screenshot({ path: path.join(ARTIFACTS, `dashboards-failed-${id}.png`) })
        .catch(() => undefined);
      throw new Error(
        `${(error as Error).message}; panel status ${await panel.getAttribute(
          'data-panel-status'
        )}: ${await panel.innerText()}`
      );
    }
    await panel
      .locator('.echChartStatus[data-ech-render-complete="true"]')
      .first()
      .waitFor({ state: 'attached', timeout: 30_000 });
    expect(await panel.locator('[data-test-subj="goRuntimePanelEmpty"]').count()).toBe(0);
    expect(await panel.locator('[data-test-subj="goRuntimePanelError"]').count()).toBe(0);
  }
}

it('services list → a service → an instance → back, with the time range in the URL', async () => {
  const page = await openPage();
  await page.goto(`${host.url}/app/goRuntime?rangeFrom=now-6h&rangeTo=now`);
  await page.waitForURL(/\/app\/goRuntime\/services\?/);
  await page
    .locator(`[data-test-subj="goRuntimeServiceLink-${DEMO}"]`)
    .waitFor({ timeout: 60_000 });
  await page
    .locator(
      '[data-test-subj="goRuntimeServicesTable"] .echChartStatus[data-ech-render-complete="true"]'
    )
    .first()
    .waitFor({ state: 'attached' });
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-services.png'), fullPage: true });

  await page.locator(`[data-test-subj="goRuntimeServiceLink-${DEMO}"]`).click();
  await page.waitForURL(
    (url) =>
      url.pathname.endsWith(`/services/${DEMO}`) && url.searchParams.get('rangeFrom') === 'now-6h'
  );
  await expectPanelsDrawn(page);
  // The demo instances restart every 2 h: the annotations are drawn on the time charts.
  expect(
    await page
      .locator('[data-test-subj="goRuntimePanel-heap"] [data-test-subj="goRuntimeRestartMarker"]')
      .count()
  ).toBeGreaterThan(0);
  await expect(page.locator('[data-test-subj="breadcrumbs"]').innerText()).resolves.toContain(DEMO);
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-service.png'), fullPage: true });
  // The heatmap's axis names only some classes; its tooltip names the class of the cell hovered.
  const heatmap = page.locator('[data-test-subj="goRuntimePanel-size_classes"] canvas').first();
  await heatmap.scrollIntoViewIfNeeded();
  const box = (await heatmap.boundingBox())!;
  await heatmap.hover({ position: { x: box.width * 0.6, y: box.height * 0.3 } });
  const tooltip = page.locator('.echTooltip').first();
  await tooltip.waitFor();
  expect(await tooltip.innerText()).toMatch(/Size class\s+\d+ B/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-size-class-tooltip.png') });

  await page.locator(`[data-test-subj="goRuntimeInstanceLink-${DEMO}-2"]`).click();
  await page.waitForURL(
    (url) =>
      url.pathname.endsWith(`/services/${DEMO}/instances/${DEMO}-2`) &&
      url.searchParams.get('rangeTo') === 'now'
  );
  await expectPanelsDrawn(page);
  await page
    .locator('[data-test-subj="goRuntimeInstanceLatestTable"]')
    .getByText('golang.heap.gc.last_finished.ns')
    .waitFor();
  await expect(
    page.locator('[data-test-subj="goRuntimeInstanceCmdline"]').innerText()
  ).resolves.toContain('-db=[redacted]');
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-instance.png'), fullPage: true });

  await page.goBack();
  await page.waitForURL((url) => url.pathname.endsWith(`/services/${DEMO}`));
  await page.locator('[data-test-subj="goRuntimePanel-heap"]').waitFor();
  await page.goBack();
  await page.waitForURL(
    (url) => url.pathname.endsWith('/services') && url.searchParams.get('rangeFrom') === 'now-6h'
  );
  await page.locator(`[data-test-subj="goRuntimeServiceLink-${DEMO}"]`).waitFor();
  expect(pageErrors).toEqual([]);
});

it('draws every panel for the Go fixture, and its restart after the process is replaced', async () => {
  // Pauses, allocation and custom vars to chart: a few forced GCs and a second value.
  await fixture.gc(5);
  await waitFor(
    'two heap documents of the fixture',
    async () => {
      const response = await host.request(
        'GET',
        `/internal/go_runtime/panels/gc_pauses?from=${new Date(
          Date.now() - 600_000
        ).toISOString()}&to=${new Date().toISOString()}&service_name=${FIXTURE_SERVICE}`,
        { headers: { 'x-elastic-internal-origin': 'Kibana' } }
      );
      return response.status === 200 &&
        response.body.lines[0]?.buckets.some((b: { pauses: number }) => b.pauses > 0)
        ? true
        : undefined;
    },
    60_000
  );
  const address = fixture.address;
  await fixture.stop();
  fixture = await startGoFixture(address);
  await fixture.setVar('requests', '3');
  await fixture.gc(3);
  const page = await openPage();
  await page.goto(
    `${host.url}/app/goRuntime/services/${FIXTURE_SERVICE}?rangeFrom=now-15m&rangeTo=now&refreshInterval=2000&refreshPaused=false`
  );
  await expectPanelsDrawn(page);
  await page
    .locator('[data-test-subj="goRuntimePanel-heap"] [data-test-subj="goRuntimeRestartMarker"]')
    .first()
    .waitFor({ state: 'attached', timeout: 60_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-fixture.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

it('says so for an unknown service or instance', async () => {
  const page = await openPage();
  await page.goto(
    `${host.url}/app/goRuntime/services/no-such-service?rangeFrom=now-1h&rangeTo=now`
  );
  await expect(
    page.locator('[data-test-subj="goRuntimeEmptyState"]').innerText()
  ).resolves.toContain('Nothing was ever collected for the service "no-such-service"');
  await expect(
    page.locator('[data-test-subj="goRuntimeEmptyStateSnippet"]').innerText()
  ).resolves.toContain('import _ "expvar"');
  await page.locator('[data-test-subj="goRuntimeEmptyStateAddTarget"]').click();
  await page.waitForURL(/\/app\/goRuntime\/targets$/);
  await page.goto(
    `${host.url}/app/goRuntime/services/${DEMO}/instances/nobody?rangeFrom=now-6h&rangeTo=now`
  );
  await expect(
    page.locator('[data-test-subj="goRuntimeUnknownInstance"]').innerText()
  ).resolves.toContain('Nothing was ever collected for the instance "nobody"');
});

it('a read-only user sees every page', async () => {
  const page = await openPage('go_viewer');
  await page.goto(`${host.url}/app/goRuntime/services?rangeFrom=now-6h&rangeTo=now`);
  await page.locator(`[data-test-subj="goRuntimeServiceLink-${DEMO}"]`).click();
  await expectPanelsDrawn(page);
  await page.goto(
    `${host.url}/app/goRuntime/services/${DEMO}/instances/${DEMO}-1?rangeFrom=now-6h&rangeTo=now`
  );
  await expectPanelsDrawn(page);
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboards-read-only.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

it('says how the instances were limited when there are more than a chart can show', async () => {
  const service = `wide-${run}`;
  const client = esClient();
  try {
    const now = Date.now();
    const targets: HistoryTarget[] = Array.from({ length: 60 }, (_, i) => ({
      id: `wide-${run}-${i}`,
      name: `${service}-${String(i).padStart(2, '0')}`,
      serviceName: service,
      url: `http://127.0.0.1:7300/t/${i}`,
      seed: 600 + i,
    }));
    expect((await fillHistory(client, targets, now - 5 * 60_000, now)).failed).toBe(0);
  } finally {
    await client.close();
  }
  const page = await openPage();
  await page.goto(
    `${host.url}/app/goRuntime/services/${service}?rangeFrom=now-24h&rangeTo=now&byInstance=true`
  );
  const panel = page.locator('[data-test-subj="goRuntimePanel-heap"]');
  const note = panel.locator('[data-test-subj="goRuntimePanelLimited"]');
  await expect(note.innerText({ timeout: 60_000 })).resolves.toBe(
    'Showing 50 of 60 instances one by one; select instances to see others.'
  );
  // The panel that says so, once its chart is drawn: a full-page picture of fifty instances'
  // charts takes longer than a screenshot may on a busy machine, and shows nothing more.
  await panel
    .locator('.echChartStatus[data-ech-render-complete="true"]')
    .first()
    .waitFor({ state: 'attached', timeout: 60_000 });
  await panel.screenshot({ path: path.join(ARTIFACTS, 'dashboards-limited.png') });
});
