/**
 * The services list and a service's instances across sources, on the real Elasticsearch: the
 * plugin's own documents (its own document builder, dev/demo/history.ts) beside documents in the
 * exact shapes the APM Go agent (through APM Server), the Golang integration and Metricbeat
 * write (test/harness/source_documents.ts, issue 21). The sources read this run's namespace only
 * (their `indices` settings), so other tests' documents never meet these.
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
  SOURCE_INDICES,
  apmDocuments,
  installSourceTemplates,
  integrationDocuments,
  metricbeatDocuments,
  writeSourceDocuments,
  type SourceDocument,
} from '../harness/source_documents';

jest.setTimeout(300_000);

let client: Client;
const es = () => client as unknown as ElasticsearchClient;
// Data streams cannot be deleted on the test Elasticsearch: this run's own namespace.
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const now = Date.now();
const from = now - 3_600_000;
const SHOP = `shop-${run}`; // scraped by the plugin and instrumented with the APM Go agent
const PAY = `pay-${run}`; // the APM Go agent only, its node named by its host by APM Server
const ADDRESS = `http://10.1.2.3:6060/${run}`; // the integration, no service.name
const NAMED_ADDRESS = `http://10.1.2.4:6060/${run}`; // named in kibana.yml
const NAMED = `ledger-${run}`;
const BEAT = `beat-${run}`; // Metricbeat with service.name
const STREAM = {
  apm: SOURCE_INDICES.apm(run),
  heap: SOURCE_INDICES.golangHeap(run),
  expvar: SOURCE_INDICES.golangExpvar(run),
  metricbeat: SOURCE_INDICES.metricbeat(run),
};
/** Plain indices of this run with wrong shapes (no source template matches their names). */
const BAD = {
  /** Metricbeat documents where heap in use was mapped as a string. */
  metricbeat: `src-services-${run}-metricbeat-keyword`,
  /** APM documents where service.name was mapped as text: no terms on it. */
  apm: `src-services-${run}-apm-text`,
};

const config = (indices: Partial<Record<'apm' | 'golang' | 'metricbeat', string>> = {}) => ({
  apm: { enabled: true, indices: indices.apm ?? STREAM.apm },
  golangIntegration: {
    enabled: true,
    indices: indices.golang ?? `${STREAM.heap},${STREAM.expvar}`,
  },
  metricbeat: { enabled: true, indices: indices.metricbeat ?? STREAM.metricbeat },
  serviceNames: [{ address: NAMED_ADDRESS, name: NAMED }],
});
const context = (indices?: Parameters<typeof config>[0]) => ({
  sources: sourceReaders(config(indices)),
});

// One sample every period up to a second ago, no restart in the range.
const span = (periodMs: number) => ({
  from: now - 1_000 - 59 * periodMs,
  to: now - 1_000,
  periodMs,
});
const apmPay = apmDocuments({
  service: PAY,
  host: `pay-host-${run}`,
  namespace: run,
  seed: 2,
  ...span(30_000),
});
const apmShop = apmDocuments({
  service: SHOP,
  node: `${SHOP}-apm`,
  namespace: run,
  seed: 1,
  ...span(30_000),
});
const beatDocs = metricbeatDocuments({
  address: 'http://10.1.2.5:6060',
  serviceName: BEAT,
  indexSuffix: run,
  seed: 4,
  ...span(10_000),
});
const integrationAddress = integrationDocuments({
  address: ADDRESS,
  namespace: run,
  seed: 5,
  ...span(10_000),
});

/** A field of the newest and the oldest document of `documents` in the range. */
const valueAt = (documents: readonly SourceDocument[], path: string, which: 'first' | 'last') => {
  const inRange = documents.filter(
    (d) => path.split('.').reduce<any>((v, k) => v?.[k], d.document) !== undefined
  );
  const doc = which === 'last' ? inRange[inRange.length - 1]! : inRange[0]!;
  return path.split('.').reduce<any>((v, k) => v[k], doc.document) as number;
};

async function writeWrongShape(
  index: string,
  mapping: object,
  documents: readonly SourceDocument[]
) {
  await client.indices.create({ index, mappings: { properties: mapping as never } });
  await writeSourceDocuments(
    client,
    documents.map((d) => ({ ...d, index }))
  );
}

beforeAll(async () => {
  client = esClient();
  await Promise.all([
    installIndexTemplates(es(), { retention: '30d' }),
    installSourceTemplates(client),
  ]);
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
  await writeSourceDocuments(client, [
    ...apmShop,
    ...apmPay,
    ...integrationAddress,
    ...integrationDocuments({ address: NAMED_ADDRESS, namespace: run, seed: 6, ...span(10_000) }),
    ...beatDocs,
  ]);
  await writeWrongShape(
    BAD.metricbeat,
    {
      golang: {
        properties: {
          heap: { properties: { allocations: { properties: { active: { type: 'keyword' } } } } },
        },
      },
    },
    metricbeatDocuments({
      address: 'http://10.1.2.6:6060',
      serviceName: `${BEAT}-bad`,
      seed: 7,
      ...span(10_000),
    })
  );
  await writeWrongShape(
    BAD.apm,
    { service: { properties: { name: { type: 'text' } } } },
    apmDocuments({ service: PAY, host: 'text-host', seed: 8, ...span(30_000) }).slice(0, 3)
  );
});
afterAll(async () => {
  await client?.indices.delete({ index: Object.values(BAD) }).catch(() => undefined);
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
    expect(shop[0]!.heap_in_use_bytes).toBeGreaterThan(
      valueAt(apmShop, 'golang.heap.allocations.active', 'last')
    );
  });

  it('lists an APM-only service by service.name, reporting, with heap and GC cycles from its counter', async () => {
    const response = await queryServices(es(), range, 'default', undefined, context());
    const pay = row(response.services, PAY)!;
    expect(pay).toMatchObject({
      sources: ['apm'],
      instances_seen: 1,
      instances_recent: 1,
      // The newest sample's heap in use; no per-GC pauses from the agent.
      heap_in_use_bytes: valueAt(apmPay, 'golang.heap.allocations.active', 'last'),
      gc_pause_p99_ns: null,
      gc_pause_max_ns: null,
      health: { state: 'healthy', up: 1, down: 0, stale: 0 },
    });
    // The GCs the cumulative count grew by, over the hour's range.
    const cycles =
      valueAt(apmPay, 'golang.heap.gc.total_count', 'last') -
      valueAt(apmPay, 'golang.heap.gc.total_count', 'first');
    expect(cycles).toBeGreaterThan(0);
    expect(pay.gc_cycles_per_minute).toBeCloseTo(cycles / 60, 5);
  });

  it('names an integration service by its address, or by the name kibana.yml gives the address', async () => {
    const response = await queryServices(es(), range, 'default', undefined, context());
    expect(row(response.services, ADDRESS)).toMatchObject({
      sources: ['golang_integration'],
      instances_seen: 1,
      heap_in_use_bytes: valueAt(
        integrationAddress,
        'golang.heap.allocations.active.bytes',
        'last'
      ),
    });
    expect(row(response.services, NAMED)).toMatchObject({
      sources: ['golang_integration'],
      instances_seen: 1,
    });
    expect(row(response.services, NAMED_ADDRESS)).toBeUndefined();
  });

  it('lists a Metricbeat service with its per-period pause max', async () => {
    const response = await queryServices(es(), range, 'default', undefined, context());
    const pauseMax = Math.max(...beatDocs.map((d: any) => d.document.golang.heap.gc.pause.max.ns));
    const cycles =
      valueAt(beatDocs, 'golang.heap.gc.total_count', 'last') -
      valueAt(beatDocs, 'golang.heap.gc.total_count', 'first');
    const beat = row(response.services, BEAT)!;
    expect(beat).toMatchObject({
      sources: ['metricbeat'],
      gc_pause_max_ns: pauseMax,
      gc_pause_p99_ns: null,
    });
    expect(beat.gc_cycles_per_minute).toBeCloseTo(cycles / 60, 5);
  });

  it('names a source whose index maps a field as a string, and still lists the others', async () => {
    const response = await queryServices(
      es(),
      range,
      'default',
      undefined,
      context({ metricbeat: `${STREAM.metricbeat},${BAD.metricbeat}` })
    );
    expect(response.problems).toEqual([
      expect.objectContaining({
        source: 'metricbeat',
        message: expect.stringContaining(`failed on index ${BAD.metricbeat}`),
      }),
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
      context({ apm: BAD.apm })
    );
    expect(response.problems).toEqual([
      expect.objectContaining({ source: 'apm', message: expect.stringContaining('text') }),
    ]);
    expect(row(response.services, BEAT)).toBeDefined();
    expect(row(response.services, SHOP)?.sources).toEqual(['go_runtime']);
  });

  it('says how many Metricbeat documents name no service (no service.name, no service.address), and lists the rest', async () => {
    // Metricbeat documents whose scrape has no address, written to an index of their own.
    const unnamed = `src-services-${run}-metricbeat-unnamed`;
    const documents = metricbeatDocuments({
      address: 'http://10.1.2.9:6060',
      indexSuffix: run,
      seed: 9,
      ...span(10_000),
    }).map(({ document }) => {
      const { service, ...rest } = document as { service?: Record<string, unknown> };
      expect(service?.address).toBeDefined();
      return { index: unnamed, document: rest };
    });
    await writeSourceDocuments(client, documents);
    const response = await queryServices(
      es(),
      range,
      'default',
      undefined,
      context({ metricbeat: `${STREAM.metricbeat},${unnamed}` })
    );
    expect(response.notes).toEqual([
      {
        source: 'metricbeat',
        message: expect.stringContaining(
          `${documents.length} document(s) in the range have neither service.name nor service.address`
        ),
      },
    ]);
    expect(response.problems).toBeUndefined();
    expect(row(response.services, BEAT)?.sources).toEqual(['metricbeat']);
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

  it('names an APM instance by the node name APM Server gave it, and an integration one by its address', async () => {
    const pay = await queryServiceInstances(
      es(),
      { ...range, service_name: PAY },
      'default',
      undefined,
      context()
    );
    expect(pay.instances).toEqual([
      expect.objectContaining({ name: `pay-host-${run}`, source: 'apm', documents: apmPay.length }),
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
