/**
 * Bytes per sample on disk, the plugin's layouts against the Golang integration's documents, in
 * one run on one Elasticsearch. The series come from a simulated Go runtime
 * (test/fixtures/sim/go_runtime_sim.ts: counters growing, GCs following allocation, size
 * classes changing in proportion, restarts), go through the plugin's own derive and document
 * builders, and are indexed into one index per layout and data stream, force-merged to one
 * segment. A sample is everything written for one scrape: for the plugin its heap document and
 * its scrape health document, for the integration its heap and expvar documents
 * (elastic/integrations packages/golang/data_stream/{heap,expvar}). Prints bytes/sample, the
 * ratio to the integration (`integration`, the baseline), and where the plugin's bytes go
 * (_disk_usage). The series is generated again for each index (seeded, so identically), so a
 * run of 1.2 M samples holds one bulk request at a time.
 *
 * `plugin-synthetic` and `plugin-stored` are the two layouts the plugin installs (the cluster's
 * licence chooses, server/storage/source_layout.ts); `cand-*` are the stored-_source candidates
 * they were chosen from; `tsdb-*` and `exp-*` (BENCH_LAYOUTS=all) earlier size-class and field
 * experiments, heap only.
 *
 *   npx tsx test/bench/storage.ts              its own Elasticsearch on BENCH_ES_PORT (default 9254), or ES_URL
 *   BENCH_INSTANCES=20 BENCH_SCRAPES=60480     series size: 20 × 7 days at 10 s = 1.2 M samples (default 20 × 1000)
 *   BENCH_SMOKE=1                              a few seconds: 2 × 60 samples, the headline layouts, no _disk_usage (CI)
 *   BENCH_LAYOUTS=plugin-stored,integration    only these layouts (names as printed; `all`: every one)
 *   BENCH_DISK_USAGE=fields                    where the plugin's bytes go per field (and per part), not per group
 *   BENCH_DISK_USAGE_ALL=1                     _disk_usage of every layout, not only the plugin's
 */
import { flattenCustomVars } from '../../server/derive/custom_vars';
import { Client } from '@elastic/elasticsearch';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import {
  sizeClassCounters,
  sizeClassRows,
  type SizeClassRow,
} from '../../server/derive/size_classes';
import {
  heapLayoutMappings,
  heapSourceExcludes,
  heapTemplateMappings,
  heapTemplateSettings,
  scrapeTemplateMappings,
  scrapeTemplateSettings,
  type SourceMode,
} from '../../server/storage/index_templates';
import { buildScrapeHealthDocument } from '../../server/derive/scrape_health_document';
import {
  deriveDocuments,
  scrapeOrigin,
  type ScrapedPayload,
} from '../../server/tasks/scrape_target';
import type { GcCursor } from '../../server/derive/gc_cursor';
import type { GcDerivation } from '../../server/derive/gc_pauses';
import type { MemStats } from '../../server/parse/expvar_payload';
import { GoRuntimeSim, prng, scrapeSchedule } from '../fixtures/sim/go_runtime_sim';
import { benchTarget } from './bench_target';

/** BENCH_SMOKE=1: a run of seconds that still goes through every step (the CI smoke run). */
const SMOKE = process.env.BENCH_SMOKE === '1';
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? (SMOKE ? '2' : '20'));
const SCRAPES = Number(process.env.BENCH_SCRAPES ?? (SMOKE ? '60' : '1000'));
/** The layouts a run measures unless BENCH_LAYOUTS names others. */
const HEADLINE = [
  'plugin-synthetic',
  'plugin-stored',
  'cand-stored-untrimmed',
  'cand-stored-best-compr',
  'cand-stored-trim-metrics',
  'cand-stored-trim',
  'cand-stored-trim-durations',
  'cand-synthetic-best-compr',
  'integration',
  'integration-logsdb-stored',
  'integration-logsdb',
];
const ONLY =
  process.env.BENCH_LAYOUTS === 'all'
    ? undefined
    : process.env.BENCH_LAYOUTS?.split(',') ??
      (SMOKE ? ['plugin-synthetic', 'plugin-stored', 'integration'] : HEADLINE);
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
  /** The plugin's scrape health document of the same scrape. */
  readonly scrape: Record<string, any>;
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
    const payloadJitter = prng(10_000 + instance);
    const origin = scrapeOrigin(target);
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
        scrape: buildScrapeHealthDocument(origin, {
          slotMs: slot,
          startedAt: scraped.scrapedAt,
          durationMs: scraped.durationMs,
          status: 200,
          // A /debug/vars body of this runtime is about 8 kB.
          bytes: 7_800 + Math.round(payloadJitter() * 400),
        }),
      };
    }
  }
}

/** The envelope Elastic Agent's httpjson input and the package's pipeline give every document. */
function integrationEnvelope(sample: Sample, dataset: 'golang.heap' | 'golang.expvar') {
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
    data_stream: { dataset, namespace: 'default', type: 'logs' },
    ecs: { version: '8.5.1' },
    elastic_agent: { id: agentId, snapshot: false, version: '9.5.3' },
    event: {
      agent_id_status: 'verified',
      created: at,
      dataset,
      ingested: new Date(sample.scrapedAt.getTime() + 900).toISOString().replace(/\.\d+Z$/, 'Z'),
      kind: 'metric',
      module: 'golang',
      type: ['info'],
    },
    input: { type: 'httpjson' },
  };
}

/**
 * The Golang integration's heap document (elastic/integrations packages/golang/data_stream/heap:
 * fields/fields.yml, sample_event.json), from the same MemStats and the same pause derivation.
 */
function integrationHeapDocument(sample: Sample): Record<string, unknown> {
  const m = sample.memstats;
  return {
    ...integrationEnvelope(sample, 'golang.heap'),
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
    tags: ['forwarded', 'golang-heap'],
  };
}

/**
 * The Golang integration's expvar document of the same scrape (packages/golang/data_stream/expvar:
 * fields/fields.yml, the renames of elasticsearch/ingest_pipeline/default.yml, sample_event.json),
 * without `event.original` (kept only with the `preserve_original_event` tag) and without
 * `golang.expvar.custom` (the bench's runtime publishes no custom vars, like the plugin's side).
 * LastGC goes in as the exact integer, as the pipeline's rename keeps it.
 */
function integrationExpvarDocument(sample: Sample): string {
  const m = sample.memstats;
  const expvar = {
    buck_hash_sys: { bytes: Number(m.BuckHashSys) },
    cmdline: sample.cmdline,
    gc: {
      forced: Number(m.NumForcedGC),
      last_finished: { ns: '__LAST_GC__' },
      metadata: { memory: { bytes: Number(m.GCSys) } },
    },
    mcache: {
      allocated: { bytes: Number(m.MCacheInuse) },
      obtained: { bytes: Number(m.MCacheSys) },
    },
    mspan: { allocated: { bytes: Number(m.MSpanInuse) }, obtained: { bytes: Number(m.MSpanSys) } },
    obtained: {
      miscellaneous: { bytes: Number(m.OtherSys) },
      total: { bytes: Number(m.Sys) },
    },
    pointer: { lookups: Number(m.Lookups) },
    stack: { bytes: Number(m.StackInuse) },
  };
  const document = {
    ...integrationEnvelope(sample, 'golang.expvar'),
    golang: { expvar },
    service: { address: `http://10.0.0.${sample.instance}:6060` },
    tags: ['forwarded', 'golang-expvar'],
  };
  return JSON.stringify(document).replace('"__LAST_GC__"', String(m.LastGC));
}

const kw = { type: 'keyword', ignore_above: 1024 };
const long = { type: 'long' };
const p = (properties: Record<string, unknown>) => ({ properties });

/** The ECS and Fleet fields every integration document maps (base-fields.yml, ecs.yml). */
function integrationEnvelopeMappings() {
  return {
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
    input: p({ type: kw }),
    service: p({ address: kw }),
    tags: kw,
  };
}

function integrationHeapMappings() {
  return {
    properties: {
      ...integrationEnvelopeMappings(),
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
    },
  };
}

function integrationExpvarMappings() {
  const bytes = p({ bytes: long });
  return {
    properties: {
      ...integrationEnvelopeMappings(),
      golang: p({
        expvar: p({
          buck_hash_sys: bytes,
          cmdline: kw,
          gc: p({
            forced: long,
            last_finished: p({ ns: long }),
            metadata: p({ memory: bytes }),
          }),
          mcache: p({ allocated: bytes, obtained: bytes }),
          mspan: p({ allocated: bytes, obtained: bytes }),
          obtained: p({ miscellaneous: bytes, total: bytes }),
          pointer: p({ lookups: long }),
          stack: bytes,
        }),
      }),
    },
  };
}

/** One index of a layout: a data stream's settings, mappings and document per sample. */
interface Part {
  readonly stream: 'heap' | 'scrape' | 'expvar';
  readonly settings: Record<string, unknown>;
  readonly mappings: Record<string, unknown>;
  /** The document of a sample: an object, or JSON text where a number must stay exact. */
  readonly document: (sample: Sample) => Record<string, unknown> | string;
}

interface Layout {
  readonly name: string;
  readonly description: string;
  readonly parts: readonly Part[];
}

/** An experiment on the heap document alone (the `tsdb-*` and `exp-*` layouts). */
interface HeapExperiment {
  readonly name: string;
  readonly description: string;
  readonly settings: Record<string, unknown>;
  readonly mappings: Record<string, unknown>;
  readonly document: (sample: Sample) => Record<string, unknown>;
  readonly withId: boolean;
}

/** A bench index has one shard and no replica: the template's auto-expand is dropped. */
function withoutReplicas(settings: Record<string, unknown>): Record<string, unknown> {
  const { 'index.auto_expand_replicas': _replicas, ...rest } = settings;
  return rest;
}

const tsdbSettings = () => withoutReplicas(heapTemplateSettings());

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

const HEAP_EXPERIMENTS: HeapExperiment[] = [
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
    name: 'exp-base',
    description:
      'heap only: TSDB, per class counters every 5 minutes, event.start doc values only, synthetic _source',
    settings: tsdbSettings(),
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
  // Candidate changes to the plugin's layout, each measured alone against `exp-base` (issue 7).
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
];

/** The scrape health index as the plugin installs it for a source mode (never trimmed: rules read its `_source`). */
function scrapePart(mode: SourceMode, extra: Record<string, unknown> = {}): Part {
  return {
    stream: 'scrape',
    settings: { ...withoutReplicas(scrapeTemplateSettings({ sourceMode: mode })), ...extra },
    mappings: scrapeTemplateMappings(),
    document: (s) => s.scrape,
  };
}

function heapPart(
  mode: SourceMode,
  mappings: Record<string, unknown>,
  extra: Record<string, unknown> = {}
): Part {
  return {
    stream: 'heap',
    settings: { ...withoutReplicas(heapTemplateSettings({ sourceMode: mode })), ...extra },
    mappings,
    document: (s) => s.plugin,
  };
}

/** The plugin's heap mappings with a stored `_source` that leaves out these paths. */
function storedExcluding(excludes: readonly string[]): Record<string, unknown> {
  return { ...heapTemplateMappings(), _source: { excludes: [...excludes] } };
}

const BEST_COMPRESSION = { 'index.codec': 'best_compression' };
const DEFAULT_CODEC = { 'index.codec': 'default' };
/** Only the numeric and boolean metrics and the size classes: identity keywords and dates kept. */
const METRIC_EXCLUDES = ['golang.heap.size_classes.*', ...heapNumericFields()];

function heapNumericFields(): string[] {
  const fields: string[] = [];
  const walk = (properties: Record<string, any>, prefix: string) => {
    for (const [key, value] of Object.entries(properties)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (value.properties !== undefined) walk(value.properties, path);
      else if (
        path.startsWith('golang.heap.') &&
        ['long', 'double', 'boolean', 'unsigned_long'].includes(value.type) &&
        path !== 'golang.heap.gc.pause.durations.ns'
      )
        fields.push(path);
    }
  };
  walk((heapTemplateMappings() as any).properties, '');
  return fields;
}

const integrationParts = (settings: Record<string, unknown>): Part[] => [
  {
    stream: 'heap',
    settings,
    mappings: integrationHeapMappings(),
    document: integrationHeapDocument,
  },
  {
    stream: 'expvar',
    settings,
    mappings: integrationExpvarMappings(),
    document: integrationExpvarDocument,
  },
];

const LAYOUTS: Layout[] = [
  {
    name: 'plugin-synthetic',
    description: 'the plugin where the licence allows synthetic _source (heap + scrape health)',
    parts: [heapPart('synthetic', heapLayoutMappings('synthetic')), scrapePart('synthetic')],
  },
  {
    name: 'plugin-stored',
    description:
      'the plugin on any other licence: stored _source without what doc values hold, best_compression (heap + scrape health)',
    parts: [heapPart('stored', heapLayoutMappings('stored')), scrapePart('stored')],
  },
  {
    name: 'cand-stored-untrimmed',
    description: 'stored _source, whole document, default codec (what a Basic licence got before)',
    parts: [
      heapPart('stored', heapTemplateMappings(), DEFAULT_CODEC),
      scrapePart('stored', DEFAULT_CODEC),
    ],
  },
  {
    name: 'cand-stored-best-compr',
    description: 'stored _source, whole document, index.codec: best_compression',
    parts: [heapPart('stored', heapTemplateMappings()), scrapePart('stored')],
  },
  {
    name: 'cand-stored-trim-metrics',
    description:
      'stored _source without the numeric metrics and size classes (keywords, dates kept), default codec',
    parts: [
      heapPart('stored', storedExcluding(METRIC_EXCLUDES), DEFAULT_CODEC),
      scrapePart('stored', DEFAULT_CODEC),
    ],
  },
  {
    name: 'cand-stored-trim',
    description: 'plugin-stored with the default codec',
    parts: [
      heapPart('stored', heapLayoutMappings('stored'), DEFAULT_CODEC),
      scrapePart('stored', DEFAULT_CODEC),
    ],
  },
  {
    name: 'cand-stored-trim-durations',
    description:
      'plugin-stored, pause durations left out of _source too (doc values keep them, sorted: their order is lost)',
    parts: [
      heapPart(
        'stored',
        storedExcluding([...heapSourceExcludes(), 'golang.heap.gc.pause.durations.ns'])
      ),
      scrapePart('stored'),
    ],
  },
  {
    name: 'cand-synthetic-best-compr',
    description: 'plugin-synthetic with index.codec: best_compression',
    parts: [
      heapPart('synthetic', heapLayoutMappings('synthetic'), BEST_COMPRESSION),
      scrapePart('synthetic', BEST_COMPRESSION),
    ],
  },
  {
    name: 'integration',
    description:
      'BASELINE: Golang integration heap + expvar documents, standard index, best_compression',
    parts: integrationParts(BEST_COMPRESSION),
  },
  {
    name: 'integration-logsdb-stored',
    description:
      'Golang integration heap + expvar, logsdb (9.x logs-*-* default) on Basic: stored _source',
    parts: integrationParts({ 'index.mode': 'logsdb', 'index.mapping.source.mode': 'stored' }),
  },
  {
    name: 'integration-logsdb',
    description: 'Golang integration heap + expvar, logsdb with synthetic _source (paid licence)',
    parts: integrationParts({ 'index.mode': 'logsdb' }),
  },
  ...HEAP_EXPERIMENTS.map(
    (experiment): Layout => ({
      name: experiment.name,
      description: `heap only: ${experiment.description}`,
      parts: [
        {
          stream: 'heap',
          settings: experiment.settings,
          mappings: experiment.mappings,
          document: experiment.document,
        },
      ],
    })
  ),
];

/**
 * A stored `_source` with `excludes` makes Elasticsearch keep the whole document as
 * `_recovery_source` until the shard's peer-recovery retention lease has passed it (renewed
 * every 30 s); merges after that drop it. In a data stream that is every document but the last
 * seconds, so the bench waits for the lease before its force merge, or it would count a copy
 * Elasticsearch does not keep. (The smoke run does not wait: its figures include that copy.)
 */
async function awaitRecoverySourcePrunable(client: Client, index: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const stats = (await client.indices.stats({ index, level: 'shards' })) as any;
    const shard = stats.indices[index].shards['0'][0];
    const maxSeqNo: number = shard.seq_no.max_seq_no;
    const leases: Array<{ retaining_seq_no: number }> = shard.retention_leases?.leases ?? [];
    if (leases.length > 0 && leases.every((lease) => lease.retaining_seq_no > maxSeqNo)) return;
    if (Date.now() > deadline)
      throw new Error(`${index}: retention leases did not pass seq_no ${maxSeqNo} in 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Indexes one part of a layout and returns its size once merged to one segment. */
async function measurePart(client: Client, layout: Layout, part: Part) {
  const index = `bench-storage-${layout.name}-${part.stream}`;
  await client.indices.delete({ index, ignore_unavailable: true });
  await client.indices.create({
    index,
    settings: {
      number_of_shards: 1,
      number_of_replicas: 0,
      refresh_interval: '-1',
      ...part.settings,
    },
    mappings: part.mappings as never,
  });
  const started = performance.now();
  let operations: Array<Record<string, unknown> | string> = [];
  const send = async () => {
    const response = await client.bulk({ index, operations: operations as never });
    operations = [];
    if (response.errors) {
      const first = response.items.find((item) => item.create?.error)?.create?.error;
      throw new Error(`${index}: bulk errors, first: ${JSON.stringify(first)}`);
    }
  };
  let total = 0;
  const half = Math.floor((INSTANCES * SCRAPES) / 2);
  for (const sample of generateSamples()) {
    operations.push({ create: {} }, part.document(sample));
    total += 1;
    if (operations.length === BULK_DOCS * 2) await send();
    // Two segments at least, so that the force merge below rewrites every document.
    if (total === half) {
      if (operations.length > 0) await send();
      await client.indices.flush({ index });
    }
  }
  if (operations.length > 0) await send();
  const indexSeconds = (performance.now() - started) / 1000;
  await client.indices.flush({ index });
  if (!SMOKE) await awaitRecoverySourcePrunable(client, index);
  await client.indices.forcemerge({ index, max_num_segments: 1 });
  // A new commit, so the files of the segments merged away are not kept for the older one.
  await client.indices.flush({ index, force: true });
  const stats = await client.indices.stats({ index, metric: ['store', 'docs'] });
  const bytes = stats._all.primaries!.store!.size_in_bytes;
  const count = (await client.count({ index })).count;
  if (count !== total) throw new Error(`${index}: ${count} documents, expected ${total}`);
  return { index, bytes, samples: total, seconds: indexSeconds };
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
    // Its own data folder: a smoke run in `npm test` beside a measuring run must not share one.
    name: SMOKE ? 'bench-smoke' : 'bench',
    httpPort: Number(process.env.BENCH_ES_PORT ?? '9254'),
    heap: SMOKE ? '512m' : '1g',
    security: false,
  });
  const client = new Client({ node: es.url, requestTimeout: 600_000 });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    out(
      `Elasticsearch ${es.version}; ${INSTANCES} instances × ${SCRAPES} scrapes at 10 s = ${
        INSTANCES * SCRAPES
      } samples${SMOKE ? ' (smoke run)' : ''}`
    );
    out(
      'A sample: the plugin writes a heap and a scrape health document, the integration a heap and an expvar document.\n'
    );
    const results = new Map<string, { perSample: number; parts: string }>();
    for (const layout of LAYOUTS) {
      if (ONLY !== undefined && !ONLY.includes(layout.name)) continue;
      let bytes = 0;
      let samples = 0;
      let seconds = 0;
      const parts: string[] = [];
      for (const part of layout.parts) {
        const result = await measurePart(client, layout, part);
        bytes += result.bytes;
        samples = result.samples;
        seconds += result.seconds;
        parts.push(`${part.stream} ${(result.bytes / result.samples).toFixed(1)}`);
        if (
          !SMOKE &&
          ((layout.name.startsWith('plugin-') && part.stream === 'heap') ||
            process.env.BENCH_DISK_USAGE_ALL === '1')
        ) {
          out(`  _disk_usage of ${result.index}:`);
          for (const line of await diskUsage(client, result.index, result.samples)) out(line);
        }
        await client.indices.delete({ index: result.index });
      }
      if (results.size === 0)
        out(
          `  (${(seriesStats.sizeClassRows / seriesStats.samples).toFixed(
            1
          )} size classes/sample, ${seriesStats.restarts} restarts)`
        );
      const perSample = bytes / samples;
      results.set(layout.name, { perSample, parts: parts.join(' + ') });
      out(
        `  ${layout.name.padEnd(28)} ${perSample.toFixed(1).padStart(8)} B/sample  ${(
          samples / seconds
        )
          .toFixed(0)
          .padStart(6)} samples/s  ${layout.description} (${parts.join(' + ')})`
      );
    }
    const baseline = results.get('integration');
    if (baseline !== undefined) {
      out('\n| layout | bytes / sample | per data stream | × integration |\n|---|---|---|---|');
      for (const [name, result] of results)
        out(
          `| ${name} | ${result.perSample.toFixed(1)} | ${result.parts} | ${(
            result.perSample / baseline.perSample
          ).toFixed(2)} |`
        );
      // The figure lines the closing note and the CI smoke test read.
      for (const name of ['plugin-stored', 'plugin-synthetic']) {
        const result = results.get(name);
        if (result !== undefined)
          out(
            `RATIO ${name} ${result.perSample.toFixed(1)} B/sample = ${(
              result.perSample / baseline.perSample
            ).toFixed(2)}× integration (${baseline.perSample.toFixed(1)} B/sample)`
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
