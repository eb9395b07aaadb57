import { Client } from '@elastic/elasticsearch';
import {
  clientOptions,
  startElasticsearch,
  type RunningElasticsearch,
} from '../../dev/es/elasticsearch';
import { profileDocuments } from '../harness/documents';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { startLeakFixture, type LeakFixture } from '../harness/leak_fixture';

/**
 * Profiles read while Elasticsearch is away are not lost: a node of our own is stopped for
 * 30 s while the leak fixture's goroutines are read every 10 s; every slot of the outage must
 * end up with its profile document, once.
 */
jest.setTimeout(420_000);

const OUTAGE_MS = 30_000;
const PERIOD_MS = 10_000;
// Beside the suite's Elasticsearch and elasticsearch_outage.test.ts's (+40).
const PORT = Number(process.env.GO_RUNTIME_TEST_ES_PORT ?? 9250) + 41;

let es: RunningElasticsearch | undefined;
let host: HostProcess;
let fixture: LeakFixture;
let client: Client;

beforeAll(async () => {
  es = await startElasticsearch({ name: 'profiles-outage', httpPort: PORT });
  client = new Client(clientOptions(es));
  host = await startHostProcess({
    indexPrefix: uniquePrefix('profoutage'),
    esUrl: es.url,
    pluginConfig: { poll: { partitions: 1, runSeconds: 20, timeoutSeconds: 150 } },
  });
  fixture = startLeakFixture('leakfixture-outage');
});
afterAll(async () => {
  await Promise.all([host?.stop(), fixture?.stop()]);
  await client?.close();
  await es?.stop();
});

it('writes the goroutine profiles read during a 30 s Elasticsearch outage once it is back, one per slot', async () => {
  const base = await fixture.base;
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name: 'profiles-outage',
      service_name: 'profoutage',
      url: `${base}/debug/vars`,
      interval: '1s',
      profiles: { heap_period: '1h', goroutine_period: '10s' },
    },
  });
  expect(created.status).toBe(200);
  const id: string = created.body.id;
  await waitFor('a goroutine profile before the outage', async () =>
    (await goroutineSlots(id)).length > 0 ? true : undefined
  );

  const outageStart = Date.now();
  await es!.stop();
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  es = await startElasticsearch({ name: 'profiles-outage', httpPort: PORT });
  const outageEnd = Date.now();

  const slots = await waitFor(
    'goroutine profiles past the outage',
    async () => {
      const found = await goroutineSlots(id);
      return found.at(-1)! > outageEnd ? found : undefined;
    },
    120_000
  );
  // Reads of slots inside the outage were written once Elasticsearch was back, each once. Not
  // every slot: on a busy machine the runner may skip a slot whose tick came too late, by
  // design, and that is no loss to the outage.
  const during = slots.filter((slot) => slot >= outageStart && slot + PERIOD_MS <= outageEnd);
  expect(during.length).toBeGreaterThanOrEqual(2);
  expect(new Set(slots).size).toBe(slots.length);
  // All on the target's grid of slots.
  for (let i = 1; i < slots.length; i++) expect((slots[i]! - slots[i - 1]!) % PERIOD_MS).toBe(0);
});

/** The slots (`@timestamp`) of the target's successful goroutine profile documents, in order. */
async function goroutineSlots(targetId: string): Promise<number[]> {
  return (await profileDocuments(client, targetId, 'goroutine')).map((doc) =>
    Date.parse(doc['@timestamp'])
  );
}
