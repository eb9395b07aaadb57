import type { Client } from '@elastic/elasticsearch';
import { COLLECTION_STATE_INDEX } from '../../server/collection_state/collection_state_store';
import { esClient, heapDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

/**
 * An upgrade from the version that kept every target's GC cursor in the poll task's state:
 * the first run after it moves the cursor into the collection state store, so the next
 * document continues the process's pauses instead of starting over as a first scrape.
 */
jest.setTimeout(240_000);

const prefix = uniquePrefix('upgrade');
let host: HostProcess | undefined;
let fixture: GoFixture;
let client: Client;

beforeAll(async () => {
  client = esClient();
  fixture = await startGoFixture();
});
afterAll(async () => {
  await Promise.all([host?.stop(), fixture?.stop()]);
  await client?.close();
});

it('moves a version-0 task state into the store and continues the cursor', async () => {
  const config = { poll: { partitions: 1, runSeconds: 3, timeoutSeconds: 20 } };
  host = await startHostProcess({ indexPrefix: prefix, pluginConfig: config });
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: { name: 'upgraded', service_name: 'upgrade', url: fixture.varsUrl, interval: '1s' },
  });
  const id = created.body.id as string;
  await waitFor('two documents', async () =>
    (await heapDocuments(client, id)).length >= 2 ? true : undefined
  );
  await host.stop();
  host = undefined;

  // What the previous version left: no collection state index, the target in the task state.
  const stored = await client.get<Record<string, any>>({ index: COLLECTION_STATE_INDEX, id });
  const { last_slot, cursor, last_success_at } = stored._source!;
  await client.indices.delete({ index: COLLECTION_STATE_INDEX });
  const task = await client.get<Record<string, any>>({
    index: `${prefix}_task_manager`,
    id: 'goRuntime:poll:0',
  });
  const { stateVersion: _dropped, ...version0 } = task._source!;
  await client.index({
    index: `${prefix}_task_manager`,
    id: 'goRuntime:poll:0',
    document: { ...version0, state: { targets: { [id]: { last_slot, cursor, last_success_at } } } },
    refresh: true,
  });
  const before = (await heapDocuments(client, id)).length;
  await fixture.gc(3);

  host = await startHostProcess({ indexPrefix: prefix, pluginConfig: config });
  await waitFor('the move logged', async () =>
    host!.logs.find((line) => line.includes('moved the collection state of 1 targets'))
  );
  const next = await waitFor(
    'a document after the upgrade',
    async () => (await heapDocuments(client, id))[before]
  );
  expect(next.golang.heap.process.first_scrape).toBe(false);
  expect(next.golang.heap.process.restarted).toBe(false);
  // The three forced GCs (and any since) are read from the ring against the moved cursor.
  expect(next.golang.heap.gc.pause.count + next.golang.heap.gc.pause.missed).toBe(
    next.golang.heap.gc.total_count - cursor.num_gc
  );
  const task1 = await client.get<Record<string, any>>({
    index: `${prefix}_task_manager`,
    id: 'goRuntime:poll:0',
  });
  await waitFor('the task state without targets', async () => {
    const current = await client.get<Record<string, any>>({
      index: `${prefix}_task_manager`,
      id: 'goRuntime:poll:0',
    });
    return current._source!.state.legacy_targets === undefined &&
      current._source!.state.targets === undefined
      ? true
      : undefined;
  });
  expect(task1._source).toBeDefined();
});
