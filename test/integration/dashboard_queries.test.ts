/**
 * The dashboard panel queries against the real Elasticsearch, on documents the plugin's own
 * document builder made from the simulated Go runtime (dev/demo/history.ts): the numbers each
 * panel reports are checked against the indexed documents themselves.
 */
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { DAY_MS, fillHistory, type HistoryTarget } from '../../dev/demo/history';
import { queryAllocationRatePanel } from '../../server/queries/allocation_rate_query';
import { queryCustomVarsPanel } from '../../server/queries/custom_vars_query';
import { queryGcCyclesPanel } from '../../server/queries/gc_cycles_query';
import { MAX_PAUSE_HISTOGRAMS, queryGcPausesPanel } from '../../server/queries/gc_pauses_query';
import { queryHeapPanel } from '../../server/queries/heap_query';
import { queryInstanceLatest } from '../../server/queries/instance_latest_query';
import { queryMcacheMspanPanel } from '../../server/queries/mcache_mspan_query';
import { queryRestarts } from '../../server/queries/restarts_query';
import { queryServiceInstances } from '../../server/queries/service_instances_query';
import { queryServices } from '../../server/queries/services_query';
import { HEATMAP_COLUMNS, querySizeClassesPanel } from '../../server/queries/size_classes_query';
import { DEFAULT_SIZE_CLASS_PERIOD_MS } from '../../server/derive/size_classes';
import { queryStackOtherPanel } from '../../server/queries/stack_other_query';
import { installIndexTemplates } from '../../server/storage/install_templates';
import { parseLosslessJson } from '../../server/parse/lossless_json';
import {
  HEAP_DOC_VALUES,
  esClient,
  wholeHeapDocument,
  withSizeClasses,
} from '../harness/documents';
import { esUrl, testElasticsearch } from '../harness/host_process';
import { authHeaders } from '../../dev/es/elasticsearch';

jest.setTimeout(300_000);

let client: Client;
const es = () => client as unknown as ElasticsearchClient;
const run = Date.now().toString(36);
const SERVICE = `dash-${run}`;
const HOUR = 3_600_000;
const now = Date.now();
const from = now - 2 * HOUR;
const targets: HistoryTarget[] = [0, 1, 2].map((i) => ({
  id: `dash-${run}-${i}`,
  name: `${SERVICE}-${i}`,
  serviceName: SERVICE,
  url: `http://127.0.0.1:${6100 + i}/debug/vars`,
  seed: 900 + i,
  customVars: true,
  // Instance 0 restarts every 40 minutes, so the range holds restarts to chart and rate across.
  restartEveryMs: i === 0 ? 40 * 60_000 : DAY_MS,
}));

async function heapDocs(filter: object[]): Promise<Array<Record<string, any>>> {
  const out: Array<Record<string, any>> = [];
  let searchAfter: unknown[] | undefined;
  for (;;) {
    const response = await client.search({
      index: 'metrics-go_runtime.heap-*',
      size: 5_000,
      query: { bool: { filter } },
      sort: [{ '@timestamp': 'asc' }, { 'service.node.name': 'asc' }],
      docvalue_fields: HEAP_DOC_VALUES,
      ...(searchAfter === undefined ? {} : { search_after: searchAfter as never }),
    });
    const hits = response.hits.hits;
    await withSizeClasses(client, 'metrics-go_runtime.heap-*', hits);
    out.push(...hits.map((hit) => wholeHeapDocument(hit as never)));
    if (hits.length < 5_000) return out;
    searchAfter = hits[hits.length - 1]!.sort as unknown[];
  }
}

beforeAll(async () => {
  client = esClient();
  await installIndexTemplates(es(), { retention: '30d' });
  const outcome = await fillHistory(client, targets, from, now);
  expect(outcome.failed).toBe(0);
});
afterAll(async () => client?.close());

const request = () => ({ from, to: now, service_name: SERVICE });

describe('dashboard panel queries', () => {
  it('GC pause percentiles of a bucket match the indexed durations within 1 % (HDR, 2 digits)', async () => {
    const response = await queryGcPausesPanel(es(), request(), 'default');
    expect(response.lines).toHaveLength(1);
    const buckets = response.lines[0]!.buckets.filter((b) => b.pauses > 20);
    expect(buckets.length).toBeGreaterThan(5);
    for (const bucket of buckets.slice(0, 5)) {
      const docs = await heapDocs([
        { term: { 'service.name': SERVICE } },
        {
          range: {
            '@timestamp': {
              gte: bucket.at,
              lt: bucket.at + response.bucket_ms,
              format: 'epoch_millis',
            },
          },
        },
        // The fill may start a slot before the range; the panel reads only the range.
        { range: { '@timestamp': { gte: from, lte: now, format: 'epoch_millis' } } },
      ]);
      const durations = docs
        .flatMap((doc) => (doc.golang.heap.gc.pause.durations?.ns ?? []) as number[])
        .sort((a, b) => a - b);
      expect(bucket.pauses).toBe(durations.length);
      expect(bucket.max).toBe(durations[durations.length - 1]);
      for (const [p, reported] of [
        [50, bucket.p50],
        [95, bucket.p95],
        [99, bucket.p99],
      ] as const) {
        // HdrHistogram's rank is p/100 × n rounded half up (at least 1); at 2 significant
        // digits the value it reports is an equivalent of that duration, within 1 % of it
        // (the panel says so).
        const exact = durations[Math.max(1, Math.floor((p / 100) * durations.length + 0.5)) - 1]!;
        expect(reported).not.toBeNull();
        expect(Math.abs(reported! - exact)).toBeLessThanOrEqual(exact * 0.01);
      }
    }
  });

  it("heap: the service line is the sum over instances of each instance's mean in the bucket", async () => {
    const response = await queryHeapPanel(es(), request(), 'default');
    expect(response.lines.map((l) => l.metric)).toEqual([
      'allocated',
      'in_use',
      'idle',
      'released',
      'obtained',
      'gc_target',
    ]);
    const allocated = response.lines[0]!.points;
    expect(allocated.length).toBeLessThanOrEqual(201);
    const [at, value] = allocated.filter(([, v]) => v !== null)[3]!;
    const docs = await heapDocs([
      { term: { 'service.name': SERVICE } },
      { range: { '@timestamp': { gte: at, lt: at + response.bucket_ms, format: 'epoch_millis' } } },
      { range: { '@timestamp': { gte: from, lte: now, format: 'epoch_millis' } } },
    ]);
    const byInstance = new Map<string, number[]>();
    for (const doc of docs)
      byInstance.set(doc.service.node.name, [
        ...(byInstance.get(doc.service.node.name) ?? []),
        doc.golang.heap.allocations.allocated,
      ]);
    const expected = [...byInstance.values()].reduce(
      (sum, values) => sum + values.reduce((a, b) => a + b, 0) / values.length,
      0
    );
    // Equal when every instance has the same number of samples in the bucket (here: always).
    expect(value!).toBeCloseTo(expected, -2);
    expect(response.instances).toEqual({ total: 3, shown: 3, limited: false });
  });

  it('by instance: one line per instance and metric, and the selection filters them', async () => {
    const split = await queryHeapPanel(es(), { ...request(), by_instance: true }, 'default');
    expect(new Set(split.lines.map((l) => l.instance))).toEqual(
      new Set(targets.map((t) => t.name))
    );
    const one = await queryMcacheMspanPanel(
      es(),
      { ...request(), instances: [targets[1]!.name], by_instance: true },
      'default'
    );
    expect(new Set(one.lines.map((l) => l.instance))).toEqual(new Set([targets[1]!.name]));
    expect(one.lines.map((l) => l.metric)).toEqual([
      'mspan_in_use',
      'mspan_obtained',
      'mcache_in_use',
      'mcache_obtained',
    ]);
  });

  it('allocation rate stays non-negative and bounded across restarts', async () => {
    const restarts = await queryRestarts(es(), request(), 'default');
    expect(restarts.restarts.length).toBeGreaterThanOrEqual(2);
    expect(
      restarts.restarts.every((r) => r.instance === targets[0]!.name && r.reason.length > 0)
    ).toBe(true);
    const response = await queryAllocationRatePanel(
      es(),
      { ...request(), by_instance: true },
      'default'
    );
    const bytes = response.lines
      .filter((l) => l.metric === 'bytes_per_second')
      .flatMap((l) => l.points.map(([, v]) => v).filter((v): v is number => v !== null));
    expect(bytes.length).toBeGreaterThan(100);
    expect(Math.min(...bytes)).toBeGreaterThanOrEqual(0);
    // A reset read as a rate would be ~1e18/s; the simulated services allocate at most ~1 GB/s.
    expect(Math.max(...bytes)).toBeLessThan(5e9);
  });

  it('GC cycles per second and CPU fraction, stack and other memory', async () => {
    const cycles = await queryGcCyclesPanel(es(), request(), 'default');
    const perSecond = cycles.lines
      .find((l) => l.metric === 'cycles_per_second')!
      .points.map(([, v]) => v)
      .filter((v): v is number => v !== null);
    expect(perSecond.some((v) => v > 0)).toBe(true);
    expect(Math.min(...perSecond)).toBeGreaterThanOrEqual(0);
    const fraction = cycles.lines
      .find((l) => l.metric === 'cpu_fraction')!
      .points.map(([, v]) => v)
      .filter((v): v is number => v !== null);
    expect(Math.max(...fraction)).toBeLessThanOrEqual(1);
    const stack = await queryStackOtherPanel(es(), request(), 'default');
    expect(stack.lines.every((l) => l.points.some(([, v]) => v !== null && v > 0))).toBe(true);
  });

  it('size classes: a heatmap of live objects per class over time', async () => {
    const response = await querySizeClassesPanel(es(), request(), 'default');
    // Twice the default size-class period (5 minutes).
    expect(response.bucket_ms).toBeGreaterThanOrEqual(2 * DEFAULT_SIZE_CLASS_PERIOD_MS);
    expect(response.sizes.length).toBeGreaterThan(5);
    expect(response.buckets.length).toBeGreaterThan(10);
    const cell = Object.values(response.buckets[5]!.classes)[0]!;
    expect(cell.live).toBeGreaterThanOrEqual(0);
    expect(response.instances).toEqual({ total: 3, shown: 3, limited: false });
  });

  it('custom vars: the numeric vars published, charted per instance, and the latest strings', async () => {
    const response = await queryCustomVarsPanel(
      es(),
      { ...request(), vars: ['/requests', '/cache/hits'] },
      'default'
    );
    expect(response.available.map((v) => v.name)).toEqual(
      expect.arrayContaining(['/requests', '/cache/hits', '/cache/misses', '/queue_depth'])
    );
    expect(response.lines).toHaveLength(6);
    const requests = response.lines
      .find((l) => l.name === '/requests')!
      .points.map(([, v]) => v)
      .filter((v) => v !== null);
    expect(requests.length).toBeGreaterThan(20);
    expect(response.labels).toHaveLength(3);
    expect(response.labels[0]!.values).toMatchObject({ '/version': '1.4.2' });
  });

  it('services list and instances', async () => {
    const instances = await queryServiceInstances(es(), request(), 'default');
    expect(instances.instances.map((i) => i.name)).toEqual(targets.map((t) => t.name));
    const asked = Date.now();
    const services = await queryServices(es(), { from, to: now }, 'default');
    const row = services.services.find((s) => s.service_name === SERVICE)!;
    // Recent: a sample within two 10 s intervals before now (the fill ended when the suite began).
    const recent = instances.instances.filter((i) => i.last_sample_at >= asked - 20_000).length;
    expect(row).toMatchObject({ instances_seen: 3, instances_recent: recent });
    expect(row.restarts).toBeGreaterThanOrEqual(2);
    expect(row.gc_pause_p99_ns).toBeGreaterThan(0);
    expect(row.gc_pause_max_ns!).toBeGreaterThanOrEqual(row.gc_pause_p99_ns! / 1.001);
    expect(row.heap_in_use_bytes).toBeGreaterThan(0);
    // Exactly the sum of each instance's latest heap in use (all three report to the end).
    const docs = await heapDocs([
      { term: { 'service.name': SERVICE } },
      { range: { '@timestamp': { gte: from, lte: now, format: 'epoch_millis' } } },
    ]);
    const latest = new Map<string, number>();
    for (const doc of docs) latest.set(doc.service.node.name, doc.golang.heap.allocations.active);
    expect(latest.size).toBe(3);
    expect(row.heap_in_use_bytes).toBe([...latest.values()].reduce((a, b) => a + b, 0));
    expect(row.heap_sparkline.filter(([, v]) => v !== null).length).toBeGreaterThan(10);
  });

  it('instance latest: every MemStats field, exact, and the redacted command line', async () => {
    const latest = await queryInstanceLatest(
      es(),
      { ...request(), instance: targets[2]!.name },
      'default'
    );
    if (!latest.found) throw new Error('no latest document');
    const [doc] = (await heapDocs([{ term: { 'service.node.name': targets[2]!.name } }])).slice(-1);
    expect(latest.values['golang.heap.allocations.allocated']).toBe(
      doc!.golang.heap.allocations.allocated
    );
    // LastGC (~1.7e18) to the nanosecond: the document's own text, parsed without a double.
    const response = await fetch(`${esUrl()}/metrics-go_runtime.heap-*/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(testElasticsearch()) },
      body: JSON.stringify({
        size: 1,
        query: { term: { 'service.node.name': targets[2]!.name } },
        sort: [{ '@timestamp': 'desc' }],
        docvalue_fields: ['golang.heap.gc.last_finished.ns'],
      }),
    });
    const exact = (parseLosslessJson(await response.text()) as any).hits.hits[0].fields[
      'golang.heap.gc.last_finished.ns'
    ][0];
    expect(typeof latest.values['golang.heap.gc.last_finished.ns']).toBe('string');
    expect(latest.values['golang.heap.gc.last_finished.ns']).toBe(String(exact));
    expect(String(exact).length).toBeGreaterThan(16);
    expect(latest.cmdline).toEqual(['/app/server', '-listen=[redacted]', '-db=[redacted]']);
    expect(
      await queryInstanceLatest(es(), { ...request(), instance: 'nobody' }, 'default')
    ).toEqual({ found: false });
  });

  it('reads nothing of another space', async () => {
    const response = await queryHeapPanel(es(), request(), 'other-space');
    expect(response.lines).toEqual([]);
    expect(
      (await queryServices(es(), { from, to: now }, 'other-space')).services.find(
        (s) => s.service_name === SERVICE
      )
    ).toBeUndefined();
  });

  it('stops the search when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(queryHeapPanel(es(), request(), 'default', controller.signal)).rejects.toThrow(
      /abort/i
    );
  });
});

describe('600 instances in one service', () => {
  const BIG = `dash-big-${run}`;
  const bigTargets: HistoryTarget[] = Array.from({ length: 600 }, (_, i) => ({
    id: `big-${run}-${i}`,
    name: `${BIG}-${String(i).padStart(3, '0')}`,
    serviceName: BIG,
    url: `http://127.0.0.1:7000/t/${i}`,
    seed: 5000 + i,
    customVars: i % 10 === 0,
  }));
  beforeAll(async () => {
    const outcome = await fillHistory(client, bigTargets, now - 6 * 60_000, now);
    expect(outcome).toMatchObject({ failed: 0, existing: 0 });
  });

  // Instance totals come from a cardinality aggregation (HyperLogLog++): close to exact below
  // its precision threshold of 3,000, not guaranteed exact.
  const about600 = (total: number) => expect(Math.abs(total - 600)).toBeLessThanOrEqual(6);

  it('no panel query fails over 24 h, and each says how the instances were limited', async () => {
    const big = { from: now - 24 * HOUR, to: now, service_name: BIG };
    for (const byInstance of [false, true]) {
      for (const query of [
        queryHeapPanel,
        queryGcCyclesPanel,
        queryMcacheMspanPanel,
        queryStackOtherPanel,
        queryAllocationRatePanel,
      ]) {
        const response = await query(es(), { ...big, by_instance: byInstance }, 'default');
        about600(response.instances.total);
        expect(response.instances.limited).toBe(byInstance);
        if (byInstance)
          expect(new Set(response.lines.map((l) => l.instance)).size).toBe(
            response.instances.shown
          );
      }
      const pauses = await queryGcPausesPanel(es(), { ...big, by_instance: byInstance }, 'default');
      about600(pauses.instances.total);
      expect(pauses.instances.limited).toBe(byInstance);
      // Each bucket of each line is one HDR histogram for Elasticsearch to build: split, the
      // lines get wider buckets, so that 50 lines over 24 h cost no more than one line.
      if (byInstance)
        expect(
          pauses.lines.reduce((sum, line) => sum + line.buckets.length, 0)
        ).toBeLessThanOrEqual(MAX_PAUSE_HISTOGRAMS);
    }
    const sizes = await querySizeClassesPanel(es(), big, 'default');
    about600(sizes.instances.total);
    expect(sizes.instances.limited).toBe(true);
    // At most HEATMAP_COLUMNS columns: each costs two counters per class and instance.
    expect((big.to - big.from) / sizes.bucket_ms).toBeLessThanOrEqual(HEATMAP_COLUMNS);
    const vars = await queryCustomVarsPanel(es(), big, 'default');
    expect(vars.instances.total).toBe(60);
    expect((await queryRestarts(es(), big, 'default')).limited).toBe(false);
    const services = await queryServices(es(), { from: big.from, to: big.to }, 'default');
    about600(services.services.find((s) => s.service_name === BIG)!.instances_seen);
  });
});

describe('services list recency', () => {
  it('counts an instance with a sample in the last two intervals as recent', async () => {
    const service = `dash-recent-${run}`;
    const fresh: HistoryTarget = {
      id: `recent-${run}`,
      name: `${service}-0`,
      serviceName: service,
      url: 'http://127.0.0.1:7100/',
      seed: 77,
    };
    const stale: HistoryTarget = { ...fresh, id: `stale-${run}`, name: `${service}-1`, seed: 78 };
    const at = Date.now();
    // Filled to 10 s ahead, so its last slot is at most one interval old when the query runs.
    await fillHistory(client, [fresh], at - 5 * 60_000, at + 10_000);
    await fillHistory(client, [stale], at - 5 * 60_000, at - 3 * 60_000);
    const row = (
      await queryServices(es(), { from: at - 10 * 60_000, to: Date.now() }, 'default')
    ).services.find((s) => s.service_name === service)!;
    expect(row).toMatchObject({ instances_seen: 2 });
    expect(row.instances_recent).toBe(1);
  });
});
