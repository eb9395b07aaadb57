import { Client } from '@elastic/elasticsearch';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  clientOptions,
  startElasticsearch,
  type RunningElasticsearch,
} from '../../dev/es/elasticsearch';
import { HEAP_DOC_VALUES, wholeHeapDocument } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

/**
 * The collector loses nothing while Elasticsearch is away: a real node of our own is stopped
 * for 60 s while two Go targets are scraped every second, then started again on the same data.
 * Every slot of the outage must end up with its document, once, and the GC pauses must add
 * up across it (no pause lost with an unwritten document, none counted twice).
 */
jest.setTimeout(420_000);

const OUTAGE_MS = 60_000;
// Beside the suite's own Elasticsearch, at a port derived from it so parallel checkouts differ.
const PORT = Number(process.env.GO_RUNTIME_TEST_ES_PORT ?? 9250) + 40;

const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
let es: RunningElasticsearch | undefined;
let host: HostProcess;
let fixtures: GoFixture[] = [];
let client: Client;

beforeAll(async () => {
  es = await startElasticsearch({ name: 'outage', httpPort: PORT });
  client = new Client(clientOptions(es));
  host = await startHostProcess({
    indexPrefix: uniquePrefix('outage'),
    esUrl: es.url,
    logLevel: 'debug',
    // Runs long enough that a 60 s outage (plus the node's restart) fits in one run's deadline.
    pluginConfig: { poll: { partitions: 2, runSeconds: 20, timeoutSeconds: 150 } },
  });
  fixtures = await Promise.all([startGoFixture(), startGoFixture()]);
});
afterAll(async () => {
  // The whole story of the run, for when a slot goes missing.
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(
    path.join(ARTIFACTS, 'elasticsearch_outage.host.log'),
    (host?.logs ?? []).join('\n')
  );
  await Promise.all([host?.stop(), ...fixtures.map((f) => f.stop())]);
  await client?.close();
  await es?.stop();
});

it('keeps every 1 s slot of a 60 s Elasticsearch outage, once, with exact GC pauses', async () => {
  const ids: string[] = [];
  for (const [index, fixture] of fixtures.entries()) {
    const created = await host.request('POST', '/api/go_runtime/targets', {
      body: {
        name: `outage-${index}`,
        service_name: 'outage',
        url: fixture.varsUrl,
        interval: '1s',
      },
    });
    expect(created.status).toBe(200);
    ids.push(created.body.id);
  }
  await waitFor('documents of both targets', async () =>
    (await slotsOf(ids[0]!)).length > 5 && (await slotsOf(ids[1]!)).length > 5 ? true : undefined
  );

  const outageStart = Date.now();
  await es!.stop();
  // The targets keep collecting garbage while nobody can write: their pauses must survive.
  const gcs = setInterval(
    () => void Promise.all(fixtures.map((f) => f.gc(3))).catch(() => undefined),
    5_000
  );
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  clearInterval(gcs);
  es = await startElasticsearch({ name: 'outage', httpPort: PORT });
  const outageEnd = Date.now();
  await waitFor(
    'documents of both targets written after the outage',
    async () => {
      const after = await Promise.all(ids.map(async (id) => (await slotsOf(id)).at(-1)!));
      return after.every((slot) => slot > outageEnd) ? true : undefined;
    },
    120_000
  );
  await Promise.all(fixtures.map((f) => f.gc(2)));

  expect(host.logs.some((line) => line.includes('Elasticsearch does not take documents now'))).toBe(
    true
  );
  for (const [index, id] of ids.entries()) {
    // From the target's first document (collection may have started less than 5 s before).
    const known = (await slotsOf(id)).sort((a, b) => a - b);
    const expected = gridSlots(known, Math.max(known[0]!, outageStart - 5_000), outageEnd + 5_000);
    await waitFor(
      `every slot of target ${index} written`,
      async () => {
        const slots = new Set(await slotsOf(id));
        return expected.every((slot) => slots.has(slot)) ? true : undefined;
      },
      60_000
    ).catch(async (error: Error) => {
      const slots = new Set(await slotsOf(id));
      const said = host.logs
        .filter((line) => /WARN|ERROR|partition \d+:/.test(line) && !/ECONNREFUSED/.test(line))
        .slice(-60);
      throw new Error(
        `${error.message}; missing ${expected
          .filter((slot) => !slots.has(slot))
          .map((s) => new Date(s).toISOString())
          .join(', ')}; ` +
          `outage ${new Date(outageStart).toISOString()} to ${new Date(
            outageEnd
          ).toISOString()}; the host said:\n${said.join('\n')}`
      );
    });
  }

  // Pauses add up: every GC since the first scrape of the process is in exactly one document.
  for (const [index, id] of ids.entries()) {
    const truth = await fixtures[index]!.truth();
    // Up to a scrape that saw the last GCs.
    const documents = await waitFor(`a document of target ${index} after its last GC`, async () => {
      const found = await heapSources(id);
      return found.some((doc) => doc.golang.heap.gc.total_count >= truth.num_gc)
        ? found
        : undefined;
    });
    const last = documents.filter((doc) => doc.golang.heap.gc.total_count <= truth.num_gc).at(-1)!;
    const counted = documents
      .filter((doc) => doc['@timestamp'] <= last['@timestamp'])
      .reduce(
        (sum, doc) => sum + doc.golang.heap.gc.pause.count + doc.golang.heap.gc.pause.missed,
        0
      );
    expect([index, counted]).toEqual([index, last.golang.heap.gc.total_count]);
    // Once: one document per slot.
    expect(new Set(documents.map((doc) => doc['@timestamp'])).size).toBe(documents.length);
  }
});

/** The slot of each heap document of a target: its @timestamp is the slot's start. */
async function slotsOf(targetId: string): Promise<number[]> {
  return (await heapSources(targetId)).map((doc) => Date.parse(doc['@timestamp']));
}

async function heapSources(targetId: string): Promise<Array<Record<string, any>>> {
  await client.indices.refresh({
    index: 'metrics-go_runtime.heap-*',
    ignore_unavailable: true,
    allow_no_indices: true,
  });
  const response = await client.search({
    index: 'metrics-go_runtime.heap-*',
    size: 2_000,
    query: { term: { 'go_runtime.target.id': targetId } },
    sort: [{ '@timestamp': 'asc' }],
    // A stored `_source` leaves out what doc values hold (@timestamp, the counters): read them back.
    docvalue_fields: HEAP_DOC_VALUES,
  });
  return response.hits.hits.map((hit) => ({ _id: hit._id, ...wholeHeapDocument(hit) }));
}

/** The target's 1 s grid between `from` and `to`, aligned on a slot it has. */
function gridSlots(known: readonly number[], from: number, to: number): number[] {
  const anchor = known[0]!;
  const first = anchor + Math.ceil((from - anchor) / 1_000) * 1_000;
  const slots: number[] = [];
  for (let slot = first; slot + 1_000 <= to; slot += 1_000) slots.push(slot);
  return slots;
}
