/**
 * The services list on a fleet: BENCH_SERVICES services (default 1,000) × BENCH_INSTANCES
 * instances each (default 10) over 24 h, kept in Elasticsearch's data folder
 * (.data/es/bench-services-1n), so a second run reuses them.
 *
 * The documents are the plugin's own: BENCH_TEMPLATES simulated Go processes (default 10,
 * dev/demo/history.ts: counters growing, GCs with their pauses, one restart a day at a seeded
 * time, template 0 every 6 h) are built once by the plugin's document builder, and every
 * instance is one of them under its own service, instance name and target id, shifted by a
 * fraction of the period so that instances do not all report at the same instant. Scraped every
 * BENCH_PERIOD_S seconds (default 300): 10,000 instances at 10 s would be 86 M documents for
 * one day, more than this machine loads in an hour; at 5 minutes it is 2.9 M, and the query
 * reads every one of them all the same (its cost grows with the documents in the range and the
 * services, not with the period).
 *
 * Then the services route's query over the 24 h ending at the data's end, BENCH_RUNS times
 * (request cache cleared before each), next to a baseline in the same run on the same documents:
 * a `terms` aggregation on `service.name` alone, as many buckets as the list asks for. Then the
 * services page in Chromium, from navigation to the first row drawn, BENCH_PAGE_LOADS loads.
 *
 *   npx tsx test/bench/services_list.ts     # its own Elasticsearch on 9264 (BENCH_ES_PORT)
 *   BENCH_SERVICES=100 BENCH_INSTANCES=10 npx tsx test/bench/services_list.ts   # smaller
 */
import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { DAY_MS, historyDocuments, type HistoryTarget } from '../../dev/demo/history';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import { DEFAULT_HOST_OPTIONS, DevHost } from '../../dev/host/host';
import { MAX_SERVICES, queryServices } from '../../server/queries/services_query';
import { spaceFilter } from '../../server/queries/space_filter';
import { installIndexTemplates } from '../../server/storage/install_templates';
import { launchChromium } from '../harness/browser';
import { freePort } from '../harness/host_process';

const SERVICES = Number(process.env.BENCH_SERVICES ?? '1000');
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? '10');
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? '10');
const PERIOD_MS = Number(process.env.BENCH_PERIOD_S ?? '300') * 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? '20');
const PAGE_LOADS = Number(process.env.BENCH_PAGE_LOADS ?? '5');
const HOUR = 3_600_000;
// A fixed end, so the data folder can be reused across runs and days.
const END = Date.parse('2026-11-30T00:00:00Z');
const FROM = END - 24 * HOUR;
const PREFIX = 'bench-svc-';
const HEAP_INDEX = 'metrics-go_runtime.heap-*';

const serviceName = (s: number) => `${PREFIX}${String(s).padStart(4, '0')}`;

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

type Doc = Record<string, any>;

/** One simulated process's heap documents over the range, built by the plugin's builder. */
function templateDocuments(t: number): Doc[] {
  const target: HistoryTarget = {
    id: `template-${t}`,
    name: `template-${t}`,
    serviceName: 'template',
    url: `http://10.20.0.${t}:6060/debug/vars`,
    seed: 71 + t,
    intervalMs: PERIOD_MS,
    restartEveryMs: t === 0 ? 6 * HOUR : DAY_MS,
  };
  const docs: Doc[] = [];
  for (const { index, document } of historyDocuments(target, FROM - PERIOD_MS, END)) {
    if (index.startsWith('metrics-go_runtime.heap')) docs.push(document as Doc);
  }
  return docs;
}

/** The template's document as instance `i` of service `s` wrote it, `shiftMs` earlier. */
function asInstance(doc: Doc, s: number, i: number, shiftMs: number): Doc {
  const service = serviceName(s);
  const instance = `${service}-${String(i).padStart(2, '0')}`;
  const at = new Date(Date.parse(doc['@timestamp']) - shiftMs).toISOString();
  return {
    ...doc,
    '@timestamp': at,
    event: { ...doc.event, start: at },
    go_runtime: { target: { ...doc.go_runtime.target, id: `${instance}-id` } },
    service: {
      ...doc.service,
      name: service,
      address: `http://10.${20 + (s >> 8)}.${s & 255}.${i}:6060/debug/vars`,
      node: { name: instance },
    },
  };
}

async function load(client: Client) {
  await installIndexTemplates(client as unknown as ElasticsearchClient, {
    retention: '3650d',
    lookBackTime: `${Math.ceil((Date.now() - FROM) / DAY_MS) + 2}d`,
  });
  const templates = Array.from({ length: TEMPLATES }, (_, t) => templateDocuments(t));
  const expected = SERVICES * INSTANCES * templates[0]!.length;
  const have = await client
    .count({
      index: HEAP_INDEX,
      query: { prefix: { 'service.name': PREFIX } },
      ignore_unavailable: true,
      allow_no_indices: true,
    })
    .catch(() => ({ count: 0 }));
  if (have.count >= expected * 0.99) {
    process.stdout.write(`reusing ${have.count} heap documents\n`);
    return;
  }
  const started = performance.now();
  let operations: object[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const inFlight = new Set<Promise<void>>();
  const flush = async () => {
    const body = operations;
    operations = [];
    const request = client.bulk({ operations: body, refresh: false }).then((response) => {
      for (const item of response.items) {
        const status = item.create?.status ?? 0;
        // 409: already there from an interrupted load.
        if (status !== 201 && status !== 409) {
          failed++;
          firstError ??= JSON.stringify(item.create?.error);
        }
      }
    });
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    // Two requests in flight keep Elasticsearch busy while the next chunk is built.
    if (inFlight.size >= 2) await Promise.race(inFlight);
  };
  for (let s = 0; s < SERVICES; s++) {
    for (let i = 0; i < INSTANCES; i++) {
      const n = s * INSTANCES + i;
      const shiftMs = (n * 7_919) % PERIOD_MS;
      for (const doc of templates[n % TEMPLATES]!) {
        operations.push({ create: { _index: 'metrics-go_runtime.heap-default' } });
        operations.push(asInstance(doc, s, i, shiftMs));
        if (operations.length >= 20_000) await flush();
      }
    }
    if ((s + 1) % 100 === 0)
      process.stdout.write(
        `  loaded ${s + 1}/${SERVICES} services (${((performance.now() - started) / 1000).toFixed(
          0
        )} s)\n`
      );
  }
  if (operations.length > 0) await flush();
  await Promise.all(inFlight);
  if (failed > 0) throw new Error(`bulk refused ${failed} documents: ${firstError}`);
  await client.indices.refresh({ index: 'metrics-go_runtime.*' });
  await client.indices
    .forcemerge({ index: 'metrics-go_runtime.*', max_num_segments: 8 })
    .catch(() => undefined);
  process.stdout.write(
    `loaded in ${((performance.now() - started) / 1000).toFixed(0)} s (${
      templates[0]!.length
    } documents per instance)\n`
  );
}

async function timeRuns(client: Client, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 2; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await client.indices.clearCache({ index: 'metrics-go_runtime.*', request: true, query: true });
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

async function queries(client: Client) {
  const es = client as unknown as ElasticsearchClient;
  const baseline = await timeRuns(client, () =>
    client.search({
      index: HEAP_INDEX,
      size: 0,
      track_total_hits: false,
      query: {
        bool: {
          filter: [
            { range: { '@timestamp': { gte: FROM, lte: END, format: 'epoch_millis' } } },
            spaceFilter('default'),
          ],
        },
      },
      aggs: {
        services: {
          terms: { field: 'service.name', size: MAX_SERVICES + 1, order: { _key: 'asc' } },
        },
      },
    })
  );
  let listed = 0;
  const times = await timeRuns(client, async () => {
    const response = await queryServices(es, { from: FROM, to: END }, 'default');
    listed = response.services.length;
  });
  const b95 = percentile(baseline, 95);
  process.stdout.write(
    `\n| query | p50 ms | p95 ms | p95 ÷ baseline p95 |\n|---|---|---|---|\n` +
      `| baseline: terms on service.name | ${percentile(baseline, 50).toFixed(0)} | ${b95.toFixed(
        0
      )} | 1.0 |\n` +
      `| services list (${listed} rows) | ${percentile(times, 50).toFixed(0)} | ${percentile(
        times,
        95
      ).toFixed(0)} | ${(percentile(times, 95) / b95).toFixed(1)} |\n`
  );
}

async function pageLoads(esUrl: string) {
  const port = await freePort();
  const host = new DevHost({
    ...DEFAULT_HOST_OPTIONS,
    esUrl,
    port,
    indexPrefix: '.kibana_bench_services',
    logLevel: 'warn',
  });
  await host.start();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    const page = await context.newPage();
    const url = `${host.url}/app/goRuntime/services?rangeFrom=${new Date(
      FROM
    ).toISOString()}&rangeTo=${new Date(END).toISOString()}&refreshPaused=true`;
    const firstRow = page.locator(`[data-test-subj="goRuntimeServiceLink-${serviceName(0)}"]`);
    const times: number[] = [];
    for (let i = 0; i < PAGE_LOADS + 1; i++) {
      await page.goto('about:blank');
      const started = performance.now();
      await page.goto(url);
      await firstRow.waitFor({ state: 'visible', timeout: 120_000 });
      // The first load builds caches in the browser and the host; it is not counted.
      if (i > 0) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(
      `\nservices page, 24 h, navigation → first row drawn: p50 ${percentile(times, 50).toFixed(
        0
      )} ms, p95 ${percentile(times, 95).toFixed(0)} ms over ${times.length} loads\n`
    );
  } finally {
    await browser.close();
    await host.stop();
  }
}

async function main() {
  const es = await startElasticsearch({
    name: 'bench-services',
    httpPort: Number(process.env.BENCH_ES_PORT ?? '9264'),
    heap: '1g',
  });
  const client = new Client({ node: es.url, requestTimeout: 600_000 });
  try {
    await load(client);
    const heap = (
      await client.count({
        index: HEAP_INDEX,
        query: {
          bool: {
            filter: [
              { prefix: { 'service.name': PREFIX } },
              { range: { '@timestamp': { gte: FROM, lte: END, format: 'epoch_millis' } } },
            ],
          },
        },
      })
    ).count;
    process.stdout.write(
      `Elasticsearch ${es.version}; ${SERVICES} services × ${INSTANCES} instances, every ${
        PERIOD_MS / 1000
      } s: ${heap} heap documents in the 24 h; ${RUNS} runs per query\n`
    );
    await queries(client);
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
