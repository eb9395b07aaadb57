/**
 * The heap data stream as a time series data stream, against the real Elasticsearch:
 * a doubled scrape of one slot stays one document, the size-class heatmap and per-class rates
 * are queryable, and a data stream that started in the standard layout (template version 4)
 * keeps working across the upgrade, with the queries reading both layouts.
 * Documents come from the simulated Go runtime through the plugin's own derive and writer.
 */
import { flattenCustomVars } from '../../server/derive/custom_vars';
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import type { GcCursor } from '../../server/derive/gc_cursor';
import type { MemStats } from '../../server/parse/expvar_payload';
import { queryHeapSeries } from '../../server/queries/heap_series_query';
import { querySizeClasses } from '../../server/queries/size_class_query';
import {
  HEAP_TEMPLATE_NAME,
  heapTemplateSettings,
  installIndexTemplates,
  type InstallOutcome,
} from '../../server/storage/index_templates';
import {
  DEFAULT_CHUNK_LIMITS,
  toBufferedScrape,
  WriteBuffer,
  type DocumentToWrite,
} from '../../server/storage/write_buffer';
import { deriveDocuments } from '../../server/tasks/scrape_target';
import { benchTarget } from '../bench/bench_target';
import { GoRuntimeSim } from '../fixtures/sim/go_runtime_sim';
import {
  legacyHeapMappings,
  toLegacyDocument,
  v6HeapMappings,
} from '../fixtures/sim/legacy_layout';
import { queryInstanceLatest } from '../../server/queries/instance_latest_query';
import { sizeClassRows } from '../../server/derive/size_classes';
import { esClient } from '../harness/documents';

jest.setTimeout(180_000);

let client: Client;
const es = () => client as unknown as ElasticsearchClient;
beforeAll(() => {
  client = esClient();
});
afterAll(async () => {
  await installIndexTemplates(es(), { retention: '30d' });
  await client?.close();
});

const INTERVAL = 10_000;

/**
 * Writes through the poll task's own WriteBuffer, one scrape per document, and sums what
 * settled: a duplicate is a 409 the buffer counted, not a failure.
 */
async function writeDocuments(writer: ElasticsearchClient, documents: readonly DocumentToWrite[]) {
  const buffer = new WriteBuffer({
    maxBytes: 64 * 1024 * 1024,
    ...DEFAULT_CHUNK_LIMITS,
    flushIntervalMs: 0,
  });
  documents.forEach((document, slot) =>
    buffer.enqueue(toBufferedScrape(document.id, 0, slot, undefined, [document]))
  );
  const outcome = { written: 0, duplicates: 0, failures: [] as string[] };
  for (let attempt = 0; attempt < 20 && buffer.length > 0; attempt++) await buffer.flush(writer);
  expect(buffer.length).toBe(0);
  for (const settled of buffer.takeSettled(0)) {
    if (settled.outcome === 'written') {
      outcome.written += 1 - settled.duplicates;
      outcome.duplicates += settled.duplicates;
    } else outcome.failures.push(settled.outcome === 'rejected' ? settled.reason : 'dropped');
  }
  return outcome;
}

/** A target's scrapes of consecutive slots, as the poll task would write them, into namespace `ns`. */
function simulatedScrapes(
  ns: string,
  targetIndex: number,
  fromSlot: number,
  count: number,
  sizeClassPeriodMs?: number
) {
  const target = benchTarget(
    `tsdb-${ns}-${targetIndex}`,
    `node-${targetIndex}`,
    `svc-${ns}`,
    `http://10.1.0.${targetIndex}:6060/debug/vars`,
    500
  );
  const sim = new GoRuntimeSim({ seed: targetIndex + 7, restartChance: 0 });
  let cursor: GcCursor | undefined;
  const out: Array<{ slot: number; heap: DocumentToWrite; memstats: MemStats }> = [];
  for (let i = 0; i < count; i++) {
    const slot = fromSlot + i * INTERVAL;
    const scrape = sim.scrape(slot + 20);
    const memstats = scrape.memstats as unknown as MemStats;
    const derived = deriveDocuments(
      target,
      slot,
      {
        payload: { memstats, cmdline: scrape.cmdline, customVars: flattenCustomVars({}, 0) },
        scrapedAt: new Date(slot + 20),
        durationMs: 2,
      },
      cursor,
      { sizeClassPeriodMs }
    );
    cursor = derived.gc!.cursor;
    out.push({ slot, heap: inNamespace(derived.documents[0]!, ns), memstats });
  }
  return { target, scrapes: out };
}

function inNamespace(document: DocumentToWrite, ns: string): DocumentToWrite {
  const body = structuredClone(document.document) as Record<string, any>;
  body.data_stream.namespace = ns;
  return { ...document, index: `metrics-go_runtime.heap-${ns}`, document: body };
}

async function settingsOf(index: string): Promise<Array<{ index: string; mode: string }>> {
  const settings = await client.indices.getSettings({
    index,
    name: 'index.mode',
    flat_settings: true,
    include_defaults: true,
  });
  return Object.entries(settings)
    .map(([name, value]) => ({
      index: name,
      mode:
        (value.settings as any)?.['index.mode'] ??
        (value.defaults as any)?.['index.mode'] ??
        'standard',
    }))
    .sort((a, b) => a.index.localeCompare(b.index));
}

const minuteStart = (ms: number) => Math.floor(ms / 60_000) * 60_000;

describe('heap documents in a time series data stream', () => {
  it('a doubled or retried scrape of one slot yields one document (create answers 409)', async () => {
    await installIndexTemplates(es(), { retention: '30d' });
    const ns = `dbl${Date.now()}`;
    const slot = minuteStart(Date.now()) - 5 * 60_000 + 3_000;
    const { target, scrapes } = simulatedScrapes(ns, 1, slot, 1);
    const first = scrapes[0]!;
    expect(await writeDocuments(es(), [first.heap])).toEqual({
      written: 1,
      duplicates: 0,
      failures: [],
    });
    // The same bulk retried after a lost response.
    expect(await writeDocuments(es(), [first.heap])).toEqual({
      written: 0,
      duplicates: 1,
      failures: [],
    });
    // A second scrape of the same slot (another node, a retried task run): other values, later fetch.
    const other = new GoRuntimeSim({ seed: 99, restartChance: 0 }).scrape(slot + 700);
    const doubled = deriveDocuments(
      target,
      slot,
      {
        payload: {
          memstats: other.memstats as unknown as MemStats,
          cmdline: other.cmdline,
          customVars: flattenCustomVars({}, 0),
        },
        scrapedAt: new Date(slot + 700),
        durationMs: 5,
      },
      undefined
    );
    expect(await writeDocuments(es(), [inNamespace(doubled.documents[0]!, ns)])).toEqual({
      written: 0,
      duplicates: 1,
      failures: [],
    });

    const index = `metrics-go_runtime.heap-${ns}`;
    await client.indices.refresh({ index });
    const hits = (await client.search({ index, query: { match_all: {} } })).hits.hits;
    expect(hits).toHaveLength(1);
    expect((hits[0]!._source as any)['@timestamp']).toBe(new Date(slot).toISOString());
    expect((hits[0]!._source as any).event.start).toBe(new Date(slot + 20).toISOString());
    expect(await settingsOf(index)).toEqual([
      { index: expect.stringMatching(/^\.ds-metrics-golang\.heap-/), mode: 'time_series' },
    ]);
  });

  it('serves the size × time heatmap and per-class allocation rates', async () => {
    await installIndexTemplates(es(), { retention: '30d' });
    const ns = `heat${Date.now()}`;
    // Three hours at 10 s: size classes every 5 minutes (the default), 10-minute columns.
    const from = minuteStart(Date.now()) - 190 * 60_000;
    const { target, scrapes } = simulatedScrapes(ns, 2, from, 1080);
    const outcome = await writeDocuments(
      es(),
      scrapes.map((s) => s.heap)
    );
    expect(outcome).toMatchObject({ written: 1080, failures: [] });
    await client.indices.refresh({ index: `metrics-go_runtime.heap-${ns}` });
    // One slot in 30, and the process's first scrape.
    const carrying = scrapes.filter(
      (s) => (s.heap.document as any).golang.heap.size_classes !== undefined
    ).length;
    expect(carrying === 36 || carrying === 37).toBe(true);

    const to = from + 1080 * INTERVAL;
    const heatmap = await querySizeClasses(es(), { fromMs: from, toMs: to, targetId: target.id });
    expect(heatmap.bucket_ms).toBe(600_000);
    const classes = scrapes[0]!.memstats
      .BySize!.filter((c) => Number(c.Mallocs) > 0)
      .map((c) => Number(c.Size));
    for (const size of classes) expect(heatmap.sizes).toContain(size);
    expect(heatmap.buckets.length).toBeGreaterThanOrEqual(14);

    // The truth from the series itself: live objects at the last sample with size classes in a
    // bucket, and its mallocs delta to the previous bucket's per second of bucket distance.
    const withClasses = scrapes.filter(
      (s) => (s.heap.document as any).golang.heap.size_classes !== undefined
    );
    const lastIn = (bucketAt: number) =>
      withClasses
        .filter((s) => s.slot >= bucketAt && s.slot < bucketAt + heatmap.bucket_ms)
        .at(-1)!;
    const [previousBucket, bucket] = heatmap.buckets.slice(-3, -1);
    const size = classes[Math.floor(classes.length / 2)]!;
    const entry = (s: { memstats: MemStats }) =>
      s.memstats.BySize!.find((c) => Number(c.Size) === size)!;
    const last = entry(lastIn(bucket!.at));
    expect(bucket!.classes[String(size)]!.live).toBe(Number(last.Mallocs) - Number(last.Frees));
    const delta = Number(last.Mallocs) - Number(entry(lastIn(previousBucket!.at)).Mallocs);
    expect(bucket!.classes[String(size)]!.allocation_rate).toBeCloseTo(
      delta / ((bucket!.at - previousBucket!.at) / 1000),
      6
    );
    // Rates are positive where the class allocates, and the chart query works on the same data.
    expect(Object.values(bucket!.classes).some((cell) => (cell.allocation_rate ?? 0) > 0)).toBe(
      true
    );
    const series = await queryHeapSeries(es(), {
      fromMs: from,
      toMs: to,
      field: 'golang.heap.allocations.allocated',
      serviceName: `svc-${ns}`,
    });
    expect(series.series).toHaveLength(1);
  });

  it('upgrades a standard-mode data stream at the next install; queries read both layouts', async () => {
    const ns = `upg${Date.now()}`;
    const stream = `metrics-go_runtime.heap-${ns}`;
    // Before: template version 4 (standard mode, nested by_size, @timestamp = fetch time, own _id).
    await client.indices.putIndexTemplate({
      name: HEAP_TEMPLATE_NAME,
      index_patterns: ['metrics-go_runtime.heap-*'],
      data_stream: {},
      priority: 250,
      _meta: { managed_by: 'go-runtime-kibana', version: 4 },
      template: {
        settings: { 'index.auto_expand_replicas': '0-1' },
        mappings: legacyHeapMappings() as never,
      },
    });
    const from = minuteStart(Date.now()) - 240 * 60_000;
    const { target, scrapes } = simulatedScrapes(ns, 3, from, 1440);
    const old = scrapes.slice(0, 720);
    let previous: string[] | undefined;
    const legacyDocs = old.map((s) => {
      const rows = sizeClassRows(
        s.memstats.BySize!,
        previous,
        previous === undefined ? undefined : 10
      );
      previous = s.memstats.BySize!.map((c) => String(c.Mallocs));
      return { index: stream, id: s.heap.id, document: toLegacyDocument(s.heap.document, rows) };
    });
    expect(await writeDocuments(es(), legacyDocs)).toMatchObject({ written: 720, failures: [] });

    let installed: InstallOutcome | undefined;
    await installIndexTemplates(es(), {
      retention: '30d',
      onInstalled: (outcome) => (installed = outcome),
    });
    expect(installed!.rolledOver).toContain(stream);
    expect(
      await writeDocuments(
        es(),
        scrapes.slice(720).map((s) => s.heap)
      )
    ).toMatchObject({ written: 720, failures: [] });
    expect((await settingsOf(stream)).map((s) => s.mode)).toEqual(['standard', 'time_series']);
    // A second install finds the write index current and leaves the stream alone.
    await installIndexTemplates(es(), {
      retention: '30d',
      onInstalled: (outcome) => (installed = outcome),
    });
    expect(installed!.rolledOver).not.toContain(stream);
    await client.indices.refresh({ index: stream });

    const to = from + 1440 * INTERVAL;
    const series = await queryHeapSeries(es(), {
      fromMs: from,
      toMs: to,
      field: 'golang.heap.allocations.allocated',
      serviceName: `svc-${ns}`,
    });
    const points = series.series[0]!.points.filter(([, value]) => value !== null);
    const half = from + 720 * INTERVAL;
    expect(points.some(([at]) => at < half - series.bucket_ms)).toBe(true);
    expect(points.some(([at]) => at >= half)).toBe(true);

    const heatmap = await querySizeClasses(es(), { fromMs: from, toMs: to, targetId: target.id });
    const oldBuckets = heatmap.buckets.filter((b) => b.at < half - heatmap.bucket_ms);
    const newBuckets = heatmap.buckets.filter((b) => b.at >= half);
    expect(oldBuckets.length).toBeGreaterThan(5);
    expect(newBuckets.length).toBeGreaterThan(5);
    for (const bucket of [oldBuckets[2]!, newBuckets[2]!]) {
      expect(
        Object.values(bucket.classes).some(
          (cell) => cell.live > 0 && (cell.allocation_rate ?? 0) > 0
        )
      ).toBe(true);
    }
  });

  it('upgrades a version-6 TSDB data stream; LastGC and size classes read from both layouts', async () => {
    const ns = `v6${Date.now()}`;
    const stream = `metrics-go_runtime.heap-${ns}`;
    const name = `node-4`;
    // Before: template version 6 (size classes every minute, LastGC kept verbatim in _source).
    const { 'index.auto_expand_replicas': _replicas, ...tsdb } = heapTemplateSettings();
    await client.indices.putIndexTemplate({
      name: HEAP_TEMPLATE_NAME,
      index_patterns: ['metrics-go_runtime.heap-*'],
      data_stream: {},
      priority: 250,
      _meta: { managed_by: 'go-runtime-kibana', version: 6 },
      template: { settings: tsdb, mappings: v6HeapMappings() as never },
    });
    const from = minuteStart(Date.now()) - 240 * 60_000;
    const half = from + 720 * INTERVAL;
    const before = simulatedScrapes(ns, 4, from, 1440, 60_000);
    const after = simulatedScrapes(ns, 4, from, 1440);
    expect(
      await writeDocuments(
        es(),
        before.scrapes.slice(0, 720).map((s) => s.heap)
      )
    ).toMatchObject({ written: 720, failures: [] });
    await installIndexTemplates(es(), { retention: '30d' });
    expect(
      await writeDocuments(
        es(),
        after.scrapes.slice(720).map((s) => s.heap)
      )
    ).toMatchObject({ written: 720, failures: [] });
    await client.indices.refresh({ index: stream });

    // Whether the cluster rolled over (data-streams module) or kept the version-6 write index
    // (dev/es: an unbounded time series index cannot roll over), both halves read alike.
    const to = from + 1440 * INTERVAL;
    const heatmap = await querySizeClasses(es(), {
      fromMs: from,
      toMs: to,
      targetId: before.target.id,
    });
    expect(heatmap.bucket_ms).toBe(600_000);
    const oldBuckets = heatmap.buckets.filter((b) => b.at < half - heatmap.bucket_ms);
    const newBuckets = heatmap.buckets.filter((b) => b.at >= half + heatmap.bucket_ms);
    expect(oldBuckets.length).toBeGreaterThan(5);
    expect(newBuckets.length).toBeGreaterThan(5);
    for (const bucket of [oldBuckets[2]!, newBuckets[2]!])
      expect(
        Object.values(bucket.classes).some(
          (cell) => cell.live > 0 && (cell.allocation_rate ?? 0) > 0
        )
      ).toBe(true);

    // LastGC to the nanosecond from a version-6 document and from a version-7 one.
    for (const [range, scrape] of [
      [{ from, to: half - 1 }, before.scrapes[719]!],
      [{ from: half, to }, after.scrapes[1439]!],
    ] as const) {
      const latest = await queryInstanceLatest(
        es(),
        { ...range, service_name: `svc-${ns}`, instance: name },
        'default'
      );
      if (!latest.found) throw new Error('no latest document');
      expect(latest.at).toBe(scrape.slot);
      expect(latest.values['golang.heap.gc.last_finished.ns']).toBe(String(scrape.memstats.LastGC));
      expect(String(scrape.memstats.LastGC).length).toBeGreaterThan(16);
    }
  });
});
