/**
 * The dashboard's charts in Chromium, read through Elastic Charts' debug state (turned on with
 * `window._echDebugStateFlag`, as Kibana's functional tests do) and pictured panel by panel:
 * Kibana's quick ranges in the picker; a week of a demo-like service, then its last 15 minutes.
 * Axes titled, one per unit, on round ticks; GC pause bars under the percentile lines; custom
 * counters as rates; the heatmap's colour legend; a tooltip only on the chart under the mouse;
 * dates in Kibana's dateFormat and dateFormat:scaled; a legend by instance that fits.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { DebugState } from '@elastic/charts';
import { DAY_MS, fillHistory, type HistoryTarget } from '../../dev/demo/history';
import { ARTIFACTS, launchChromium, openPageIn } from '../harness/browser';
import { esClient } from '../harness/documents';
import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

jest.setTimeout(420_000);

const run = Date.now().toString(36);
const SERVICE = `charts-${run}`;
let host: HostProcess;
let browser: Browser;
const pageErrors: string[] = [];

// A week at a scrape every 10 minutes (a week at 10 s is more than a test needs), then the last
// 20 minutes at 10 s, restarting every 2 days and every 10 minutes: restarts in both views.
const targets = (interval: number, restartEveryMs: number, seed: number): HistoryTarget[] =>
  [0, 1].map((i) => ({
    id: `e2e-charts-${run}-${interval}-${i}`,
    name: `${SERVICE}-${i + 1}`,
    serviceName: SERVICE,
    url: `http://127.0.0.1:${6300 + i}/debug/vars`,
    seed: seed + i,
    intervalMs: interval,
    customVars: true,
    restartEveryMs,
  }));

beforeAll(async () => {
  [host, browser] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('e2echarts'), ui: true }),
    launchChromium(),
  ]);
  const client = esClient();
  try {
    const now = Date.now();
    const week = await fillHistory(
      client,
      targets(600_000, 2 * DAY_MS, 7100),
      now - 7 * DAY_MS,
      now - 20 * 60_000
    );
    const recent = await fillHistory(
      client,
      targets(10_000, 10 * 60_000, 7200),
      now - 20 * 60_000,
      now
    );
    expect(week.failed + recent.failed).toBe(0);
  } finally {
    await client.close();
  }
});
const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const openPage = () =>
  openPageIn(browser, contexts, pageErrors, { timeoutMs: 90_000, chartDebugState: true });

const panelOf = (page: Page, id: string) => page.locator(`[data-test-subj="goRuntimePanel-${id}"]`);

/** The panel's chart as drawn, once the panel has data and Elastic Charts finished a render. */
async function drawnChart(page: Page, id: string): Promise<DebugState> {
  const panel = panelOf(page, id);
  await panel.locator('xpath=self::*[@data-panel-status="data"]').waitFor();
  const status = panel.locator('.echChartStatus[data-ech-render-complete="true"]').first();
  await status.waitFor({ state: 'attached' });
  return JSON.parse((await status.getAttribute('data-ech-debug-state')) ?? '{}') as DebugState;
}

const yAxis = (state: DebugState, title: string) => {
  const axis = state.axes?.y.find((a) => a.title === title);
  if (axis === undefined)
    throw new Error(`no y axis "${title}" in ${JSON.stringify(state.axes?.y.map((a) => a.title))}`);
  return axis;
};

async function shoot(panel: Locator, name: string) {
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: path.join(ARTIFACTS, `charts-${name}.png`) });
}

it('Kibana’s quick ranges; a week and the last 15 minutes', async () => {
  const page = await openPage();
  await page.goto(`${host.url}/app/goRuntime/services/${SERVICE}?rangeFrom=now-24h&rangeTo=now`);
  await panelOf(page, 'heap').waitFor();

  // Kibana's timepicker:quickRanges, from core's uiSettings.
  await page.locator('[data-test-subj="superDatePickerToggleQuickMenuButton"]').click();
  // EUI's commonly used ranges, one link each.
  const commonlyUsed = page.locator('[data-test-subj^="superDatePickerCommonlyUsed_"]');
  await commonlyUsed.first().waitFor();
  const labels = await commonlyUsed.allInnerTexts();
  for (const wanted of [
    'Last 15 minutes',
    'Last 30 minutes',
    'Last 1 hour',
    'Last 24 hours',
    'Last 7 days',
    'Last 30 days',
    'Last 90 days',
    'Last 1 year',
  ])
    expect(labels).toContain(wanted);
  // Kibana's own value for it, in the URL as the picker would put it.
  await page.goto(`${host.url}/app/goRuntime/services/${SERVICE}?rangeFrom=now-7d%2Fd&rangeTo=now`);

  // GC pauses: a titled axis each; the pause bars in the lowest third, under the lines.
  const pauses = await drawnChart(page, 'gc_pauses');
  yAxis(pauses, 'Pause duration');
  const countAxis = yAxis(pauses, 'Pauses per bucket');
  const tallestBar = Math.max(...(pauses.bars ?? []).flatMap((s) => s.bars.map((b) => b.y)));
  expect(tallestBar).toBeGreaterThan(0);
  expect(tallestBar).toBeLessThanOrEqual(Math.max(...countAxis.values) / 3 + 1e-9);

  // Heap: ticks on round binary values (32 MiB, not 47.7 MiB); the time axis in
  // dateFormat:scaled for hour buckets.
  const heap = await drawnChart(page, 'heap');
  const memory = yAxis(heap, 'Memory');
  expect(memory.labels.length).toBeGreaterThan(1);
  for (const label of memory.labels) expect(label).toMatch(/^\d+ (B|KiB|MiB|GiB)$/);
  for (const label of heap.axes!.x[0]!.labels) expect(label).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);

  // Custom vars: counters as rates per second, a gauge on an axis of its own.
  const custom = await drawnChart(page, 'custom_vars');
  yAxis(custom, 'Rate per second');
  yAxis(custom, 'Value');
  expect(custom.legend!.items.some((item) => / per second · /.test(item.name))).toBe(true);

  // The heatmap: a colour legend, its time labels in the page's scaled format.
  const heatmap = await drawnChart(page, 'size_classes');
  expect(heatmap.legend!.items.length).toBeGreaterThan(1);

  // One tooltip, on the chart under the mouse, its header in dateFormat.
  const heapCanvas = panelOf(page, 'heap').locator('canvas').first();
  await heapCanvas.scrollIntoViewIfNeeded();
  const box = (await heapCanvas.boundingBox())!;
  await heapCanvas.hover({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
  const tooltip = page.locator('.echTooltip >> visible=true');
  await tooltip.first().waitFor();
  expect(await tooltip.count()).toBe(1);
  expect(await tooltip.first().innerText()).toMatch(
    /^[A-Z][a-z]{2} \d{1,2}, \d{4} @ \d\d:\d\d:\d\d\.\d{3}/
  );
  await page.mouse.move(0, 0);

  for (const id of ['gc_pauses', 'custom_vars', 'size_classes'])
    await shoot(panelOf(page, id), `7d-${id}`);

  // Lines by instance: the legend moves to the right instead of being cut.
  await page.goto(
    `${host.url}/app/goRuntime/services/${SERVICE}?rangeFrom=now-7d%2Fd&rangeTo=now&byInstance=true`
  );
  await drawnChart(page, 'heap');
  await panelOf(page, 'heap').locator('.echLegend--right').waitFor();
  await shoot(panelOf(page, 'heap'), '7d-heap-by-instance');

  // The last 15 minutes.
  await page.goto(`${host.url}/app/goRuntime/services/${SERVICE}?rangeFrom=now-15m&rangeTo=now`);
  const recentPauses = await drawnChart(page, 'gc_pauses');
  yAxis(recentPauses, 'Pauses per bucket');
  const recentHeap = await drawnChart(page, 'heap');
  for (const label of recentHeap.axes!.x[0]!.labels) expect(label).toMatch(/^\d\d:\d\d(:\d\d)?$/);
  await drawnChart(page, 'custom_vars');
  await drawnChart(page, 'size_classes');
  for (const id of ['gc_pauses', 'custom_vars', 'size_classes'])
    await shoot(panelOf(page, id), `15m-${id}`);
  expect(pageErrors).toEqual([]);
});
