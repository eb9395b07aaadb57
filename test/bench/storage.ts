/**
 * Bytes per heap sample on disk, the plugin's layouts against the Golang integration's heap
 * document, in one run on one Elasticsearch. The series come from a simulated Go runtime
 * (test/fixtures/sim/go_runtime_sim.ts: counters growing, GCs following allocation, size
 * classes changing in proportion, restarts), go through the plugin's own derive and document
 * builder (deriveDocuments), and are indexed into one index per layout, force-merged to one
 * segment. Prints bytes/sample, the ratio to the integration, and where the plugin's bytes go
 * (_disk_usage). The series is generated again for each layout (seeded, so identically), so a
 * run of 1.2 M samples holds one bulk request at a time. `tsdb-*` are the size-class layouts
 * the plugin's was chosen over; `exp-*` are candidate changes measured against `plugin`.
 *
 *   ES_URL=http://127.0.0.1:9254 npx tsx test/bench/storage.ts     (or it starts one on BENCH_ES_PORT, default 9254)
 *   BENCH_INSTANCES=20 BENCH_SCRAPES=1000   series size (default 20 × 1000 at 10 s)
 *   BENCH_LAYOUTS=plugin,integration       only these layouts (names as printed)
 *   BENCH_DISK_USAGE=fields                 where the plugin's bytes go per field (and per part), not per group
 *   BENCH_DISK_USAGE_ALL=1                  _disk_usage of every layout, not only `plugin`
 */
import { flattenCustomVars } from '../../server/derive/custom_vars';
import { Client } from '@elastic/elasticsearch';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import {
  sizeClassCounters,
  sizeClassRows,
  type SizeClassRow,
} from '../../server/derive/size_classes';
import { heapTemplateMappings, heapTemplateSettings } from '../../server/storage/index_templates';
import { deriveDocuments, type ScrapedPayload } from '../../server/tasks/scrape_target';
import type { GcCursor } from '../../server/derive/gc_cursor';
import type { GcDerivation } from '../../server/derive/gc_pauses';
import type { MemStats } from '../../server/parse/expvar_payload';
import { GoRuntimeSim, prng, scrapeSchedule } from '../fixtures/sim/go_runtime_sim';
import { benchTarget } from './bench_target';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? '20');
const SCRAPES = Number(process.env.BENCH_SCRAPES ?? '1000');
const ONLY = process.env.BENCH_LAYOUTS?.split(',');
/** BENCH_DISK_USAGE=fields: per field instead of per group. */
const DETAIL = process.env.BENCH_DISK_USAGE === 'fields';
const INTERVAL_MS = 10_000;
const BULK_DOCS = 2_000;
const START = Date.parse('2026-06-01T00:00:00Z');

interface Sample {
  readonly instance: number;
  readonly slotIndex: number;
  readonly id: string;
  /** As the plugin builds it today (TSDB layout, size classes at the default period). */
  readonly plugin: Record<string, any>;
  /** The same with size classes every minute (go_runtime.sizeClasses.periodMinutes: 1). */
  readonly pluginEveryMinute: Record<string, any>;
  readonly rows: SizeClassRow[];
  readonly memstats: MemStats;
  readonly cmdline: readonly string[];
  readonly gc: GcDerivation;
  readonly scrapedAt: Date;
}

/** Counted while the series is generated (the same in every pass). */
const seriesStats = { samples: 0, sizeClassRows: 0, restarts: 0 };

/**
 * The whole series, generated again for each layout (the simulation is seeded, so every pass
 * yields the same samples): a 1.2 M-sample run never holds more than one bulk request.
 */
function* generateSamples(): Generator<Sample> {
  seriesStats.samples = 0;
  seriesStats.sizeClassRows = 0;
  seriesStats.restarts = 0;
  for (let instance = 0; instance < INSTANCES; instance++) {
    const target = benchTarget(
      `target-${instance}`,
      `svc-${instance % 4}-${instance}`,
      `svc-${instance % 4}`,
      `http://10.0.0.${instance}:6060/debug/vars`,
      500
    );
    const sim = new GoRuntimeSim({ seed: 1000 + instance });
    const jitter = prng(instance);
    let cursor: GcCursor | undefined;
    let previous: { mallocs: string[]; at: number } | undefined;
    for (const { slot, atMs } of scrapeSchedule(
      START,
      INTERVAL_MS,
      SCRAPES,
      (instance * 397) % INTERVAL_MS,
      jitter
    )) {
      const scrape = sim.scrape(atMs);
      const memstats = scrape.memstats as unknown as MemStats;
      const scraped: ScrapedPayload = {
        payload: { memstats, cmdline: scrape.cmdline, customVars: flattenCustomVars({}, 0) },
        scrapedAt: new Date(atMs),
        durationMs: 1 + jitter() * 3,
      };
      const derived = deriveDocuments(target, slot, scraped, cursor);
      const everyMinute = deriveDocuments(target, slot, scraped, cursor, {
        sizeClassPeriodMs: 60_000,
      });
      cursor = derived.gc!.cursor;
      const continued = derived.gc!.change === 'continued' && previous !== undefined;
      const rows = sizeClassRows(
        memstats.BySize ?? [],
        continued ? previous!.mallocs : undefined,
        continued ? (atMs - previous!.at) / 1000 : undefined
      );
      previous = {
        mallocs: (memstats.BySize ?? []).map((entry) => String(entry.Mallocs)),
        at: atMs,
      };
      const heap = derived.documents[0]!;
      seriesStats.samples += 1;
      seriesStats.sizeClassRows += rows.length;
      if (derived.gc!.change === 'restarted') seriesStats.restarts += 1;
      yield {
        instance,
        slotIndex: seriesStats.samples % SCRAPES,
        id: heap.id,
        plugin: heap.document as Record<string, any>,
        pluginEveryMinute: everyMinute.documents[0]!.document as Record<string, any>,
        rows,
        memstats,
        cmdline: (heap.document as any).golang.heap.cmdline ?? [],
        gc: derived.gc!,
        scrapedAt: scraped.scrapedAt,
      };
    }
  }
}

/**
 * The Golang integration's heap document (elastic/integrations packages/golang/data_stream/heap:
 * its fields.yml and sample_event.json), from the same MemStats and the same pause derivation,
 * with the envelope Elastic Agent adds.
 */
function integrationDocument(sample: Sample): Record<string, unknown> {
  const m = sample.memstats;
  const at = sample.scrapedAt.toISOString();
  const agentId = `0c1f7e2a-5b7d-4d3e-9a11-${String(sample.instance).padStart(12, '0')}`;
  return {
    '@timestamp': at,
    agent: {
      ephemeral_id: `e${agentId.slice(1)}`,
      id: agentId,
      name: `host-${sample.instance}`,
      type: 'filebeat',
      version: '9.5.3',
    },
    data_stream: { dataset: 'go_runtime.heap', namespace: 'default', type: 'logs' },
    ecs: { version: '8.11.0' },
    elastic_agent: { id: agentId, snapshot: false, version: '9.5.3' },
    event: {
      agent_id_status: 'verified',
      created: at,
      dataset: 'go_runtime.heap',
      ingested: new Date(sample.scrapedAt.getTime() + 900).toISOString().replace(/\.\d+Z$/, 'Z'),
      kind: 'metric',
      module: 'golang',
      type: ['info'],
    },
    golang: {
      heap: {
        allocations: {
          active: { bytes: Number(m.HeapInuse) },
          frees: { count: Number(m.Frees) },
          idle: { bytes: Number(m.HeapIdle) },
          object: { bytes: Number(m.HeapAlloc), count: Number(m.HeapObjects) },
          total: { bytes: Number(m.TotalAlloc) },
        },
        cmdline: sample.cmdline,
        gc: {
          cpu_fraction: m.GCCPUFraction,
          next_gc_limit: Number(m.NextGC),
          pause: {
            avg: { ns: sample.gc.avgNs ?? 0 },
            count: sample.gc.pauses.length,
            max: { ns: sample.gc.maxNs },
            sum: { ns: sample.gc.sumNs },
            total: { ns: Number(m.PauseTotalNs) },
          },
          total: { count: Number(m.NumGC) },
        },
        mallocs: { count: Number(m.Mallocs) },
        system: {
          released: { bytes: Number(m.HeapReleased) },
          stack: { bytes: Number(m.StackSys) },
          total: { bytes: Number(m.HeapSys) },
        },
      },
    },
    input: { type: 'httpjson' },
    tags: ['forwarded', 'golang-heap'],
  };
}

function integrationMappings() {
  const kw = { type: 'keyword', ignore_above: 1024 };
  const long = { type: 'long' };
  const p = (properties: Record<string, unknown>) => ({ properties });
  return {
    properties: {
      '@timestamp': { type: 'date' },
      agent: p({ ephemeral_id: kw, id: kw, name: kw, type: kw, version: kw }),
      // Fleet maps these constant_keyword, which lives in x-pack (not on dev/es); a keyword of one
      // value costs next to nothing in doc values either way.
      data_stream: p({ dataset: kw, namespace: kw, type: kw }),
      ecs: p({ version: kw }),
      elastic_agent: p({ id: kw, snapshot: { type: 'boolean' }, version: kw }),
      event: p({
        agent_id_status: kw,
        created: { type: 'date' },
        dataset: kw,
        ingested: { type: 'date' },
        kind: kw,
        module: kw,
        type: kw,
      }),
      golang: p({
        heap: p({
          allocations: p({
            active: p({ bytes: long }),
            frees: p({ count: long }),
            idle: p({ bytes: long }),
            object: p({ bytes: long, count: long }),
            total: p({ bytes: long }),
          }),
          cmdline: kw,
          gc: p({
            cpu_fraction: { type: 'float' },
            next_gc_limit: long,
            pause: p({
              avg: p({ ns: { type: 'float' } }),
              count: long,
              max: p({ ns: long }),
              sum: p({ ns: long }),
              total: p({ ns: long }),
            }),
            total: p({ count: long }),
          }),
          mallocs: p({ count: long }),
          system: p({
            released: p({ bytes: long }),
            stack: p({ bytes: long }),
            total: p({ bytes: long }),
          }),
        }),
      }),
      input: p({ type: kw }),
      tags: kw,
    },
  };
}

interface Layout {
  readonly name: string;
  readonly description: string;
  readonly settings: Record<string, unknown>;
  readonly mappings: Record<string, unknown>;
  /** A document per sample, or undefined to leave the sample out; with `id` for standard mode. */
  readonly document: (sample: Sample) => Record<string, unknown>;
  readonly withId: boolean;
}

const tsdbSettings = () => {
  const { 'index.auto_expand_replicas': _replicas, ...settings } = heapTemplateSettings();
  return settings;
};

function withoutSizeClasses(document: Record<string, any>): Record<string, any> {
  const copy = structuredClone(document);
  delete copy.golang.heap.size_classes;
  return copy;
}

/** Per class all four values of the nested rows, as flat TSDB fields. */
function fourFieldsDocument(sample: Sample): Record<string, any> {
  const copy = withoutSizeClasses(sample.plugin);
  copy.golang.heap.size_classes = Object.fromEntries(
    sample.rows.map((row) => [
      String(row.size),
      {
        live: row.live,
        mallocs: row.mallocs,
        frees: row.frees,
        ...(row.allocation_rate === undefined ? {} : { allocation_rate: row.allocation_rate }),
      },
    ])
  );
  return copy;
}

function fourFieldsMappings() {
  const mappings = heapTemplateMappings() as any;
  return {
    ...mappings,
    dynamic_templates: [
      ...mappings.dynamic_templates,
      {
        live: {
          path_match: 'golang.heap.size_classes.*.live',
          match_mapping_type: 'long',
          mapping: { type: 'long', time_series_metric: 'gauge' },
        },
      },
      {
        rate: {
          path_match: 'golang.heap.size_classes.*.allocation_rate',
          mapping: { type: 'double', time_series_metric: 'gauge' },
        },
      },
    ],
  };
}

/** A copy of the document without these dotted paths (objects or leaves). */
function without(document: Record<string, any>, paths: readonly string[]): Record<string, any> {
  const copy = structuredClone(document);
  for (const path of paths) {
    const keys = path.split('.');
    let node: any = copy;
    for (const key of keys.slice(0, -1)) node = node?.[key];
    if (node !== undefined) delete node[keys[keys.length - 1]!];
  }
  return copy;
}

/** The mappings with `edit` applied to every leaf (by dotted path), plus extra leaves. */
function transformMapping(
  mappings: any,
  edit: (leaf: Record<string, any>, path: string) => void,
  extra: Record<string, Record<string, unknown>> = {}
): Record<string, unknown> {
  const copy = structuredClone(mappings);
  const walk = (properties: Record<string, any>, prefix: string) => {
    for (const [key, value] of Object.entries(properties)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (value.properties !== undefined) walk(value.properties, path);
      else edit(value, path);
    }
  };
  walk(copy.properties, '');
  for (const [path, leaf] of Object.entries(extra)) {
    const keys = path.split('.');
    let node = copy.properties;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= { properties: {} };
      node = node[key].properties;
    }
    node[keys[keys.length - 1]!] = leaf;
  }
  return copy;
}

const LAYOUTS: Layout[] = [
  {
    name: 'tsdb-flat-4',
    description: 'TSDB, per class live/mallocs/frees/allocation_rate fields',
    settings: tsdbSettings(),
    mappings: fourFieldsMappings(),
    document: fourFieldsDocument,
    withId: false,
  },
  {
    name: 'tsdb-counters-10s',
    description: 'TSDB, per class mallocs/frees counters in every scrape',
    settings: tsdbSettings(),
    mappings: heapTemplateMappings(),
    document: (s) => ({
      ...withoutSizeClasses(s.plugin),
      golang: {
        heap: {
          ...withoutSizeClasses(s.plugin).golang.heap,
          size_classes: sizeClassCounters(s.rows),
        },
      },
    }),
    withId: false,
  },
  {
    name: 'plugin',
    description:
      'plugin now: TSDB, per class counters every 5 minutes, event.start doc values only, synthetic _source',
    settings: tsdbSettings(),
    mappings: heapTemplateMappings(),
    document: (s) => s.plugin,
    withId: false,
  },
  {
    name: 'plugin-stored-source',
    description: 'plugin now, stored _source (a cluster that refuses synthetic source)',
    settings: { ...tsdbSettings(), 'index.mapping.source.mode': 'stored' },
    mappings: heapTemplateMappings(),
    document: (s) => s.plugin,
    withId: false,
  },
  {
    name: 'plugin-stored-best-compr',
    description: 'plugin now, stored _source with best_compression',
    settings: {
      ...tsdbSettings(),
      'index.mapping.source.mode': 'stored',
      'index.codec': 'best_compression',
    },
    mappings: heapTemplateMappings(),
    document: (s) => s.plugin,
    withId: false,
  },
  {
    name: 'plugin-1m',
    description: 'plugin now with go_runtime.sizeClasses.periodMinutes: 1',
    settings: tsdbSettings(),
    mappings: heapTemplateMappings(),
    document: (s) => s.pluginEveryMinute,
    withId: false,
  },
  // Candidate changes to the plugin's layout, each measured alone against `plugin` (issue 7).
  {
    name: 'exp-no-rates',
    description: 'plugin without allocations.rate.* (derivable from the counters)',
    settings: tsdbSettings(),
    mappings: heapTemplateMappings(),
    document: (s) => without(s.plugin, ['golang.heap.allocations.rate']),
    withId: false,
  },
  {
    name: 'exp-no-pause-stats',
    description: 'plugin without gc.pause.count/sum/max/avg (derivable from durations)',
    settings: tsdbSettings(),
    mappings: heapTemplateMappings(),
    document: (s) =>
      without(s.plugin, [
        'golang.heap.gc.pause.count',
        'golang.heap.gc.pause.sum',
        'golang.heap.gc.pause.max',
        'golang.heap.gc.pause.avg',
      ]),
    withId: false,
  },
  {
    name: 'exp-no-keep-durations',
    description: 'plugin, durations without synthetic_source_keep (sorted in _source)',
    settings: tsdbSettings(),
    mappings: transformMapping(heapTemplateMappings(), (m, path) => {
      if (path === 'golang.heap.gc.pause.durations.ns') delete m.synthetic_source_keep;
    }),
    document: (s) => s.plugin,
    withId: false,
  },
  {
    name: 'exp-event-start-offset',
    description: 'plugin, event.start replaced by the fetch offset from @timestamp (ms, long)',
    settings: tsdbSettings(),
    mappings: transformMapping(heapTemplateMappings(), () => undefined, {
      'go_runtime.scrape.offset_ms': { type: 'long' },
    }),
    document: (s) => {
      const copy = without(s.plugin, ['event.start']);
      copy.go_runtime.scrape = {
        offset_ms: Date.parse(s.plugin.event.start) - Date.parse(s.plugin['@timestamp']),
      };
      return copy;
    },
    withId: false,
  },
  {
    name: 'exp-best-compression',
    description: 'plugin, index.codec: best_compression',
    settings: { ...tsdbSettings(), 'index.codec': 'best_compression' },
    mappings: heapTemplateMappings(),
    document: (s) => s.plugin,
    withId: false,
  },
  {
    name: 'exp-synthetic-id',
    description: 'plugin, index.mapping.synthetic_id: true',
    settings: { ...tsdbSettings(), 'index.mapping.synthetic_id': true },
    mappings: heapTemplateMappings(),
    document: (s) => s.plugin,
    withId: false,
  },
  {
    name: 'exp-bloom-24-bits',
    description: 'plugin, synthetic-id bloom filter at 24 bits/doc in every segment (undocumented)',
    settings: {
      ...tsdbSettings(),
      'index.mapping.synthetic_id': true,
      'index.synthetic_id.bloom_filter.small_segment_max_docs': 1,
      'index.synthetic_id.bloom_filter.large_segment_min_docs': 1,
    },
    mappings: heapTemplateMappings(),
    document: (s) => s.plugin,
    withId: false,
  },
  {
    name: 'tsdb-no-size-classes',
    description: 'TSDB, no size classes (reference)',
    settings: tsdbSettings(),
    mappings: heapTemplateMappings(),
    document: (s) => withoutSizeClasses(s.plugin),
    withId: false,
  },
  {
    name: 'integration',
    description: 'Golang integration heap doc, logs standard, best_compression',
    settings: { 'index.codec': 'best_compression' },
    mappings: integrationMappings(),
    document: integrationDocument,
    withId: false,
  },
  {
    name: 'integration-logsdb',
    description: 'Golang integration heap doc, logsdb (synthetic _source)',
    settings: { 'index.mode': 'logsdb' },
    mappings: integrationMappings(),
    document: integrationDocument,
    withId: false,
  },
];

async function measure(client: Client, layout: Layout) {
  const index = `bench-storage-${layout.name}`;
  await client.indices.delete({ index, ignore_unavailable: true });
  await client.indices.create({
    index,
    settings: {
      number_of_shards: 1,
      number_of_replicas: 0,
      refresh_interval: '-1',
      ...layout.settings,
    },
    mappings: layout.mappings as never,
  });
  const started = performance.now();
  let batch: Sample[] = [];
  const send = async () => {
    const operations = batch.flatMap((sample) => [
      { create: layout.withId ? { _id: sample.id } : {} },
      layout.document(sample),
    ]);
    batch = [];
    const response = await client.bulk({ index, operations });
    if (response.errors) {
      const first = response.items.find((item) => item.create?.error)?.create?.error;
      throw new Error(`${index}: bulk errors, first: ${JSON.stringify(first)}`);
    }
  };
  let total = 0;
  for (const sample of generateSamples()) {
    batch.push(sample);
    total += 1;
    if (batch.length === BULK_DOCS) await send();
  }
  if (batch.length > 0) await send();
  const indexSeconds = (performance.now() - started) / 1000;
  await client.indices.refresh({ index });
  await client.indices.forcemerge({ index, max_num_segments: 1 });
  const stats = await client.indices.stats({ index, metric: ['store', 'docs'] });
  const bytes = stats._all.primaries!.store!.size_in_bytes;
  const count = (await client.count({ index })).count;
  if (count !== total) throw new Error(`${index}: ${count} documents, expected ${total}`);
  return {
    index,
    bytes,
    samples: total,
    perSample: bytes / total,
    docsPerSecond: total / indexSeconds,
  };
}

/** _disk_usage per top-level-ish field group, largest first (per field and per part with DETAIL). */
async function diskUsage(client: Client, index: string, samples: number): Promise<string[]> {
  const response = (await client.indices.diskUsage({ index, run_expensive_tasks: true })) as any;
  const fields = response[index].fields as Record<
    string,
    {
      total_in_bytes: number;
      inverted_index?: { total_in_bytes: number };
      stored_fields_in_bytes?: number;
      doc_values_in_bytes?: number;
      points_in_bytes?: number;
    }
  >;
  const groups = new Map<string, { total: number; parts: number[] }>();
  for (const [name, usage] of Object.entries(fields)) {
    const group = DETAIL
      ? name.startsWith('golang.heap.size_classes.')
        ? 'golang.heap.size_classes.*'
        : name
      : name.startsWith('golang.heap.size_classes.')
      ? 'golang.heap.size_classes.*'
      : name.startsWith('golang.heap.')
      ? name.split('.').slice(0, 3).join('.') + '.*'
      : name;
    const entry = groups.get(group) ?? { total: 0, parts: [0, 0, 0, 0] };
    entry.total += usage.total_in_bytes;
    entry.parts[0] += usage.inverted_index?.total_in_bytes ?? 0;
    entry.parts[1] += usage.points_in_bytes ?? 0;
    entry.parts[2] += usage.doc_values_in_bytes ?? 0;
    entry.parts[3] += usage.stored_fields_in_bytes ?? 0;
    groups.set(group, entry);
  }
  const total = response[index].store_size_in_bytes as number;
  const perSample = (bytes: number) => (bytes / samples).toFixed(1);
  return [...groups.entries()]
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, DETAIL ? 40 : 12)
    .map(
      ([group, { total: bytes, parts }]) =>
        `    ${group.padEnd(46)} ${perSample(bytes).padStart(8)} B/sample  ${((bytes / total) * 100)
          .toFixed(1)
          .padStart(5)} %` +
        (DETAIL
          ? `  (inverted ${perSample(parts[0]!)}, points ${perSample(
              parts[1]!
            )}, doc values ${perSample(parts[2]!)}, stored ${perSample(parts[3]!)})`
          : '')
    );
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
    process.stdout.write(
      `Elasticsearch ${es.version}; ${INSTANCES} instances × ${SCRAPES} scrapes at 10 s = ${
        INSTANCES * SCRAPES
      } samples\n\n`
    );
    const results = new Map<string, { perSample: number; docsPerSecond: number }>();
    for (const layout of LAYOUTS) {
      if (ONLY !== undefined && !ONLY.includes(layout.name)) continue;
      const result = await measure(client, layout);
      if (results.size === 0)
        process.stdout.write(
          `  (${(seriesStats.sizeClassRows / seriesStats.samples).toFixed(
            1
          )} size classes/sample, ${seriesStats.restarts} restarts)\n`
        );
      results.set(layout.name, result);
      process.stdout.write(
        `  ${layout.name.padEnd(26)} ${result.perSample
          .toFixed(1)
          .padStart(8)} B/sample  ${result.docsPerSecond.toFixed(0).padStart(6)} docs/s  ${
          layout.description
        }\n`
      );
      if (layout.name === 'plugin' || process.env.BENCH_DISK_USAGE_ALL === '1') {
        for (const line of await diskUsage(client, result.index, result.samples))
          process.stdout.write(`${line}\n`);
      }
      await client.indices.delete({ index: result.index });
    }
    const integration = results.get('integration');
    if (integration !== undefined) {
      process.stdout.write('\n| layout | bytes / sample | × integration |\n|---|---|---|\n');
      for (const [name, result] of results) {
        process.stdout.write(
          `| ${name} | ${result.perSample.toFixed(1)} | ${(
            result.perSample / integration.perSample
          ).toFixed(2)} |\n`
        );
      }
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
