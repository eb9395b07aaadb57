/**
 * Query time of the heap chart over 24 h, before and after, on the same simulated series: by
 * default 139 targets × 8,640 scrapes (24 h at 10 s) ≈ 1.2 M heap documents per layout, built
 * once by the plugin's own derive and written to both indices. "Before" is template version 6
 * (TSDB, size classes every minute; BENCH_BEFORE=v6, the default) or version 4 (standard mode,
 * nested size classes in every document; BENCH_BEFORE=v4); "after" is the plugin now. Prints
 * the median and p90 of the chart query (queryHeapSeries) for all services and for one, and
 * each index's bytes per sample after a force-merge to one segment.
 *
 *   ES_URL=http://127.0.0.1:9254 npx tsx test/bench/storage_query.ts
 *   BENCH_TARGETS=139 BENCH_SCRAPES=8640 BENCH_RUNS=15 BENCH_BEFORE=v6
 */
import { flattenCustomVars } from '../../server/derive/custom_vars';
import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import type { GcCursor } from '../../server/derive/gc_cursor';
import { sizeClassRows } from '../../server/derive/size_classes';
import type { MemStats } from '../../server/parse/expvar_payload';
import { queryHeapSeries } from '../../server/queries/heap_series_query';
import { heapTemplateMappings, heapTemplateSettings } from '../../server/storage/index_templates';
import { deriveDocuments } from '../../server/tasks/scrape_target';
import { GoRuntimeSim, prng, scrapeSchedule } from '../fixtures/sim/go_runtime_sim';
import {
  legacyHeapMappings,
  toLegacyDocument,
  v6HeapMappings,
} from '../fixtures/sim/legacy_layout';
import { benchTarget } from './bench_target';

const TARGETS = Number(process.env.BENCH_TARGETS ?? '139');
const SCRAPES = Number(process.env.BENCH_SCRAPES ?? '8640');
const RUNS = Number(process.env.BENCH_RUNS ?? '15');
const SERVICES = 10;
const START = Date.parse('2026-06-01T00:00:00Z');
const BEFORE_LAYOUT = process.env.BENCH_BEFORE === 'v4' ? 'v4' : 'v6';
const BEFORE = `bench-query-before-${BEFORE_LAYOUT}`;
const AFTER = 'bench-query-after';

async function load(client: Client) {
  const { 'index.auto_expand_replicas': _r, ...tsdb } = heapTemplateSettings();
  const layouts: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    BEFORE_LAYOUT === 'v4' ? [BEFORE, {}, legacyHeapMappings()] : [BEFORE, tsdb, v6HeapMappings()],
    [AFTER, tsdb, heapTemplateMappings()],
  ];
  for (const [index, settings, mappings] of layouts) {
    await client.indices.delete({ index, ignore_unavailable: true });
    await client.indices.create({
      index,
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        refresh_interval: '30s',
        ...settings,
      },
      mappings: mappings as never,
    });
  }
  let before: object[] = [];
  let after: object[] = [];
  const flush = async () => {
    const [a, b] = await Promise.all([
      client.bulk({ index: BEFORE, operations: before }),
      client.bulk({ index: AFTER, operations: after }),
    ]);
    if (a.errors || b.errors)
      throw new Error(
        `bulk errors: ${JSON.stringify(
          (a.errors ? a : b).items.find((i) => i.create?.error)?.create?.error
        )}`
      );
    before = [];
    after = [];
  };
  const started = performance.now();
  for (let t = 0; t < TARGETS; t++) {
    const target = benchTarget(
      `q-${t}`,
      `svc-${t % SERVICES}-${t}`,
      `svc-${t % SERVICES}`,
      `http://10.2.0.${t}:6060/debug/vars`,
      500
    );
    const sim = new GoRuntimeSim({ seed: 5000 + t });
    let cursor: GcCursor | undefined;
    let previous: string[] | undefined;
    for (const { slot, atMs } of scrapeSchedule(
      START,
      10_000,
      SCRAPES,
      (t * 397) % 10_000,
      prng(t)
    )) {
      const scrape = sim.scrape(atMs);
      const memstats = scrape.memstats as unknown as MemStats;
      const scraped = {
        payload: { memstats, cmdline: scrape.cmdline, customVars: flattenCustomVars({}, 0) },
        scrapedAt: new Date(atMs),
        durationMs: 2,
      };
      const previousCursor = cursor;
      const derived = deriveDocuments(target, slot, scraped, cursor);
      const continued = derived.gc!.change === 'continued';
      const rows = sizeClassRows(
        memstats.BySize!,
        continued ? previous : undefined,
        continued ? 10 : undefined
      );
      previous = memstats.BySize!.map((c) => String(c.Mallocs));
      cursor = derived.gc!.cursor;
      const heap = derived.documents[0]!;
      if (BEFORE_LAYOUT === 'v4')
        before.push({ create: { _id: heap.id } }, toLegacyDocument(heap.document, rows));
      else {
        // Version 6 stored the size classes every minute.
        const v6 = deriveDocuments(target, slot, scraped, previousCursor, {
          sizeClassPeriodMs: 60_000,
        });
        before.push({ create: {} }, v6.documents[0]!.document);
      }
      after.push({ create: {} }, heap.document);
      if (after.length >= 2_000) await flush();
    }
    if (t % 10 === 9)
      process.stdout.write(
        `  loaded ${t + 1}/${TARGETS} targets (${((performance.now() - started) / 1000).toFixed(
          0
        )} s)\n`
      );
  }
  if (after.length > 0) await flush();
  await client.indices.refresh({ index: [BEFORE, AFTER] });
  if (process.env.BENCH_FORCE_MERGE === '1')
    await client.indices.forcemerge({ index: [BEFORE, AFTER], max_num_segments: 1 });
}

async function time(
  client: Client,
  index: string,
  serviceName: string | undefined
): Promise<{ median: number; p90: number }> {
  const es = client as unknown as ElasticsearchClient;
  const params = {
    index,
    fromMs: START,
    toMs: START + SCRAPES * 10_000,
    field: 'golang.heap.allocations.allocated' as const,
    ...(serviceName === undefined ? {} : { serviceName }),
  };
  for (let i = 0; i < 3; i++) await queryHeapSeries(es, params);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await client.indices.clearCache({ index, request: true, query: true });
    const started = performance.now();
    await queryHeapSeries(es, params);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)]!,
    p90: times[Math.floor(times.length * 0.9)]!,
  };
}

async function main() {
  const es = await startElasticsearch({
    name: 'bench',
    httpPort: Number(process.env.BENCH_ES_PORT ?? '9254'),
    heap: '1g',
    security: false,
  });
  const client = new Client({ node: es.url, requestTimeout: 600_000 });
  try {
    if (process.env.BENCH_SKIP_LOAD !== '1') await load(client);
    const counts = await Promise.all(
      [BEFORE, AFTER].map(async (index) => (await client.count({ index })).count)
    );
    const stats = await client.indices.stats({
      index: [BEFORE, AFTER],
      metric: ['store', 'docs', 'segments'],
    });
    process.stdout.write(
      `Elasticsearch ${es.version}; heap documents: before ${counts[0]}, after ${counts[1]}\n`
    );
    for (const index of [BEFORE, AFTER]) {
      const primaries = stats.indices![index]!.primaries!;
      process.stdout.write(
        `  ${index}: ${primaries.docs!.count} Lucene docs, ${(
          primaries.store!.size_in_bytes / 1e6
        ).toFixed(0)} MB (${(
          primaries.store!.size_in_bytes / counts[[BEFORE, AFTER].indexOf(index)]!
        ).toFixed(1)} B/sample), ${primaries.segments!.count} segments\n`
      );
    }
    process.stdout.write(
      `\n| heap chart, 24 h | before (${
        BEFORE_LAYOUT === 'v4' ? 'v4 standard, nested' : 'v6 TSDB, size classes every minute'
      }) | after (v7 TSDB, size classes every 5 minutes) |\n|---|---|---|\n`
    );
    for (const [label, service] of [
      ['all services', undefined],
      ['one service', 'svc-3'],
    ] as const) {
      const b = await time(client, BEFORE, service);
      const a = await time(client, AFTER, service);
      process.stdout.write(
        `| ${label} | ${b.median.toFixed(0)} ms (p90 ${b.p90.toFixed(0)}) | ${a.median.toFixed(
          0
        )} ms (p90 ${a.p90.toFixed(0)}) |\n`
      );
    }
  } finally {
    await client.close();
    await es.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
