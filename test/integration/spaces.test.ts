import type { Client } from '@elastic/elasticsearch';
import { SERVICES_ROUTE, panelRoute } from '../../common/dashboard_routes';
import { esClient, heapDocuments, scrapeHealthDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startSecureFixture, type SecureFixture } from '../harness/secure_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(180_000);

let host: HostProcess;
let secured: SecureFixture;
let plain: GoFixture;
let client: Client;

beforeAll(async () => {
  client = esClient();
  [host, secured, plain] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('spaces'), ui: true }),
    startSecureFixture({ basicAuth: 'team:team-a-password' }),
    startGoFixture(),
  ]);
});
afterAll(async () => {
  await Promise.all([host?.stop(), secured?.stop(), plain?.stop()]);
  await client?.close();
});

const TEAM = '/s/team-a/api/go_runtime/targets';
const DEFAULT = '/api/go_runtime/targets';

it('keeps the targets, their health and their documents of one space out of another', async () => {
  const inTeam = await host.request('POST', TEAM, {
    body: {
      name: 'team-target',
      service_name: 'team',
      url: secured.varsUrl,
      interval: '1s',
      auth: { type: 'basic', username: 'team', password: 'team-a-password' },
    },
  });
  expect(inTeam.status).toBe(200);
  const inDefault = await host.request('POST', DEFAULT, {
    body: { name: 'default-target', service_name: 'default', url: plain.varsUrl, interval: '1s' },
  });
  expect(inDefault.status).toBe(200);
  const teamId = inTeam.body.id;

  // Listed only in its own space, with its health there.
  const teamList = await waitFor('the team target up in its space', async () => {
    const listed = await host.request('GET', TEAM);
    return listed.body.targets[0]?.health?.status === 'up' ? listed.body : undefined;
  });
  expect(teamList.targets.map((t: { name: string }) => t.name)).toEqual(['team-target']);
  expect(
    (await host.request('GET', DEFAULT)).body.targets.map((t: { name: string }) => t.name)
  ).toEqual(['default-target']);

  // From the default space, the team's target does not exist.
  expect((await host.request('GET', `${DEFAULT}/${teamId}`)).status).toBe(404);
  expect((await host.request('POST', `${DEFAULT}/${teamId}/_disable`)).status).toBe(404);
  expect(
    (
      await host.request('PUT', `${DEFAULT}/${teamId}`, {
        body: {
          name: 'x',
          service_name: 'x',
          url: secured.varsUrl,
          interval: '1s',
          version: inTeam.body.version,
        },
      })
    ).status
  ).toBe(404);
  expect((await host.request('DELETE', `${DEFAULT}/${teamId}`)).status).toBe(404);
  const bulk = await host.request('POST', `${DEFAULT}/_bulk_delete`, { body: { ids: [teamId] } });
  expect(bulk.body).toMatchObject({ succeeded: [], errors: [{ id: teamId, status: 404 }] });
  expect((await host.request('GET', `${TEAM}/${teamId}`)).status).toBe(200);
  // Duplicates are a space's own business: the same endpoint may be a target in another space.
  expect(
    (
      await host.request('POST', DEFAULT, {
        body: {
          name: 'same-url',
          service_name: 'x',
          url: secured.varsUrl,
          interval: '1s',
          enabled: false,
        },
      })
    ).status
  ).toBe(200);

  // Its documents carry its space.
  const health = await waitFor(
    'a health document of the team target',
    async () => (await scrapeHealthDocuments(client, teamId))[0]
  );
  expect(health.go_runtime.target.space_id).toBe('team-a');
  expect(health.event.outcome).toBe('success');
  const heap = await waitFor(
    'a heap document of the team target',
    async () => (await heapDocuments(client, teamId))[0]
  );
  expect(heap.go_runtime.target.space_id).toBe('team-a');
  const other = await waitFor(
    'a heap document of the default target',
    async () => (await heapDocuments(client, inDefault.body.id))[0]
  );
  expect(other.go_runtime.target.space_id).toBe('default');

  // The charts read only their space: each space's services list and panels see its own service.
  const range = `from=${new Date(
    Date.now() - 3_600_000
  ).toISOString()}&to=${new Date().toISOString()}`;
  const internal = { headers: { 'x-elastic-internal-origin': 'Kibana' } };
  const servicesIn = async (prefix: string) =>
    (await host.request('GET', `${prefix}${SERVICES_ROUTE}?${range}`, internal)).body.services.map(
      (service: { service_name: string }) => service.service_name
    );
  expect(await servicesIn('/s/team-a')).toEqual(['team']);
  // The default space holds other tests' services too (one cluster for the suite).
  const inDefaultSpace = await servicesIn('');
  expect(inDefaultSpace).toContain('default');
  expect(inDefaultSpace).not.toContain('team');
  const heapLines = async (prefix: string, service: string) =>
    (
      await host.request(
        'GET',
        `${prefix}${panelRoute('heap')}?${range}&service_name=${service}`,
        internal
      )
    ).body.lines.length;
  expect(await heapLines('/s/team-a', 'team')).toBeGreaterThan(0);
  expect(await heapLines('', 'team')).toBe(0);
  expect(await heapLines('/s/team-a', 'default')).toBe(0);

  // An update in its space that leaves the password out keeps it (decrypted in that space).
  const updated = await host.request('PUT', `${TEAM}/${teamId}`, {
    body: {
      name: 'team-target-2',
      service_name: 'team',
      url: secured.varsUrl,
      interval: '1s',
      version: (await host.request('GET', `${TEAM}/${teamId}`)).body.version,
      auth: { type: 'basic', username: 'team' },
    },
  });
  expect(updated.status).toBe(200);
  const at = Date.now();
  const after = await waitFor('a scrape after the update', async () =>
    (
      await scrapeHealthDocuments(client, teamId)
    ).find(
      (doc) => doc.go_runtime.target.name === 'team-target-2' && Date.parse(doc.event.start) > at
    )
  );
  expect(after.event.outcome).toBe('success');
});

it('serves the app under /s/<space> with that base path', async () => {
  const response = await fetch(`${host.url}/s/team-a/app/goRuntime/targets`);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain('"basePath":"/s/team-a"');
  // The bundles load under the space's prefix too.
  const bundle = /(?:href|src)="(\/s\/team-a\/bundles\/[^"]+)"/.exec(html)?.[1];
  expect(bundle).toBeDefined();
  expect((await fetch(`${host.url}${bundle}`)).status).toBe(200);
});
