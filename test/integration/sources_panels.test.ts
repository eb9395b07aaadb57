/**
 * The dashboard panels over every source on the real Elasticsearch: documents in the shapes the
 * APM Go agent (through APM Server), the Golang integration and Metricbeat write, beside the
 * plugin's own scrapes of the same service. Each panel's lines are checked against the values
 * written; a source that fails (a field mapped as keyword in one index, a refused index) is a
 * problem on the response while the others still draw.
 */
import { errors, type Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { fillHistory } from '../../dev/demo/history';
import type { MetricLine, MetricPanelResponse } from '../../common/panels';
import type { QueryContext } from '../../server/routes/dashboard_routes';
import { sourceReaders, type SourceReader } from '../../server/sources/source_readers';
import { queryAllocationRatePanel } from '../../server/queries/allocation_rate_query';
import { queryGcCyclesPanel } from '../../server/queries/gc_cycles_query';
import { queryGcPausesPanel } from '../../server/queries/gc_pauses_query';
import { queryHeapPanel } from '../../server/queries/heap_query';
import { queryMcacheMspanPanel } from '../../server/queries/mcache_mspan_query';
import { queryMetricSeries } from '../../server/queries/metric_series';
import { installIndexTemplates } from '../../server/storage/install_templates';
import { esClient } from '../harness/documents';

jest.setTimeout(300_000);

let client: Client;
const es = () => client as unknown as ElasticsearchClient;
const run = Date.now().toString(36);
const SERVICE = `sources-${run}`;
const INTEGRATION_ADDRESS = `http://10.1.0.5:6060/debug/vars#${run}`;
const METRICBEAT_ADDRESS = `http://10.1.0.6:6060#${run}`;
const APM_NODE = `apm-node-${run}`;
const BUCKET_MS = 120_000;
const now = Date.now();
const from = now - 4 * 3_600_000;
const to = now;
// Two documents per source and bucket, a minute apart, in 12 buckets well inside the range.
const firstBucket = Math.ceil(from / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
const DOCS = 24;
const at = (j: number) => firstBucket + j * 60_000 + 5_000;
const bucketOf = (j: number) => Math.floor(j / 2);

const INDICES = {
  apm: `metrics-apm.internal-${run}`,
  heap: `logs-golang.heap-${run}`,
  expvar: `logs-golang.expvar-${run}`,
  metricbeat: `metricbeat-8.19.0-${run}-ok`,
  metricbeatConflict: `metricbeat-8.19.0-${run}-conflict`,
};
const TEMPLATE = `test-sources-panels-${run}`;

// The APM agent's GC count restarts at document 12 (bucket 6): a new process.
const apmGcCount = (j: number) => (j < 12 ? 10 * j : 3 * (j - 12) + 2);

/** APM Server's internal metricset of the Go agent (metrics-apm.internal-<ns>). */
function apmDocument(j: number): Record<string, unknown> {
  const b = bucketOf(j);
  return {
    '@timestamp': new Date(at(j)).toISOString(),
    agent: { name: 'go', version: '2.7.1' },
    processor: { event: 'metric' },
    metricset: { name: 'app' },
    service: { name: SERVICE, node: { name: APM_NODE }, environment: 'test' },
    host: { name: 'apm-host' },
    golang: {
      goroutines: 40 + b,
      heap: {
        allocations: {
          mallocs: 50 * j,
          frees: 40 * j,
          objects: 300 + b,
          total: 6_000 * j,
          allocated: 1_000 + b,
          idle: 100,
          active: 1_200,
        },
        system: { total: 9_000, obtained: 8_000, stack: 512, released: 64 },
        gc: {
          next_gc_limit: 4_000,
          total_count: apmGcCount(j),
          total_pause: { ns: 1_000_000 * j },
          cpu_fraction: 0.01,
        },
      },
    },
  };
}

/** The Golang integration's heap and expvar data streams: by address, no service.name. */
function integrationDocuments(j: number): Array<[string, Record<string, unknown>]> {
  const b = bucketOf(j);
  const common = {
    '@timestamp': new Date(at(j)).toISOString(),
    service: { address: INTEGRATION_ADDRESS },
    event: { module: 'golang' },
  };
  return [
    [
      INDICES.heap,
      {
        ...common,
        event: { module: 'golang', dataset: 'golang.heap' },
        golang: {
          heap: {
            allocations: {
              active: { bytes: 2_200 },
              frees: { count: 70 * j },
              idle: { bytes: 200 },
              object: { bytes: 2_000 + b, count: 600 + b },
              total: { bytes: 12_000 * j },
            },
            mallocs: { count: 80 * j },
            gc: {
              cpu_fraction: 0.02,
              next_gc_limit: 5_000,
              pause: { total: { ns: 2_000_000 * j } },
              total: { count: 20 * j },
            },
            system: { released: { bytes: 128 }, stack: { bytes: 1_024 }, total: { bytes: 7_000 } },
          },
        },
      },
    ],
    [
      INDICES.expvar,
      {
        ...common,
        event: { module: 'golang', dataset: 'golang.expvar' },
        golang: {
          expvar: {
            mspan: { allocated: { bytes: 500 + b }, obtained: { bytes: 800 } },
            mcache: { allocated: { bytes: 300 }, obtained: { bytes: 400 } },
            obtained: { total: { bytes: 10_000 } },
          },
        },
      },
    ],
  ];
}

/** Metricbeat's golang/heap metricset (metricbeat-<version>), its period in ms. */
function metricbeatDocument(j: number): Record<string, unknown> {
  const b = bucketOf(j);
  return {
    '@timestamp': new Date(at(j)).toISOString(),
    event: { module: 'golang', dataset: 'golang.heap' },
    metricset: { name: 'heap', period: 10_000 },
    service: { address: METRICBEAT_ADDRESS, type: 'golang' },
    golang: {
      heap: {
        allocations: {
          mallocs: 90 * j,
          frees: 80 * j,
          objects: 900 + b,
          total: 24_000 * j,
          allocated: 4_000 + b,
          idle: 300,
          active: 4_400,
        },
        system: { total: 20_000, obtained: 18_000, stack: 2_048, released: 256 },
        gc: {
          next_gc_limit: 8_000,
          total_count: 30 * j,
          total_pause: { ns: 3_000_000 * j },
          cpu_fraction: 0.03,
          pause: { count: 2, sum: { ns: 1_500 + b }, max: { ns: 1_000 + b }, avg: { ns: 750 } },
        },
      },
    },
  };
}

function readers(metricbeatIndices: string): SourceReader[] {
  return sourceReaders({
    apm: { enabled: true, indices: 'metrics-apm.internal-*' },
    golangIntegration: { enabled: true, indices: 'logs-golang.heap-*,logs-golang.expvar-*' },
    metricbeat: { enabled: true, indices: metricbeatIndices },
    serviceNames: [
      { address: INTEGRATION_ADDRESS, name: SERVICE },
      { address: METRICBEAT_ADDRESS, name: SERVICE },
    ],
  });
}
const context: QueryContext = { sources: readers(INDICES.metricbeat) };

/** A client of the same cluster whose searches of some indices Elasticsearch refuses. */
function refusing(refused: (index: string) => boolean): ElasticsearchClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'search') return Reflect.get(target, property, receiver);
      return (params: { index?: string }, options?: object) => {
        if (params.index !== undefined && refused(params.index))
          return Promise.reject(
            new errors.ResponseError({
              statusCode: 403,
              body: {
                error: {
                  type: 'security_exception',
                  reason: `action [indices:data/read/search] is unauthorized for user [go_viewer] with effective roles [go_runtime_reader] on indices [${params.index}]`,
                },
                status: 403,
              },
              headers: {},
              warnings: null,
              meta: {} as never,
            })
          );
        return target.search(params as never, options as never);
      };
    },
  }) as unknown as ElasticsearchClient;
}

const request = (extra: { by_instance?: boolean } = {}) => ({
  from,
  to,
  service_name: SERVICE,
  ...extra,
});

const line = (response: MetricPanelResponse, metric: string, source?: string) =>
  response.lines.find(
    (l) => l.metric === metric && (source === undefined || l.source === source)
  ) as MetricLine;
const valueAt = (points: MetricLine['points'], atMs: number) =>
  points.find(([t]) => t === atMs)?.[1] ?? null;
const bucketStart = (b: number) => firstBucket + b * BUCKET_MS;

beforeAll(async () => {
  client = esClient();
  await installIndexTemplates(es(), { retention: '30d' });
  // The products' templates map identity fields as keywords and strings generally so.
  await client.indices.putIndexTemplate({
    name: TEMPLATE,
    index_patterns: Object.values(INDICES),
    priority: 900,
    template: {
      mappings: {
        dynamic_templates: [
          { strings: { match_mapping_type: 'string', mapping: { type: 'keyword' } } },
        ],
        properties: { '@timestamp': { type: 'date' } },
      },
    },
  });
  const operations: object[] = [];
  for (let j = 0; j < DOCS; j += 1) {
    operations.push({ create: { _index: INDICES.apm } }, apmDocument(j));
    for (const [index, document] of integrationDocuments(j))
      operations.push({ create: { _index: index } }, document);
    operations.push({ create: { _index: INDICES.metricbeat } }, metricbeatDocument(j));
  }
  // One Metricbeat index where a number arrived as a string: there the field maps as keyword.
  operations.push(
    { create: { _index: INDICES.metricbeatConflict } },
    {
      ...metricbeatDocument(6),
      golang: { heap: { allocations: { allocated: '4 MB' } } },
    }
  );
  const bulk = await client.bulk({ operations, refresh: true });
  expect(bulk.errors).toBe(false);
  // The plugin's own scrapes of the same service, one instance.
  const outcome = await fillHistory(
    client,
    [
      {
        id: `sources-${run}-own`,
        name: `${SERVICE}-own`,
        serviceName: SERVICE,
        url: 'http://127.0.0.1:6199/debug/vars',
        seed: 4242,
      },
    ],
    from,
    now
  );
  expect(outcome.failed).toBe(0);
});

afterAll(async () => {
  await client?.indices.delete({ index: Object.values(INDICES), ignore_unavailable: true });
  await client?.indices.deleteIndexTemplate({ name: TEMPLATE }).catch(() => undefined);
  await client?.close();
});

describe('panels over every source', () => {
  it('heap split by instance: one line per source and instance, the values written', async () => {
    const response = await queryHeapPanel(
      es(),
      request({ by_instance: true }),
      'default',
      undefined,
      context
    );
    expect(response.bucket_ms).toBe(BUCKET_MS);
    expect(response.problems).toBeUndefined();
    expect(response.instances).toEqual({ total: 4, shown: 4, limited: false });
    const allocated = response.lines.filter((l) => l.metric === 'allocated');
    expect(allocated.map((l) => [l.source, l.instance])).toEqual([
      ['go_runtime', `${SERVICE}-own`],
      ['apm', APM_NODE],
      ['golang_integration', INTEGRATION_ADDRESS],
      ['metricbeat', METRICBEAT_ADDRESS],
    ]);
    for (let b = 0; b < DOCS / 2; b += 1) {
      expect(valueAt(line(response, 'allocated', 'apm').points, bucketStart(b))).toBe(1_000 + b);
      expect(
        valueAt(line(response, 'allocated', 'golang_integration').points, bucketStart(b))
      ).toBe(2_000 + b);
      expect(valueAt(line(response, 'allocated', 'metricbeat').points, bucketStart(b))).toBe(
        4_000 + b
      );
    }
    // Sys: APM's system.total, the integration's expvar obtained.total (its heap stream's
    // system.total is HeapSys).
    expect(valueAt(line(response, 'obtained', 'apm').points, bucketStart(3))).toBe(9_000);
    expect(valueAt(line(response, 'obtained', 'golang_integration').points, bucketStart(3))).toBe(
      10_000
    );
  });

  it("heap for the service: the plugin's own line plus each source's, bucket by bucket", async () => {
    const own = await queryHeapPanel(es(), request(), 'default');
    const all = await queryHeapPanel(es(), request(), 'default', undefined, context);
    // Same plan: 4 h at 200 points is wider than twice any source's period.
    expect(own.bucket_ms).toBe(BUCKET_MS);
    expect(all.bucket_ms).toBe(BUCKET_MS);
    expect(all.instances).toEqual({ total: 4, shown: 4, limited: false });
    for (let b = 0; b < DOCS / 2; b += 1) {
      const ownValue = valueAt(line(own, 'allocated').points, bucketStart(b)) ?? 0;
      expect(valueAt(line(all, 'allocated').points, bucketStart(b))).toBeCloseTo(
        ownValue + 7_000 + 3 * b,
        6
      );
    }
    // Outside the other sources' buckets the line is the plugin's own, unchanged.
    expect(valueAt(line(all, 'allocated').points, bucketStart(20))).toBe(
      valueAt(line(own, 'allocated').points, bucketStart(20))
    );
  });

  it('GC cycles per second: the counter rate per instance, never negative across a restart', async () => {
    const split = await queryGcCyclesPanel(
      es(),
      request({ by_instance: true }),
      'default',
      undefined,
      context
    );
    const apm = line(split, 'cycles_per_second', 'apm').points;
    expect(valueAt(apm, bucketStart(0))).toBeNull();
    for (let b = 1; b < 6; b += 1) expect(valueAt(apm, bucketStart(b))).toBeCloseTo(20 / 120, 9);
    // Bucket 6 holds the restart (110 → 2, 5): no rate rather than a negative one.
    expect(valueAt(apm, bucketStart(6))).toBeNull();
    for (let b = 7; b < 12; b += 1) expect(valueAt(apm, bucketStart(b))).toBeCloseTo(6 / 120, 9);
    expect(apm.every(([, v]) => v === null || v >= 0)).toBe(true);
    const metricbeat = line(split, 'cycles_per_second', 'metricbeat').points;
    expect(valueAt(metricbeat, bucketStart(4))).toBeCloseTo(60 / 120, 9);

    const own = await queryGcCyclesPanel(es(), request(), 'default');
    const all = await queryGcCyclesPanel(es(), request(), 'default', undefined, context);
    const ownAt = (b: number) =>
      valueAt(line(own, 'cycles_per_second').points, bucketStart(b)) ?? 0;
    const allAt = (b: number) => valueAt(line(all, 'cycles_per_second').points, bucketStart(b));
    expect(allAt(3)).toBeCloseTo(ownAt(3) + (20 + 40 + 60) / 120, 6);
    expect(allAt(6)).toBeCloseTo(ownAt(6) + (40 + 60) / 120, 6);
    expect(allAt(8)).toBeCloseTo(ownAt(8) + (6 + 40 + 60) / 120, 6);
  });

  it('allocation rate from each source’s cumulative allocations.total', async () => {
    const split = await queryAllocationRatePanel(
      es(),
      request({ by_instance: true }),
      'default',
      undefined,
      context
    );
    const rateOf = (source: string) =>
      valueAt(line(split, 'bytes_per_second', source).points, bucketStart(5));
    expect(rateOf('apm')).toBeCloseTo(12_000 / 120, 9);
    expect(rateOf('golang_integration')).toBeCloseTo(24_000 / 120, 9);
    expect(rateOf('metricbeat')).toBeCloseTo(48_000 / 120, 9);
    expect(
      valueAt(line(split, 'objects_per_second', 'golang_integration').points, bucketStart(5))
    ).toBeCloseTo(160 / 120, 9);
    expect(valueAt(line(split, 'live_objects', 'metricbeat').points, bucketStart(5))).toBe(905);
  });

  it('mcache/mspan: the integration’s expvar stream draws, the others say why not', async () => {
    const response = await queryMcacheMspanPanel(
      es(),
      request({ by_instance: true }),
      'default',
      undefined,
      context
    );
    expect(
      valueAt(line(response, 'mspan_in_use', 'golang_integration').points, bucketStart(2))
    ).toBe(502);
    expect(response.lines.filter((l) => l.source === 'apm' || l.source === 'metricbeat')).toEqual(
      []
    );
    expect(response.notes).toEqual([
      { source: 'apm', message: 'The APM Go agent reports no mcache or mspan sizes.' },
      { source: 'metricbeat', message: 'Metricbeat reports no mcache or mspan sizes.' },
    ]);
  });

  it('a measure only the APM agent has (goroutines): its line alone, and a note for the plugin’s own', async () => {
    const response = await queryMetricSeries(
      es(),
      request(),
      'default',
      [{ metric: 'goroutines', field: 'golang.goroutines', aggregation: 'instance_sum' }],
      undefined,
      context,
      { what: 'goroutine count' }
    );
    expect(valueAt(line(response, 'goroutines').points, bucketStart(3))).toBe(43);
    expect(response.notes).toEqual([
      { source: 'go_runtime', message: "The plugin's own scraping reports no goroutine count." },
      {
        source: 'golang_integration',
        message: 'The Golang integration reports no goroutine count.',
      },
      { source: 'metricbeat', message: 'Metricbeat reports no goroutine count.' },
    ]);
  });

  it('GC pauses: Metricbeat per-period counts and longest, APM pause time per second, each with its note', async () => {
    const response = await queryGcPausesPanel(
      es(),
      request({ by_instance: true }),
      'default',
      undefined,
      context
    );
    const metricbeat = response.lines.find((l) => l.source === 'metricbeat')!;
    const bucket = metricbeat.buckets.find((b) => b.at === bucketStart(4))!;
    expect(bucket).toEqual({
      at: bucketStart(4),
      p50: null,
      p95: null,
      p99: null,
      max: 1_004,
      pauses: 4,
      missed: 0,
    });
    const apm = response.pause_time!.find((l) => l.source === 'apm')!;
    expect(apm.metric).toBe('pause_ns_per_second');
    expect(valueAt(apm.points, bucketStart(3))).toBeCloseTo(2_000_000 / 120, 6);
    expect(response.notes).toEqual(
      expect.arrayContaining([
        {
          source: 'apm',
          message:
            'The APM Go agent reports no per-GC pauses: shown is GC time per interval from the cumulative total.',
        },
        {
          source: 'metricbeat',
          message:
            "Metricbeat reports each interval's pause count and longest pause, not each pause: no percentiles.",
        },
      ])
    );
    // The service's line: the plugin's own percentiles stay where only it recorded pauses.
    const service = await queryGcPausesPanel(es(), request(), 'default', undefined, context);
    expect(service.lines).toHaveLength(1);
    expect(service.pause_time).toHaveLength(1);
  });

  it('a field mapped as keyword in one Metricbeat index is a problem of that source; all sources still draw', async () => {
    const response = await queryHeapPanel(
      es(),
      request({ by_instance: true }),
      'default',
      undefined,
      { sources: readers(`metricbeat-8.19.0-${run}-*`) }
    );
    expect(response.problems).toEqual([
      {
        source: 'metricbeat',
        message: expect.stringMatching(
          new RegExp(
            `^Metricbeat: the search failed on index ${INDICES.metricbeatConflict}: .*golang\\.heap\\.allocations\\.allocated.*fix that index's mapping`
          )
        ),
      },
    ]);
    expect([...new Set(response.lines.map((l) => l.source))]).toEqual([
      'go_runtime',
      'apm',
      'golang_integration',
      'metricbeat',
    ]);
    expect(valueAt(line(response, 'allocated', 'apm').points, bucketStart(6))).toBe(1_006);
  });

  it('a source whose indices Elasticsearch refuses the user is a problem; the rest still draws', async () => {
    const refused = refusing((index) => index.startsWith('metricbeat-'));
    const response = await queryHeapPanel(
      refused,
      request({ by_instance: true }),
      'default',
      undefined,
      context
    );
    expect(response.problems).toEqual([
      {
        source: 'metricbeat',
        message: expect.stringMatching(
          /^Metricbeat: Elasticsearch refused your user the search of metricbeat-.*Ask an administrator for the "read" index privilege on metricbeat-.*go_runtime\.sources\.metricbeat\.enabled: false/
        ),
      },
    ]);
    expect([...new Set(response.lines.map((l) => l.source))]).toEqual([
      'go_runtime',
      'apm',
      'golang_integration',
    ]);
  });

  it('fails as before only when the plugin’s own and every source fail', async () => {
    await expect(
      queryHeapPanel(
        refusing(() => true),
        request(),
        'default',
        undefined,
        context
      )
    ).rejects.toMatchObject({ statusCode: 403 });
    const ownRefused = await queryHeapPanel(
      refusing((index) => index.startsWith('metrics-go_runtime')),
      request(),
      'default',
      undefined,
      context
    );
    expect(ownRefused.problems?.map((p) => p.source)).toEqual(['go_runtime']);
    expect(valueAt(line(ownRefused, 'allocated').points, bucketStart(2))).toBe(7_006);
  });
});
