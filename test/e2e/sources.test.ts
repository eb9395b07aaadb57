/**
 * Every source in one services list, in Chromium against a dev host and the real Elasticsearch
 * (issue 21): a real Go program scraped by the plugin, documents of the APM Go agent (one
 * service of its own, from a real Go program instrumented with the agent reporting to the test's
 * intake, and one instance of the scraped service), of the Golang integration (a service named
 * by its address) and of Metricbeat. Each service shows its source badges, the filter by source
 * keeps the services of the sources pressed, the service in two sources is one row with both
 * instances, and each source's service draws heap, GC cycles and allocation rate.
 */
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { spawnChild, type RunningChild } from '../../dev/lib/child_process';
import { BIN_DIR } from '../../dev/lib/go_build';
import { startApmIntake, type ApmIntake } from '../harness/apm_intake';
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
let client: Client;
let intake: ApmIntake;
let agent: RunningChild | undefined;
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
  client = esClient();
  await installSourceTemplates(client);
  // The APM-only service is a real Go program with the APM Go agent, reporting every second.
  intake = await startApmIntake({ client, namespace: run });
  agent = spawnChild({
    name: 'apmagent',
    command: path.join(BIN_DIR, 'apmagent'),
    args: [],
    env: {
      ELASTIC_APM_SERVER_URL: intake.url,
      ELASTIC_APM_SERVICE_NAME: APM_ONLY,
      ELASTIC_APM_SERVICE_NODE_NAME: `${APM_ONLY}-1`,
      ELASTIC_APM_METRICS_INTERVAL: '1s',
      ELASTIC_APM_API_REQUEST_TIME: '1s',
      ELASTIC_APM_CENTRAL_CONFIG: 'false',
      ELASTIC_APM_LOG_LEVEL: 'warning',
    },
    ready: /^reporting /,
    readyTimeoutMs: 20_000,
  });
  await agent.ready;
  {
    const to = Date.now();
    const every = (periodMs: number) => ({ from: to - 59 * periodMs, to, periodMs });
    await writeSourceDocuments(client, [
      ...apmDocuments({ service: SHARED, node: `${SHARED}-apm`, namespace: run, ...every(30_000) }),
      ...integrationDocuments({ address: ADDRESS, namespace: run, seed: 3, ...every(10_000) }),
      ...metricbeatDocuments({
        address: 'http://10.9.8.6:6060',
        serviceName: BEAT,
        indexSuffix: run,
        seed: 4,
        ...every(10_000),
      }),
    ]);
  }
});
afterAll(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await browser?.close();
  await Promise.all([host?.stop(), fixture?.stop(), agent?.stop()]);
  await intake?.stop();
  await client?.close();
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

/** The panels every source feeds (issue 21): heap, GC cycles and allocation rate. */
const DRAWN = ['heap', 'gc_cycles', 'allocation_rate'];

async function panelsWithData(page: Page): Promise<string[]> {
  const drawn: string[] = [];
  for (const id of DRAWN) {
    const status = await page
      .locator(`[data-test-subj="goRuntimePanel-${id}"]`)
      .getAttribute('data-panel-status');
    if (status === 'data') drawn.push(id);
  }
  return drawn;
}

it.each([
  ['the APM Go agent (a real agent through the intake)', APM_ONLY, 'apm'],
  ['the Golang integration (named by its address)', ADDRESS, 'golang_integration'],
  ['Metricbeat', BEAT, 'metricbeat'],
])("draws %s's heap, GC cycles and allocation rate", async (_, service, source) => {
  const page = await openPage();
  // The real agent's counters need two reports in two buckets before a rate exists: reload
  // from the services list (the link encodes an address as a service name) until they do.
  await waitFor(
    `the ${source} service's heap, GC cycles and allocation rate drawn`,
    async () => {
      await page.goto(`${host.url}/app/goRuntime?rangeFrom=now-15m&rangeTo=now`);
      await link(page, service).click();
      await page.locator('[data-test-subj="goRuntimePanel-heap"]').waitFor();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-panel-status="loading"]').length === 0,
        undefined,
        { timeout: STEP_MS }
      );
      return (await panelsWithData(page)).length === DRAWN.length ? true : undefined;
    },
    3 * STEP_MS
  );
  await page
    .locator(
      '[data-test-subj="goRuntimePanel-heap"] .echChartStatus[data-ech-render-complete="true"]'
    )
    .first()
    .waitFor({ state: 'attached' });
  if (source === 'apm')
    await page.locator('[data-test-subj="goRuntimePanel-goroutines"]').waitFor();
  await page.screenshot({
    path: path.join(ARTIFACTS, `sources-${source}-dashboard.png`),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});
