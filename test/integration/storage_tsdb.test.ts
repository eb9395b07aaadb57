/**
 * The heap data stream as a time series data stream, against the real Elasticsearch:
 * a doubled scrape of one slot stays one document, and the size-class heatmap, per-class rates
 * and LastGC (to the nanosecond) are queryable.
 * Documents come from the simulated Go runtime through the plugin's own derive and writer.
 */
import { flattenCustomVars } from '../../server/derive/custom_vars';
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import type { GcCursor } from '../../server/derive/gc_cursor';
import type { MemStats } from '../../server/parse/expvar_payload';
import { queryHeapSeries } from '../../server/queries/heap_series_query';
import { sizeClassHeatmap } from '../../server/queries/size_class_query';
import { chooseBucketMs } from '../../server/queries/heap_series_query';
import { DEFAULT_SIZE_CLASS_PERIOD_MS } from '../../server/derive/size_classes';
import { installIndexTemplates } from '../../server/storage/install_templates';
import {
  DEFAULT_CHUNK_LIMITS,
  toBufferedScrape,
  WriteBuffer,
  type DocumentToWrite,
} from '../../server/storage/write_buffer';
import { deriveDocuments } from '../../server/tasks/scrape_target';
import { benchTarget } from '../bench/bench_target';
import { GoRuntimeSim } from '../fixtures/sim/go_runtime_sim';
import { queryInstanceLatest } from '../../server/queries/instance_latest_query';
import { esClient } from '../harness/documents';

jest.setTimeout(180_000);

let client: Client;
const es = () => client as unknown as ElasticsearchClient;
beforeAll(() => {
  client = esClient();
});
afterAll(async () => {
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
    const hits = (
      await client.search({
        index,
        query: { match_all: {} },
        docvalue_fields: ['@timestamp', 'event.start'],
      })
    ).hits.hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]!.fields?.['@timestamp']).toEqual([new Date(slot).toISOString()]);
    expect(hits[0]!.fields?.['event.start']).toEqual([new Date(slot + 20).toISOString()]);
    expect(await settingsOf(index)).toEqual([
      { index: expect.stringMatching(/^\.ds-metrics-go_runtime\.heap-/), mode: 'time_series' },
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
    // The panel's own aggregation over this target, at the bucket the panel would choose.
    const { heatmap } = await sizeClassHeatmap(es(), {
      filter: [
        { range: { '@timestamp': { gte: from, lte: to, format: 'epoch_millis' } } },
        { term: { 'go_runtime.target.id': target.id } },
      ],
      bucketMs: chooseBucketMs(from, to, DEFAULT_SIZE_CLASS_PERIOD_MS),
      maxInstances: 1,
    });
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

    // LastGC beyond 2^53, to the nanosecond, from its doc value.
    const newest = scrapes.at(-1)!;
    const latest = await queryInstanceLatest(
      es(),
      { from, to, service_name: `svc-${ns}`, instance: 'node-2' },
      'default'
    );
    if (!latest.found) throw new Error('no latest document');
    expect(latest.at).toBe(newest.slot);
    expect(latest.values['golang.heap.gc.last_finished.ns']).toBe(String(newest.memstats.LastGC));
    expect(String(newest.memstats.LastGC).length).toBeGreaterThan(16);
  });
});
