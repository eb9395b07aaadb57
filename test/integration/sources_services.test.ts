/**
 * The services list and a service's instances across sources, on the real Elasticsearch: the
 * plugin's own documents (its own document builder, dev/demo/history.ts) beside documents in the
 * exact shapes the APM Go agent (through APM Server), the Golang integration and Metricbeat
 * write (issue 21). The sources read indices of this run only (their `indices` settings), so
 * other tests' documents and templates never meet these.
 *
 * The documents are minimal ones in the products' shapes (test/harness/source_shapes.ts).
 */
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { fillHistory } from '../../dev/demo/history';
import type { ServiceSummary } from '../../common/panels';
import { queryServiceInstances } from '../../server/queries/service_instances_query';
import { queryServices } from '../../server/queries/services_query';
import { sourceReaders } from '../../server/sources/source_readers';
import { installIndexTemplates } from '../../server/storage/install_templates';
import { esClient } from '../harness/documents';
import {
  FIELDS,
  LONG,
  apmDocument,
  integrationExpvarDocument,
  integrationHeapDocument,
  metricbeatDocument,
  samples,
  writeSourceIndex,
} from '../harness/source_shapes';

jest.setTimeout(300_000);

let client: Client;
const es = () => client as unknown as ElasticsearchClient;
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const now = Date.now();
const from = now - 3_600_000;
const SHOP = `shop-${run}`; // scraped by the plugin and instrumented with the APM Go agent
const PAY = `pay-${run}`; // the APM Go agent only, without service.node.name
const ADDRESS = `http://10.1.2.3:6060/debug/vars?${run}`; // the integration, no service.name
const NAMED_ADDRESS = `http://10.1.2.4:6060/debug/vars?${run}`; // named in kibana.yml
const NAMED = `ledger-${run}`;
const BEAT = `beat-${run}`; // Metricbeat with service.name
const INDEX = {
  apm: `src-services-${run}-apm`,
  heap: `src-services-${run}-golang-heap`,
  expvar: `src-services-${run}-golang-expvar`,
  metricbeat: `src-services-${run}-metricbeat`,
  /** A Metricbeat index of this run where heap in use was mapped as a string. */
  metricbeatBad: `src-services-${run}-metricbeat-bad`,
  /** An APM index of this run where service.name was mapped as text: no terms on it. */
  apmText: `src-services-${run}-apm-text`,
};

const config = (indices: Partial<Record<'apm' | 'golang' | 'metricbeat', string>> = {}) => ({
  apm: { enabled: true, indices: indices.apm ?? INDEX.apm },
  golangIntegration: {
    enabled: true,
    indices: indices.golang ?? `${INDEX.heap},${INDEX.expvar}`,
  },
  metricbeat: { enabled: true, indices: indices.metricbeat ?? INDEX.metricbeat },
  serviceNames: [{ address: NAMED_ADDRESS, name: NAMED }],
});
const context = (indices?: Parameters<typeof config>[0]) => ({
  sources: sourceReaders(config(indices)),
});

/** One sample every `periodMs` up to a second ago. */
const recent = (periodMs: number, count: number) => samples(now - 1_000, periodMs, count);

const index = (name: string, fields: Record<string, object>, documents: object[]) =>
  writeSourceIndex(client, name, fields, documents);

beforeAll(async () => {
  client = esClient();
  await installIndexTemplates(es(), { retention: '30d' });
  const outcome = await fillHistory(
    client,
    [
      {
        id: `src-services-${run}`,
        name: `${SHOP}-scraped`,
        serviceName: SHOP,
        url: 'http://127.0.0.1:6190/debug/vars',
        seed: 71,
      },
    ],
    from,
    now
  );
  expect(outcome.failed).toBe(0);
  const apm = recent(30_000, 20);
  const beat = recent(10_000, 30);
  await Promise.all([
    index(
      INDEX.apm,
      FIELDS.apm,
      apm.flatMap((s) => [
        apmDocument(SHOP, `${SHOP}-apm`, 'host-a', s),
        // No service.node.name: host.name names the instance, as APM Server would.
        apmDocument(PAY, undefined, `pay-host-${run}`, s),
      ])
    ),
    index(
      INDEX.heap,
      FIELDS.integrationHeap,
      beat.flatMap((s) => [
        integrationHeapDocument(ADDRESS, s),
        integrationHeapDocument(NAMED_ADDRESS, s),
      ])
    ),
    index(
      INDEX.expvar,
      FIELDS.integrationExpvar,
      beat.flatMap((s) => [integrationExpvarDocument(ADDRESS, s)])
    ),
    index(
      INDEX.metricbeat,
      FIELDS.metricbeat,
      beat.map((s) => metricbeatDocument(BEAT, 'http://10.1.2.5:6060/debug/vars', s))
    ),
    index(
      INDEX.apmText,
      { 'service.name': { type: 'text' }, 'golang.heap.allocations.active': LONG },
      apm.slice(0, 2).map((s) => apmDocument(PAY, undefined, 'text-host', s))
    ),
    index(
      INDEX.metricbeatBad,
      { 'golang.heap.allocations.active': { type: 'keyword' } },
      beat.map((s) => ({
        ...metricbeatDocument(`${BEAT}-bad`, 'http://10.1.2.6:6060/debug/vars', s),
        golang: { heap: { allocations: { active: String(s.active) } } },
      }))
    ),
  ]);
});
afterAll(async () => {
  await client?.indices.delete({ index: Object.values(INDEX) }).catch(() => undefined);
  await client?.close();
});

const range = { from, to: now };
const row = (services: readonly ServiceSummary[], name: string) =>
  services.find((s) => s.service_name === name);

describe('the services list across sources', () => {
  it('lists the plugin target and its APM instance once, with both sources and both instances', async () => {
    const response = await queryServices(es(), range, 'default', undefined, context());
    expect(response.problems).toBeUndefined();
    const shop = response.services.filter((s) => s.service_name === SHOP);
    expect(shop).toHaveLength(1);
    expect(shop[0]).toMatchObject({ sources: ['go_runtime', 'apm'], instances_seen: 2 });
    // The plugin's own pauses and cycles are kept beside the APM instance's counter.
    expect(shop[0]!.gc_pause_p99_ns).not.toBeNull();
    expect(shop[0]!.heap_in_use_bytes).toBeGreaterThan(4_019_000);
  });

  it('lists an APM-only service by service.name, reporting, with heap and GC cycles from its counter', async () => {
    const response = await queryServices(es(), range, 'default', undefined, context());
    const pay = row(response.services, PAY)!;
    expect(pay).toMatchObject({
      sources: ['apm'],
      instances_seen: 1,
      instances_recent: 1,
      // The newest sample's heap in use; no per-GC pauses from the agent.
      heap_in_use_bytes: 4_019_000,
      gc_pause_p99_ns: null,
      gc_pause_max_ns: null,
      health: { state: 'healthy', up: 1, down: 0, stale: 0 },
    });
    // 19 GCs over the hour's range.
    expect(pay.gc_cycles_per_minute).toBeCloseTo(19 / 60, 5);
  });

  it('names an integration service by its address, or by the name kibana.yml gives the address', async () => {
    const response = await queryServices(es(), range, 'default', undefined, context());
    expect(row(response.services, ADDRESS)).toMatchObject({
      sources: ['golang_integration'],
      instances_seen: 1,
      heap_in_use_bytes: 4_029_000,
    });
    expect(row(response.services, NAMED)).toMatchObject({
      sources: ['golang_integration'],
      instances_seen: 1,
    });
    expect(row(response.services, NAMED_ADDRESS)).toBeUndefined();
  });

  it('lists a Metricbeat service with its per-period pause max', async () => {
    const response = await queryServices(es(), range, 'default', undefined, context());
    expect(row(response.services, BEAT)).toMatchObject({
      sources: ['metricbeat'],
      gc_pause_max_ns: 250_029,
      gc_pause_p99_ns: null,
      gc_cycles_per_minute: 29 / 60,
    });
  });

  it('names a source whose index maps a field as a string, and still lists the others', async () => {
    const response = await queryServices(
      es(),
      range,
      'default',
      undefined,
      context({ metricbeat: `${INDEX.metricbeat},${INDEX.metricbeatBad}` })
    );
    expect(response.problems).toEqual([
      expect.objectContaining({ source: 'metricbeat', message: expect.stringContaining('shard') }),
    ]);
    expect(row(response.services, PAY)).toBeDefined();
    expect(row(response.services, SHOP)?.sources).toEqual(['go_runtime', 'apm']);
  });

  it('names a source whose search fails as a whole, and still lists the others', async () => {
    const response = await queryServices(
      es(),
      range,
      'default',
      undefined,
      context({ apm: INDEX.apmText })
    );
    expect(response.problems).toEqual([
      expect.objectContaining({ source: 'apm', message: expect.stringContaining('text') }),
    ]);
    expect(row(response.services, BEAT)).toBeDefined();
    expect(row(response.services, SHOP)?.sources).toEqual(['go_runtime']);
  });

  it('reads the plugin own documents only without sources, as before', async () => {
    const response = await queryServices(es(), range, 'default');
    expect(row(response.services, SHOP)?.sources).toEqual(['go_runtime']);
    expect(row(response.services, PAY)).toBeUndefined();
  });
});

describe("a service's instances across sources", () => {
  it('lists the scraped instance and the APM one, each with its source', async () => {
    const response = await queryServiceInstances(
      es(),
      { ...range, service_name: SHOP },
      'default',
      undefined,
      context()
    );
    expect(response.instances.map((i) => [i.name, i.source])).toEqual([
      [`${SHOP}-apm`, 'apm'],
      [`${SHOP}-scraped`, 'go_runtime'],
    ]);
  });

  it('names an APM instance without service.node.name by its host, and an integration one by its address', async () => {
    const pay = await queryServiceInstances(
      es(),
      { ...range, service_name: PAY },
      'default',
      undefined,
      context()
    );
    expect(pay.instances).toEqual([
      expect.objectContaining({ name: `pay-host-${run}`, source: 'apm', documents: 20 }),
    ]);
    const named = await queryServiceInstances(
      es(),
      { ...range, service_name: NAMED },
      'default',
      undefined,
      context()
    );
    expect(named.instances.map((i) => [i.name, i.source])).toEqual([
      [NAMED_ADDRESS, 'golang_integration'],
    ]);
  });
});
