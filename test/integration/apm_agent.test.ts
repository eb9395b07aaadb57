import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Client } from '@elastic/elasticsearch';
import { spawnChild, type RunningChild } from '../../dev/lib/child_process';
import { BIN_DIR } from '../../dev/lib/go_build';
import { startApmIntake, type ApmIntake } from '../harness/apm_intake';
import { esClient } from '../harness/documents';
import { waitFor } from '../harness/host_process';
import { installSourceTemplates, SOURCE_INDICES } from '../harness/source_documents';

// A real Go program instrumented with the APM Go agent (go.elastic.co/apm/v2, test/fixtures/go/
// apmagent) reports to the test's intake, which writes its metricsets as APM Server would.
jest.setTimeout(120_000);

let client: Client;
let intake: ApmIntake;
let agent: RunningChild | undefined;
let unnamed: RunningChild | undefined;
// Data streams cannot be deleted on the test Elasticsearch: this run's own namespace.
const namespace = `agent${Date.now().toString(36)}`;
const index = SOURCE_INDICES.apm(namespace);

const startAgent = (name: string, env: Record<string, string>) =>
  spawnChild({
    name,
    command: path.join(BIN_DIR, 'apmagent'),
    args: [],
    env: {
      ELASTIC_APM_SERVER_URL: intake.url,
      ELASTIC_APM_METRICS_INTERVAL: '1s',
      ELASTIC_APM_API_REQUEST_TIME: '1s',
      ELASTIC_APM_CENTRAL_CONFIG: 'false',
      ELASTIC_APM_LOG_LEVEL: 'warning',
      ...env,
    },
    ready: /^reporting /,
    readyTimeoutMs: 20_000,
  });

beforeAll(async () => {
  client = esClient();
  await installSourceTemplates(client);
  intake = await startApmIntake({ client, namespace });
  agent = startAgent('apmagent', {
    ELASTIC_APM_SERVICE_NAME: 'checkout',
    ELASTIC_APM_SERVICE_NODE_NAME: 'checkout-1',
    ELASTIC_APM_SERVICE_VERSION: '1.4.2',
    ELASTIC_APM_ENVIRONMENT: 'test',
  });
  // No node name configured: APM Server names the instance by container.id, else host.name.
  unnamed = startAgent('apmagent-unnamed', { ELASTIC_APM_SERVICE_NAME: 'billing' });
  await Promise.all([agent.ready, unnamed.ready]);
});
afterAll(async () => {
  await Promise.all([agent?.stop(), unnamed?.stop()]);
  await intake?.stop();
  await client?.close();
});

/** The builtin metricsets written so far, oldest first. */
async function appMetricsets(service = 'checkout'): Promise<Array<Record<string, any>>> {
  await client.indices.refresh({ index, ignore_unavailable: true });
  const response = await client.search({
    index,
    ignore_unavailable: true,
    size: 1000,
    query: {
      bool: {
        filter: [
          { term: { 'metricset.name': 'app' } },
          { term: { 'service.name': service } },
          { exists: { field: 'golang.heap.allocations.allocated' } },
          { exists: { field: 'golang.goroutines' } },
        ],
      },
    },
    sort: [{ '@timestamp': 'asc' }],
  });
  return response.hits.hits.map((hit) => hit._source as Record<string, any>);
}

it('the agent’s golang.* metricsets arrive as APM Server writes them, counters growing', async () => {
  const docs = await waitFor('three builtin metricsets with golang.* samples', async () => {
    const found = await appMetricsets();
    return found.length >= 3 ? found : undefined;
  });
  expect(intake.problems).toEqual([]);
  for (const doc of docs) {
    expect(doc).toMatchObject({
      data_stream: { type: 'metrics', dataset: 'apm.internal', namespace },
      agent: { name: 'go', version: expect.stringMatching(/^2\./) },
      processor: { event: 'metric' },
      metricset: { name: 'app' },
      service: {
        name: 'checkout',
        node: { name: 'checkout-1' },
        version: '1.4.2',
        environment: 'test',
        language: { name: 'go' },
      },
      host: { name: expect.any(String) },
    });
    const heap = doc.golang.heap;
    for (const value of [
      doc.golang.goroutines,
      heap.allocations.allocated,
      heap.allocations.total,
      heap.allocations.mallocs,
      heap.allocations.frees,
      heap.allocations.objects,
      heap.allocations.idle,
      heap.allocations.active,
      heap.system.total,
      heap.system.obtained,
      heap.system.stack,
      heap.system.released,
      heap.gc.next_gc_limit,
      heap.gc.total_count,
      heap.gc.total_pause.ns,
      heap.gc.cpu_fraction,
    ]) {
      expect(typeof value).toBe('number');
    }
    // Sys covers HeapSys: the APM agent's system.total is Sys.
    expect(heap.system.total).toBeGreaterThanOrEqual(heap.system.obtained);
  }
  // The agent reports cumulative counters: they never decrease within one process.
  const first = docs[0]!.golang.heap;
  const last = docs[docs.length - 1]!.golang.heap;
  expect(last.allocations.total).toBeGreaterThan(first.allocations.total);
  expect(last.allocations.mallocs).toBeGreaterThan(first.allocations.mallocs);
  expect(last.gc.total_count).toBeGreaterThanOrEqual(first.gc.total_count);
  const stamps = docs.map((doc) => Date.parse(doc['@timestamp']));
  expect(new Set(stamps).size).toBe(stamps.length);
  expect(intake.requests).toContain('POST /intake/v2/events');
});

it('breakdown metricsets share the data stream under another metricset.name', async () => {
  const response = await waitFor('a span_breakdown metricset', async () => {
    await client.indices.refresh({ index });
    const found = await client.search({
      index,
      size: 1,
      query: { term: { 'metricset.name': 'span_breakdown' } },
    });
    return found.hits.hits.length > 0 ? found : undefined;
  });
  const doc = response.hits.hits[0]!._source as Record<string, any>;
  expect(doc.golang).toBeUndefined();
  expect(doc.transaction).toMatchObject({ name: 'work', type: 'job' });
});

it('without a configured node name the instance is the container, else the host', async () => {
  const [doc] = await waitFor('a billing metricset', async () => {
    const found = await appMetricsets('billing');
    return found.length > 0 ? found : undefined;
  });
  expect(doc!.service.node.name).toBe(doc!.container?.id ?? doc!.host.name);
  expect(doc!.host.name).toEqual(expect.any(String));
});

it('a gzip stream: container before host names the node, application metricsets are not written here', async () => {
  const timestampUs = Date.parse('2026-11-01T00:00:00.123Z') * 1000;
  const lines = [
    {
      metadata: {
        service: { name: 'direct', agent: { name: 'go', version: '2.7.1' } },
        system: { hostname: 'host-a', container: { id: 'container-a' } },
        process: { pid: 7, title: 'direct' },
      },
    },
    {
      metricset: {
        timestamp: timestampUs,
        samples: {
          'golang.goroutines': { value: 12 },
          'golang.heap.allocations.allocated': { value: 1048576 },
        },
      },
    },
    // An application's own metric: APM Server routes it to metrics-apm.app.direct-<ns>.
    { metricset: { timestamp: timestampUs, samples: { 'orders.queued': { value: 3 } } } },
  ];
  const body = gzipSync(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  const response = await fetch(`${intake.url}/intake/v2/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
    body,
  });
  expect(response.status).toBe(202);
  await intake.settled();
  // The internal stream is strictly mapped: writing the application's metric there would fail.
  expect(intake.problems).toEqual([]);
  const docs = await appMetricsets('direct');
  expect(docs).toHaveLength(1);
  expect(docs[0]).toMatchObject({
    '@timestamp': '2026-11-01T00:00:00.123Z',
    service: { name: 'direct', node: { name: 'container-a' } },
    host: { name: 'host-a', hostname: 'host-a' },
    container: { id: 'container-a' },
    golang: { goroutines: 12, heap: { allocations: { allocated: 1048576 } } },
  });
  const all = await client.search({
    index,
    size: 10,
    query: { term: { 'service.name': 'direct' } },
  });
  expect(all.hits.hits).toHaveLength(1);
});
