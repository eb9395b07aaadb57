/**
 * Service health on real Elasticsearch, from the scrape documents a real host writes for a real
 * Go program: up while it answers; down, since its first failure and why, once it stops;
 * stale once its target is disabled. The services list says the same.
 */
import { SERVICES_ROUTE, SERVICE_HEALTH_ROUTE } from '../../common/dashboard_routes';
import type { ServiceHealthResponse, ServicesResponse } from '../../common/panels';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(180_000);

const SERVICE = 'health-svc';
const internal = { 'x-elastic-internal-origin': 'Kibana' };
let host: HostProcess;
let fixture: GoFixture;

beforeAll(async () => {
  [host, fixture] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('svchealth') }),
    startGoFixture(),
  ]);
});
afterAll(async () => {
  await Promise.all([host?.stop(), fixture?.stop()]);
});

async function health(): Promise<ServiceHealthResponse> {
  const response = await host.request('GET', `${SERVICE_HEALTH_ROUTE}?service_name=${SERVICE}`, {
    headers: internal,
  });
  expect(response.status).toBe(200);
  return response.body;
}

async function listed() {
  const to = new Date();
  const from = new Date(to.getTime() - 3_600_000);
  const response = await host.request(
    'GET',
    `${SERVICES_ROUTE}?from=${from.toISOString()}&to=${to.toISOString()}`,
    { headers: internal }
  );
  expect(response.status).toBe(200);
  return (response.body as ServicesResponse).services.find((s) => s.service_name === SERVICE);
}

it('is up, then down since the first failure with its reason, then stale once disabled', async () => {
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: { name: 'health-a', service_name: SERVICE, url: fixture.varsUrl, interval: '1s' },
  });
  expect(created.status).toBe(200);
  const up = await waitFor('the instance up', async () => {
    const body = await health();
    return body.instances[0]?.state === 'up' && body.last_sample_at !== null ? body : undefined;
  });
  expect(up.health).toEqual({ state: 'healthy', up: 1, down: 0, stale: 0 });
  expect(up.instances[0]).toMatchObject({ instance: 'health-a', target_id: created.body.id });
  await waitFor('the service listed healthy', async () =>
    (await listed())?.health.state === 'healthy' ? true : undefined
  );

  await fixture.stop();
  const down = await waitFor('the instance down', async () => {
    const body = await health();
    return body.instances[0]?.state === 'down' ? body : undefined;
  });
  const instance = down.instances[0]!;
  if (instance.state !== 'down') throw new Error('unreachable');
  expect(down.health).toEqual({ state: 'down', up: 0, down: 1, stale: 0 });
  expect(instance.error.class).toBe('refused');
  expect(instance.error.message).toMatch(/connection refused/);
  // The outage began with the first failure after the last success, not at the newest one.
  expect(instance.last_success_at).toBeDefined();
  expect(instance.down_since).toBeGreaterThan(instance.last_success_at!);
  expect(instance.down_since).toBeLessThanOrEqual(instance.last_attempt_at);
  const later = await waitFor('a later failure', async () => {
    const body = await health();
    const next = body.instances[0];
    return next?.state === 'down' && next.last_attempt_at > instance.last_attempt_at
      ? next
      : undefined;
  });
  expect(later).toMatchObject({ down_since: instance.down_since });
  // The last sample stays known: the dashboards say "last seen", not "never seen".
  expect(down.last_sample_at).toBeGreaterThanOrEqual(up.last_sample_at!);
  const row = await waitFor('the service listed down', async () => {
    const service = await listed();
    return service?.health.state === 'down' ? service : undefined;
  });
  expect(row.health).toEqual({ state: 'down', up: 0, down: 1, stale: 0 });

  const target = (await host.request('GET', `/api/go_runtime/targets/${created.body.id}`)).body;
  const disabled = await host.request('PUT', `/api/go_runtime/targets/${created.body.id}`, {
    body: {
      name: target.name,
      service_name: target.service_name,
      url: target.url,
      interval: target.interval,
      version: target.version,
      enabled: false,
    },
  });
  expect(disabled.status).toBe(200);
  const stale = await waitFor('the instance stale', async () => {
    const body = await health();
    return body.instances[0]?.state === 'stale' ? body : undefined;
  });
  expect(stale.instances[0]).toMatchObject({ state: 'stale', cause: 'disabled' });
  expect(stale.health?.state).toBe('stale');
});

it('knows nothing of a service never collected', async () => {
  const response = await host.request(
    'GET',
    `${SERVICE_HEALTH_ROUTE}?service_name=never-collected`,
    { headers: internal }
  );
  expect(response.body).toEqual({ health: null, instances: [], last_sample_at: null });
});
