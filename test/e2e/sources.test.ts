/**
 * Every source in one services list, in Chromium against a dev host and the real Elasticsearch
 * (issue 21): a real Go program scraped by the plugin, documents of the APM Go agent (one
 * service of its own, and one instance of the scraped service), of the Golang integration (a
 * service named by its address) and of Metricbeat. Each service shows its source badges, the
 * filter by source keeps the services of the sources pressed, the service in two sources is one
 * row with both instances, and the APM service's dashboard draws its heap.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, openPageIn } from '../harness/browser';
import { esClient } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import {
  SOURCE_INDICES,
  apmDocuments,
  installSourceTemplates,
  integrationDocuments,
  metricbeatDocuments,
  writeSourceDocuments,
} from '../harness/source_documents';

jest.setTimeout(600_000);

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
/** Scraped by the plugin from the Go fixture, and instrumented with the APM Go agent. */
const SHARED = `src-shared-${run}`;
const APM_ONLY = `src-apm-${run}`;
const ADDRESS = `http://10.9.8.7:6060/${run}`;
const BEAT = `src-beat-${run}`;
// Data streams cannot be deleted on the test Elasticsearch: this run's own namespace.
const STREAM = {
  apm: SOURCE_INDICES.apm(run),
  heap: SOURCE_INDICES.golangHeap(run),
  expvar: SOURCE_INDICES.golangExpvar(run),
  metricbeat: SOURCE_INDICES.metricbeat(run),
};
const STEP_MS = 120_000;

let host: HostProcess;
let fixture: GoFixture;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  [host, fixture, browser] = await Promise.all([
    startHostProcess({
      indexPrefix: uniquePrefix('e2e_sources'),
      ui: true,
      pluginConfig: {
        sources: {
          apm: { indices: STREAM.apm },
          golangIntegration: { indices: `${STREAM.heap},${STREAM.expvar}` },
          metricbeat: { indices: STREAM.metricbeat },
        },
      },
    }),
    startGoFixture(),
    launchChromium(),
  ]);
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name: `${SHARED}-scraped`,
      service_name: SHARED,
      url: fixture.varsUrl,
      interval: '1s',
    },
  });
  expect(created.status).toBe(200);
  const client = esClient();
  try {
    const to = Date.now();
    const every = (periodMs: number) => ({ from: to - 59 * periodMs, to, periodMs });
    await installSourceTemplates(client);
    await writeSourceDocuments(client, [
      ...apmDocuments({ service: SHARED, node: `${SHARED}-apm`, namespace: run, ...every(30_000) }),
      ...apmDocuments({
        service: APM_ONLY,
        node: `${APM_ONLY}-1`,
        namespace: run,
        seed: 2,
        ...every(30_000),
      }),
      ...integrationDocuments({ address: ADDRESS, namespace: run, seed: 3, ...every(10_000) }),
      ...metricbeatDocuments({
        address: 'http://10.9.8.6:6060',
        serviceName: BEAT,
        indexSuffix: run,
        seed: 4,
        ...every(10_000),
      }),
    ]);
  } finally {
    await client.close();
  }
});
afterAll(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await browser?.close();
  await Promise.all([host?.stop(), fixture?.stop()]);
});

const openPage = () => openPageIn(browser, contexts, pageErrors, { timeoutMs: STEP_MS });
const link = (page: Page, service: string) =>
  page.locator(`[data-test-subj="goRuntimeServiceLink-${service}"]`);
const row = (page: Page, service: string) => page.locator('tr', { has: link(page, service) });
const badges = async (page: Page, service: string) =>
  (
    await row(page, service)
      .locator('[data-test-subj^="goRuntimeSourceBadge-"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-test-subj')))
  ).map((subj) => subj!.replace('goRuntimeSourceBadge-', ''));
/** The services of this run the table shows, by name. */
const listed = async (page: Page) =>
  (await page.locator('[data-test-subj^="goRuntimeServiceLink-"]').allInnerTexts())
    .filter((name) => name.includes(run))
    .sort();

it('lists every source with its badges, filters by source, and shows a service of two sources once', async () => {
  const page = await openPage();
  // The scraped service is listed once the plugin wrote its first scrape; reload until then.
  await waitFor(
    'the scraped service listed beside the other sources',
    async () => {
      await page.goto(`${host.url}/app/goRuntime?rangeFrom=now-15m&rangeTo=now`);
      await link(page, BEAT).waitFor();
      return (await badges(page, SHARED)).length === 2 ? true : undefined;
    },
    STEP_MS
  );
  await page.screenshot({ path: path.join(ARTIFACTS, 'sources-services.png'), fullPage: true });

  await expect(badges(page, SHARED)).resolves.toEqual(['go_runtime', 'apm']);
  await expect(badges(page, APM_ONLY)).resolves.toEqual(['apm']);
  await expect(badges(page, ADDRESS)).resolves.toEqual(['golang_integration']);
  await expect(badges(page, BEAT)).resolves.toEqual(['metricbeat']);
  // One row for the service in two sources, counting the scraped and the APM instance.
  expect(await link(page, SHARED).count()).toBe(1);
  const counts = await page
    .locator(`[data-test-subj="goRuntimeServiceInstances-${SHARED}"]`)
    .innerText();
  expect(
    [...counts.matchAll(/(\d+) (?:up|down|stale)/g)].reduce((sum, m) => sum + Number(m[1]), 0)
  ).toBe(2);

  // The filter by source: APM keeps the two services with APM data, Metricbeat adds its own.
  await page.locator('[data-test-subj="goRuntimeSourceFilter-apm"]').click();
  await waitFor(
    'only the APM services listed',
    async () =>
      (await listed(page)).join() === [APM_ONLY, SHARED].sort().join() ? true : undefined,
    STEP_MS
  );
  await page.locator('[data-test-subj="goRuntimeSourceFilter-metricbeat"]').click();
  await waitFor(
    'the APM and Metricbeat services listed',
    async () =>
      (await listed(page)).join() === [APM_ONLY, BEAT, SHARED].sort().join() ? true : undefined,
    STEP_MS
  );
  await page.locator('[data-test-subj="goRuntimeSourceFilter-apm"]').click();
  await page.locator('[data-test-subj="goRuntimeSourceFilter-metricbeat"]').click();
  await page.locator('[data-test-subj="goRuntimeSourceFilter-golang_integration"]').click();
  await waitFor(
    'only the integration service listed',
    async () => ((await listed(page)).join() === ADDRESS ? true : undefined),
    STEP_MS
  );
  await page.screenshot({ path: path.join(ARTIFACTS, 'sources-filtered.png'), fullPage: true });

  // The service page of the service in two sources: both instances, each with its source.
  await page.goto(`${host.url}/app/goRuntime/services/${SHARED}?rangeFrom=now-15m&rangeTo=now`);
  await page.locator('[data-test-subj="goRuntimeInstanceSelector"] input').click();
  await expect(
    page.locator(`[data-test-subj="goRuntimeInstanceOption-${SHARED}-scraped"]`).innerText()
  ).resolves.toContain('Go Runtime scrape');
  await expect(
    page.locator(`[data-test-subj="goRuntimeInstanceOption-${SHARED}-apm"]`).innerText()
  ).resolves.toContain('APM Go agent');
  // Its APM instance feeds the goroutines panel, shown for this service only.
  await page.locator('[data-test-subj="goRuntimePanel-goroutines"]').waitFor();
  expect(pageErrors).toEqual([]);
});

it("draws the APM service's heap on its dashboard", async () => {
  const page = await openPage();
  await page.goto(`${host.url}/app/goRuntime/services/${APM_ONLY}?rangeFrom=now-15m&rangeTo=now`);
  const heap = page.locator('[data-test-subj="goRuntimePanel-heap"]');
  await heap.locator('xpath=self::*[@data-panel-status="data"]').waitFor({ timeout: STEP_MS });
  await heap
    .locator('.echChartStatus[data-ech-render-complete="true"]')
    .first()
    .waitFor({ state: 'attached' });
  await page.locator('[data-test-subj="goRuntimePanel-goroutines"]').waitFor();
  await page.screenshot({
    path: path.join(ARTIFACTS, 'sources-apm-dashboard.png'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});
