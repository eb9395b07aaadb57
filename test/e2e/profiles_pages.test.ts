/**
 * The profile panels in Chromium on a real leaking Go program (test/fixtures/go/leakfixture,
 * read with pprof): once two heap profiles exist, the service page draws the Heap profile panel
 * (a flame graph whose own search finds the leaking function) with What grew ranking the
 * leaking function first, and the Goroutines panel with the blocked group on top; the instance
 * page draws both too.
 */
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { ARTIFACTS, launchChromium, openPageIn } from '../harness/browser';
import { esClient } from '../harness/documents';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { startLeakFixture, type LeakFixture } from '../harness/leak_fixture';

// Two heap profiles a minute apart (the shortest heap period), the host's start and the pages.
jest.setTimeout(420_000);

const SERVICE = `leaky-${Date.now().toString(36)}`;
const INSTANCE = `${SERVICE}-1`;
const LEAK = 'main.retainOrderHistory';
const BLOCKED = 'main.awaitReply';
let host: HostProcess;
let fixture: LeakFixture;
let browser: Browser;
let targetId: string;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  fixture = startLeakFixture('leakfixture', { pprof: true });
  let base: string;
  [host, browser, base] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2eprofiles'), ui: true }),
    launchChromium(),
    fixture.base,
  ]);
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name: INSTANCE,
      service_name: SERVICE,
      url: `${base}/debug/vars`,
      interval: '1s',
      profiles: { heap_period: '1m', goroutine_period: '10s' },
    },
  });
  expect(created.status).toBe(200);
  targetId = created.body.id;
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([host?.stop(), fixture?.stop()]);
});

async function countDocuments(index: string, filter: object[]): Promise<number> {
  const client = esClient();
  try {
    await client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
    const response = await client.count({
      index,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: { bool: { filter } },
    });
    return response.count;
  } finally {
    await client.close();
  }
}

const successfulProfiles = (kind: 'heap' | 'goroutine') =>
  countDocuments('metrics-go_runtime.profile-*', [
    { term: { 'go_runtime.target.id': targetId } },
    { term: { 'go_runtime.profile.kind': kind } },
    { term: { 'event.outcome': 'success' } },
  ]);

const openPage = () => openPageIn(browser, contexts, pageErrors, { timeoutMs: 90_000 });

it('draws the heap profile, What grew and the goroutines of a leaking program', async () => {
  await waitFor(
    'two heap profiles and a goroutine read of the leaking program',
    async () =>
      (await successfulProfiles('heap')) >= 2 && (await successfulProfiles('goroutine')) >= 1
        ? true
        : undefined,
    200_000
  );

  const page = await openPage();
  await page.goto(`${host.url}/app/goRuntime/services/${SERVICE}?rangeFrom=now-15m&rangeTo=now`);
  const heap = page.locator('[data-test-subj="goRuntimePanel-heap_profile"]');
  const goroutines = page.locator('[data-test-subj="goRuntimePanel-goroutine_profile"]');
  await heap.locator('xpath=self::*[@data-panel-status="data"]').waitFor();
  await goroutines.locator('xpath=self::*[@data-panel-status="data"]').waitFor();

  // The flame graph is drawn (the chart reports each WebGL frame it draws).
  const flame = heap.locator('[data-test-subj="goRuntimeFlameGraph"]');
  await flame.locator('xpath=self::*[@data-flame-drawn]').waitFor({ state: 'attached' });
  expect(await flame.locator('canvas').count()).toBeGreaterThan(0);
  expect(Number(await flame.getAttribute('data-flame-nodes'))).toBeGreaterThan(2);

  // What grew ranks the leaking function first, with a growth in bytes.
  const firstRow = heap.locator('[data-test-subj="goRuntimeWhatGrew"] tbody tr').first();
  await expect(firstRow.getAttribute('data-test-subj')).resolves.toBe(
    `goRuntimeWhatGrewRow-${LEAK}`
  );
  expect(await firstRow.innerText()).toMatch(/\+\s?[\d.,]+\s?(B|KiB|MiB|GiB)/);

  // The chart's own search field finds the leaking function: the chart counts its hits, and the
  // panel says which function it found and how much it holds.
  await flame.locator('input[placeholder="Search string"]').fill('retainOrderHistory');
  const result = heap.locator('[data-test-subj="goRuntimeFlameSearchResult"]');
  await expect(result.innerText()).resolves.toContain(`Found ${LEAK}`);
  await flame.getByText(/Match(es)?:\s+(\d+ \/ )?[1-9]\d*/).waitFor();
  await page.screenshot({
    path: path.join(ARTIFACTS, 'profiles-service-page.png'),
    fullPage: true,
  });
  await heap.screenshot({ path: path.join(ARTIFACTS, 'profiles-heap-panel.png') });

  // Another sample type redraws the graph: the garbage maker leads what was allocated.
  await heap.locator('[data-test-subj="goRuntimeHeapSampleType-alloc_space"]').click();
  await flame.locator('input[placeholder="Search string"]').fill('buildReport');
  await expect(result.innerText()).resolves.toContain('Found main.buildReport');

  // The goroutines: the count over time is drawn, the blocked group is on top.
  await goroutines.locator('.echChartStatus[data-ech-render-complete="true"]').waitFor({
    state: 'attached',
  });
  const topGroup = goroutines.locator('[data-test-subj="goRuntimeGoroutineGroups"] tbody tr');
  expect(await topGroup.first().innerText()).toContain(BLOCKED);
  await goroutines.screenshot({ path: path.join(ARTIFACTS, 'profiles-goroutines-panel.png') });

  // The instance page shows the same panels for the one instance.
  await page.goto(
    `${host.url}/app/goRuntime/services/${SERVICE}/instances/${INSTANCE}?rangeFrom=now-15m&rangeTo=now`
  );
  await heap.locator('xpath=self::*[@data-panel-status="data"]').waitFor();
  await goroutines.locator('xpath=self::*[@data-panel-status="data"]').waitFor();
  await expect(
    heap
      .locator('[data-test-subj="goRuntimeWhatGrew"] tbody tr')
      .first()
      .getAttribute('data-test-subj')
  ).resolves.toBe(`goRuntimeWhatGrewRow-${LEAK}`);
  await page.screenshot({
    path: path.join(ARTIFACTS, 'profiles-instance-page.png'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

it('says a program without pprof has no profiles, not an error', async () => {
  const plain = startLeakFixture('leakfixture-nopprof', { pprof: false });
  try {
    const service = `${SERVICE}-nopprof`;
    const created = await host.request('POST', '/api/go_runtime/targets', {
      body: {
        name: `${service}-1`,
        service_name: service,
        url: `${await plain.base}/debug/vars`,
        interval: '1s',
      },
    });
    expect(created.status).toBe(200);
    await waitFor('a stored scrape of the program without pprof', async () =>
      (await countDocuments('metrics-go_runtime.heap-*', [
        { term: { 'go_runtime.target.id': created.body.id } },
      ])) > 0
        ? true
        : undefined
    );
    const page = await openPage();
    await page.goto(`${host.url}/app/goRuntime/services/${service}?rangeFrom=now-15m&rangeTo=now`);
    for (const id of ['heap_profile', 'goroutine_profile']) {
      const panel = page.locator(`[data-test-subj="goRuntimePanel-${id}"]`);
      await panel.locator('xpath=self::*[@data-panel-status="empty"]').waitFor();
      expect(await panel.locator('[data-test-subj="goRuntimePanelEmpty"]').innerText()).toContain(
        'No profiles in this time range'
      );
      expect(await panel.locator('[data-test-subj="goRuntimePanelError"]').count()).toBe(0);
    }
    await page.screenshot({
      path: path.join(ARTIFACTS, 'profiles-none-service-page.png'),
      fullPage: true,
    });
    // The target itself says that profiles are not available, and why, one hover away.
    await page.goto(`${host.url}/app/goRuntime/targets`);
    const badge = page.locator('[data-test-subj="goRuntimeTargetProfiles-not_available"]');
    await badge.first().waitFor({ timeout: 120_000 });
    await badge.first().focus();
    const tooltip = page.locator('[role="tooltip"]');
    await tooltip.getByText('does not serve /debug/pprof/').waitFor();
    expect(await tooltip.innerText()).toContain('import net/http/pprof');
    await page.screenshot({ path: path.join(ARTIFACTS, 'profiles-none-target-badge.png') });
  } finally {
    await plain.stop();
  }
});
