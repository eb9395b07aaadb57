import type { Client } from '@elastic/elasticsearch';

/**
 * Documents of the three external sources the plugin reads (common/sources.ts), in the exact
 * shapes the products write, and index templates whose mappings mirror the products' own field
 * definitions closely enough for the plugin's queries to meet the same types. Definitions read
 * (repository, path, commit of the stored version):
 * - APM Go agent samples: elastic/apm-agent-go `builtin_metrics.go` (module go.elastic.co/apm/v2
 *   v2.7.1, gatherMemStatsMetrics); stored by APM Server as internal metrics:
 *   elastic/apm-data model/modelprocessor/datastream.go (4b93eae0: metricsetDataset → apm.internal
 *   when every sample name is internal), internal_metrics.go (9ebf42c1: the golang.* names),
 *   nodename.go (169d5e8c: service.node.name ← container.id ← host.name); mapping
 *   elastic/apm-server apmpackage/apm/data_stream/internal_metrics/fields/go_metrics.yml
 *   (26b34ec1: long, `index: false`, cpu_fraction scaled_float) and manifest.yml (024a7986:
 *   `dynamic: strict`, type metrics, dataset apm.internal).
 * - Golang integration: elastic/integrations packages/golang/data_stream/heap/fields/fields.yml
 *   (5f55065e), heap/elasticsearch/ingest_pipeline/default.yml (2ad8b01a: MemStats → fields,
 *   per-period pause count/sum/max/avg from the httpjson cursor `last_num_gc`),
 *   heap/agent/stream/httpjson.yml.hbs (79eca52d: `service.address` = the configured hostname),
 *   expvar/fields/fields.yml (463f8932), expvar/elasticsearch/ingest_pipeline/default.yml
 *   (4c8ae666: memstats → golang.expvar.*, the rest of the JSON → golang.expvar.custom),
 *   expvar/manifest.yml (type logs).
 * - Metricbeat: elastic/beats metricbeat/module/golang/heap/_meta/fields.yml (651665ab: all long,
 *   cpu_fraction float) and heap/data.go (0304258f: Sys → system.total, HeapSys →
 *   system.obtained, per-period pauses since the previous fetch, zeros when none).
 */

/** Template names no plugin template (`go_runtime*`) can share. */
export const SOURCE_TEMPLATE_NAMES = {
  apm: 'test-source-apm-internal-metrics',
  golangHeap: 'test-source-golang-integration-heap',
  golangExpvar: 'test-source-golang-integration-expvar',
  metricbeat: 'test-source-metricbeat',
} as const;

/** The Metricbeat version whose data stream the documents go to (`metricbeat-<version>`). */
export const METRICBEAT_VERSION = '8.19.0';

export const SOURCE_INDICES = {
  apm: (namespace = 'default') => `metrics-apm.internal-${namespace}`,
  golangHeap: (namespace = 'default') => `logs-golang.heap-${namespace}`,
  golangExpvar: (namespace = 'default') => `logs-golang.expvar-${namespace}`,
  /** Metricbeat 8.x writes the data stream `metricbeat-<version>`; a suffix keeps tests apart. */
  metricbeat: (suffix?: string) => `metricbeat-${METRICBEAT_VERSION}${suffix ? `-${suffix}` : ''}`,
} as const;

/** One document and the data stream it is written to. */
export interface SourceDocument {
  readonly index: string;
  readonly document: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Templates

const keyword = { type: 'keyword', ignore_above: 1024 } as const;
const long = { type: 'long' } as const;
const date = { type: 'date' } as const;
/*
 * The test Elasticsearch (dev/es) has neither the constant-keyword plugin nor mapper-extras, so
 * three types the products declare stand in by the nearest core type: constant_keyword →
 * keyword (same term queries), match_only_text → text, scaled_float → double. A scaled_float
 * aggregates as a double rounded to 1/scaling_factor; docs/sources.md notes what that costs.
 */
const constantKeyword = keyword;
const matchOnlyText = { type: 'text' } as const;
/** Fleet gives a scaled_float without a factor `scaling_factor: 1000`. */
const scaledFloat = { type: 'double', index: false } as const;

/** Nested `properties` from dotted names, as Elasticsearch stores them. */
function properties(fields: Record<string, object>): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [name, mapping] of Object.entries(fields)) {
    const parts = name.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= { properties: {} };
      node = node[part].properties;
    }
    node[parts[parts.length - 1]!] = mapping;
  }
  return root;
}

const dataStreamFields = {
  'data_stream.type': constantKeyword,
  'data_stream.dataset': constantKeyword,
  'data_stream.namespace': constantKeyword,
};

/** go_metrics.yml: every golang.* sample `long`, not indexed (doc values only). */
const APM_GOLANG_LONG = [
  'golang.goroutines',
  'golang.heap.allocations.mallocs',
  'golang.heap.allocations.frees',
  'golang.heap.allocations.objects',
  'golang.heap.allocations.total',
  'golang.heap.allocations.allocated',
  'golang.heap.allocations.idle',
  'golang.heap.allocations.active',
  'golang.heap.system.total',
  'golang.heap.system.obtained',
  'golang.heap.system.stack',
  'golang.heap.system.released',
  'golang.heap.gc.total_pause.ns',
  'golang.heap.gc.total_count',
  'golang.heap.gc.next_gc_limit',
] as const;

/** The system.* samples the Go agent sends in the same metricset (system_metrics.yml). */
const APM_SYSTEM_FIELDS: Record<string, object> = {
  'system.cpu.total.norm.pct': scaledFloat,
  'system.process.cpu.total.norm.pct': scaledFloat,
  'system.memory.total': { type: 'long', index: false },
  'system.memory.actual.free': { type: 'long', index: false },
  'system.process.memory.size': { type: 'long', index: false },
  'system.process.memory.rss.bytes': { type: 'long', index: false },
};

const APM_MAPPINGS = {
  // The internal metrics data stream is strictly mapped: a field APM Server would not write
  // fails the write here too.
  dynamic: 'strict',
  properties: properties({
    '@timestamp': date,
    ...dataStreamFields,
    'agent.name': keyword,
    'agent.version': keyword,
    'agent.ephemeral_id': keyword,
    'service.name': keyword,
    'service.node.name': keyword,
    'service.version': keyword,
    'service.environment': keyword,
    'service.language.name': keyword,
    'service.language.version': keyword,
    'service.runtime.name': keyword,
    'service.runtime.version': keyword,
    'host.name': keyword,
    'host.hostname': keyword,
    'host.architecture': keyword,
    'host.os.platform': keyword,
    'container.id': keyword,
    'process.pid': long,
    'process.title': keyword,
    'processor.event': keyword,
    'metricset.name': keyword,
    // Breakdown metricsets share the data stream (apm_intake.ts writes them too).
    'transaction.name': keyword,
    'transaction.type': keyword,
    'span.type': keyword,
    'span.subtype': keyword,
    'span.self_time.count': long,
    'span.self_time.sum.us': long,
    'observer.hostname': keyword,
    'observer.type': keyword,
    'observer.version': keyword,
    'event.agent_id_status': keyword,
    'event.ingested': date,
    labels: { type: 'object', dynamic: true },
    ...Object.fromEntries(APM_GOLANG_LONG.map((name) => [name, { type: 'long', index: false }])),
    'golang.heap.gc.cpu_fraction': scaledFloat,
    ...APM_SYSTEM_FIELDS,
  }),
};

const INTEGRATION_COMMON_FIELDS = {
  '@timestamp': date,
  ...dataStreamFields,
  'ecs.version': keyword,
  'error.message': matchOnlyText,
  'event.dataset': keyword,
  'event.kind': keyword,
  'event.module': keyword,
  'event.type': keyword,
  'event.created': date,
  'event.ingested': date,
  'event.original': { type: 'keyword', index: false, doc_values: false },
  'input.type': keyword,
  tags: keyword,
  'agent.id': keyword,
  'agent.name': keyword,
  'agent.type': keyword,
  'agent.version': keyword,
  'agent.ephemeral_id': keyword,
  'elastic_agent.id': keyword,
  'elastic_agent.version': keyword,
  'elastic_agent.snapshot': { type: 'boolean' },
  // ECS fields from the stack's ecs@mappings, which the package templates compose.
  'service.address': keyword,
  'service.name': keyword,
};

const GOLANG_HEAP_MAPPINGS = {
  properties: properties({
    ...INTEGRATION_COMMON_FIELDS,
    'golang.heap.allocations.active.bytes': long,
    'golang.heap.allocations.frees.count': long,
    'golang.heap.allocations.idle.bytes': long,
    'golang.heap.allocations.object.bytes': long,
    'golang.heap.allocations.object.count': long,
    'golang.heap.allocations.total.bytes': long,
    'golang.heap.cmdline': keyword,
    'golang.heap.gc.cpu_fraction': { type: 'float' },
    'golang.heap.gc.next_gc_limit': long,
    'golang.heap.gc.pause.avg.ns': { type: 'float' },
    'golang.heap.gc.pause.count': long,
    'golang.heap.gc.pause.max.ns': long,
    'golang.heap.gc.pause.sum.ns': long,
    'golang.heap.gc.pause.total.ns': long,
    'golang.heap.gc.total.count': long,
    'golang.heap.mallocs.count': long,
    'golang.heap.system.released.bytes': long,
    'golang.heap.system.stack.bytes': long,
    'golang.heap.system.total.bytes': long,
  }),
};

const GOLANG_EXPVAR_MAPPINGS = {
  // golang.expvar.custom is undeclared: its fields are mapped dynamically, as in the package.
  properties: properties({
    ...INTEGRATION_COMMON_FIELDS,
    'golang.expvar.buck_hash_sys.bytes': long,
    'golang.expvar.cmdline': keyword,
    'golang.expvar.gc.forced': long,
    'golang.expvar.gc.last_finished.ns': long,
    'golang.expvar.gc.metadata.memory.bytes': long,
    'golang.expvar.mcache.allocated.bytes': long,
    'golang.expvar.mcache.obtained.bytes': long,
    'golang.expvar.mspan.allocated.bytes': long,
    'golang.expvar.mspan.obtained.bytes': long,
    'golang.expvar.obtained.miscellaneous.bytes': long,
    'golang.expvar.obtained.total.bytes': long,
    'golang.expvar.pointer.lookups': long,
    'golang.expvar.stack.bytes': long,
  }),
};

const METRICBEAT_MAPPINGS = {
  properties: properties({
    '@timestamp': date,
    'ecs.version': keyword,
    'agent.name': keyword,
    'agent.type': keyword,
    'agent.version': keyword,
    'agent.id': keyword,
    'agent.ephemeral_id': keyword,
    'host.name': keyword,
    'event.module': keyword,
    'event.dataset': keyword,
    'event.duration': long,
    'metricset.name': keyword,
    'metricset.period': long,
    'service.address': keyword,
    'service.name': keyword,
    'service.type': keyword,
    'golang.heap.cmdline': keyword,
    'golang.heap.gc.total_pause.ns': long,
    'golang.heap.gc.total_count': long,
    'golang.heap.gc.next_gc_limit': long,
    'golang.heap.gc.cpu_fraction': { type: 'float' },
    'golang.heap.gc.pause.count': long,
    'golang.heap.gc.pause.sum.ns': long,
    'golang.heap.gc.pause.max.ns': long,
    'golang.heap.gc.pause.avg.ns': long,
    'golang.heap.system.total': long,
    'golang.heap.system.obtained': long,
    'golang.heap.system.stack': long,
    'golang.heap.system.released': long,
    'golang.heap.allocations.mallocs': long,
    'golang.heap.allocations.frees': long,
    'golang.heap.allocations.objects': long,
    'golang.heap.allocations.total': long,
    'golang.heap.allocations.allocated': long,
    'golang.heap.allocations.idle': long,
    'golang.heap.allocations.active': long,
  }),
};

// Above Elasticsearch's built-in `logs`/`metrics` templates (100) and the plugin's own (250).
const PRIORITY = 400;

/**
 * Installs the four templates (idempotent). Data streams are created by the first write. The
 * test Elasticsearch has no `_data_stream` API (no data-streams module), so streams cannot be
 * deleted: a test keeps its documents apart by namespace (APM, integration) or index suffix
 * (Metricbeat), e.g. from `uniquePrefix`.
 */
export async function installSourceTemplates(client: Client): Promise<void> {
  const templates: Array<[string, string[], object]> = [
    [SOURCE_TEMPLATE_NAMES.apm, ['metrics-apm.internal-*'], APM_MAPPINGS],
    [SOURCE_TEMPLATE_NAMES.golangHeap, ['logs-golang.heap-*'], GOLANG_HEAP_MAPPINGS],
    [SOURCE_TEMPLATE_NAMES.golangExpvar, ['logs-golang.expvar-*'], GOLANG_EXPVAR_MAPPINGS],
    [SOURCE_TEMPLATE_NAMES.metricbeat, ['metricbeat-*'], METRICBEAT_MAPPINGS],
  ];
  for (const [name, patterns, mappings] of templates) {
    await client.indices.putIndexTemplate({
      name,
      index_patterns: patterns,
      data_stream: {},
      priority: PRIORITY,
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: mappings as any,
      },
      _meta: { description: 'test stand-in for another Elastic product' },
    });
  }
}

/** Bulk-writes documents (create, as data streams require) and refreshes what was written. */
export async function writeSourceDocuments(
  client: Client,
  documents: readonly SourceDocument[],
  options: { refresh?: boolean; chunk?: number } = {}
): Promise<void> {
  const chunk = options.chunk ?? 5000;
  for (let start = 0; start < documents.length; start += chunk) {
    const operations = documents
      .slice(start, start + chunk)
      .flatMap(({ index, document }) => [{ create: { _index: index } }, document]);
    const response = await client.bulk({ operations });
    if (response.errors) {
      const failed = response.items.find((item) => item.create?.error)?.create;
      throw new Error(
        `bulk write of source documents failed: ${failed?._index}: ${JSON.stringify(failed?.error)}`
      );
    }
  }
  if (options.refresh ?? true) {
    const indices = [...new Set(documents.map((d) => d.index))];
    if (indices.length > 0) await client.indices.refresh({ index: indices });
  }
}

// ---------------------------------------------------------------------------------------------
// A simulated Go process

/** One reading of runtime.MemStats (and the goroutine count) of a simulated process. */
export interface SimulatedSample {
  readonly timestamp: number;
  /** When the process (this incarnation) started. */
  readonly startedAt: number;
  readonly goroutines: number;
  readonly Alloc: number;
  readonly TotalAlloc: number;
  readonly Sys: number;
  readonly Lookups: number;
  readonly Mallocs: number;
  readonly Frees: number;
  readonly HeapAlloc: number;
  readonly HeapSys: number;
  readonly HeapIdle: number;
  readonly HeapInuse: number;
  readonly HeapReleased: number;
  readonly HeapObjects: number;
  readonly StackInuse: number;
  readonly StackSys: number;
  readonly MSpanInuse: number;
  readonly MSpanSys: number;
  readonly MCacheInuse: number;
  readonly MCacheSys: number;
  readonly BuckHashSys: number;
  readonly GCSys: number;
  readonly OtherSys: number;
  readonly NextGC: number;
  /** Unix nanoseconds of the last GC's end, 0 before the first. */
  readonly LastGC: number;
  readonly PauseTotalNs: number;
  readonly NumGC: number;
  readonly NumForcedGC: number;
  readonly GCCPUFraction: number;
  /**
   * Pause of every GC of this process, oldest first (MemStats keeps the last 256 in PauseNs).
   * Shared by all samples of one process, so only the first NumGC entries belong to this one.
   */
  readonly pausesNs: readonly number[];
}

export interface SimulationOptions {
  /** Epoch milliseconds of the first and last sample (inclusive). */
  readonly from: number;
  readonly to: number;
  readonly periodMs: number;
  /** The process restarts (counters reset) at the first sample at or after this time. */
  readonly restartAt?: number;
  /** Varies allocation rate, pauses and goroutines between simulated processes. */
  readonly seed?: number;
  /** Bytes allocated per second (default 2 MiB/s). */
  readonly allocBytesPerSecond?: number;
}

const PAGE = 8192;
const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;

/** A small deterministic PRNG (mulberry32), so the same options give the same documents. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Readings of one Go process every `periodMs`: it allocates garbage steadily (TotalAlloc and
 * Mallocs grow), its live heap creeps up, a GC runs whenever the heap reaches NextGC (GOGC=100),
 * now and then one is forced, and at `restartAt` it starts over with every counter at zero.
 */
export function simulateGoProcess(options: SimulationOptions): SimulatedSample[] {
  const rand = random(options.seed ?? 1);
  const rate = options.allocBytesPerSecond ?? 2 * 1024 * 1024;
  const objectSize = 48 + Math.floor(rand() * 32);
  const samples: SimulatedSample[] = [];
  let restarted = options.restartAt === undefined;
  const fresh = (now: number) => ({
    startedAt: now - options.periodMs,
    live: 1_500_000 + Math.floor(rand() * 500_000),
    heapAlloc: 0,
    totalAlloc: 0,
    mallocs: 0,
    heapSys: 4 * 1024 * 1024,
    numGC: 0,
    forced: 0,
    pauseTotal: 0,
    pauses: [] as number[],
    lastGC: 0,
    goroutines: 8 + Math.floor(rand() * 8),
    gcCpuNs: 0,
    lookups: 0,
  });
  let s = fresh(options.from);
  s.heapAlloc = s.live;
  for (let now = options.from; now <= options.to; now += options.periodMs) {
    if (!restarted && now >= options.restartAt!) {
      restarted = true;
      s = fresh(now);
      s.heapAlloc = s.live;
    }
    const seconds = options.periodMs / 1000;
    const allocated = Math.floor(rate * seconds * (0.75 + rand() * 0.5));
    s.totalAlloc += allocated;
    s.mallocs += Math.floor(allocated / objectSize);
    s.live += Math.floor(rand() * 2048 * seconds); // a slow creep of retained memory
    s.heapAlloc += allocated;
    let nextGC = Math.max(4 * 1024 * 1024, s.live * 2);
    const forcedNow = rand() < 0.02;
    let cycles = 0;
    while (s.heapAlloc >= nextGC || (forcedNow && cycles === 0)) {
      cycles++;
      const pause = 20_000 + Math.floor(rand() * 280_000);
      s.pauses.push(pause);
      s.pauseTotal += pause;
      s.numGC++;
      s.gcCpuNs += pause * 4;
      s.heapAlloc = s.live + Math.max(0, s.heapAlloc - nextGC);
      nextGC = Math.max(4 * 1024 * 1024, s.live * 2);
      s.lastGC = (now - Math.floor(rand() * options.periodMs)) * 1_000_000;
      if (forcedNow && cycles === 1) s.forced++;
    }
    s.goroutines = Math.max(4, s.goroutines + Math.floor(rand() * 5) - 2);
    const heapObjects = Math.floor(s.heapAlloc / objectSize);
    const heapInuse = roundUp(s.heapAlloc * 1.08, PAGE);
    s.heapSys = Math.max(s.heapSys, roundUp(heapInuse + 2 * 1024 * 1024, PAGE * 8));
    const heapIdle = s.heapSys - heapInuse;
    const heapReleased = Math.min(heapIdle, roundUp(Math.floor(heapIdle / 2), PAGE));
    const stackInuse = roundUp(s.goroutines * 8192, PAGE);
    const stackSys = Math.max(stackInuse, 512 * 1024);
    const mspanInuse = 160 * Math.ceil(heapInuse / PAGE);
    const mspanSys = roundUp(mspanInuse * 1.1, 16 * 1024);
    const mcacheInuse = 9600;
    const mcacheSys = 15600;
    const buckHashSys = 1_443_000;
    const gcSys = roundUp(Math.floor(s.heapSys * 0.06) + 1_000_000, PAGE);
    const otherSys = 1_100_000;
    const sys = s.heapSys + stackSys + mspanSys + mcacheSys + buckHashSys + gcSys + otherSys;
    const uptimeNs = (now - s.startedAt) * 1_000_000;
    samples.push({
      timestamp: now,
      startedAt: s.startedAt,
      goroutines: s.goroutines,
      Alloc: s.heapAlloc,
      TotalAlloc: s.totalAlloc,
      Sys: sys,
      Lookups: s.lookups,
      Mallocs: s.mallocs,
      Frees: Math.max(0, s.mallocs - heapObjects),
      HeapAlloc: s.heapAlloc,
      HeapSys: s.heapSys,
      HeapIdle: heapIdle,
      HeapInuse: heapInuse,
      HeapReleased: heapReleased,
      HeapObjects: heapObjects,
      StackInuse: stackInuse,
      StackSys: stackSys,
      MSpanInuse: mspanInuse,
      MSpanSys: mspanSys,
      MCacheInuse: mcacheInuse,
      MCacheSys: mcacheSys,
      BuckHashSys: buckHashSys,
      GCSys: gcSys,
      OtherSys: otherSys,
      NextGC: nextGC,
      LastGC: s.lastGC,
      PauseTotalNs: s.pauseTotal,
      NumGC: s.numGC,
      NumForcedGC: s.forced,
      GCCPUFraction: uptimeNs > 0 ? s.gcCpuNs / (uptimeNs * 2) : 0,
      pausesNs: s.pauses,
    });
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// The sources' documents

const iso = (ms: number) => new Date(ms).toISOString();

export interface ApmDocumentsOptions extends SimulationOptions {
  readonly service: string;
  /** ELASTIC_APM_SERVICE_NODE_NAME; unset, APM Server names the node by container or host. */
  readonly node?: string;
  readonly host?: string;
  readonly containerId?: string;
  readonly version?: string;
  readonly environment?: string;
  readonly namespace?: string;
  readonly agentVersion?: string;
}

/** What APM Server writes for the Go agent's builtin metricset, one document per period. */
export function apmDocuments(options: ApmDocumentsOptions): SourceDocument[] {
  const host = options.host ?? 'apm-host-1';
  const namespace = options.namespace ?? 'default';
  const index = SOURCE_INDICES.apm(namespace);
  const nodeName = options.node ?? options.containerId ?? host;
  return simulateGoProcess(options).map((m) => ({
    index,
    document: {
      '@timestamp': iso(m.timestamp),
      data_stream: { type: 'metrics', dataset: 'apm.internal', namespace },
      agent: { name: 'go', version: options.agentVersion ?? '2.7.1' },
      service: {
        name: options.service,
        node: { name: nodeName },
        ...(options.version ? { version: options.version } : {}),
        ...(options.environment ? { environment: options.environment } : {}),
        language: { name: 'go', version: 'go1.26.8' },
        runtime: { name: 'gc', version: 'go1.26.8' },
      },
      host: { name: host, hostname: host, architecture: 'amd64', os: { platform: 'linux' } },
      ...(options.containerId ? { container: { id: options.containerId } } : {}),
      process: { pid: 4242, title: options.service },
      processor: { event: 'metric' },
      metricset: { name: 'app' },
      observer: { hostname: 'apm-server-1', type: 'apm-server', version: '9.5.3' },
      golang: {
        goroutines: m.goroutines,
        heap: {
          allocations: {
            mallocs: m.Mallocs,
            frees: m.Frees,
            objects: m.HeapObjects,
            total: m.TotalAlloc,
            allocated: m.HeapAlloc,
            idle: m.HeapIdle,
            active: m.HeapInuse,
          },
          system: {
            total: m.Sys,
            obtained: m.HeapSys,
            stack: m.StackSys,
            released: m.HeapReleased,
          },
          gc: {
            next_gc_limit: m.NextGC,
            total_count: m.NumGC,
            total_pause: { ns: m.PauseTotalNs },
            cpu_fraction: m.GCCPUFraction,
          },
        },
      },
    },
  }));
}

/**
 * Pauses of the GCs between two readings the way the integration's pipeline and Metricbeat
 * count them: the cycles after `lastNumGC` up to NumGC, at most the 256 MemStats keeps; none
 * when NumGC did not grow (also after a restart, until it passes the old count again).
 */
function periodPauses(
  m: SimulatedSample,
  lastNumGC: number
): { count: number; sum: number; max: number } | undefined {
  if (!(lastNumGC < m.NumGC)) return undefined;
  const start = Math.max(lastNumGC, m.NumGC - 256);
  const pauses = m.pausesNs.slice(start, m.NumGC);
  return {
    count: pauses.length,
    sum: pauses.reduce((a, b) => a + b, 0),
    max: Math.max(0, ...pauses),
  };
}

export interface IntegrationDocumentsOptions extends SimulationOptions {
  /** The integration's `hostname` setting, copied to service.address. */
  readonly address: string;
  /** Added by the user's own processors; the integration itself writes none. */
  readonly serviceName?: string;
  readonly namespace?: string;
  /** The application's own expvar vars (beside cmdline and memstats), per reading. */
  readonly customVars?: (sample: SimulatedSample, i: number) => Record<string, unknown>;
}

/**
 * What the Golang integration writes: a `logs-golang.heap-*` and a `logs-golang.expvar-*`
 * document per period, both from the same /debug/vars reading, both with service.address.
 */
export function integrationDocuments(options: IntegrationDocumentsOptions): SourceDocument[] {
  const namespace = options.namespace ?? 'default';
  const heapIndex = SOURCE_INDICES.golangHeap(namespace);
  const expvarIndex = SOURCE_INDICES.golangExpvar(namespace);
  const service = {
    address: options.address,
    ...(options.serviceName ? { name: options.serviceName } : {}),
  };
  const agent = {
    name: 'elastic-agent-1',
    type: 'filebeat',
    version: '9.5.3',
    id: 'a7e2c1d0-0000-4000-8000-000000000001',
  };
  const documents: SourceDocument[] = [];
  // The httpjson cursor: NumGC of the previous response, kept across restarts of the target.
  let lastNumGC = 0;
  simulateGoProcess(options).forEach((m, i) => {
    const common = (dataset: string) => ({
      '@timestamp': iso(m.timestamp),
      data_stream: { type: 'logs', dataset, namespace },
      ecs: { version: '8.5.1' },
      event: {
        dataset,
        module: 'golang',
        kind: 'metric',
        type: ['info'],
        created: iso(m.timestamp),
      },
      input: { type: 'httpjson' },
      tags: ['forwarded', dataset === 'golang.heap' ? 'golang-heap' : 'golang-expvar'],
      agent,
      service,
    });
    const pauses = periodPauses(m, lastNumGC);
    lastNumGC = m.NumGC;
    documents.push({
      index: heapIndex,
      document: {
        ...common('golang.heap'),
        golang: {
          heap: {
            allocations: {
              active: { bytes: m.HeapInuse },
              frees: { count: m.Frees },
              idle: { bytes: m.HeapIdle },
              object: { bytes: m.HeapAlloc, count: m.HeapObjects },
              total: { bytes: m.TotalAlloc },
            },
            cmdline: ['./app'],
            gc: {
              cpu_fraction: m.GCCPUFraction,
              next_gc_limit: m.NextGC,
              pause: {
                total: { ns: m.PauseTotalNs },
                // The pipeline sets these only when GCs ran since the previous reading.
                ...(pauses
                  ? {
                      count: pauses.count,
                      sum: { ns: pauses.sum },
                      max: { ns: pauses.max },
                      avg: { ns: pauses.sum / pauses.count },
                    }
                  : {}),
              },
              total: { count: m.NumGC },
            },
            mallocs: { count: m.Mallocs },
            system: {
              released: { bytes: m.HeapReleased },
              stack: { bytes: m.StackSys },
              total: { bytes: m.HeapSys },
            },
          },
        },
      },
    });
    const custom = options.customVars?.(m, i);
    documents.push({
      index: expvarIndex,
      document: {
        ...common('golang.expvar'),
        golang: {
          expvar: {
            buck_hash_sys: { bytes: m.BuckHashSys },
            cmdline: ['./app'],
            gc: {
              forced: m.NumForcedGC,
              // The pipeline's clean-up drops only null and "": a 0 (no GC yet) is kept.
              last_finished: { ns: m.LastGC },
              metadata: { memory: { bytes: m.GCSys } },
            },
            mcache: { allocated: { bytes: m.MCacheInuse }, obtained: { bytes: m.MCacheSys } },
            mspan: { allocated: { bytes: m.MSpanInuse }, obtained: { bytes: m.MSpanSys } },
            obtained: { miscellaneous: { bytes: m.OtherSys }, total: { bytes: m.Sys } },
            pointer: { lookups: m.Lookups },
            stack: { bytes: m.StackInuse },
            ...(custom && Object.keys(custom).length > 0 ? { custom } : {}),
          },
        },
      },
    });
  });
  return documents;
}

export interface MetricbeatDocumentsOptions extends SimulationOptions {
  /** The module's `hosts` entry, which Metricbeat writes as service.address. */
  readonly address: string;
  /** Set by the user's `service.name` module option or processors; Metricbeat sets none itself. */
  readonly serviceName?: string;
  readonly hostName?: string;
  /** Suffix of the data stream name (SOURCE_INDICES.metricbeat), to keep tests apart. */
  readonly indexSuffix?: string;
}

/** What Metricbeat's golang/heap metricset writes to `metricbeat-<version>`, one per period. */
export function metricbeatDocuments(options: MetricbeatDocumentsOptions): SourceDocument[] {
  const index = SOURCE_INDICES.metricbeat(options.indexSuffix);
  const hostName = options.hostName ?? 'metricbeat-host-1';
  // The metricset's own lastNumGC, kept across restarts of the scraped process.
  let lastNumGC = 0;
  return simulateGoProcess(options).map((m) => {
    const pauses = periodPauses(m, lastNumGC);
    if (pauses) lastNumGC = m.NumGC;
    const count = pauses?.count ?? 0;
    const sum = pauses?.sum ?? 0;
    return {
      index,
      document: {
        '@timestamp': iso(m.timestamp),
        ecs: { version: '8.0.0' },
        agent: {
          name: hostName,
          type: 'metricbeat',
          version: METRICBEAT_VERSION,
          id: 'b1f3d2e4-0000-4000-8000-000000000002',
        },
        host: { name: hostName },
        event: { module: 'golang', dataset: 'golang.heap', duration: 1_200_000 },
        metricset: { name: 'heap', period: options.periodMs },
        service: {
          address: options.address,
          type: 'golang',
          ...(options.serviceName ? { name: options.serviceName } : {}),
        },
        golang: {
          heap: {
            cmdline: './app',
            allocations: {
              mallocs: m.Mallocs,
              frees: m.Frees,
              objects: m.HeapObjects,
              total: m.TotalAlloc,
              allocated: m.HeapAlloc,
              idle: m.HeapIdle,
              active: m.HeapInuse,
            },
            system: {
              total: m.Sys,
              obtained: m.HeapSys,
              stack: m.StackSys,
              released: m.HeapReleased,
            },
            gc: {
              next_gc_limit: m.NextGC,
              total_count: m.NumGC,
              cpu_fraction: m.GCCPUFraction,
              total_pause: { ns: m.PauseTotalNs },
              // Integer division, as data.go computes it in uint64.
              pause: {
                count,
                sum: { ns: sum },
                avg: { ns: count > 0 ? Math.floor(sum / count) : 0 },
                max: { ns: pauses?.max ?? 0 },
              },
            },
          },
        },
      },
    };
  });
}
