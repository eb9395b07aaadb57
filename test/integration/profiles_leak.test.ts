import { HEAP_PROFILE_ROUTE } from '../../common/profile_pages';
import type { Client } from '@elastic/elasticsearch';
import {
  esClient,
  heapDocuments,
  profileDocuments,
  scrapeHealthDocuments,
} from '../harness/documents';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { startLeakFixture, type LeakFixture } from '../harness/leak_fixture';

// Two heap profiles a minute apart (the shortest heap period) and the host's start.
jest.setTimeout(300_000);

let host: HostProcess;
let client: Client;
const children: LeakFixture[] = [];

/** The leak fixture, stopped after all tests; its base URL. */
function startFixture(withPprof: boolean): Promise<string> {
  const child = startLeakFixture(`leakfixture${withPprof ? '' : '-nopprof'}`, { pprof: withPprof });
  children.push(child);
  return child.base;
}

beforeAll(async () => {
  client = esClient();
  host = await startHostProcess({ indexPrefix: uniquePrefix('profiles') });
});
afterAll(async () => {
  await Promise.all([host?.stop(), ...children.map((child) => child.stop())]);
  await client?.close();
});

async function createTarget(name: string, base: string, profiles?: object): Promise<string> {
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: {
      name,
      service_name: 'profiles',
      url: `${base}/debug/vars`,
      interval: '1s',
      ...(profiles === undefined ? {} : { profiles }),
    },
  });
  expect(created.status).toBe(200);
  return created.body.id;
}

it('names the leaking function first by in-use growth, and the blocked goroutines by function', async () => {
  const base = await startFixture(true);
  const id = await createTarget('leaky', base, { heap_period: '1m', goroutine_period: '10s' });

  const heaps = await waitFor(
    'two heap profiles of the leaking target',
    async () => {
      const docs = await profileDocuments(client, id, 'heap');
      return docs.length >= 2 ? docs : undefined;
    },
    150_000
  );
  for (const doc of heaps) {
    expect(doc).toMatchObject({
      event: { outcome: 'success', dataset: 'go_runtime.profile' },
      data_stream: { dataset: 'go_runtime.profile', namespace: 'default' },
      service: { name: 'profiles', node: { name: 'leaky' } },
      go_runtime: { target: { id, name: 'leaky' }, profile: { kind: 'heap' } },
    });
  }
  // What grew, as the Heap profile panel asks for it over the profiles' range.
  const range = new URLSearchParams({
    from: heaps[0]!['@timestamp'],
    to: heaps[heaps.length - 1]!['@timestamp'],
    service_name: 'profiles',
    instance: 'leaky',
  });
  const answer = await host.request('GET', `${HEAP_PROFILE_ROUTE}?${range}`, {
    headers: { 'x-elastic-internal-origin': 'Kibana' },
  });
  expect(answer.status).toBe(200);
  const grew = answer.body.what_grew.rows;
  expect(grew[0]).toMatchObject({ function: 'main.retainOrderHistory' });
  expect(grew[0].inuse_space_growth).toBeGreaterThan(0);
  // The garbage maker allocates more, but holds nothing: it leads allocation, not growth.
  const alloc = heaps[heaps.length - 1]!.go_runtime.profile.heap.alloc_space.top_flat;
  expect(alloc[0].function).toBe('main.buildReport');
  // The flame stacks name their functions with file:line as the profile gives them.
  const last = heaps[heaps.length - 1]!.go_runtime.profile.heap;
  const leak = last.functions.find(
    (fn: { function: string }) => fn.function === 'main.retainOrderHistory'
  );
  expect(leak.file).toMatch(/leakfixture\/main\.go$/);
  expect(leak.line).toBeGreaterThan(0);

  const goroutines = await waitFor('a goroutine read of the leaking target', async () => {
    const docs = await profileDocuments(client, id, 'goroutine');
    return docs.find((doc) => doc.event.outcome === 'success');
  });
  expect(goroutines.go_runtime.profile.goroutine.top_function).toBe('main.awaitReply');
  expect(goroutines.go_runtime.profile.goroutine.groups[0]).toMatchObject({
    function: 'main.awaitReply',
  });
  expect(goroutines.go_runtime.profile.goroutine.total).toBeGreaterThanOrEqual(
    goroutines.go_runtime.profile.goroutine.groups[0].count
  );

  const health = await waitFor('a health document that says profiles are read', async () =>
    (
      await scrapeHealthDocuments(client, id)
    ).find((doc) => doc.go_runtime.profiles?.status === 'available')
  );
  expect(health.event.outcome).toBe('success');
});

it('scrapes a Go program without pprof as before, and says why profiles are not available', async () => {
  const base = await startFixture(false);
  const id = await createTarget('no-pprof', base);

  const health = await waitFor('a health document that says profiles are not available', async () =>
    (
      await scrapeHealthDocuments(client, id)
    ).find((doc) => doc.go_runtime.profiles?.status === 'not_available')
  );
  expect(health).toMatchObject({
    event: { outcome: 'success' },
    http: { response: { status_code: 200 } },
    go_runtime: {
      profiles: {
        status: 'not_available',
        error: {
          type: 'not_available',
          message:
            'profiles not available: the origin does not serve /debug/pprof/ (import net/http/pprof)',
        },
      },
    },
  });
  expect(health).not.toHaveProperty('error');
  // The expvar scrape goes on as before: every attempt a success, heap documents written.
  const docs = await waitFor('three health documents', async () => {
    const all = await scrapeHealthDocuments(client, id);
    return all.length >= 3 ? all : undefined;
  });
  expect(docs.every((doc) => doc.event.outcome === 'success')).toBe(true);
  expect((await heapDocuments(client, id)).length).toBeGreaterThan(0);
});
