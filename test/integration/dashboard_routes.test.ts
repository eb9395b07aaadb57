/**
 * The dashboards' internal routes through a real dev host: the feature's read privilege is
 * enough for every one of them, no privilege gets a 403 from each, and a bad query is a 400
 * that names the field.
 */
import {
  INSTANCE_LATEST_ROUTE,
  RESTARTS_ROUTE,
  SERVICES_ROUTE,
  SERVICE_HEALTH_ROUTE,
  SERVICE_INSTANCES_ROUTE,
  panelRoute,
} from '../../common/dashboard_routes';
import { PANEL_IDS } from '../../common/panels';
import { GOROUTINES_ROUTE, HEAP_PROFILE_ROUTE } from '../../common/profile_pages';
import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

jest.setTimeout(120_000);

let host: HostProcess;
beforeAll(async () => {
  host = await startHostProcess({ indexPrefix: uniquePrefix('dashroutes') });
});
afterAll(async () => host?.stop());

const range = `from=${encodeURIComponent(
  new Date(Date.now() - 3_600_000).toISOString()
)}&to=${encodeURIComponent(new Date().toISOString())}`;
const ROUTES = [
  `${SERVICES_ROUTE}?${range}`,
  `${SERVICE_INSTANCES_ROUTE}?${range}&service_name=orders`,
  `${RESTARTS_ROUTE}?${range}&service_name=orders`,
  `${INSTANCE_LATEST_ROUTE}?${range}&service_name=orders&instance=orders-1`,
  `${SERVICE_HEALTH_ROUTE}?service_name=orders&instance=orders-1`,
  `${HEAP_PROFILE_ROUTE}?${range}&service_name=orders&instance=orders-1`,
  `${GOROUTINES_ROUTE}?${range}&service_name=orders`,
  ...PANEL_IDS.map(
    (panel) =>
      `${panelRoute(panel)}?${range}&service_name=orders&instances=orders-1&instances=orders-2`
  ),
];
const internal = { 'x-elastic-internal-origin': 'Kibana' };

describe('dashboard routes', () => {
  it.each(ROUTES)('a read-only user may call %s', async (route) => {
    const response = await host.request('GET', route, { user: 'go_viewer', headers: internal });
    expect(response.status).toBe(200);
  });

  it.each(ROUTES)('a user without the feature gets 403 from %s', async (route) => {
    const response = await host.request('GET', route, { user: 'no_access', headers: internal });
    expect(response.status).toBe(403);
    expect(response.body.message).toContain('goRuntime-read');
  });

  it('rejects a bad query with a 400 naming the field', async () => {
    const noService = await host.request('GET', `${panelRoute('heap')}?${range}`, {
      headers: internal,
    });
    expect(noService.status).toBe(400);
    expect(noService.body.message).toContain('[service_name] is required');
    const badFlag = await host.request(
      'GET',
      `${panelRoute('heap')}?${range}&service_name=x&by_instance=yes`,
      { headers: internal }
    );
    expect(badFlag.body.message).toContain('[by_instance] must be true or false');
    const backwards = await host.request(
      'GET',
      `${SERVICES_ROUTE}?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`,
      { headers: internal }
    );
    expect(backwards).toMatchObject({
      status: 400,
      body: { message: '[to] must be after [from]' },
    });
  });
});
