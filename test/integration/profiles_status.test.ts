import type { Client } from '@elastic/elasticsearch';
import { esClient, heapDocuments, scrapeHealthDocuments } from '../harness/documents';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { startLeakFixture, type LeakFixture } from '../harness/leak_fixture';

// Whether a target's origin serves pprof, found at creation, at _test and on a change of its
// settings, and shown in the targets API: the leak fixture with and without pprof.
jest.setTimeout(180_000);

let host: HostProcess;
let client: Client;
const children: LeakFixture[] = [];

function startFixture(withPprof: boolean): Promise<string> {
  const child = startLeakFixture(`leakfixture-status${withPprof ? '' : '-nopprof'}`, {
    pprof: withPprof,
  });
  children.push(child);
  return child.base;
}

beforeAll(async () => {
  client = esClient();
  host = await startHostProcess({ indexPrefix: uniquePrefix('profstatus') });
});
afterAll(async () => {
  await Promise.all([host?.stop(), ...children.map((child) => child.stop())]);
  await client?.close();
});

/** The target's profile status as GET and the list give it, once it is no longer `unknown`. */
async function profilesOf(id: string, not?: string): Promise<Record<string, any>> {
  return waitFor(`the profile status of target ${id}`, async () => {
    const got = await host.request('GET', `/api/go_runtime/targets/${id}`);
    const profiles = got.body.health?.profiles;
    return profiles !== undefined && profiles.status !== 'unknown' && profiles.status !== not
      ? profiles
      : undefined;
  });
}

const NOT_AVAILABLE = {
  status: 'not_available',
  error: {
    class: 'not_available',
    message:
      'profiles not available: the origin does not serve /debug/pprof/ (import net/http/pprof)',
  },
};

it('says at _test and after creation that a Go program without pprof has no profiles, and why, while expvar is scraped as before', async () => {
  const base = await startFixture(false);
  const url = `${base}/debug/vars`;

  const tested = await host.request('POST', '/api/go_runtime/targets/_test', { body: { url } });
  expect(tested.status).toBe(200);
  expect(tested.body).toMatchObject({ ok: true, memstats: true, profiles: NOT_AVAILABLE });
  expect(Date.parse(tested.body.profiles.at)).not.toBeNaN();

  // Profiles off: _test says so without reading anything.
  const off = await host.request('POST', '/api/go_runtime/targets/_test', {
    body: { url, profiles: { heap_period: 'off', goroutine_period: 'off' } },
  });
  expect(off.body.profiles).toMatchObject({ status: 'off' });
  expect(off.body.profiles).not.toHaveProperty('error');

  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: { name: 'no-pprof', service_name: 'profstatus', url, interval: '1s' },
  });
  expect(created.status).toBe(200);
  const { id } = created.body;
  expect(await profilesOf(id)).toMatchObject(NOT_AVAILABLE);
  const listed = await host.request('GET', '/api/go_runtime/targets?search=no-pprof');
  expect(listed.body.targets[0].health.profiles).toMatchObject(NOT_AVAILABLE);

  // The expvar scrape is as it was without profiles: every attempt a success, heap documents in.
  const docs = await waitFor('three health documents', async () => {
    const all = await scrapeHealthDocuments(client, id);
    return all.length >= 3 ? all : undefined;
  });
  expect(docs.every((doc) => doc.event.outcome === 'success')).toBe(true);
  expect(docs.every((doc) => doc.error === undefined)).toBe(true);
  expect((await heapDocuments(client, id)).length).toBeGreaterThan(0);
  expect(listed.body.targets[0].health.status).not.toBe('down');
});

it('finds profiles available on a Go program with pprof, and finds again when the settings change', async () => {
  const base = await startFixture(true);
  const url = `${base}/debug/vars`;
  const tested = await host.request('POST', '/api/go_runtime/targets/_test', { body: { url } });
  expect(tested.body.profiles).toMatchObject({ status: 'available' });
  expect(tested.body.profiles).not.toHaveProperty('error');

  // Disabled, so never scraped: what the API says is the discovery's, no profile read's.
  const profiles = { heap_period: '1h', goroutine_period: '1h' };
  const settings = { name: 'with-pprof', service_name: 'profstatus', url, interval: '10s' };
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: { ...settings, enabled: false, profiles },
  });
  const { id, version } = created.body;
  expect(await profilesOf(id)).toMatchObject({ status: 'available' });

  // Another path prefix, where the fixture serves nothing: not available, naming that prefix.
  const moved = await host.request('PUT', `/api/go_runtime/targets/${id}`, {
    body: {
      ...settings,
      enabled: false,
      version,
      profiles: { ...profiles, path_prefix: '/internal/pprof/' },
    },
  });
  expect(moved.status).toBe(200);
  expect(await profilesOf(id, 'available')).toMatchObject({
    status: 'not_available',
    error: {
      class: 'not_available',
      message: expect.stringContaining('/internal/pprof/'),
    },
  });

  // Both periods off: the target says profiles are off.
  const off = await host.request('PUT', `/api/go_runtime/targets/${id}`, {
    body: {
      ...settings,
      enabled: false,
      version: moved.body.version,
      profiles: { heap_period: 'off', goroutine_period: 'off' },
    },
  });
  expect(off.status).toBe(200);
  expect(await profilesOf(id, 'not_available')).toMatchObject({ status: 'off' });
});
