/**
 * The dashboards on a week of data: BENCH_INSTANCES instances (default 20) of one service ×
 * BENCH_DAYS days (default 7) at 10 s ≈ 1.2 M heap documents plus as many expvar documents,
 * made by the plugin's document builder from the simulated Go runtime (dev/demo/history.ts)
 * and kept in Elasticsearch's data folder (.data/es/bench-dashboard-1n), so a second run
 * reuses them.
 *
 * For ranges of 1 h, 24 h and 7 d ending at the data's end: each panel query's p50/p95 over
 * BENCH_RUNS runs (request cache cleared before each), next to a baseline measured in the same
 * run on the same documents: one date_histogram with the max of one field. Then the service
 * page in Chromium, from navigation until all eight panels have drawn, p50/p95 over
 * BENCH_PAGE_LOADS loads at 24 h.
 *
 * With BENCH_SOURCES=1, a second table: the APM Go agent's, the Golang integration's and
 * Metricbeat's documents (test/harness/source_documents.ts) written beside the plugin's at the
 * same volume (per source BENCH_INSTANCES instances × BENCH_DAYS days at 10 s; the integration
 * writes a heap and an expvar document per reading, as the plugin does), all of the SAME service
 * (APM by service.name; the integration and Metricbeat by address, named through
 * `go_runtime.sources.serviceNames`), so each panel query reads four sources for one service:
 * the worst case of a service seen everywhere. The queries run with `context.sources` =
 * sourceReaders of the default config (plus those names). The first table is unchanged by it.
 *
 *   npx tsx test/bench/dashboard.ts            # its own Elasticsearch on 9261 (BENCH_ES_PORT)
 *   BENCH_INSTANCES=5 BENCH_DAYS=2 npx tsx test/bench/dashboard.ts   # smaller
 *   BENCH_SOURCES=1 BENCH_PAGE_LOADS=0 npx tsx test/bench/dashboard.ts   # with the three sources
 *   BENCH_SMOKE=1 npx tsx test/bench/dashboard.ts                      # 1 × 1 d, 2 runs, 1 page load (CI)
 */
import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { DAY_MS, fillHistory, type HistoryTarget } from '../../dev/demo/history';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import { DEFAULT_HOST_OPTIONS, DevHost } from '../../dev/host/host';
import { queryAllocationRatePanel } from '../../server/queries/allocation_rate_query';
import { planBuckets } from '../../server/queries/bucketing';
import { queryCustomVarsPanel } from '../../server/queries/custom_vars_query';
import { queryGcCyclesPanel } from '../../server/queries/gc_cycles_query';
import { queryGcPausesPanel } from '../../server/queries/gc_pauses_query';
import { queryHeapPanel } from '../../server/queries/heap_query';
import { queryMcacheMspanPanel } from '../../server/queries/mcache_mspan_query';
import { queryRestarts } from '../../server/queries/restarts_query';
import { queryServices } from '../../server/queries/services_query';
import { querySizeClassesPanel } from '../../server/queries/size_classes_query';
import { queryStackOtherPanel } from '../../server/queries/stack_other_query';
import { installIndexTemplates } from '../../server/storage/install_templates';
import { configSchema } from '../../server/config';
import type { QueryContext } from '../../server/routes/dashboard_routes';
import { sourceReaders } from '../../server/sources/source_readers';
import { panelsFor } from '../../common/panels';
import { launchChromium } from '../harness/browser';
import { freePort } from '../harness/host_process';
import {
  apmDocuments,
  installSourceTemplates,
  integrationDocuments,
  metricbeatDocuments,
  SOURCE_INDICES,
  writeSourceDocuments,
  type SourceDocument,
} from '../harness/source_documents';

/** BENCH_SMOKE=1: seconds, every step once (the CI smoke run, test/bench_smoke). */
const SMOKE = process.env.BENCH_SMOKE === '1';
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? (SMOKE ? '1' : '20'));
const DAYS = Number(process.env.BENCH_DAYS ?? (SMOKE ? '1' : '7'));
const RUNS = Number(process.env.BENCH_RUNS ?? (SMOKE ? '2' : '20'));
const PAGE_LOADS = Number(process.env.BENCH_PAGE_LOADS ?? (SMOKE ? '1' : '10'));
/** Comma-separated query names to time (default: all). */
const ONLY = process.env.BENCH_ONLY?.split(',');
const SOURCES = process.env.BENCH_SOURCES === '1';
const SERVICE = 'bench-dashboard';
const PLUGIN_INDICES = 'metrics-go_runtime.*';
/** The external sources' data streams (each source's default indices match them). */
const SOURCE_STREAMS = [
  SOURCE_INDICES.apm(),
  SOURCE_INDICES.golangHeap(),
  SOURCE_INDICES.golangExpvar(),
  SOURCE_INDICES.metricbeat(),
];
const integrationAddress = (i: number) => `http://10.9.1.${i}:6060`;
const metricbeatAddress = (i: number) => `10.9.2.${i}:6060`;
// A fixed end, so the data folder can be reused across runs and days.
const END = Date.parse('2026-11-30T00:00:00Z');
const START = END - DAYS * DAY_MS;
const HOUR = 3_600_000;
/** The bench's service is scraped by the plugin only: the panels its scrapes feed. */
const OWN_PANELS = panelsFor(['go_runtime']);

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

async function load(client: Client) {
  await installIndexTemplates(client as unknown as ElasticsearchClient, {
    retention: '3650d',
    lookBackTime: `${DAYS + 1}d`,
  });
  const expected = INSTANCES * DAYS * 8_640;
  const have = await client
    .count({
      index: 'metrics-go_runtime.heap-*',
      query: { term: { 'service.name': SERVICE } },
      ignore_unavailable: true,
      allow_no_indices: true,
    })
    .catch(() => ({ count: 0 }));
  if (have.count >= expected * 0.99) {
    process.stdout.write(`reusing ${have.count} heap documents\n`);
    return;
  }
  const started = performance.now();
  for (let i = 0; i < INSTANCES; i++) {
    const target: HistoryTarget = {
      id: `bench-dash-${i}`,
      name: `${SERVICE}-${String(i).padStart(2, '0')}`,
      serviceName: SERVICE,
      url: `http://10.9.0.${i}:6060/debug/vars`,
      seed: 31 + i,
      customVars: true,
    };
    const outcome = await fillHistory(client, [target], START, END, {
      refresh: false,
      chunk: 5_000,
    });
    if (outcome.failed > 0) throw new Error(`bulk refused documents: ${outcome.firstError}`);
    process.stdout.write(
      `  loaded ${i + 1}/${INSTANCES} instances (${((performance.now() - started) / 1000).toFixed(
        0
      )} s)\n`
    );
  }
  await client.indices.refresh({ index: 'metrics-go_runtime.*' });
  await client.indices
    .forcemerge({ index: 'metrics-go_runtime.*', max_num_segments: 8 })
    .catch(() => undefined);
}

/** Writes the three sources' documents of SERVICE unless a previous run left them. */
async function loadSources(client: Client) {
  await installSourceTemplates(client);
  const expected = INSTANCES * DAYS * 8_640;
  const have = await client
    .count({ index: SOURCE_INDICES.apm(), ignore_unavailable: true, allow_no_indices: true })
    .catch(() => ({ count: 0 }));
  if (have.count >= expected * 0.99) {
    process.stdout.write(`reusing ${have.count} APM documents (and the other sources')\n`);
    return;
  }
  const started = performance.now();
  const simulation = (i: number) => ({ from: START, to: END, periodMs: 10_000, seed: 97 + i });
  const builders: Array<(i: number) => SourceDocument[]> = [
    (i) =>
      apmDocuments({
        ...simulation(i),
        service: SERVICE,
        node: `${SERVICE}-apm-${i}`,
        host: `apm-host-${i}`,
      }),
    (i) =>
      integrationDocuments({
        ...simulation(i),
        address: integrationAddress(i),
        customVars: (_m, n) => ({ requests: n * 7, queue: { depth: n % 13 } }),
      }),
    (i) => metricbeatDocuments({ ...simulation(i), address: metricbeatAddress(i) }),
  ];
  for (let i = 0; i < INSTANCES; i++) {
    for (const build of builders) {
      await writeSourceDocuments(client, build(i), { refresh: false, chunk: 5_000 });
    }
    process.stdout.write(
      `  loaded sources of ${i + 1}/${INSTANCES} instances (${(
        (performance.now() - started) /
        1000
      ).toFixed(0)} s)\n`
    );
  }
  await client.indices.refresh({ index: SOURCE_STREAMS });
  await client.indices
    .forcemerge({ index: SOURCE_STREAMS, max_num_segments: 8 })
    .catch(() => undefined);
}

/** The default config's sources, with the integration's and Metricbeat's addresses named. */
function benchSourcesContext(): QueryContext {
  const serviceNames = Array.from({ length: INSTANCES }, (_, i) => [
    { address: integrationAddress(i), name: SERVICE },
    { address: metricbeatAddress(i), name: SERVICE },
  ]).flat();
  const config = configSchema.validate({ sources: { serviceNames } });
  return { sources: sourceReaders(config.sources) };
}

type Query = (
  client: ElasticsearchClient,
  request: any,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
) => Promise<unknown>;

async function timeRuns(
  client: Client,
  run: () => Promise<unknown>,
  indices: string | string[] = PLUGIN_INDICES
): Promise<number[]> {
  for (let i = 0; i < 2; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await client.indices.clearCache({ index: indices, request: true, query: true });
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

async function queries(client: Client, context?: QueryContext) {
  const es = client as unknown as ElasticsearchClient;
  const indices = context ? [PLUGIN_INDICES, ...SOURCE_STREAMS] : PLUGIN_INDICES;
  const panels: Array<[string, Query]> = [
    ['heap', queryHeapPanel],
    ['gc_pauses', queryGcPausesPanel],
    ['gc_cycles', queryGcCyclesPanel],
    ['allocation_rate', queryAllocationRatePanel],
    ['mcache_mspan', queryMcacheMspanPanel],
    ['stack_other', queryStackOtherPanel],
    ['size_classes', querySizeClassesPanel],
    ['custom_vars', queryCustomVarsPanel],
    ['restarts', queryRestarts],
    [
      'services (list)',
      (c, r, s, signal, ctx) => queryServices(c, { from: r.from, to: r.to }, s, signal, ctx),
    ],
  ];
  process.stdout.write(
    `\n| range | query | p50 ms | p95 ms | baseline p50 | baseline p95 | p95 ÷ baseline p95 |\n|---|---|---|---|---|---|---|\n`
  );
  const rows: string[] = [];
  for (const [label, span] of [
    ['1 h', HOUR],
    ['24 h', 24 * HOUR],
    ['7 d', 7 * 24 * HOUR],
  ] as const) {
    const from = Math.max(START, END - span);
    const request = { from, to: END, service_name: SERVICE };
    const { bucketMs } = planBuckets({ fromMs: from, toMs: END, periodMs: 10_000 });
    const baseline = await timeRuns(
      client,
      () =>
        client.search({
          index: 'metrics-go_runtime.heap-*',
          size: 0,
          track_total_hits: false,
          query: {
            bool: {
              filter: [
                { range: { '@timestamp': { gte: from, lte: END } } },
                { term: { 'service.name': SERVICE } },
              ],
            },
          },
          aggs: {
            t: {
              date_histogram: { field: '@timestamp', fixed_interval: `${bucketMs}ms` },
              aggs: { v: { max: { field: 'golang.heap.allocations.allocated' } } },
            },
          },
        }),
      indices
    );
    const b50 = percentile(baseline, 50);
    const b95 = percentile(baseline, 95);
    for (const [name, query] of panels.filter(([n]) => ONLY === undefined || ONLY.includes(n))) {
      for (const split of name === 'heap' || name === 'gc_pauses' ? [false, true] : [false]) {
        const times = await timeRuns(
          client,
          () =>
            query(
              es,
              { ...request, ...(split ? { by_instance: true } : {}) },
              'default',
              undefined,
              context
            ),
          indices
        );
        const row = `| ${label} | ${name}${split ? ' (by instance)' : ''} | ${percentile(
          times,
          50
        ).toFixed(0)} | ${percentile(times, 95).toFixed(0)} | ${b50.toFixed(0)} | ${b95.toFixed(
          0
        )} | ${(percentile(times, 95) / b95).toFixed(1)} |`;
        rows.push(row);
        process.stdout.write(`${row}\n`);
      }
    }
  }
  return rows;
}

async function pageLoads(esUrl: string) {
  const port = await freePort();
  const host = new DevHost({
    ...DEFAULT_HOST_OPTIONS,
    esUrl,
    port,
    indexPrefix: '.kibana_bench_dashboard',
    logLevel: 'warn',
  });
  await host.start();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    const page = await context.newPage();
    const url = `${host.url}/app/goRuntime/services/${SERVICE}?rangeFrom=${new Date(
      END - 24 * HOUR
    ).toISOString()}&rangeTo=${new Date(END).toISOString()}&refreshPaused=true`;
    const times: number[] = [];
    for (let i = 0; i < PAGE_LOADS + 1; i++) {
      await page.goto('about:blank');
      const started = performance.now();
      await page.goto(url);
      for (const id of OWN_PANELS) {
        const panel = page.locator(
          `[data-test-subj="goRuntimePanel-${id}"][data-panel-status="data"]`
        );
        await panel
          .locator('.echChartStatus[data-ech-render-complete="true"]')
          .first()
          .waitFor({ state: 'attached', timeout: 60_000 });
      }
      // The first load builds caches in the browser and the host; it is not counted.
      if (i > 0) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const line = `page, 24 h, navigation → all ${OWN_PANELS.length} panels drawn: p50 ${percentile(
      times,
      50
    ).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms over ${times.length} loads`;
    process.stdout.write(`\n${line}\n`);
  } finally {
    await browser.close();
    await host.stop();
  }
}

async function main() {
  const es = await startElasticsearch({
    name: 'bench-dashboard',
    httpPort: Number(process.env.BENCH_ES_PORT ?? '9261'),
    heap: '1g',
  });
  const client = new Client({ node: es.url, requestTimeout: 600_000 });
  try {
    await load(client);
    const heap = (
      await client.count({
        index: 'metrics-go_runtime.heap-*',
        query: { term: { 'service.name': SERVICE } },
      })
    ).count;
    const expvar = (
      await client.count({
        index: 'metrics-go_runtime.expvar-*',
        query: { term: { 'service.name': SERVICE } },
      })
    ).count;
    process.stdout.write(
      `Elasticsearch ${es.version}; ${INSTANCES} instances × ${DAYS} d at 10 s: ${heap} heap and ${expvar} expvar documents; ${RUNS} runs per query\n`
    );
    await queries(client);
    if (SOURCES) {
      await loadSources(client);
      const counts = await Promise.all(
        SOURCE_STREAMS.map(async (index) => `${(await client.count({ index })).count} ${index}`)
      );
      process.stdout.write(
        `\nWith the three sources beside the plugin's own, all of service ${SERVICE}: ${counts.join(
          ', '
        )}\n`
      );
      await queries(client, benchSourcesContext());
    }
    if (PAGE_LOADS > 0) await pageLoads(es.url);
  } finally {
    await client.close();
    await es.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
