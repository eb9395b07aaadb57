import type { Client } from '@elastic/elasticsearch';
import { alertDocuments, esClient } from '../harness/documents';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import {
  SOURCE_INDICES,
  apmDocuments,
  installSourceTemplates,
  metricbeatDocuments,
  writeSourceDocuments,
} from '../harness/source_documents';

/**
 * The metric threshold and heap growth rules on other products' Go data, through the dev host
 * and real Elasticsearch: APM Go agent and Metricbeat documents from the shared builders (the
 * products' shapes and templates), read from data streams of this test only (namespace and
 * suffix); the integration's conflict and the leaking Metricbeat process are written here, as
 * they need a mapping and a heap the builders do not make.
 */
jest.setTimeout(240_000);

const MIB = 1024 * 1024;
const ns = `rules${Date.now().toString(36)}`;
/** Plain indices of this test (data streams cannot be deleted on the test cluster). */
const INDICES = {
  integrationGood: `test-golang-heap-${ns}-a`,
  integrationConflict: `test-golang-heap-${ns}-b`,
};
const NAMED_ADDRESS = 'http://10.0.0.2:6060/debug/vars';
const MIXED_ADDRESS = 'http://10.0.0.1:6060/debug/vars';

let host: HostProcess;
let client: Client;

const keyword = { type: 'keyword' } as const;
const long = { type: 'long' } as const;

async function createIndex(index: string, properties: Record<string, object>): Promise<void> {
  await client.indices.create({
    index,
    mappings: { dynamic: false, properties: { '@timestamp': { type: 'date' }, ...properties } },
  });
}

async function write(index: string, documents: Array<Record<string, unknown>>): Promise<void> {
  await writeSourceDocuments(
    client,
    documents.map((document) => ({ index, document }))
  );
}

beforeAll(async () => {
  client = esClient();
  await installSourceTemplates(client);
  const integration = { 'service.name': keyword, 'service.address': keyword };
  await createIndex(INDICES.integrationGood, {
    ...integration,
    'golang.heap.allocations.active.bytes': long,
  });
  // The same field as a string in another index of the same source: a mapping conflict.
  await createIndex(INDICES.integrationConflict, {
    ...integration,
    'golang.heap.allocations.active.bytes': keyword,
  });

  host = await startHostProcess({
    indexPrefix: uniquePrefix('sources_rules'),
    pluginConfig: {
      sources: {
        apm: { indices: SOURCE_INDICES.apm(ns) },
        golangIntegration: { indices: `test-golang-heap-${ns}-*` },
        metricbeat: { indices: SOURCE_INDICES.metricbeat(ns) },
        serviceNames: [{ address: NAMED_ADDRESS, name: 'mb-leaky' }],
      },
    },
  });
});

afterAll(async () => {
  await host?.stop();
  if (client !== undefined) {
    await client.indices.delete({ index: Object.values(INDICES), ignore_unavailable: true });
    await client.close();
  }
});

async function createRule(name: string, ruleTypeId: string, params: object): Promise<string> {
  const rule = await host.request('POST', '/api/alerting/rule', {
    body: {
      name,
      rule_type_id: ruleTypeId,
      consumer: 'goRuntime',
      schedule: { interval: '2s' },
      params,
      actions: [],
    },
  });
  expect(rule.status).toBe(200);
  return rule.body.id as string;
}

const activeAlerts = async (ruleId: string) =>
  (await alertDocuments(client, ruleId)).filter((d) => d['kibana.alert.status'] === 'active');

it('metric threshold: an APM instance and a Metricbeat instance of one service each alert under their source, while a source with a mapping conflict is skipped', async () => {
  const now = Date.now();
  const times = Array.from({ length: 10 }, (_, i) =>
    new Date(now - (i + 1) * 15_000).toISOString()
  );
  const simulated = { from: now - 150_000, to: now - 15_000, periodMs: 15_000 };
  const apm = apmDocuments({ ...simulated, service: 'mixed-svc', node: 'mixed-1', namespace: ns });
  const metricbeat = metricbeatDocuments({
    ...simulated,
    seed: 2,
    address: MIXED_ADDRESS,
    serviceName: 'mixed-svc',
    indexSuffix: ns,
  });
  await writeSourceDocuments(client, [...apm, ...metricbeat]);
  const highest = (documents: typeof apm) =>
    Math.max(
      ...documents.map(({ document }) => (document as any).golang.heap.allocations.active as number)
    );
  const integrationDoc = (active: number | string) => ({
    '@timestamp': times[0],
    data_stream: { dataset: 'golang.heap' },
    service: { name: 'mixed-svc', address: 'http://10.0.0.3:6060/debug/vars' },
    golang: { heap: { allocations: { active: { bytes: active } } } },
  });
  await write(INDICES.integrationGood, [integrationDoc(500 * MIB)]);
  await write(INDICES.integrationConflict, [integrationDoc('a lot')]);

  const ruleId = await createRule('mixed heap', 'goRuntime.metricThreshold', {
    metric: 'golang.heap.allocations.active',
    aggregation: 'max',
    comparator: '>',
    // Under every simulated process's heap in use: each source's instance is above it.
    threshold: [64 * 1024],
    timeSize: 5,
    timeUnit: 'm',
    serviceNames: ['mixed-svc'],
  });

  const alerts = await waitFor(
    'the APM and Metricbeat instances alerting',
    async () => {
      const active = await activeAlerts(ruleId);
      return active.length >= 2 ? active : undefined;
    },
    90_000
  );
  const bySource = Object.fromEntries(alerts.map((a) => [a['go_runtime.alert.source'], a]));
  expect(Object.keys(bySource).sort()).toEqual(['apm', 'metricbeat']);
  expect(bySource.apm).toMatchObject({
    'service.name': 'mixed-svc',
    'service.node.name': 'mixed-1',
    'kibana.alert.evaluation.value': highest(apm),
  });
  expect(bySource.apm!['kibana.alert.reason']).toContain(
    'on instance mixed-1 of service mixed-svc (APM Go agent)'
  );
  expect(bySource.apm!['kibana.alert.instance.id']).toBe('%apm,mixed-svc,mixed-1');
  expect(bySource.metricbeat).toMatchObject({
    'service.node.name': MIXED_ADDRESS,
    'kibana.alert.evaluation.value': highest(metricbeat),
  });
  expect(bySource.metricbeat!['kibana.alert.reason']).toContain('(Metricbeat)');
  // The integration's pattern holds the field as a number and as a string: its search fails,
  // the run says so, and no integration alert stands in for the others.
  await waitFor('the failing source in the log', async () =>
    host.logs.find((line) => /source golang_integration was not read/.test(line))
  );
  expect(alerts.some((a) => a['go_runtime.alert.source'] === 'golang_integration')).toBe(false);
});

it('heap growth: a Metricbeat instance named by its address in kibana.yml whose live heap grows alerts', async () => {
  const now = Date.now();
  const windowMs = 30 * 60_000;
  // Every 10 s for the window: the live heap grows 60 MiB/h under a sawtooth that a GC (every
  // third sample) brings back down; the GC count climbs as Metricbeat reports it.
  const documents = Array.from({ length: windowMs / 10_000 }, (_, i) => {
    const atMs = now - windowMs + i * 10_000;
    const live = 50 * MIB + (60 * MIB * (i * 10_000)) / 3_600_000;
    const allocated = live + (i % 3) * 5 * MIB;
    return {
      '@timestamp': new Date(atMs).toISOString(),
      event: { module: 'golang' },
      metricset: { name: 'heap', period: 10_000 },
      // No service.name: the address names the instance, kibana.yml names its service.
      service: { address: NAMED_ADDRESS },
      golang: {
        heap: {
          allocations: { allocated, active: allocated },
          gc: { total_count: Math.floor(i / 3) },
        },
      },
    };
  });
  await write(SOURCE_INDICES.metricbeat(ns), documents);

  const ruleId = await createRule('mb leak', 'goRuntime.heapGrowth', {
    timeSize: 30,
    timeUnit: 'm',
    minGrowthBytesPerHour: 10 * MIB,
    serviceNames: ['mb-leaky'],
  });
  const alert = await waitFor(
    'the Metricbeat heap-growth alert',
    async () => (await activeAlerts(ruleId))[0],
    90_000
  );
  expect(alert).toMatchObject({
    'service.name': 'mb-leaky',
    'service.node.name': NAMED_ADDRESS,
    'go_runtime.alert.source': 'metricbeat',
  });
  expect(alert['kibana.alert.reason']).toContain(
    `The heap after GC of instance ${NAMED_ADDRESS} of service mb-leaky (Metricbeat) grew`
  );
  expect(alert['go_runtime.alert.slope_bytes_per_hour'] / MIB).toBeGreaterThan(40);
  expect(alert['go_runtime.alert.slope_bytes_per_hour'] / MIB).toBeLessThan(80);
});
