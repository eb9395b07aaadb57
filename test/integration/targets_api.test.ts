import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import {
  freePort,
  startHostProcess,
  uniquePrefix,
  type HostProcess,
} from '../harness/host_process';

jest.setTimeout(180_000);

let host: HostProcess;
let fixture: GoFixture;

beforeAll(async () => {
  // A cap of 3 so that the test can reach it.
  host = await startHostProcess({
    indexPrefix: uniquePrefix('api'),
    pluginConfig: { targets: { max: 3 } },
  });
  fixture = await startGoFixture();
});
afterAll(async () => {
  await Promise.all([host?.stop(), fixture?.stop()]);
});

const body = (name: string, url: string, extra: object = {}) => ({
  name,
  service_name: 'api',
  url,
  interval: '10s',
  enabled: false,
  ...extra,
});

it('updates a target in full with its version; a stale version is a 409', async () => {
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: body('api-a', 'http://127.0.0.1:7001/debug/vars', { max_custom_vars: 7 }),
  });
  expect(created.status).toBe(200);
  const { id, version } = created.body;

  const updated = await host.request('PUT', `/api/go_runtime/targets/${id}`, {
    body: {
      name: 'api-a2',
      service_name: 'api2',
      url: 'http://127.0.0.1:7002/debug/vars',
      interval: '30s',
      enabled: false,
      version,
    },
  });
  expect(updated.status).toBe(200);
  // A full update: the left-out max_custom_vars is back at its default.
  expect(updated.body).toMatchObject({
    id,
    name: 'api-a2',
    service_name: 'api2',
    interval: '30s',
    url: 'http://127.0.0.1:7002/debug/vars',
    max_custom_vars: 500,
  });
  expect(updated.body.version).not.toBe(version);

  const stale = await host.request('PUT', `/api/go_runtime/targets/${id}`, {
    body: { ...body('api-a3', 'http://127.0.0.1:7003/debug/vars'), version },
  });
  expect(stale.status).toBe(409);
  expect(stale.body.message).toMatch(/changed by someone else; reload it/);
  expect((await host.request('GET', `/api/go_runtime/targets/${id}`)).body.name).toBe('api-a2');

  const missing = await host.request('PUT', '/api/go_runtime/targets/nope', {
    body: { ...body('x', 'http://127.0.0.1:7009/debug/vars'), version },
  });
  expect(missing.status).toBe(404);
  const unversioned = await host.request('PUT', `/api/go_runtime/targets/${id}`, {
    body: body('x', 'http://127.0.0.1:7009/debug/vars'),
  });
  expect(unversioned.status).toBe(400);
  expect(unversioned.body.message).toMatch(/\[version\] is required/);

  expect((await host.request('POST', `/api/go_runtime/targets/${id}/_enable`)).body.enabled).toBe(
    true
  );
  expect((await host.request('POST', `/api/go_runtime/targets/${id}/_disable`)).body.enabled).toBe(
    false
  );
  expect((await host.request('POST', '/api/go_runtime/targets/nope/_enable')).status).toBe(404);
  await host.request('DELETE', `/api/go_runtime/targets/${id}`);
});

it('refuses a second target for the same URL, in any spelling, naming the first', async () => {
  const first = await host.request('POST', '/api/go_runtime/targets', {
    body: body('dup-1', 'http://127.0.0.1:7010/debug/vars'),
  });
  expect(first.status).toBe(200);
  const again = await host.request('POST', '/api/go_runtime/targets', {
    body: body('dup-2', 'HTTP://127.0.0.1:7010/debug/vars#x'),
  });
  expect(again.status).toBe(409);
  expect(again.body.message).toContain(`[dup-1] (id ${first.body.id})`);
  // Moving another target onto that URL is refused the same way.
  const other = await host.request('POST', '/api/go_runtime/targets', {
    body: body('dup-3', 'http://127.0.0.1:7011/debug/vars'),
  });
  const moved = await host.request('PUT', `/api/go_runtime/targets/${other.body.id}`, {
    body: { ...body('dup-3', 'http://127.0.0.1:7010/debug/vars'), version: other.body.version },
  });
  expect(moved.status).toBe(409);
  // Its own URL is no duplicate of itself.
  const same = await host.request('PUT', `/api/go_runtime/targets/${other.body.id}`, {
    body: { ...body('dup-3b', 'http://127.0.0.1:7011/debug/vars'), version: other.body.version },
  });
  expect(same.status).toBe(200);
  await host.request('POST', '/api/go_runtime/targets/_bulk_delete', {
    body: { ids: [first.body.id, other.body.id] },
  });
});

it('enforces go_runtime.targets.max at creation with a clear error', async () => {
  const ids: string[] = [];
  for (let k = 0; k < 3; k++) {
    const created = await host.request('POST', '/api/go_runtime/targets', {
      body: body(`cap-${k}`, `http://127.0.0.1:${7100 + k}/debug/vars`),
    });
    expect(created.status).toBe(200);
    ids.push(created.body.id);
  }
  const over = await host.request('POST', '/api/go_runtime/targets', {
    body: body('cap-3', 'http://127.0.0.1:7103/debug/vars'),
  });
  expect(over.status).toBe(400);
  expect(over.body.message).toMatch(
    /There are 3 targets already, the most go_runtime\.targets\.max allows/
  );

  // Listed a page at a time, searched and sorted by the server.
  const page = await host.request(
    'GET',
    '/api/go_runtime/targets?per_page=2&page=2&sort_field=name&sort_order=desc'
  );
  expect(page.body.total).toBe(3);
  expect(page.body.targets.map((t: { name: string }) => t.name)).toEqual(['cap-0']);
  const found = await host.request(
    'GET',
    `/api/go_runtime/targets?search=${encodeURIComponent('cap-1')}`
  );
  expect(found.body.targets.map((t: { name: string }) => t.name)).toEqual(['cap-1']);
  expect(
    (await host.request('GET', '/api/go_runtime/targets?search=nothing-like-it')).body
  ).toEqual({ targets: [], total: 0 });
  expect((await host.request('GET', '/api/go_runtime/targets?per_page=0')).status).toBe(400);
  expect((await host.request('GET', '/api/go_runtime/targets?sort_field=interval')).status).toBe(
    400
  );

  const disabled = await host.request('POST', '/api/go_runtime/targets/_bulk_enable', {
    body: { ids: [...ids, 'missing'] },
  });
  expect(disabled.body).toEqual({
    total: 4,
    succeeded: ids,
    errors: [{ id: 'missing', status: 404, message: 'Target [missing] not found' }],
  });
  const listed = await host.request('GET', '/api/go_runtime/targets');
  expect(
    listed.body.targets
      .filter((t: { enabled: boolean }) => t.enabled)
      .map((t: { id: string }) => t.id)
      .sort()
  ).toEqual([...ids].sort());
  expect(
    (await host.request('POST', '/api/go_runtime/targets/_bulk_disable', { body: { ids } })).body
      .succeeded
  ).toEqual(ids);

  const deleted = await host.request('POST', '/api/go_runtime/targets/_bulk_delete', {
    body: { ids: [...ids, 'missing'] },
  });
  expect(deleted.body).toMatchObject({
    total: 4,
    succeeded: ids,
    errors: [{ id: 'missing', status: 404 }],
  });
  expect((await host.request('GET', '/api/go_runtime/targets')).body.total).toBe(0);
  expect(
    (await host.request('POST', '/api/go_runtime/targets/_bulk_delete', { body: { ids: [] } }))
      .status
  ).toBe(400);
});

it('refuses names with control characters or over 256 characters', async () => {
  for (const name of ['tab\there', 'bell\u0007', 'zero\u200bwidth', 'x'.repeat(257)]) {
    const refused = await host.request('POST', '/api/go_runtime/targets', {
      body: body(name, 'http://127.0.0.1:7200/debug/vars'),
    });
    expect([JSON.stringify(name), refused.status]).toEqual([JSON.stringify(name), 400]);
    expect(refused.body.message).toMatch(/\[name\] must (be printable|be at most 256)/);
  }
  const service = await host.request('POST', '/api/go_runtime/targets', {
    body: { ...body('ok', 'http://127.0.0.1:7200/debug/vars'), service_name: 'a\nb' },
  });
  expect(service.status).toBe(400);
  expect(service.body.message).toMatch(
    /\[service_name\] must be printable; it contains the control character U\+000A/
  );
});

it('tests a connection once without saving: a real Go program, a closed port, a 500, a denied address', async () => {
  const ok = await host.request('POST', '/api/go_runtime/targets/_test', {
    body: { url: fixture.varsUrl },
  });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ ok: true, status: 200, memstats: true });
  expect(ok.body.bytes).toBeGreaterThan(1000);
  expect(ok.body.latency_ms).toBeGreaterThan(0);
  await fixture.setVar('queue_depth', '3');
  expect(
    (
      await host.request('POST', '/api/go_runtime/targets/_test', {
        body: { url: fixture.varsUrl },
      })
    ).body.custom_vars
  ).toBeGreaterThanOrEqual(1);

  const closed = await host.request('POST', '/api/go_runtime/targets/_test', {
    body: { url: `http://127.0.0.1:${await freePort()}/debug/vars` },
  });
  expect(closed.body).toMatchObject({
    ok: false,
    bytes: 0,
    memstats: false,
    error: { class: 'refused' },
  });

  await fixture.setMode('status500');
  const failing = await host.request('POST', '/api/go_runtime/targets/_test', {
    body: { url: fixture.varsUrl },
  });
  expect(failing.body).toMatchObject({ ok: false, status: 500, error: { class: 'http_status' } });
  await fixture.setMode('expvar');

  const denied = await host.request('POST', '/api/go_runtime/targets/_test', {
    body: { url: 'http://169.254.169.254/latest/meta-data/' },
  });
  expect(denied.status).toBe(400);
  expect(denied.body.message).toMatch(/\[url\] is refused/);
  expect((await host.request('GET', '/api/go_runtime/targets')).body.total).toBe(0);
  // Testing makes the server fetch: the read-only role may not.
  expect(
    (
      await host.request('POST', '/api/go_runtime/targets/_test', {
        body: { url: fixture.varsUrl },
        user: 'go_viewer',
      })
    ).status
  ).toBe(403);
});
